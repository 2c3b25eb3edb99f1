"""Plan benchmark: a 30-day plan for a new business with no AI keys, end to end.

A throwaway data directory and SQLite database are set up (not timed); a business like a new
user's is created — brand profile, three products with phone-sized photos, Indonesian — and
then, timed, exactly what the studio does: plan the month, write every caption with the
built-in engine, render every creative and reel. The posts are checked (each has words and
media within the networks' limits) and counted.

Then, for each AI text provider, the same plan's captions are written through the local
simulator of the vendor (``postloom.sandbox``; nothing leaves the machine) and the tokens per
post are read from the AIUsage rows the studio records.

Prints each phase and one JSON line: plan_seconds, posts, reels, and tokens per post.

    .venv/bin/python bench/plan.py [--days 30]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

os.environ["POSTLOOM_DATA_DIR"] = tempfile.mkdtemp(prefix="postloom-bench-plan-")
os.environ.pop("DATABASE_URL", None)  # the embedded database, as a new user has
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postloom.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from postloom.accounts.models import User  # noqa: E402
from postloom.brands import actions as brand_actions  # noqa: E402
from postloom.brands.models import AIUsage, BrandProfile, Business  # noqa: E402
from postloom.catalog import actions as catalog_actions  # noqa: E402
from postloom.integrations import ai  # noqa: E402
from postloom.integrations.ai.limits import inline_hashtags, limits_for, mentions, utf16_units  # noqa: E402,E501
from postloom.sandbox.anthropic_api import AnthropicSimulator  # noqa: E402
from postloom.sandbox.openai_api import OpenAISimulator  # noqa: E402
from postloom.sandbox.server import serve  # noqa: E402
from postloom.studio.actions import create_plan  # noqa: E402
from postloom.studio.generation import perform_job, write_captions  # noqa: E402
from postloom.studio.models import Format, Post  # noqa: E402

VIDEO = {Format.REEL, Format.TIKTOK_VIDEO}
PRODUCTS = (
    ("Kopi Susu Gula Aren", "Es kopi susu dengan gula aren asli dari Garut.", "25000",
     ["gula aren asli", "susu segar"]),
    ("Roti Bakar Cokelat Keju", "Roti tebal dengan topping melimpah.", "18000",
     ["roti tebal", "topping melimpah"]),
    ("Teh Tarik", "Teh tarik manis pas, ditarik langsung.", "15000",
     ["manis pas", "ditarik langsung"]),
)  # fmt: skip


def phone_photo(seed: int) -> bytes:
    """A 3024x4032 JPEG with detail everywhere, as a shop's own upload would be."""
    rng = random.Random(seed)  # noqa: S311 - shapes for a test picture
    image = Image.linear_gradient("L").resize((756, 1008)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.randrange(756), rng.randrange(1008), rng.randrange(20, 160)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    out = io.BytesIO()
    image.resize((3024, 4032)).save(out, "JPEG", quality=90)
    return out.getvalue()


def new_business() -> Business:
    user = User.objects.create_user("bench@example.com", "bench-password-123")
    business = brand_actions.create_business(
        user, name="Kopi Senja", website="https://kopisenja.example"
    )
    business.language, business.timezone = "id", "Asia/Jakarta"
    business.save()
    BrandProfile.objects.update_or_create(
        business=business,
        defaults={
            "name": "Kopi Senja",
            "description": "Kedai kopi kecil di Bandung.",
            "industry": "food_beverage",
            "tone": "hangat, santai, akrab",
            "target_audience": "anak muda dan pekerja kantoran di Bandung",
            "keywords": ["kopi susu", "gula aren", "nongkrong"],
            "colors": ["#6f4e37", "#f5efe6", "#2e7d32"],
            "fonts": ["Poppins", "Lora"],
            "language": "id",
        },
    )
    for number, (name, description, price, highlights) in enumerate(PRODUCTS):
        fields = catalog_actions.ProductFields(
            name=name, description=description, price=Decimal(price), currency="IDR",
            highlights=highlights,
        )  # fmt: skip
        product = catalog_actions.create_product(business, fields)
        for seed in range(2):
            catalog_actions.add_product_photo(product, io.BytesIO(phone_photo(number * 10 + seed)))
    return business


def check_posts(posts: list[Post]) -> list[str]:
    problems = []
    for post in posts:
        platform = "tiktok" if post.format.startswith("tiktok") else "instagram"
        if not post.caption or not post.media.exists():
            problems.append(f"post {post.pk} ({post.format}) has no caption or media")
        limits = limits_for(platform, post.format)  # type: ignore[arg-type]
        text = post.caption
        tags = set(inline_hashtags(text)) | {t.lstrip("#") for t in post.hashtags}
        if utf16_units(text) > limits.max_units:
            problems.append(f"post {post.pk}: caption over {limits.max_units} units")
        if limits.max_hashtags is not None and len(tags) > limits.max_hashtags:
            problems.append(f"post {post.pk}: {len(tags)} hashtags")
        if limits.max_mentions is not None and len(mentions(text)) > limits.max_mentions:
            problems.append(f"post {post.pk}: too many mentions")
    return problems


def run_plan(business: Business, days: int) -> tuple[float, list[Post]]:
    start = date.today() + timedelta(days=1)
    started = time.perf_counter()
    job = create_plan(business, by=None, start=start, days=days, background=False)
    job = perform_job(job.pk)
    seconds = time.perf_counter() - started
    if job.status != "done":
        sys.exit(f"generation ended {job.status} ({job.error_code})")
    assert job.plan is not None
    return seconds, list(job.plan.posts.select_related("product", "business"))


def provider_config(name: str, base_url: str) -> dict[str, Any]:
    if name == "anthropic":
        return {"PROVIDER": name, "ANTHROPIC_API_KEY": "sk-ant-sandbox",
                "ANTHROPIC_BASE_URL": base_url, "ANTHROPIC_MODEL": "claude-haiku-4-5"}  # fmt: skip
    return {"PROVIDER": name, "OPENAI_API_KEY": "sk-sandbox",
            "OPENAI_BASE_URL": f"{base_url}/v1", "OPENAI_MODEL": "gpt-4.1-mini"}  # fmt: skip


def tokens_per_post(business: Business, posts: list[Post], name: str) -> dict[str, float]:
    """Write the plan's captions through ``name``'s simulator, in the studio's batches."""
    from django.conf import settings

    simulator = AnthropicSimulator() if name == "anthropic" else OpenAISimulator()
    saved = dict(settings.AI)
    with serve(simulator) as base_url:
        settings.AI.update(provider_config(name, base_url))
        ai.configure(settings.AI)
        before = AIUsage.objects.filter(purpose="captions").count()
        for first in range(0, len(posts), 10):
            write_captions(business, posts[first : first + 10])
        settings.AI.clear()
        settings.AI.update(saved)
        ai.configure(settings.AI)
    rows = list(AIUsage.objects.filter(purpose="captions").order_by("id")[before:])
    failed = [row.error_code for row in rows if not row.ok]
    if failed or not rows:
        sys.exit(f"{name}: caption calls failed: {failed}")
    count = len(posts)
    return {
        "calls": len(rows),
        "input_per_post": round(sum(r.input_tokens for r in rows) / count, 1),
        "output_per_post": round(sum(r.output_tokens for r in rows) / count, 1),
        "cost_per_post_usd": float(sum(r.cost_usd for r in rows) / count),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    business = new_business()
    print(f"business ready: {business.products.count()} products with photos, language id")

    seconds, posts = run_plan(business, args.days)
    formats = Counter(post.format for post in posts)
    reels = sum(formats[f] for f in VIDEO)
    problems = check_posts(posts)
    print(f"{args.days}-day plan: {len(posts)} posts in {seconds:.1f} s "
          f"({seconds / max(len(posts), 1):.2f} s per post), {reels} videos")  # fmt: skip
    print("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(formats.items())))
    print("problems: " + ("; ".join(problems) if problems else "none"))

    tokens = {}
    for name in ("anthropic", "openai"):
        tokens[name] = tokens_per_post(business, posts, name)
        figures = tokens[name]
        print(f"{name} (simulator): {figures['calls']} calls, "
              f"{figures['input_per_post']} input + {figures['output_per_post']} output "
              f"tokens per post, ${figures['cost_per_post_usd']:.5f} per post")  # fmt: skip

    summary = {
        "bench": "plan",
        "plan_seconds": round(seconds, 2),
        "posts": len(posts),
        "reels": reels,
        "days": args.days,
        "problems": len(problems),
        "tokens_per_post": {
            name: figures["input_per_post"] + figures["output_per_post"]
            for name, figures in tokens.items()
        },
        "cores": os.cpu_count(),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
