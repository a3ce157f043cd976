"""The worker thread WSGI apps run on: one thread, results and errors handed back."""

from __future__ import annotations

import threading

import pytest

from lambda_adapter.bridge import Worker


def test_results_come_back_from_one_thread_for_the_life_of_the_worker():
    """By the thread's identity, which a new thread per call would change, not its name."""
    worker = Worker()
    threads = {worker.call(threading.get_ident) for _ in range(200)}
    assert len(threads) == 1
    assert threads != {threading.get_ident()}
    assert worker.call(lambda: threading.current_thread().name) == "wsgi-worker"
    assert worker.call(lambda a, b: a + b, 2, 3) == 5


def test_an_error_is_raised_in_the_caller_and_the_worker_carries_on():
    worker = Worker()

    def fail():
        raise KeyError("gone")

    with pytest.raises(KeyError, match="gone"):
        worker.call(fail)
    assert worker.call(lambda: "still here") == "still here"


def test_the_thread_starts_on_first_use_only():
    before = threading.active_count()
    worker = Worker()
    assert threading.active_count() == before
    worker.call(lambda: None)
    assert threading.active_count() == before + 1


def test_the_bridge_runs_the_app_on_the_invoking_thread_when_no_loop_runs():
    """Under `LambdaMangum` no event loop runs, so no hand-off to the worker is needed."""
    import asyncio

    from flask import Flask
    from lambda_events import ClientRequest, LambdaContext, read_response, to_event

    from lambda_adapter import LambdaMangum, LambdaWsgiToAsgi

    app = Flask(__name__)
    seen = []

    @app.get("/thread")
    def thread():
        seen.append(threading.get_ident())
        return "ok"

    @app.get("/async")
    async def waits():  # an async view, as the analyze route is
        await asyncio.sleep(0)
        return "ok"

    inline = LambdaMangum(LambdaWsgiToAsgi(app), lifespan="off")
    on_a_loop = LambdaMangum(LambdaWsgiToAsgi(app), lifespan="auto")
    for handler in (inline, on_a_loop):
        for path in ("/thread", "/async"):
            event = to_event(ClientRequest("GET", path), "http")
            assert read_response(handler(event, LambdaContext()), "http").status == 200
    assert seen[0] == threading.get_ident()
    assert seen[1] != threading.get_ident(), "under Mangum's loop the worker thread runs it"


def test_an_app_that_suspends_is_refused_by_the_inline_cycle():
    import types

    from lambda_adapter.cycle import InlineCycle

    @types.coroutine
    def pause():
        yield

    async def waits(scope, receive, send):
        await pause()

    with pytest.raises(RuntimeError, match="suspended"):
        InlineCycle({"type": "http", "method": "GET", "path": "/"}, b"")(waits)
