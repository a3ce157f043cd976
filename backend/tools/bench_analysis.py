"""Benchmark the analyzers: typical files, real code, hostile input and the budget's cost.

1. A 2,000-line file in Python and in TypeScript, and a cache hit, as medians
   beside their targets (20 ms per 2,000-line analysis, 1 ms for a cache hit
   through the Flask test client, its body serialised once beforehand so the
   client's own JSON encoding is not counted). The files are generated here,
   with the constructs real files have.
2. Real code: every top-level module of the standard library (and npm's own
   JavaScript where this machine has it), in ms per 1,000 lines (target 10).
3. The worst cases: each hostile family of `hostile_sources.py` at 64, 256
   and 512 KiB, with the ratio between the last two (target: 512 KiB within
   1 s and at most 2.5 times the 256 KiB time).
4. What the budget's checks cost, as a share of a typical analysis (target 2%).
5. What the backend itself spends on a model's answer with `IRIS_ANALYZER=llm`
   (the outline kept ready for the fallback, the prompt, mending a 12-block
   answer), beside the builtin analysis of the same file, timed in turn
   (target: at most 1.25 times it). The model's own latency is not in it.
6. The bounds of one request, as a user meets them: every hostile family at
   64, 256 and 512 KiB of source (sent numbered, as the VS Code extension
   sends it) and every hostile body (`BODY_FAMILIES`) at 64 KiB, 512 KiB and
   6 MiB, each to a fresh process on both paths (`python server.py` and the
   Lambda handler, `fresh_requests.py`), then the slowest families with a
   model server that stalls or drips its answer. Each shows its wall time and
   how far the process's resident memory rose above idle; the bounds are the
   budget + 250 ms (+ `IRIS_LLM_TIMEOUT_MS` with a model), 100 MB, the right
   status (200 for a source, 400 for a body the contract cannot hold) and an
   answer under 8 KB. These are absolute, not scaled: they must hold on any
   machine.

Every figure of 1 to 5 is also shown scaled to the quiet machine by a
reference loop timed in the same round. The command exits 1 when any target
is missed.

    PYTHONPATH=src python tools/bench_analysis.py [--rounds 8] [--runs 15] [--worst-runs 3]
        [--bound-sizes 64,256,512] [--paths server,lambda] [--sections 1,2,3,4,5,6]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import fresh_requests
from hostile_sources import BODY_FAMILIES, FAMILIES
from machine import machine, verdict

from iris import create_app
from iris.analysis import ANALYZERS, read_code
from iris.analysis.budget import Budget
from iris.analysis.llm.prompt import request_body
from iris.analysis.llm.repair import mended_text
from iris.analysis.source import editor_lines
from iris.config import DEFAULT_ANALYSIS_BUDGET_MS

TARGET_LINES = 2000
ANALYSIS_TARGET_MS = 20.0
CACHE_HIT_TARGET_MS = 1.0
REAL_CODE_TARGET_MS = 10.0
WORST_CASE_TARGET_S = 1.0
WORST_CASE_RATIO = 2.5
BUDGET_SHARE_TARGET = 0.02
MODEL_PATH_TARGET = 1.25
SIZES_KIB = (64, 256, 512)
BODY_SIZES = {"64 KiB": 64 * 1024, "512 KiB": 512 * 1024, "6 MiB": 6 * 1024 * 1024}
WALL_SLACK_MS = 250
RSS_GROWTH_BOUND_MB = 100
ANSWER_BOUND_BYTES = 8 * 1024
MODEL_TIMEOUT_MS = 1000
MODEL_FAMILIES = ("assignments", "decorators with nothing below", "names on their own")
"""The slowest families by their 512 KiB time, asked of a model that never answers in time."""
REFERENCE = "machine reference (fixed Python loop)"
QUIET_REFERENCE_MS = 5.35
"""The reference's time on this machine when it is quiet (its best seen, 2026-11-26).

