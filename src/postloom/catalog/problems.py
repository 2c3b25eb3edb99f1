"""Why a photo was refused, in words a shop owner understands (translated).

uploads.py raises UploadError with a stable code; this is the only place codes become text.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from postloom.catalog.uploads import MAX_PIXELS, MAX_UPLOAD_BYTES, UploadError


def upload_problem(code: str, detail: dict[str, Any] | None = None) -> str:
    detail = detail or {}
    if code == "too_large":
        megabytes = int(detail.get("limit", MAX_UPLOAD_BYTES)) // (1024 * 1024)
        return _("This photo is too large. Photos can be up to %(mb)s MB.") % {"mb": megabytes}
    if code == "too_many_pixels":
        megapixels = int(detail.get("limit", MAX_PIXELS)) // 1_000_000
        return _(
            "This photo has too many pixels (the limit is %(mp)s megapixels). "
            "Save a smaller copy and upload that."
        ) % {"mp": megapixels}
    if code == "unsupported_format":
        return _(
            "%(format)s files are not supported. Upload a photo in JPEG, PNG, WebP or HEIC."
        ) % {"format": detail.get("format", "?")}
    if code == "too_many_images":
        return _("You can add up to %(limit)s photos here. Remove one to add another.") % {
            "limit": detail.get("limit", "?")
        }
    messages = {
        "empty": _("This file is empty."),
        "not_an_image": _("This file is not a photo. Upload a photo in JPEG, PNG, WebP or HEIC."),
        "corrupt": _(
            "This photo is damaged or incomplete and cannot be opened. "
            "Try exporting it again from your phone or computer."
        ),
    }
    return messages.get(code, _("This photo could not be used. Please try another one."))


def refusal(name: str, error: UploadError) -> str:
    """The message for one refused file, naming it so people know which one to fix."""
    return _("%(file)s: %(problem)s") % {
        "file": name,
        "problem": upload_problem(error.code, error.detail),
    }
