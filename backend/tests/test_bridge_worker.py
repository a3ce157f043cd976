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