The machine is shared and its speed drifts by up to 1.5x from minute to minute;
timing the reference in every round and scaling by it shows each figure as it
would be on the quiet machine the targets were set for.
"""


def reference_workload() -> int:
    return sum(number * number for number in range(100_000))


def python_file(lines: int = TARGET_LINES) -> str:
    parts = ['"""Generated module for the analysis benchmark."""\n', "import json\nimport re\n"]
    index = 0
    while sum(part.count("\n") for part in parts) < lines:
        parts.append(
            f'''
LIMIT_{index} = {{"name": "limit {{braces}}", "size": {index}}}


@staticmethod
def parse_{index}(text):
    """Parse item {index} from text."""
    pattern = re.compile(r"[{{}}]+\\d{{2}}")
    if pattern.search(text):
        return json.loads(text)["items"][{index}]
    return None


def render_{index}(item):
    return f"<li>{{item}}</li>" + str(parse_{index}(item))


class Store{index}(dict):
    """Keeps items for batch {index}."""

    def add(self, item):
        self[item] = render_{index}(item)

    def remove(self, item):
        del self[item]
'''
        )
        index += 1
    return "".join(parts)


def typescript_file(lines: int = TARGET_LINES) -> str:
    parts = [
        "/** Generated module for the analysis benchmark. */\n",
        'import { api } from "./api";\n',
    ]
    index = 0
    while sum(part.count("\n") for part in parts) < lines:
        parts.append(
            f"""
export interface Item{index} {{
  id: number;
  tags: Array<string>;
}}

export type Handler{index} = (item: Item{index}) => Promise<void>;

const PATTERN_{index} = /[{{}}]+\\d{{2}}/g;

/** Loads batch {index}. */
export async function load{index}(id: number): Promise<Item{index}[]> {{
  const url = `/items/${{id}}?batch=${{`{index}`}}&q={{x}}`;
  const rows = await api.get(url);
  return rows.filter((row: Item{index}) => PATTERN_{index}.test(String(row.id)) && row.id / 2 > 1);
}}

@Injectable()
export class Service{index}<T extends Item{index}> {{
  private cache = new Map<number, T>();

  async refresh(id: number): Promise<void> {{
    for (const item of await load{index}(id)) {{
      this.cache.set(item.id, item as T);
    }}
  }}
}}
"""
        )
        index += 1
    return "".join(parts)


def timings_ms(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def measure(
    actions: dict[str, Callable[[], object]], rounds: int, runs: int
) -> dict[str, list[list[float]]]:
    """Rounds of runs, the actions taking turns, so a slow spell hits them all alike."""
    for action in actions.values():
        action()
    results: dict[str, list[list[float]]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            results[name].append(timings_ms(action, runs))
    return results


def quiet(measured: float, reference_ms: float) -> float:
    return measured * QUIET_REFERENCE_MS / reference_ms


def reference_ms() -> float:
    return statistics.median(timings_ms(reference_workload, 5))


def analyze(source: str, language: str, budget: Budget | None = None) -> object:
    return read_code(ANALYZERS[language](), source, language, "bench", budget)


def real_code() -> dict[str, list[Path]]:
    """The standard library's top-level modules, and npm's JavaScript if it is installed."""
    folders = {"python": Path(os.__file__).parent}
    npm = Path(shutil.which("npm") or "").resolve().parent.parent
    if (npm / "lib").is_dir():
        folders["javascript"] = npm
    files = {"python": sorted(folders["python"].glob("*.py"))}
    if "javascript" in folders:
        files["javascript"] = sorted(folders["javascript"].rglob("*.js"))[:1500]
    return {
        language: [path for path in paths if path.stat().st_size <= 512 * 1024]
        for language, paths in files.items()
    }


def bench_real_code() -> bool:
    print("\nReal code, ms per 1,000 lines (all files analysed once, in turn with the reference):")
    ok = True
    for language, paths in real_code().items():
        sources = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
        lines = sum(len(editor_lines(source)) for source in sources)
        speed = reference_ms()
        started = time.perf_counter()
        for source in sources:
            analyze(source, language)
        elapsed = (time.perf_counter() - started) * 1000
        speed = (speed + reference_ms()) / 2
        per_thousand = quiet(elapsed, speed) * 1000 / lines
        passed = per_thousand <= REAL_CODE_TARGET_MS
        ok &= passed
        print(
            f"  {language:<12} {len(sources):5d} files {lines:8d} lines "
            f"{elapsed * 1000 / lines:6.2f} ms, {per_thousand:6.2f} ms at quiet speed "
            f"(target {REAL_CODE_TARGET_MS:.0f})  {verdict(passed)}"
        )
    return ok


def bench_worst_cases(runs: int) -> bool:
    print(
        f"\nWorst cases, median of {runs} runs in seconds at quiet speed "
        f"(target: 512 KiB within {WORST_CASE_TARGET_S:.0f} s, 512/256 at most {WORST_CASE_RATIO}):"
    )
    header = "".join(f"{size:>6} KiB" for size in SIZES_KIB)
    print(f"  {'family':<34} {'language':<16}{header} {'512/256':>8}")
    ok = True
    for name, (language, make) in FAMILIES.items():
        times = []
        for size in SIZES_KIB:
            source = make(size * 1024)
            samples = []
            for _ in range(runs):
                speed = reference_ms()
                started = time.perf_counter()
                analyze(source, language)
                samples.append(quiet(time.perf_counter() - started, speed))
            times.append(statistics.median(samples))
        ratio = times[2] / max(times[1], 1e-4)
        passed = times[2] <= WORST_CASE_TARGET_S and (ratio <= WORST_CASE_RATIO or times[2] < 0.05)
        ok &= passed
        cells = "".join(f"{seconds:10.3f}" for seconds in times)
        print(f"  {name:<34} {language:<16}{cells} {ratio:8.2f}  {verdict(passed)}")
    return ok


class CountingBudget(Budget):
    """A budget that also counts how often it is asked: each ask is what a check costs."""

    def __init__(self, seconds: float | None) -> None:
        super().__init__(seconds)
        self.asks = 0

    def tick(self, steps: int = 1) -> None:
        self.asks += 1
        super().tick(steps)


def bench_budget_checks(python_source: str, typescript_source: str) -> bool:
    """The checks' cost: how often an analysis asks, times what one ask costs alone."""
    budget = Budget(60.0)
    started = time.perf_counter()
    for _ in range(100_000):
        budget.tick()
    per_ask = (time.perf_counter() - started) / 100_000
    ok = True
    print("\nBudget checks, as a share of a typical analysis:")
    for name, source, language in (
        ("Python, 2,000 lines", python_source, "python"),
        ("TypeScript, 2,000 lines", typescript_source, "typescript"),
    ):
        counted = CountingBudget(60.0)
        analysis_s = (
            statistics.median(timings_ms(lambda s=source, lang=language: analyze(s, lang), 9))
            / 1000
        )
        analyze(source, language, counted)
        share = counted.asks * per_ask / analysis_s
        passed = share <= BUDGET_SHARE_TARGET
        ok &= passed
        print(f"  {name:<26} {counted.asks:7d} checks {share:7.2%}  {verdict(passed)}")
    return ok


