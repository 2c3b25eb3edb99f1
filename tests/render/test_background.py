"""The renderer's second thread: jobs run beside the caller, errors reach it, forks work."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from postloom.render import BrandKit, Creative, RenderError, background, render_creative

from .conftest import photo


def test_a_job_runs_on_the_worker_thread_and_hands_back_its_result() -> None:
    future = background.start(lambda: threading.current_thread().name)
    assert future.result().startswith("postloom-render")


def test_a_failing_job_raises_in_whoever_asks_for_its_result() -> None:
    def fail() -> None:
        raise RenderError("photo_unreadable", "broken")

    with pytest.raises(RenderError):
        background.start(fail).result()
    assert background.start(lambda: 1).result() == 1  # the worker is free again


def test_while_the_worker_is_busy_a_job_runs_in_the_caller() -> None:
    release = threading.Event()
    busy = background.start(release.wait)
    try:
        here = background.start(lambda: threading.current_thread())
        assert here.done() and here.result() is threading.current_thread()
    finally:
        release.set()
    assert busy.result() is True


def test_a_photo_that_cannot_be_decoded_is_still_a_render_error() -> None:
    for layout in ("story", "quote", "carousel_slide"):
        with pytest.raises(RenderError) as caught:
            render_creative(BrandKit(name="Sari"), Creative(layout=layout, photo=b"not a jpeg"))
        assert caught.value.code == "photo_unreadable"


def _render_in_child(queue: multiprocessing.Queue[int]) -> None:
    result = render_creative(BrandKit(name="Sari"), Creative(layout="story", photo=photo("dark")))
    queue.put(len(result.jpeg))


# The warning is about forking while threads run; the worker thread holds no lock when idle.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_worker_process_renders_with_a_thread_of_its_own() -> None:
    render_creative(BrandKit(name="Sari"), Creative(layout="story", photo=photo("dark")))
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[int] = context.Queue()
    child = context.Process(target=_render_in_child, args=(queue,))
    child.start()
    child.join(timeout=30)
    if child.is_alive():  # the inherited pool had no thread: the job never ran
        child.kill()
    assert child.exitcode == 0
    assert queue.get(timeout=1) > 0


def test_creatives_rendered_at_once_from_several_threads_are_the_ones_rendered_alone() -> None:
    kit = BrandKit(name="Sari", colors=("#1d4e89", "#f2c14e"))
    creatives = [
        Creative(
            layout=layout,
            photo=photo(kind),
            headline=f"Kue lapis {n}",
            cta="Pesan",
            body="Dipanggang setiap pagi.",
            price="Rp85.000",
        )  # fmt: skip
        for n, (layout, kind) in enumerate(
            [
                ("story", "dark"),
                ("promotion", "busy"),
                ("product_hero", "scene"),
                ("tips", "light"),
                ("quote", "scene"),
                ("carousel_slide", "busy"),
            ]  # fmt: skip
        )
    ]
    alone = [render_creative(kit, creative).jpeg for creative in creatives]
    with ThreadPoolExecutor(max_workers=len(creatives)) as pool:
        together = list(pool.map(lambda creative: render_creative(kit, creative).jpeg, creatives))
    assert together == alone
