"""The one bounded scheduler that batches and evaluations share."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from extractor.core.scheduling import run_bounded


class Boom(Exception):
    pass


def test_every_result_is_handed_back_in_the_calling_thread_with_at_most_jobs_running() -> None:
    running, most, lock = 0, 0, threading.Lock()
    caller, seen_in = threading.get_ident(), set()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return n * n

    results: list[int] = []

    def take(result: int) -> None:
        seen_in.add(threading.get_ident())
        results.append(result)

    run_bounded(work, range(12), 3, take)
    assert sorted(results) == [n * n for n in range(12)]
    assert most <= 3 and seen_in == {caller}


def test_items_are_taken_from_the_iterable_only_as_room_frees_up() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for n in range(10):
            taken.append(n)
            yield n

    def take(result: int) -> None:
        assert len(taken) <= result + 2  # with 2 jobs, never more than two items ahead of the one handed back

    run_bounded(lambda n: n, items(), 2, take)
    assert taken == list(range(10))


def test_a_failure_starts_nothing_new_and_still_hands_back_what_was_running() -> None:
    slow_started = threading.Event()
    started: list[int] = []
    handed: list[int] = []

    def work(n: int) -> int:
        started.append(n)
        if n == 0:
            slow_started.wait(5)
            raise Boom
        slow_started.set()
        time.sleep(0.05)
        return n

    with pytest.raises(Boom):
        run_bounded(work, range(10), 2, handed.append)
    assert sorted(started) == [0, 1] and handed == [1]


def test_a_failing_hand_back_stops_the_run_and_is_what_propagates() -> None:
    handed: list[int] = []

    def take(result: int) -> None:
        if result == 1:
            raise Boom
        handed.append(result)

    with pytest.raises(Boom):
        run_bounded(lambda n: n, range(50), 1, take)
    assert handed == [0]
