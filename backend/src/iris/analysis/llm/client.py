"""One chat-completions call to an OpenAI-compatible server, bounded in time, size and retries.

The standard library's `http.client` only, so the Lambda zip gains no
dependency. One idle connection is kept for the next call: a warm container
reuses it and pays the TCP and TLS handshakes once.

Bounds, whatever the server does:

- time: one deadline covers the whole call, retry included: each address
  tried, the TLS handshake, sending, and every read of the status line, the
  headers and the body wait at most what is left of it, so a server that
  drips its answer a byte at a time, or sends `100 Continue` forever, is cut
  off at the deadline like one that never answers (the host name's DNS
  look-up is the system resolver's, outside it);
- size: at most `MAX_REPLY_BYTES` of body are read;
- retries: a refused or reset connection, a 429 or a 5xx is tried once more
  after a short random pause, if enough time is left; nothing else is retried,
  and nothing is retried twice. A timeout is not retried: its time is spent.
  A kept connection the server has since closed is replaced at once, which is
  not a retry: no request reached the server on it;
- reuse: a connection is kept for the next call only when its answer was read
  to the end and nothing more arrived on it, and is checked again before it is
  used, so bytes a server sent beyond its answer are never read as the next one;
- what is echoed: token counts are whole numbers of at most nine digits and the
  model's name is a short plain identifier, or they are not taken.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import re
import selectors
import socket
import ssl
import threading
import time
from typing import Any, NamedTuple, cast
from urllib.parse import urlsplit

MAX_REPLY_BYTES = 512 * 1024
READ_SIZE = 64 * 1024
RETRY_PAUSE_SECONDS = (0.05, 0.25)
MIN_RETRY_SECONDS = 1.0
"""A retry needs at least this much time left after its pause, or it could not finish."""
MAX_TOKEN_COUNT = 999_999_999
MODEL_NAME = re.compile(r"[\w.:/@+-]{1,100}", re.ASCII)
"""A model's name as servers write one (`gpt-5-nano-2025-08-07`, `org/model:tag`): no
spaces, controls or markup, so it can be shown and logged as it is."""


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


class _DeadlinedSocket(socket.socket):
    """A socket whose every read waits at most until `deadline` (a `time.perf_counter()` value).

    `http.client` reads the status line, the headers and the body through
    `recv_into`, a buffer at a time; a plain socket timeout would start afresh
    at every byte a slow server sends.
    """

    deadline = math.inf

    def wait_until(self, deadline: float) -> None:
        """Let this call's reads and sends wait until `deadline`, and no longer."""
        self.deadline = deadline
        self.settimeout(_left(deadline))

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self.settimeout(_left(self.deadline))
        return super().recv_into(*args, **kwargs)


class _DeadlinedTLSSocket(_DeadlinedSocket, ssl.SSLSocket):
    """The same over TLS: `SSLContext.sslsocket_class` makes every wrapped socket one."""


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
        if self._tls is not None:
            self._tls.sslsocket_class = _DeadlinedTLSSocket
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
        connection, kept = self._checkout()
        try:
            try:
                status, data = self._exchange(connection, body, deadline)
            except (ConnectionResetError, BrokenPipeError, http.client.BadStatusLine):
                if not kept:
                    raise
                connection.close()
                connection = self._connect()
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
        """Send `body`, read the whole answer, all by `deadline`.

        A connection that has no socket yet (a new one, or one the last answer
        closed) gets one here, so connecting is under the deadline too.
        """
        sock = connection.sock
        if not isinstance(sock, _DeadlinedSocket):
            sock = connection.sock = self._open(deadline)
        sock.wait_until(deadline)
        connection.request("POST", self.path, body, self.headers)
        response = connection.getresponse()
        pieces: list[bytes] = []
        size = 0
        while piece := response.read(READ_SIZE):
            size += len(piece)
            if size > MAX_REPLY_BYTES:
                raise _Final(f"the model's reply was over {MAX_REPLY_BYTES} bytes")
            pieces.append(piece)
        return response.status, b"".join(pieces)

    def _checkout(self) -> tuple[http.client.HTTPConnection, bool]:
        """The kept connection if nothing arrived on it while it was idle, else a new one."""
        with self._lock:
            connection, self._idle = self._idle, None
        if connection is not None and _quiet(connection):
            return connection, True
        if connection is not None:
            connection.close()
        return self._connect(), False

    def _checkin(self, connection: http.client.HTTPConnection) -> None:
        """Keep a connection whose answer was read to the end, if nothing more came after it."""
        if _quiet(connection):
            with self._lock:
                if self._idle is None:
                    self._idle = connection
                    return
        connection.close()

    def _connect(self) -> http.client.HTTPConnection:
        """A connection object; its socket is opened by the exchange, under its deadline."""
        if self._tls is not None:
            return http.client.HTTPSConnection(self.host, self.port, context=self._tls)
        return http.client.HTTPConnection(self.host, self.port)

    def _open(self, deadline: float) -> _DeadlinedSocket:
        """A socket to the server, the TLS handshake done, by `deadline`."""
        port = self.port or (443 if self.https else 80)
        sock = _connected((self.host, port), deadline)
        if self._tls is None:
            return sock
        return cast(_DeadlinedTLSSocket, self._tls.wrap_socket(sock, server_hostname=self.host))

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
            model=model if isinstance(model, str) and MODEL_NAME.fullmatch(model) else "",
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
    """A token count as a server reports it, or 0 when it is not a plausible one."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TOKEN_COUNT:
        return value
    return 0


def _connected(address: tuple[str, int], deadline: float) -> _DeadlinedSocket:
    """A TCP connection to `address` made by `deadline`, however many addresses its name has.

    `socket.create_connection` gives every address the whole timeout; here
    each gets what is left. The socket's timeout is then what is left again,
    for the TLS handshake that follows.
    """
    host, port = address
    error: OSError = ConnectionRefusedError(f"no address for {host}")
    for family, kind, protocol, _, target in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        sock = _DeadlinedSocket(family, kind, protocol)
        try:
            sock.settimeout(_left(deadline))
            sock.connect(target)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(_left(deadline))
        except OSError as failure:
            sock.close()
            if isinstance(failure, TimeoutError):
                raise
            error = failure
            continue
        return sock
    raise error


def _quiet(connection: http.client.HTTPConnection) -> bool:
    """Whether an open connection has nothing waiting on it: no stray bytes, no close."""
    sock = connection.sock
    if sock is None:
        return False
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return False
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ)
        return not selector.select(0)
