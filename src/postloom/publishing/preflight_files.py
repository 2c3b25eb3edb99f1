"""Where pre-flight reads a post's files and writes the files it derives from them.

Derived files and the approval hash: the approval hash (studio/approval.py) covers the words
and the *original* files, which pre-flight never changes or replaces. A fixed picture or video
is written beside them as a derived file named after the SHA-256 of the exact original it was
made from and the spec it was made for:

    publishing/derived/<business>/<post>/<sha256 of the original, 32 hex>-<spec>-v<N>.<ext>

so a derived file can only stand for the approved bytes it was made from (an edited original
has another hash, hence another name), the same original and spec always give the same name
(a retry reuses the file instead of converting again), and ``v<N>`` moves on when the way files
are fixed changes. The publisher checks the approval hash before it calls pre-flight.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from postloom.integrations.networks.base import PublishRequest

DERIVED_ROOT = "publishing/derived"
DERIVED_VERSION = 1
TEMP_PREFIX = "postloom-publish-"
_CHUNK = 1024 * 1024


def read_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def local_path(name: str) -> Path | None:
    """The file on this machine's disk when the storage is a local one, else None."""
    try:
        path = Path(default_storage.path(name))
    except NotImplementedError:  # S3 and other remote storages
        return None
    return path if path.is_file() else None


def is_local_storage() -> bool:
    try:
        default_storage.path("probe")
    except NotImplementedError:
        return False
    return True


def scratch_dir() -> Path:
    """A private folder for downloads and conversions; ``release`` removes it."""
    return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))


def on_disk(name: str, scratch: Path) -> Path:
    """The stored file as a path: itself on local storage, else a download into ``scratch``."""
    path = local_path(name)
    if path is not None:
        return path
    target = scratch / Path(name).name
    with default_storage.open(name, "rb") as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, _CHUNK)
    return target


def derived_name(business_id: int, post_id: int, source_sha: str, spec_key: str, ext: str) -> str:
    return (
        f"{DERIVED_ROOT}/{business_id}/{post_id}/"
        f"{source_sha[:32]}-{spec_key}-v{DERIVED_VERSION}.{ext}"
    )


def find_derived(name: str) -> bool:
    return bool(default_storage.exists(name))


def save_derived(name: str, content: bytes | Path) -> str:
    """Store a derived file under ``name``, unless it is there already; the stored name."""
    if default_storage.exists(name):
        return name
    if isinstance(content, bytes):
        return str(default_storage.save(name, ContentFile(content)))
    with open(content, "rb") as handle:
        return str(default_storage.save(name, File(handle)))


def release(request: PublishRequest) -> None:
    """Remove the temporary downloads a request points at (S3 storage); call it when the
    publication is over. Files in local storage are never touched."""
    items = [*request.items, *([request.cover] if request.cover else [])]
    root = Path(tempfile.gettempdir())
    for item in items:
        if not item.path:
            continue
        folder = Path(item.path).parent
        if folder.parent == root and folder.name.startswith(TEMP_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)
