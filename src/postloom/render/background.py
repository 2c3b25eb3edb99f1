"""The renderer's second thread: work of one creative that can run beside the rest of it.

Decoding the photo, tinting it and encoding bands of the JPEG run in C with the GIL
released, so on a machine with two cores they overlap with laying out and drawing the text
(which holds the GIL) or with each other. There is one worker thread per process; when it
is busy (another thread is rendering too) a job runs in the caller instead, so renders
never queue behind each other.

A job that starts while the caller goes on running Python has to wait for the GIL: for as
long as the caller holds it, up to `sys.getswitchinterval()` (5 ms). `start` therefore
returns only once the worker has picked the job up; a caller that goes on to Pillow work
(which lets go of the GIL) need not wait (`try_start(wait=False)`, `both`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class _Worker:
    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None
        self.idle = threading.Semaphore(1)
        self.lock = threading.Lock()

    def executor(self) -> ThreadPoolExecutor:
        with self.lock:
            if self.pool is None:
                self.pool = ThreadPoolExecutor(1, thread_name_prefix="postloom-render")
            return self.pool


_worker = _Worker()


def start[T](job: Callable[[], T]) -> Future[T]:
    """Run `job` on the worker thread (returning once it runs), or here if it is busy."""
    future = try_start(job)
    return future if future is not None else _run_here(job)


def try_start[T](job: Callable[[], T], *, wait: bool = True) -> Future[T] | None:
    """Run `job` on the worker thread; None if the worker is busy.

    With `wait`, return only once the job runs: for a caller about to run Python for a
    while. A caller about to call Pillow (which lets go of the GIL) need not wait.
    """
    submitted = _submit(job)
    if submitted is None:
        return None
    future, started = submitted
    if wait:
        started.wait()
    return future


def start_prepared[T, U](prepare: Callable[[], U], job: Callable[[U], T]) -> Future[T]:
    """`start(lambda: job(prepare()))`, except that `prepare` runs here while the worker
    wakes up, which takes a while (0.1-1 ms) for a thread that has been idle on a virtual
    machine. For a short `prepare` that has to hold the GIL anyway, such as reading a
    file's header. An error in `prepare` is raised here."""
    handoff: Future[U] = Future()
    submitted = _submit(lambda: job(handoff.result()))
    if submitted is None:
        prepared = prepare()
        return _run_here(lambda: job(prepared))
    future, started = submitted
    try:
        handoff.set_result(prepare())
    except BaseException as error:
        handoff.set_exception(error)
        raise
    started.wait()
    return future


def _submit[T](job: Callable[[], T]) -> tuple[Future[T], threading.Event] | None:
    worker = _worker
    if not worker.idle.acquire(blocking=False):
        return None
    started = threading.Event()

    def run() -> T:
        started.set()
        try:
            return job()
        finally:
            worker.idle.release()

    try:
        return worker.executor().submit(run), started
    except RuntimeError:  # the interpreter is shutting down
        worker.idle.release()
        return None


def both(there: Callable[[], object], here: Callable[[], object]) -> None:
    """Run `there` on the worker thread and `here` (Pillow work) in the caller at once;
    return when both have finished, raising what either raised."""
    other = try_start(there, wait=False)
    if other is None:
        here()
        there()
        return
    try:
        here()
    finally:
        other.result()


def _run_here[T](job: Callable[[], T]) -> Future[T]:
    future: Future[T] = Future()
    try:
        future.set_result(job())
    except Exception as error:  # handed to whoever asks for the result, as the pool does
        future.set_exception(error)
    return future


def _forget_worker() -> None:
    # A forked child (a worker process) inherits the pool object but not its thread.
    global _worker
    _worker = _Worker()


os.register_at_fork(after_in_child=_forget_worker)
