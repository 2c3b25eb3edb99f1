"""A fetcher that serves a website from a folder: the crawler's fake, for tests and the bench.

It answers like ``safe_http.SafeFetcher`` (same ``fetch`` signature, same FetchError codes for
a missing file, a wrong content type or a body over the cap) without any network, so tests of
the crawler and the extractors never depend on a server or the internet.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from postloom.web.safe_http import HTML, FetchError, FetchResult
from postloom.web.urls import host_of

_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
}


class FolderFetcher:
    """Serve ``root`` as the site at ``base_url``; every requested URL is kept in ``requested``."""

    def __init__(self, root: Path, base_url: str = "https://site.test/") -> None:
        self.root = root.resolve()
        self.base_url = base_url
        self.requested: list[str] = []

    def __enter__(self) -> FolderFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def fetch(
        self, url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None
    ) -> FetchResult:
        self.requested.append(url)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError("invalid_url", url)
        if host_of(url) != host_of(self.base_url):
            raise FetchError("dns_failure", url)
        path = self._file_for(parts.path, url)
        content_type = _content_type(path)
        if content_type not in accept:
            raise FetchError("wrong_content_type", url, content_type=content_type)
        body = path.read_bytes()
        if max_bytes is not None and len(body) > max_bytes:
            raise FetchError("too_large", url, limit=max_bytes)
        charset = "utf-8" if content_type.startswith("text/") else None
        return FetchResult(
            url=url, status=200, content_type=content_type, charset=charset, body=body
        )

    def _file_for(self, url_path: str, url: str) -> Path:
        relative = unquote(url_path).lstrip("/")
        path = (self.root / relative).resolve()
        if path.is_dir():
            path = path / "index.html"
        # ".." must not walk out of the site's folder.
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FetchError("http_status", url, status=404)
        return path


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
