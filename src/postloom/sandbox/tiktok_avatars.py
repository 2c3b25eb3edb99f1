"""The TikTok simulator's profile pictures: ``GET /avatars/<open_id>.png``.

TikTok serves avatars from its CDN, not from the API, so these answer without a token, faults,
latency or counting. A creator whose ``avatar_url`` is empty (the sandbox's own ones) points
here; see ``Creator.avatar``.
"""

from __future__ import annotations

import functools
import hashlib
import io
from typing import TYPE_CHECKING

from postloom.sandbox.tiktok_http import Request, Response, json_response
from postloom.sandbox.tiktok_state import AVATAR_PREFIX

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

SIZE = 200


def picture(sim: TikTokSim, request: Request) -> Response:
    name = request.path.removeprefix(AVATAR_PREFIX)
    with sim.lock:
        creator = sim.creators.get(name.removesuffix(".png"))
    if request.method != "GET":
        return json_response({"error": {"code": "method_not_allowed"}}, 405)
    if creator is None or not name.endswith(".png"):
        return json_response({"error": {"code": "not_found", "message": request.path}}, 404)
    png = drawn(creator.open_id, creator.display_name)
    return Response(200, png, [("Content-Type", "image/png"), ("Cache-Control", "max-age=86400")])


@functools.lru_cache(maxsize=256)
def drawn(open_id: str, display_name: str) -> bytes:
    """The name's first letter on a colour taken from the open_id: each sandbox creator is
    recognisable, and none passes for a real photo."""
    from PIL import Image, ImageDraw, ImageFont  # only the pictures need Pillow

    digest = hashlib.sha256(open_id.encode()).digest()
    colour = (64 + digest[0] % 128, 64 + digest[1] % 128, 64 + digest[2] % 128)
    image = Image.new("RGB", (SIZE, SIZE), colour)
    letter = (display_name.strip()[:1] or "?").upper()
    font = ImageFont.load_default(size=SIZE * 11 // 20)
    centre = (SIZE // 2, SIZE // 2)
    ImageDraw.Draw(image).text(centre, letter, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
