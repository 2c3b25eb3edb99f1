"""Writes a plan's posts to a folder: the media files, posts.json and an index.html preview."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

from django.utils import timezone

from postloom.studio.models import Plan, Post

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; background: #f6f6f9; color: #1c1b29; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr));
  gap: 1.2rem; }}
.post {{ background: #fff; border-radius: 12px; padding: .8rem; box-shadow: 0 1px 3px #0002; }}
.post img, .post video {{ width: 100%; border-radius: 8px; }}
.meta {{ color: #5d5b70; font-size: .85rem; }} p {{ white-space: pre-wrap; }}
</style></head><body><h1>{title}</h1><div class="grid">
{posts}
</div></body></html>
"""


def post_record(post: Post, files: list[str]) -> dict[str, Any]:
    local = timezone.localtime(post.planned_for, timezone=_zone(post)) if post.planned_for else None
    return {
        "id": post.pk,
        "planned_for": local.isoformat() if local else None,
        "format": post.format,
        "platform": "tiktok" if post.format.startswith("tiktok") else "instagram",
        "pillar": post.pillar,
        "product": post.product.name if post.product_id else None,  # type: ignore[union-attr]
        "occasion": post.occasion or None,
        "angle": post.hint or None,
        "headline": post.headline,
        "caption": post.caption,
        "hashtags": post.hashtags,
        "alt_text": post.alt_text,
        "media": files,
    }


def _zone(post: Post) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(post.business.timezone)


def export_plan(plan: Plan, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for number, post in enumerate(plan.posts.select_related("product", "business"), start=1):
        folder = out / f"{number:02d}-{post.format}"
        folder.mkdir(exist_ok=True)
        files = []
        for media in post.media.all():
            target = folder / Path(media.file.name or "media").name
            with media.file.open("rb") as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)
            files.append(str(target.relative_to(out)))
        records.append(post_record(post, files))
    (out / "posts.json").write_text(json.dumps(records, ensure_ascii=False, indent=2))
    (out / "index.html").write_text(render_index(plan, records))
    return out


def _media_tag(path: str) -> str:
    src = html.escape(path)
    if path.endswith(".mp4"):
        return f'<video src="{src}" controls muted playsinline></video>'
    return f'<img src="{src}" alt="">'


def render_index(plan: Plan, records: list[dict[str, Any]]) -> str:
    cards = []
    for record in records:
        media = "".join(_media_tag(p) for p in record["media"] if not p.endswith("cover.jpg"))
        tags = " ".join(f"#{t}" for t in record["hashtags"])
        cards.append(
            f'<div class="post">{media}<div class="meta">{html.escape(record["planned_for"] or "")}'
            f" · {html.escape(record['format'])} · {html.escape(record['pillar'])}</div>"
            f"<p>{html.escape(record['caption'])}\n\n{html.escape(tags)}</p></div>"
        )
    title = f"{plan.business.name}: {plan.days} days from {plan.start_date}"
    return PAGE.format(
        lang=plan.business.language, title=html.escape(title), posts="\n".join(cards)
    )
