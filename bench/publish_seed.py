"""Seeding for bench/publish.py (not timed): connected accounts, approved posts with their
media, and one due publication for each, as ``publish_now`` would leave them.

Rows are made in bulk (the actions would take longer than the run being measured); each post's
approved hash is the studio's own ``content_hash``, so the engine checks it as it always does.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any


def tiny_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 400), (200, 120, 60)).save(out, "JPEG", quality=85)
    return out.getvalue()


def tiny_video(folder: Path) -> bytes:
    """A 3.2 s 360x640 H.264/AAC clip that meets TikTok's rules (made once, ~50 kB)."""
    from imageio_ffmpeg import get_ffmpeg_exe

    out, head = folder / "clip.mp4", [get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error"]
    sound = folder / "tone.aac"
    tone = ["-f", "lavfi", "-t", "3.2", "-i", "sine=frequency=440:sample_rate=44100"]
    subprocess.run([*head, *tone, "-c:a", "aac", "-f", "adts", str(sound)], check=True)
    subprocess.run(
        [*head, "-f", "lavfi", "-t", "3.2", "-i", "testsrc=size=360x640:rate=30", "-i",
         str(sound), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-bf",
         "0", "-c:a", "copy", "-use_editlist", "0", "-movflags", "+faststart", str(out)],
        check=True,
    )  # fmt: skip
    return out.read_bytes()


def seed(args: argparse.Namespace, hello: dict[str, Any], tag: str) -> list[int]:
    """Connections (first run only), approved posts and due publications; the post ids."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from postloom.accounts.models import User
    from postloom.brands.models import Business
    from postloom.connections.models import Connection
    from postloom.publishing.models import Publication
    from postloom.studio import approval
    from postloom.studio.models import Format, Pillar, Post, PostMedia

    business = Business.objects.first()
    if business is None:
        owner = User.objects.create_user("bench@example.com", "bench-password-not-secret")
        business = Business.objects.create(name="Bench Coffee", website="https://b.example")
        connections = _connect(business, hello, Connection)
    else:
        owner = User.objects.get(email="bench@example.com")
        connections = list(Connection.objects.order_by("id"))
    picture = default_storage.save("bench/picture.jpg", ContentFile(tiny_jpeg()))
    clip = default_storage.save("bench/clip.mp4", ContentFile(tiny_video(Path(tempfile.mkdtemp()))))
    instagram = [c for c in connections if c.platform == "instagram"][: args.accounts]
    tiktok = [c for c in connections if c.platform == "tiktok"]
    posts, pubs, now = [], [], timezone.now()
    tiktok_every = round(1 / args.tiktok_share) if args.tiktok_share and tiktok else 0
    for n in range(args.posts):
        on_tiktok = bool(tiktok_every) and n % tiktok_every == 0
        pool = tiktok if on_tiktok else instagram
        connection = pool[(n // (tiktok_every or 1) if on_tiktok else n) % len(pool)]
        fmt = Format.TIKTOK_VIDEO if on_tiktok else Format.FEED_IMAGE
        post = Post(
            business=business, format=fmt, platform=connection.platform,
            pillar=Pillar.TIPS, caption=f"{tag}-{n} Palm sugar coffee, slowly made.",
            hashtags=["kopi"], status=Post.Status.SCHEDULED, approved_by=owner,
            approved_at=now,
        )  # fmt: skip
        posts.append((post, connection, clip if on_tiktok else picture))
    Post.objects.bulk_create([p for p, _, _ in posts], batch_size=1000)
    media = PostMedia.objects.bulk_create(
        [PostMedia(post=post, kind="video" if name.endswith("mp4") else "image", file=name,
                   width=360 if name.endswith("mp4") else 320,
                   height=640 if name.endswith("mp4") else 400)
         for post, _, name in posts],
        batch_size=1000,
    )  # fmt: skip
    # The studio's own hash over the media rows just written (one query per post saved:
    # seeding is not what is timed).
    media_of = {m.post.pk: [m] for m in media}
    hashes = [approval.content_hash(post, media_of[post.pk]) for post, _, _ in posts]
    for (post, connection, _), digest in zip(posts, hashes, strict=True):
        post.approved_hash = digest
        options = {"privacy_level": "SELF_ONLY"} if connection.platform == "tiktok" else {}
        pubs.append(
            Publication(
                business=business,
                post=post,
                connection=connection,
                platform=connection.platform,
                kind=post.format,
                content_hash=post.approved_hash,
                next_attempt_at=now,
                tiktok_options=options,
                created_by=owner,
            )  # fmt: skip
        )
    Post.objects.bulk_update([p for p, _, _ in posts], ["approved_hash"], batch_size=1000)
    Publication.objects.bulk_create(pubs, batch_size=1000)
    return [p.pk for p, _, _ in posts]


def _connect(business: Any, hello: dict[str, Any], connection_model: Any) -> list[Any]:
    made = []
    for ig_id, token in hello["ig_accounts"]:
        connection = connection_model(
            business=business, platform="instagram", variant="instagram_login",
            account_id=ig_id, username=f"ig{ig_id[-6:]}", sandbox=True,
        )  # fmt: skip
        connection.access_token = token
        made.append(connection)
    for open_id, access, refresh in hello["tt_accounts"]:
        connection = connection_model(
            business=business, platform="tiktok", variant="tiktok", account_id=open_id,
            username=open_id, sandbox=True,
        )  # fmt: skip
        connection.access_token, connection.refresh_token = access, refresh
        made.append(connection)
    connection_model.objects.bulk_create(made)
    return list(connection_model.objects.order_by("id"))
