"""Run a WSGI app on 127.0.0.1 on a free port, in a background thread.

    with serve(app) as base_url:
        ...  # http://127.0.0.1:<port>

or, when the lifetime does not fit a ``with`` block, ``running = start(app)`` and later
``running.stop()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import WSGIApplication

HOST = "127.0.0.1"


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    # One slow client (a browser holding a socket open) must not stall the others.
    daemon_threads = True
    # socketserver's default backlog of 5 resets connections when dozens of workers call at
    # once (the publishing benchmark does); the kernel caps this at somaxconn anyway.
    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # wsgiref writes every request to stderr; tests would drown in it.


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    stop: Callable[[], None]


def start(app: WSGIApplication, port: int = 0) -> RunningServer:
    """Serve ``app`` until ``stop()`` is called; port 0 lets the OS pick a free port."""
    server = make_server(
        HOST, port, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
    # A short poll interval keeps stop() quick: shutdown() waits for the loop's next poll.
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="sandbox-server", daemon=True
    )
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return RunningServer(base_url=f"http://{HOST}:{server.server_port}", stop=stop)


@contextmanager
def serve(app: WSGIApplication) -> Iterator[str]:
    """Serve ``app`` for the duration of the block and yield its base URL."""
    running = start(app)
    try:
        yield running.base_url
    finally:
        running.stop()
