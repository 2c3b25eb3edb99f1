"""Faults of the TikTok simulator: forced codes, random faults and transient 500s.

A fault either replaces the call (``before``: nothing happened) or its answer (``after``:
the call took effect and its answer was lost, as when a proxy times out). Lost answers are
what exactly-once publishing must survive, so random faults on writes strike "after" for
``fault_after_share`` of them, and a forced code can ask for it with ``"after": true``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from postloom.sandbox.tiktok_http import (
    Json,
    Request,
    Response,
    api_error,
    bad_gateway,
    json_response,
    oauth_error,
)

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

WRITE_ENDPOINTS = frozenset({"video_init", "inbox_init", "content_init", "upload", "cancel"})
FAULT_KINDS = ["internal_error", "bad_gateway", "rate_limit_exceeded"]

Faults = tuple[Response | None, Response | None]  # (before, after)


def faults(sim: TikTokSim, endpoint: str, kind: str, progress: list[tuple[str, str]]) -> Faults:
    """``progress`` is the upload's Content-Range header, for upload answers."""
    queue = sim.forced.get(endpoint)
    if queue:
        entry: Json = queue.pop(0)
        sim.count("forced")
        response = error_for(kind, str(entry["code"]), entry.get("status"), progress)
        return (None, response) if entry.get("after") else (response, None)
    if sim.fault_rate and sim.fault_kinds and sim.rng.random() < sim.fault_rate:
        sim.count("faults")
        if endpoint in WRITE_ENDPOINTS and sim.rng.random() < sim.fault_after_share:
            return None, bad_gateway()
        return error_for(kind, sim.rng.choice(sim.fault_kinds), None, progress), None
    if sim.error_rate and sim.rng.random() < sim.error_rate:
        sim.count("faults")
        return error_for(kind, "internal_error", None, progress), None
    return None, None


def error_for(kind: str, code: str, status: int | None = None,
              progress: list[tuple[str, str]] | None = None) -> Response:  # fmt: skip
    """``code`` in the shape of the endpoint: API envelope, OAuth error or upload status."""
    if code == "bad_gateway":
        return bad_gateway()
    if kind == "upload":
        status = status or (int(code) if code.isdigit() else 500 if code != "rate_limit_exceeded"
                            else 429)  # fmt: skip
        body = {"error": {"code": code, "message": "The sandbox was told to fail."}}
        return json_response(body, status, list(progress or []))
    if kind == "oauth":
        error = "server_error" if code == "internal_error" else code
        default = 429 if error == "rate_limit_exceeded" else None
        return oauth_error(error, "The sandbox was told to fail.", status or default)
    return api_error(code, status=status)


def upload_progress(sim: TikTokSim, request: Request) -> list[tuple[str, str]]:
    """The Content-Range an upload answer carries (empty for an unknown upload)."""
    publish_id = sim.uploads.get(request.query.get("upload_id", ""))
    publish = sim.publishes.get(publish_id) if publish_id else None
    if publish is None or publish.upload is None:
        return []
    upload = publish.upload
    done = f"0-{upload.received - 1}" if upload.received else "*"
    return [("Content-Range", f"bytes {done}/{upload.video_size}")]