def model_answer(line_count: int) -> str:
    """A 12-block answer spread over the file, as a model would write it."""
    step = line_count // 12
    blocks = [
        {
            "label": f"Responsibility number {number}",
            "description": "What this part of the file does for the rest of it.",
            "ranges": [
                [number * step + 1, number * step + step // 2],
                [number * step + step // 2 + 2, (number + 1) * step],
            ],
        }
        for number in range(12)
    ]
    return json.dumps(
        {"file_intent": "A generated file for the benchmark", "responsibility_blocks": blocks}
    )


def around_model_call(source: str, language: str, answer: str) -> object:
    """The service's own work on a model's answer: outline, prompt, mending."""
    lines = editor_lines(source)
    outline = ANALYZERS[language]().outline(lines, language, Budget(None))
    request_body("bench", "json_schema", "bench", language, outline.lines)
    return mended_text(answer, outline)


def bench_model_path(python_source: str, typescript_source: str, runs: int) -> bool:
    ok = True
    print("\nAround a model call (IRIS_ANALYZER=llm), beside the builtin analysis, medians:")
    for name, source, language in (
        ("Python, 2,000 lines", python_source, "python"),
        ("TypeScript, 2,000 lines", typescript_source, "typescript"),
    ):
        answer = model_answer(len(editor_lines(source)))
        results = measure(
            {
                "builtin": lambda s=source, lang=language: analyze(s, lang),
                "model": lambda s=source, lang=language, a=answer: around_model_call(s, lang, a),
            },
            rounds=5,
            runs=runs,
        )
        builtin, model = (
            statistics.median(sample for round_ in results[key] for sample in round_)
            for key in ("builtin", "model")
        )
        passed = model / builtin <= MODEL_PATH_TARGET
        ok &= passed
        print(
            f"  {name:<26} builtin {builtin:6.2f} ms  around the call {model:6.2f} ms  "
            f"{model / builtin:5.2f}x  target {MODEL_PATH_TARGET}  {verdict(passed)}"
        )
    return ok


def numbered_request(source: str, language: str) -> bytes:
    """An analyze request as the VS Code extension sends it: every line numbered."""
    numbered = "\n".join(f"{n} | {line}" for n, line in enumerate(source.split("\n"), start=1))
    return json.dumps(
        {"filename": "hostile", "language": language, "source_code": numbered}
    ).encode()


@contextmanager
def slow_model_server(drip: bool) -> Iterator[str]:
    """A chat-completions server on 127.0.0.1 that stalls, or drips its answer a byte at a
    time; yields its base URL. It lets go when the client hangs up or the bench ends."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.close_connection = True
            try:
                if drip:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\n\r\n")
                while not stop.wait(0.05):
                    if drip:
                        self.wfile.write(b" ")
                        self.wfile.flush()
            except OSError:
                return

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


class Bound:
    """What one request may take: wall time, resident memory, status and answer size."""

    def __init__(self, wall_ms: float, status: int) -> None:
        self.wall_ms = wall_ms
        self.status = status
        self.worst = {"wall_ms": 0.0, "growth_mb": 0.0, "answer_bytes": 0}
        self.missed: list[str] = []

    def cell(self, name: str, path: str, body: bytes, environ: dict[str, str]) -> str:
        """Send `body` to a fresh process on `path`; the figures, marked `!` where over."""
        figures = fresh_requests.measure(path, body, environ)
        over = [
            what
            for what, missed in (
                (f"{figures.wall_ms:.0f} ms", figures.wall_ms > self.wall_ms),
                (f"{figures.peak_growth_mb:.1f} MB", figures.peak_growth_mb > RSS_GROWTH_BOUND_MB),
                (f"status {figures.status}", figures.status != self.status),
                (f"{figures.answer_bytes} B", figures.answer_bytes >= ANSWER_BOUND_BYTES),
            )
            if missed
        ]
        if over:
            self.missed.append(f"{name} ({path}): {', '.join(over)}")
        seen = (figures.wall_ms, figures.peak_growth_mb, figures.answer_bytes)
        for key, value in zip(self.worst, seen, strict=True):
            self.worst[key] = max(self.worst[key], value)
        mark = "!" if over else " "
        return f"{figures.wall_ms:6.0f} ms {figures.peak_growth_mb:5.1f} MB{mark}"


def bench_bounds(sizes_kib: list[int], paths: list[str]) -> bool:
    """Section 6: every family and body to a fresh process on each path, against the bounds."""
    budget = DEFAULT_ANALYSIS_BUDGET_MS
    print(
        f"\nBounds of one request, each to a fresh process, wall ms and peak resident memory "
        f"over idle (IRIS_ANALYSIS_BUDGET_MS={budget}; bounds: {budget + WALL_SLACK_MS} ms, "
        f"{RSS_GROWTH_BOUND_MB} MB, the status, answers under {ANSWER_BOUND_BYTES} B; "
        "! marks a miss):"
    )
    sources = Bound(budget + WALL_SLACK_MS, 200)
    header = "".join(f"{f'{size} KiB':>20}" for size in sizes_kib)
    print(f"  {'family':<34} {'path':<7}{header} {'body at the largest':>20}")
    for name, (language, make) in FAMILIES.items():
        bodies = [numbered_request(make(size * 1024), language) for size in sizes_kib]
        for path in paths:
            cells = "".join(sources.cell(name, path, body, {}) for body in bodies)
            print(f"  {name:<34} {path:<7}{cells} {len(bodies[-1]) / 1024:14.0f} KiB")
    bodies_bound = Bound(budget + WALL_SLACK_MS, 400)
    print(f"\n  {'request body':<34} {'path':<7}{''.join(f'{size:>20}' for size in BODY_SIZES)}")
    for name, make_body in BODY_FAMILIES.items():
        for path in paths:
            cells = "".join(
                bodies_bound.cell(name, path, make_body(size), {}) for size in BODY_SIZES.values()
            )
            print(f"  {name:<34} {path:<7}{cells}")
    with_model = Bound(MODEL_TIMEOUT_MS + budget + WALL_SLACK_MS, 200)
    print(
        f"\n  with a model server that never answers in time (IRIS_LLM_TIMEOUT_MS="
        f"{MODEL_TIMEOUT_MS}; bound {with_model.wall_ms:.0f} ms), 512 KiB:"
    )
    for drip in (False, True):
        with slow_model_server(drip) as base_url:
            environ = {
                "IRIS_ANALYZER": "llm",
                "IRIS_LLM_BASE_URL": base_url,
                "IRIS_LLM_TIMEOUT_MS": str(MODEL_TIMEOUT_MS),
            }
            for name in MODEL_FAMILIES:
                language, make = FAMILIES[name]
                body = numbered_request(make(512 * 1024), language)
                for path in paths:
                    cell = with_model.cell(name, path, body, environ)
                    server = "drips its answer" if drip else "stalls"
                    print(f"  {name:<34} {path:<7}{cell}  (the model server {server})")
    ok = True
    for what, bound in (
        ("sources", sources),
        ("bodies", bodies_bound),
        ("with a model", with_model),
    ):
        worst = bound.worst
        print(
            f"  worst, {what}: {worst['wall_ms']:.0f} ms (bound {bound.wall_ms:.0f}), "
            f"{worst['growth_mb']:.1f} MB (bound {RSS_GROWTH_BOUND_MB}), answers up to "
            f"{worst['answer_bytes']} B  {verdict(not bound.missed)}"
        )
        for miss in bound.missed:
            print(f"    over: {miss}")
        ok &= not bound.missed
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--runs", type=int, default=15, help="runs per round")
    parser.add_argument("--worst-runs", type=int, default=3, help="runs per worst-case size")
    parser.add_argument(
        "--bound-sizes", default="64,256,512", help="source sizes in KiB for the bounds"
    )
    parser.add_argument(
        "--paths", default=",".join(fresh_requests.PATHS), help="server, lambda or both"
    )
    parser.add_argument("--sections", default="1,2,3,4,5,6", help="which of the six to run")
    options = parser.parse_args()
    sizes = [int(size) for size in options.bound_sizes.split(",")]
    paths = options.paths.split(",")
    sections = {int(section) for section in options.sections.split(",")}
    print(f"Machine: {machine()}")
    python_source, typescript_source = python_file(), typescript_file()
    runs = {
        1: lambda: bench_typical(python_source, typescript_source, options.rounds, options.runs),
        2: bench_real_code,
        3: lambda: bench_worst_cases(options.worst_runs),
        4: lambda: bench_budget_checks(python_source, typescript_source),
        5: lambda: bench_model_path(python_source, typescript_source, options.runs),
        6: lambda: bench_bounds(sizes, paths),
    }
    results = [run() for section, run in runs.items() if section in sections]
    if not all(results):
        raise SystemExit("bench_analysis: a figure is over its target")


def bench_typical(python_source: str, typescript_source: str, rounds_: int, runs: int) -> bool:
    client = create_app({"LOG_LEVEL": "ERROR"}).test_client()
    payload = {"filename": "big.ts", "language": "typescript", "source_code": typescript_source}
    body = json.dumps(payload).encode()
    first = client.post("/api/iris/analyze", data=body, content_type="application/json")
    if first.status_code != 200:
        raise SystemExit(f"the analyze request failed: {first.status_code} {first.get_data()!r}")
    targets = {
        f"Python, {python_source.count(chr(10))} lines": ANALYSIS_TARGET_MS,
        f"TypeScript, {typescript_source.count(chr(10))} lines": ANALYSIS_TARGET_MS,
        "cache hit through the Flask test client": CACHE_HIT_TARGET_MS,
    }
    actions = dict(
        zip(
            [*targets, REFERENCE],
            [
                lambda: analyze(python_source, "python"),
                lambda: analyze(typescript_source, "typescript"),
                lambda: client.post(
                    "/api/iris/analyze", data=body, content_type="application/json"
                ),
                reference_workload,
            ],
            strict=True,
        )
    )
    results = measure(actions, rounds_, runs)
    reference = [statistics.median(round_) for round_ in results.pop(REFERENCE)]
    print(f"Analysis: {rounds_} rounds of {runs} runs, the workloads taking turns.")
    print(
        f"The machine reference took {statistics.median(reference):.2f} ms"
        f" ({QUIET_REFERENCE_MS:.2f} ms when the machine is quiet)."
    )
    print(f"  {'':42} {'median':>9} {'at quiet speed':>15} {'target':>8}")
    ok = True
    for name, rounds in results.items():
        overall = statistics.median(sample for round_ in rounds for sample in round_)
        scaled = statistics.median(
            statistics.median(round_) * QUIET_REFERENCE_MS / speed
            for round_, speed in zip(rounds, reference, strict=True)
        )
        passed = scaled <= targets[name]
        ok &= passed
        print(
            f"  {name:<42} {overall:6.2f} ms {scaled:12.2f} ms {targets[name]:5.1f} ms  "
            f"{verdict(passed)}"
        )
    return ok


if __name__ == "__main__":
    main()
