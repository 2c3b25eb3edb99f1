"""What pre-flight made of a post, kept on its publication so that a later attempt sends the
same request again without converting, probing or hashing anything.

    saved = save(request, names)        # JSON-ready; {} when it cannot be kept
    request = restore(saved)            # the same request with fresh signed URLs, or None

Reusing it is safe because what pre-flight sends is fixed by the content it was made from: a
derived file is named after the SHA-256 of its original (preflight_files.py), and an original
that met the spec is sent as it is. The publisher keeps a result only for the approved hash it
was made from, and checks that hash against the post before every start. What is made again
each time: the signed URLs (they expire), the local paths, and on remote storage the download
a TikTok upload reads (``release`` removes it after the attempt).
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from postloom.integrations.networks.base import Kind, MediaItem, PublishRequest, TikTokOptions
from postloom.publishing import preflight_files as files
from postloom.publishing.media_links import DEFAULT_EXPIRY, media_url

# Moves on when what pre-flight sends changes (the derived files' version is part of it).
VERSION = f"1.{files.DERIVED_VERSION}"
_SIZES = ("size", "width", "height")


def save(request: PublishRequest, names: dict[str, str]) -> dict[str, Any]:
    """``names``: the stored file behind each signed URL of the request."""
    items = [_item(item, names) for item in request.items]
    cover = _item(request.cover, names) if request.cover else None
    if any(item is None for item in items) or (request.cover and cover is None):
        return {}
    return {
        "v": VERSION,
        "kind": request.kind.value,
        "items": items,
        "cover": cover,
        "caption": request.caption,
        "alt_text": request.alt_text,
        "share_to_feed": request.share_to_feed,
        "title": request.title,
        "tiktok": asdict(request.tiktok) if request.tiktok else None,
    }


def _item(item: MediaItem, names: dict[str, str]) -> dict[str, Any] | None:
    name = names.get(item.url)
    if not name:
        return None
    return {
        "name": name,
        "kind": item.kind,
        **{key: getattr(item, key) for key in _SIZES},
        "duration": item.duration,
        "mime": item.mime,
        "path": bool(item.path),  # the client reads the bytes here (TikTok's FILE_UPLOAD)
    }


def restore(saved: dict[str, Any], *, expires_in: int = DEFAULT_EXPIRY) -> PublishRequest | None:
    """The saved request with fresh URLs; None when it is from another version of pre-flight
    or a file it names is gone (pre-flight then runs again)."""
    if not saved or saved.get("v") != VERSION:
        return None
    try:
        items = tuple(_media(entry, expires_in) for entry in saved["items"])
        cover = _media(saved["cover"], expires_in) if saved.get("cover") else None
        options = saved.get("tiktok")
        known = {f.name for f in fields(TikTokOptions)}
        return PublishRequest(
            kind=Kind(saved["kind"]),
            items=items,
            caption=str(saved.get("caption", "")),
            alt_text=str(saved.get("alt_text", "")),
            cover=cover,
            share_to_feed=bool(saved.get("share_to_feed", True)),
            title=str(saved.get("title", "")),
            tiktok=TikTokOptions(**{k: v for k, v in options.items() if k in known})
            if options
            else None,
        )
    except (_Gone, KeyError, TypeError, ValueError):
        return None


class _Gone(Exception):
    """A file the saved request names is no longer in storage."""


def _media(entry: dict[str, Any], expires_in: int) -> MediaItem:
    name = str(entry["name"])
    path = ""
    if files.is_local_storage():
        local = files.local_path(name)  # a stat: cheap, and a missing file is caught here
        if local is None:
            raise _Gone(name)
        path = str(local)
    elif entry.get("path"):
        try:  # remote storage: the upload reads a download, made again for this attempt
            path = str(files.on_disk(name, files.scratch_dir()))
        except (FileNotFoundError, OSError, ValueError):
            raise _Gone(name) from None
    return MediaItem(
        kind=str(entry["kind"]),
        url=media_url(name, expires_in=expires_in),
        path=path,
        **{key: int(entry[key]) for key in _SIZES},
        duration=float(entry.get("duration", 0.0)),
        mime=str(entry.get("mime", "")),
    )
