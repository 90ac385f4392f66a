"""Run jobs in a bounded thread pool and hand each result back, in the calling thread, as it finishes.

The guarantees a batch and an evaluation rely on:
- at most `jobs` items are in the pool at a time, and items are taken from the iterable only as room frees up;
- `on_result` sees each finished result before the next one is handed back;
- on the first failure (of a job, of `on_result`, or Ctrl-C) nothing not yet started starts; the jobs already
  running finish and their successes are still handed back, then the failure propagates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def run_bounded(
    work: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    on_result: Callable[[Result], None],
    *,
    thread_name_prefix: str = "",
) -> None:
    """`work` on every item, at most `jobs` at a time; `on_result` on each result, in this thread."""
    queue = iter(items)
    in_flight: set[Future[Result]] = set()
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix=thread_name_prefix) as pool:
        try:
            in_flight.update(pool.submit(work, item) for item in islice(queue, jobs))
            while in_flight:
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                _hand_back(finished, in_flight, on_result)
                in_flight.update(pool.submit(work, item) for item in islice(queue, jobs - len(in_flight)))
        except BaseException:
            _finish_running(in_flight, on_result)
            raise


def _hand_back(
    finished: set[Future[Result]], in_flight: set[Future[Result]], on_result: Callable[[Result], None]
) -> None:
    """Hand back every finished success, taking each out of `in_flight` first; then raise the first failure."""
    failure: BaseException | None = None
    for future in finished:
        in_flight.discard(future)
        try:
            result = future.result()
        except Exception as error:  # the others that finished are still handed back
            failure = failure or error
            continue
        on_result(result)
    if failure is not None:
        raise failure


def _finish_running(in_flight: set[Future[Result]], on_result: Callable[[Result], None]) -> None:
    """Stopping: what has not started never starts; what is running finishes, and its successes are handed back."""
    for future in in_flight:
        future.cancel()
    finished, _ = wait(in_flight)
    for future in finished:
        if future.cancelled() or future.exception() is not None:
            continue
        try:
            on_result(future.result())
        except Exception:
            return  # results cannot be taken any more: the original failure is what is reported
    in_flight.clear()
