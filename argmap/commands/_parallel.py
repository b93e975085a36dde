"""Many files at once: one worker process per core, results in the order of the files.

``check`` (and any command that reads many independent maps, such as ``compare`` over a class's
homework) hands each file to ``in_order``. Each file is read and analysed in a worker process
(processes, not threads: the work is pure Python, and one interpreter runs one thread at a time);
results come back in the order the files were given, so the output is the same as a serial run.
"""

from __future__ import annotations

import argparse
import contextlib
import os

# Not `typing.TYPE_CHECKING`: `check` on a small map must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from typing import TypeVar

    T = TypeVar("T")
    R = TypeVar("R")

__all__ = ["add_jobs_argument", "both_halves", "cores", "in_order"]

#: Batches per worker: a few, so that the work spreads evenly when files differ in size, yet
#: few round trips between the processes (on a busy machine each one waits for a core).
_BATCHES_PER_WORKER = 2


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{value}` is not a number of jobs") from None
    if number < 0:
        raise argparse.ArgumentTypeError("the number of jobs cannot be negative")
    return number


def add_jobs_argument(parser: argparse.ArgumentParser) -> None:
    """``-j N`` / ``--jobs N``: how many files to work on at once (0, the default: every core)."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="work on N files at once, in worker processes (default 0: one per core; 1: no workers)",
    )


def in_order(work: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """``work(item)`` for every item, in the items' order; in worker processes when there is
    more than one item and more than one job (``jobs`` 0 means one per core).

    ``work`` must be a module-level function, and its argument and result picklable.
    """
    jobs = min(jobs or cores(), len(items))
    if jobs <= 1:
        yield from map(work, items)
        return
    import concurrent.futures
    import multiprocessing

    # fork where there is one: the workers start with every module this process has imported.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    batch = -(-len(items) // (jobs * _BATCHES_PER_WORKER))  # rounded up
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(work, items, chunksize=batch)


def both_halves(work: Callable[[T, int], R], shared: T) -> list[R]:
    """``[work(shared, 0), work(shared, 1)]``, the second in a forked child process.

    One large map's checks on two cores: the child is forked after the map is loaded, so it
    shares the map with this process instead of receiving a copy, and sends back only its
    result (pickled, through a pipe). Where there is no ``fork`` (Windows), or the child fails in
    any way, this process computes the second half itself: the answer never depends on the fork.
    """
    if not hasattr(os, "fork"):
        return [work(shared, 0), work(shared, 1)]
    import pickle

    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes left for a child: both halves here
        os.close(read_end)
        os.close(write_end)
        return [work(shared, 0), work(shared, 1)]
    if pid == 0:  # the child: its half, then leave without running the parent's exit handlers
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(work(shared, 1), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as answer:
                answer.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    try:
        first = work(shared, 0)
        data = pipe.read()  # all of it before waiting: a child with more to say blocks on a full pipe
    finally:
        pipe.close()  # (when this process failed: the child's next write fails and it exits)
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        with contextlib.suppress(Exception):  # a garbled answer: computed here instead, below
            return [first, pickle.loads(data)]
    return [first, work(shared, 1)]
