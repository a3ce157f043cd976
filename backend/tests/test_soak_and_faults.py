"""Real processes under strain: clients that hang up, 2,000 requests at once, a 20,000-call soak.

Everything runs on loopback against processes started here, with bounded
request counts and timeouts, and stops by itself.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections import Counter

from conftest import ICON, LOCAL_KEY, SRC_DIR, TESTS_DIR, analyze_payload
from processes import TOOLS_DIR, http_request, importing

ANALYZE_BODY = json.dumps(analyze_payload()).encode()
JSON = {"Content-Type": "application/json"}


def test_a_client_that_disconnects_mid_body_does_not_hurt_the_next_request(local_server):
    port, process = local_server
    head = (
        b"POST /api/iris/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"x-api-key: " + LOCAL_KEY.encode() + b"\r\nContent-Length: 10000\r\n\r\n"
    )
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(head + b'{"filename": "a.py", "lang')
    assert process.process.poll() is None
    assert http_request(port, "GET", "/health").status == 200
    answer = http_request(
        port, "POST", "/api/iris/analyze", ANALYZE_BODY, {**JSON, "x-api-key": LOCAL_KEY}
    )
    assert answer.status == 200


def test_load_of_2000_requests_from_8_clients_loses_nothing(local_server):
    port, _ = local_server
    expected_health = http_request(port, "GET", "/health").body
    expected_blocks = json.loads(
        http_request(
            port, "POST", "/api/iris/analyze", ANALYZE_BODY, {**JSON, "x-api-key": LOCAL_KEY}
        ).body
    )["responsibility_blocks"]
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def client(number: int) -> None:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for index in range(250):
            kind = ("health", "analyze", "icon")[(number + index) % 3]
            try:
                if kind == "health":
                    connection.request("GET", "/health")
                elif kind == "analyze":
                    connection.request(
                        "POST", "/api/iris/analyze", ANALYZE_BODY, {**JSON, "x-api-key": LOCAL_KEY}
                    )
                else:
                    connection.request("GET", "/static/iris-icon.png")
                response = connection.getresponse()
                body = response.read()
                correct = response.status == 200 and (
                    body == expected_health
                    if kind == "health"
                    else body == ICON.read_bytes()
                    if kind == "icon"
                    else json.loads(body)["responsibility_blocks"] == expected_blocks
                )
                verdict = "ok" if correct else f"wrong {kind} {response.status}"
            except OSError as error:
                verdict = f"error {type(error).__name__}"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                outcomes[verdict] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert outcomes == {"ok": 2000}


SOAK = """
import json, os
from lambda_events import SOURCES, ClientRequest, LambdaContext, json_request, read_response
from lambda_events import to_event
from lambda_handler import handler
from server import app

from analyzing import LANGUAGE_OF_SUFFIX as LANGUAGES, SAMPLES
sources = []
for path in sorted(SAMPLES.iterdir()):
    text = path.read_text()
    for variant in range(4):
        comment = "#" if path.suffix == ".py" else "//"
        text = f"{text}\\n{comment} variant {variant}\\n"
        sources.append((path.name, LANGUAGES[path.suffix], text))
requests = [
    ClientRequest("GET", "/health"),
    ClientRequest("GET", "/static/iris-icon.png"),
    json_request("POST", "/api/iris/analyze", {"language": "python"}),
    ClientRequest("GET", "/nowhere"),
    *(json_request("POST", "/api/iris/analyze",
                   {"filename": name, "language": language, "source_code": text})
      for name, language, text in sources),
]

def comparable(body):
    try:
        payload = json.loads(body)
    except ValueError:
        return body
    if isinstance(payload, dict) and isinstance(payload.get("metadata"), dict):
        payload["metadata"].pop("duration_ms")
        payload["metadata"].pop("cached")
    return payload

client = app.test_client()
expected = []
for request in requests:
    local = client.open(request.path, method=request.method, data=request.body,
                        headers=[*request.headers, ("X-Request-Id", LambdaContext.aws_request_id)])
    expected.append((local.status_code, comparable(local.get_data())))
cases = [(to_event(request, source), source, *expected[index])
         for source in SOURCES for index, request in enumerate(requests)]

def state():
    with open("/proc/self/status") as status:
        rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return rss, len(os.listdir("/proc/self/task")), len(os.listdir("/proc/self/fd"))

wrong = 0
misses = 0
for number in range(20_000):
    event, source, status, body = cases[number % len(cases)]
    answer = read_response(handler(event, LambdaContext()), source)
    if answer.status != status or comparable(answer.body) != body:
        wrong += 1
    if b'"cached":false' in answer.body:
        misses += 1
    if number == 999:
        after_first_thousand = state()
print(json.dumps({"wrong": wrong, "misses": misses, "cases": len(cases),
                   "first": after_first_thousand, "last": state()}))
"""


def test_soak_of_20000_invocations_keeps_memory_threads_and_files_flat():
    """Varied requests (36 sources in every language, on every event source, through a small
    cache), each answer checked against the same request through Flask's test client."""
    completed = subprocess.run(
        [sys.executable, "-c", SOAK],
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "LOG_LEVEL": "WARNING",
            "PATH": "/usr/bin:/bin",
            "IRIS_CACHE_ENTRIES": "16",
            **importing(SRC_DIR, TESTS_DIR, TOOLS_DIR),
        },
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["wrong"] == 0
    assert result["cases"] >= 150, "every language and every event source"
    assert result["misses"] > 10_000, "a cache of 16 answers sees most analyses anew"
    (rss_first, threads_first, files_first), (rss_last, threads_last, files_last) = (
        result["first"],
        result["last"],
    )
    assert rss_last - rss_first <= 5 * 1024, f"resident memory grew by {rss_last - rss_first} KiB"
    assert (threads_last, files_last) == (threads_first, files_first)
