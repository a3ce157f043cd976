"""One chat-completions call to an OpenAI-compatible server, bounded in time, size and retries.

The standard library's `http.client` only, so the Lambda zip gains no
dependency. One idle connection is kept for the next call: a warm container
reuses it and pays the TCP and TLS handshakes once.

Bounds, whatever the server does:

- time: one deadline covers the whole call, retry included; every socket
  operation waits at most what is left of it, and the body is read in pieces
  with the deadline checked between them;
- size: at most `MAX_REPLY_BYTES` of body are read;
- retries: a refused or reset connection, a 429 or a 5xx is tried once more
  after a short random pause, if enough time is left; nothing else is retried,
  and nothing is retried twice. A timeout is not retried: its time is spent.
  A kept connection the server has since closed is replaced at once, which is
  not a retry: no request reached the server on it.
"""

from __future__ import annotations

import http.client
import json
import random
import ssl
import threading
import time
from typing import Any, NamedTuple
from urllib.parse import urlsplit

MAX_REPLY_BYTES = 512 * 1024
READ_SIZE = 64 * 1024
RETRY_PAUSE_SECONDS = (0.05, 0.25)
MIN_RETRY_SECONDS = 1.0
"""A retry needs at least this much time left after its pause, or it could not finish."""


class ModelCallFailed(Exception):
    """The server gave no answer to use; `reason` says why, in words for the response's metadata."""

    def __init__(self, reason: str, latency_ms: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.latency_ms = latency_ms


class _Retryable(Exception):
    """A failure that a second try, a moment later, may not meet."""


class _Final(Exception):
    """A failure that trying again would only repeat."""


class Reply(NamedTuple):
    """The model's answer text and what it cost."""

    content: str
    model: str
    input_tokens: int
    output_tokens: int
    latency_ms: float
    truncated: bool
    """The model stopped at its token limit: `content` is cut off."""


class ChatEndpoint:
    """The `chat/completions` URL under `base_url`, called with `api_key` if there is one."""

    def __init__(self, base_url: str, api_key: str = "", user_agent: str = "iris-backend") -> None:
        address = urlsplit(base_url)
        self.https = address.scheme == "https"
        self.host = address.hostname or ""
        self.port = address.port
        self.path = address.path.rstrip("/") + "/chat/completions"
        self.headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": user_agent,
        }
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"
        self._tls = ssl.create_default_context() if self.https else None
        """Made once: loading the certificate authorities for every new connection costs."""
        self._idle: http.client.HTTPConnection | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        """Where it calls, never the key."""
        scheme = "https" if self.https else "http"
        port = f":{self.port}" if self.port else ""
        return f"ChatEndpoint({scheme}://{self.host}{port}{self.path})"

    def complete(self, body: bytes, deadline: float) -> Reply:
        """The server's reply to `body`, by `deadline` (a `time.perf_counter()` value)."""
        started = time.perf_counter()
        try:
            return self._reply(self._post_with_one_retry(body, deadline), started)
        except TimeoutError:
            reason = "the model server did not answer in time"
            raise ModelCallFailed(reason, _since(started)) from None
        except (_Retryable, _Final) as failure:
            raise ModelCallFailed(str(failure), _since(started)) from None

    def _post_with_one_retry(self, body: bytes, deadline: float) -> bytes:
        try:
            return self._post(body, deadline)
        except _Retryable:
            pause = random.uniform(*RETRY_PAUSE_SECONDS)
            if deadline - time.perf_counter() - pause < MIN_RETRY_SECONDS:
                raise
            time.sleep(pause)
        try:
            return self._post(body, deadline)
        except _Retryable as second:
            raise _Retryable(f"{second}, again after one retry") from None

    def _post(self, body: bytes, deadline: float) -> bytes:
        """The 200 reply's body; a kept connection found closed is replaced once, at once."""
        connection, kept = self._checkout(deadline)
        try:
            try:
                status, data = self._exchange(connection, body, deadline)
            except (ConnectionResetError, BrokenPipeError, http.client.BadStatusLine):
                if not kept:
                    raise
                connection.close()
                connection = self._connect(deadline)
                status, data = self._exchange(connection, body, deadline)
        except TimeoutError:
            connection.close()
            raise
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            reason = f"the model server could not be reached ({type(error).__name__})"
            raise _Retryable(reason) from None
        except BaseException:
            connection.close()
            raise
        if status != 200:
            connection.close()
            if status == 429 or status >= 500:
                raise _Retryable(f"the model server answered HTTP {status}")
            raise _Final(f"the model server refused the request with HTTP {status}")
        self._checkin(connection)
        return data

    def _exchange(
        self, connection: http.client.HTTPConnection, body: bytes, deadline: float
    ) -> tuple[int, bytes]:
        connection.timeout = _left(deadline)
        if connection.sock is not None:
            connection.sock.settimeout(connection.timeout)
        connection.request("POST", self.path, body, self.headers)
        response = connection.getresponse()
        pieces: list[bytes] = []
        size = 0
        while piece := response.read(READ_SIZE):
            size += len(piece)
            if size > MAX_REPLY_BYTES:
                raise _Final(f"the model's reply was over {MAX_REPLY_BYTES} bytes")
            pieces.append(piece)
            if connection.sock is not None:
                connection.sock.settimeout(_left(deadline))
        return response.status, b"".join(pieces)

    def _checkout(self, deadline: float) -> tuple[http.client.HTTPConnection, bool]:
        with self._lock:
            connection, self._idle = self._idle, None
        if connection is not None:
            return connection, True
        return self._connect(deadline), False

    def _checkin(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            if self._idle is None:
                self._idle = connection
                return
        connection.close()

    def _connect(self, deadline: float) -> http.client.HTTPConnection:
        if self._tls is not None:
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=_left(deadline), context=self._tls
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=_left(deadline))

    @staticmethod
    def _reply(data: bytes, started: float) -> Reply:
        """The answer text and usage in a chat-completions body, or why there is none."""
        try:
            payload: Any = json.loads(data)
            choice = payload["choices"][0]
            content = choice["message"]["content"]
        except (ValueError, RecursionError, LookupError, TypeError):
            raise _Final("the model server's reply was not a chat completion") from None
        if not isinstance(content, str) or not content.strip():
            raise _Final("the model gave no answer text")
        usage = payload.get("usage")
        usage = usage if isinstance(usage, dict) else {}
        model = payload.get("model")
        return Reply(
            content=content,
            model=model[:100] if isinstance(model, str) else "",
            input_tokens=_count(usage.get("prompt_tokens")),
            output_tokens=_count(usage.get("completion_tokens")),
            latency_ms=_since(started),
            truncated=choice.get("finish_reason") == "length",
        )


def _left(deadline: float) -> float:
    """The time left before `deadline`; none left is a timeout now, not a zero-second wait."""
    left = deadline - time.perf_counter()
    if left <= 0:
        raise TimeoutError
    return left


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
