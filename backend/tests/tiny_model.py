"""Write a tiny llama model with random weights, for the tests' model server: `tiny_model.py OUT`.

Run by the model server's own Python (`.venv-model-server`), which has numpy
and gguf; the test suite never imports it. The model is two layers of 32
dimensions over a byte-level vocabulary (every byte a token, GPT-2 style, plus
one merge, without which llama.cpp refuses the vocabulary), about 150 KB. Its
answers are nonsense, which is what the LLM analyzer's tests want: with the
answer schema as a grammar it writes schema-shaped nonsense, fast.

The layers are random and small, so the next token depends mostly on the
last one, through the embedding and output weights; those are random too,
around one direction that favours a few dozen characters (`FAVOURED`): some
letters, digits, spaces, JSON's punctuation and two control characters. Out
of the grammar's choices the server's sampler (top 40, temperature 0.8) then
picks among those, so labels are words, not one unreadable run, and numbers
are short: the nonsense has the shape the repair step must survive (ranges
outside the file and backwards, labels of one word or ten, raw control
characters), not only one that it rejects outright.
"""

from __future__ import annotations

import sys

import numpy as np
from gguf import GGUFWriter, TokenType

EMBEDDING = 32
FEED_FORWARD = 64
LAYERS = 2
HEADS = 2
CONTEXT = 16384
SPECIALS = ("<s>", "</s>", "<unk>", "<pad>")
FAVOURED = {
    **dict.fromkeys("etaoinshrdlucmfp", 1.0),
    **dict.fromkeys("0123456789", 0.5),
    " ": 6.0,
    '"': 1.3,
    ",": 3.0,
    "]": 0.7,
    "}": 1.5,
    "[": 3.0,
    "{": 3.0,
    ":": 1.0,
    "\x01": 0.1,
    "\t": 0.1,
}
"""Characters the model leans to, with their relative odds."""
SAMPLING_TEMPERATURE = 0.8
HIDDEN_NORM = EMBEDDING**0.5
"""The length of a hidden state after RMS normalisation."""
CHAT_TEMPLATE = (
    "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n"
    "{% endfor %}assistant: "
)


def byte_tokens() -> list[str]:
    """The 256 byte tokens as GPT-2's byte-level vocabulary spells them (printable stand-ins)."""
    printable = [*range(ord("!"), ord("~") + 1), *range(0xA1, 0xAD), *range(0xAE, 0x100)]
    spelling = {byte: chr(byte) for byte in printable}
    spare = 256
    for byte in range(256):
        if byte not in spelling:
            spelling[byte] = chr(spare)
            spare += 1
    return [spelling[byte] for byte in range(256)]


def write(path: str) -> None:
    tokens = [*byte_tokens(), "ab", *SPECIALS]
    writer = GGUFWriter(path, "llama")
    writer.add_name("iris-tests-tiny-random")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(EMBEDDING)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(FEED_FORWARD)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(HEADS)
    writer.add_rope_dimension_count(EMBEDDING // HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(0)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(tokens)
    writer.add_token_types([TokenType.NORMAL] * 257 + [TokenType.CONTROL] * len(SPECIALS))
    writer.add_token_merges(["a b"])
    writer.add_bos_token_id(257)
    writer.add_eos_token_id(258)
    writer.add_unk_token_id(259)
    writer.add_pad_token_id(260)
    writer.add_chat_template(CHAT_TEMPLATE)
    random = np.random.default_rng(0)

    def weights(name: str, *shape: int, scale: float = 0.02) -> None:
        writer.add_tensor(name, (random.standard_normal(shape) * scale).astype(np.float32))

    def ones(name: str) -> None:
        writer.add_tensor(name, np.ones(EMBEDDING, dtype=np.float32))

    direction = np.zeros(EMBEDDING, dtype=np.float32)
    direction[0] = 1.0
    embedding = random.standard_normal((len(tokens), EMBEDDING)) * 0.05 + direction
    writer.add_tensor("token_embd.weight", embedding.astype(np.float32))
    ones("output_norm.weight")
    output = random.standard_normal((len(tokens), EMBEDDING)) * 0.003
    for character, odds in FAVOURED.items():
        lean = 1.0 + SAMPLING_TEMPERATURE * np.log(odds) / HIDDEN_NORM
        output[ord(character)] += direction * lean
    writer.add_tensor("output.weight", output.astype(np.float32))
    for layer in range(LAYERS):
        block = f"blk.{layer}"
        ones(f"{block}.attn_norm.weight")
        for part in ("attn_q", "attn_k", "attn_v", "attn_output"):
            weights(f"{block}.{part}.weight", EMBEDDING, EMBEDDING)
        ones(f"{block}.ffn_norm.weight")
        weights(f"{block}.ffn_gate.weight", FEED_FORWARD, EMBEDDING)
        weights(f"{block}.ffn_up.weight", FEED_FORWARD, EMBEDDING)
        weights(f"{block}.ffn_down.weight", EMBEDDING, FEED_FORWARD)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    write(sys.argv[1])
