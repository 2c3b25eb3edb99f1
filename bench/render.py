"""Creative renderer benchmark: Pillow (postloom.render) against warm headless Chromium.

Each layout is rendered many times from pre-sized photo files (file read and JPEG decode
included, JPEG written). Every timed creative is a new post: its headline, body, price,
quote and tips are drawn word by word from a bakery's vocabulary, so their lines are new to
the renderer and its caches help only with what a brand really repeats (its name, call to
action and label, its words, fonts and backgrounds). A second figure re-renders one
unchanged post.

The same posts are then rendered the way template services do it, at Chromium's fastest:
one browser and one page kept warm, ``page.set_content(html)`` and a JPEG screenshot
(quality 90) of the same size, taken with the DevTools protocol's ``Page.captureScreenshot``.
The HTML is built from what the renderer placed: the same photo (a data: URL), the same
fonts (@font-face to the bundled files, served from 127.0.0.1 so the browser caches them),
the same texts at the same sizes and positions, and the same panels, fades, pills and
badges in CSS. The two renderers take turns, a quarter of each layout's runs at a time, so
both see the same load when the machine is shared.

Prints a table and one JSON line with creative_p50_ms, chromium_p50_ms and speedup (for the
1080x1350 creatives), the unchanged-post figure, per-layout figures, and the per-creative
cost with two processes.

    .venv/bin/python bench/render.py [--runs 60] [--chromium-runs 20] [--out DIR]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import html
import http.server
import io
import json
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageOps

from postloom.render import LAYOUTS, SIZES, BrandKit, Creative, TextBox, render_creative
from postloom.render.color import Palette, palette_from, to_hex
from postloom.render.fonts import FACES

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent
CORPUS_PHOTO = REPO.parent / "shared" / "corpus" / "sites" / "tr-zorbey-cafe" / "img"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
KIT = BrandKit(
    name="Zorbey Cafe",
    colors=("#7a1f1f", "#f4e3c1"),
    fonts=("Playfair Display", "Lato"),
    language="tr",
)
# What a brand repeats from post to post; the rest of a post's words change every time.
BRAND_WORDS: dict[str, object] = {
    "eyebrow": "Yeni",
    "cta": "Hemen sipariş ver",
    "slide_index": 2,
    "slide_count": 5,
}
# A bakery-cafe's vocabulary: posts are drawn from it word by word, so every timed post has
# lines the renderer has never drawn while its words recur, as a brand's words do.
VOCABULARY = (  # noqa: SIM905 (a paragraph reads better than a hundred quoted words)
    "taze sıcak çıtır yumuşak kremalı çikolatalı fıstıklı fındıklı bademli tarçınlı vanilyalı "
    "ev yapımı günlük özel lezzetli hafif tatlı tuzlu bol sade klasik yeni mevsimlik doğal "
    "profiterol sufle künefe baklava cheesecake tiramisu magnolia sütlaç kazandibi trileçe "
    "ekler brownie kurabiye poğaça simit börek kruvasan pasta turta kek waffle dondurma "
    "kahve çay latte espresso salep sahlep limonata kakao süt kaymak bal reçel tereyağı un "
    "şeker yumurta fırın tepsi dilim kutu paket sipariş menü masa şube mutfak usta tarif "
    "sabah öğle akşam hafta sonu bayram bugün yarın her gün şimdi erken geç "
    "İstanbul Şişli Kadıköy Beşiktaş Moda Bebek Nişantaşı Üsküdar Ankara İzmir "
    "ile için gibi kadar daha en çok az biraz hep birlikte ailece dostlarla sizin bizim"
).split()
FIRST_NAMES = ("Ayşe", "Mehmet", "Elif", "Can", "Zeynep", "Emre", "Selin", "Burak", "Deniz", "Ece")
LAST_NAMES = ("Yılmaz", "Kaya", "Demir", "Öztürk", "Şahin", "Çelik", "Aydın", "Arslan", "Koç")
CASES = [(layout, "feed_portrait") for layout in LAYOUTS] + [("story", "story")]
POSTS_PER_CASE = 10_000
ROUNDS = 4


def post_words(post: int) -> dict[str, object]:
    """The words of post number `post`, the same on every run of the benchmark."""
    rng = random.Random(post)  # noqa: S311 (repeatable words, not secrets)

    def words(low: int, high: int) -> str:
        text = " ".join(rng.choices(VOCABULARY, k=rng.randint(low, high)))
        return text[0].upper() + text[1:]

    return {
        **BRAND_WORDS,
        "headline": f"{words(4, 6)} ☕",
        "body": f"{words(9, 13)}.",
        "price": f"₺{rng.randint(40, 990)}",
        "items": (words(3, 5), words(3, 5), words(3, 5)),
        "quote": f"{words(10, 14)}! 😍",
        "attribution": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
    }


def make_photos(folder: Path) -> dict[str, Path]:
    """One photo per canvas size, cover-cropped to it and saved as a q90 JPEG."""
    source = _source_photo()
    paths = {}
    for name, size in SIZES.items():
        path = folder / f"photo-{name}.jpg"
        fitted = ImageOps.fit(source, (size.width, size.height), Image.Resampling.LANCZOS)
        fitted.save(path, "JPEG", quality=90)
        paths[name] = path
    return paths


def _source_photo() -> Image.Image:
    candidate = CORPUS_PHOTO / "profiterol.jpg"
    if candidate.exists():
        return Image.open(candidate).convert("RGB")
    # Without the shared corpus: a busy synthetic scene (noise makes JPEG work hard).
    image = Image.linear_gradient("L").resize((1600, 2000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y, r = (i * 397) % 1600, (i * 613) % 2000, 60 + (i * 37) % 240
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((i * 53) % 256, (i * 97) % 256, 90))
    noise = Image.effect_noise((1600, 2000), 30).convert("RGB")
    return Image.blend(image, noise, 0.12)


def creative_for(layout: str, size: str, photo: bytes, post: int) -> Creative:
    words = post_words(post)
    return Creative(layout=layout, size=size, photo=photo, **words)  # type: ignore[arg-type]


def first_post(case: tuple[str, str]) -> int:
    """Each case draws its posts from its own range, so no two timed creatives are alike."""
    return (CASES.index(case) + 1) * POSTS_PER_CASE


def pillow_ms(case: tuple[str, str], photo_path: Path, post: int) -> float:
    """One creative, from reading the photo file to the JPEG bytes."""
    layout, size = case
    start = time.perf_counter()
    render_creative(KIT, creative_for(layout, size, photo_path.read_bytes(), post))
    return (time.perf_counter() - start) * 1000


def warm_pillow(case: tuple[str, str], photo_path: Path) -> None:
    """Warm what a brand repeats (fonts, backgrounds, its name and CTA) with other posts."""
    for post in range(first_post(case) - 3, first_post(case)):
        pillow_ms(case, photo_path, post)


def _render_share(args: tuple[list[tuple[str, str]], dict[str, str], int, int]) -> float:
    cases, photos, runs, worker = args
    for layout, size in cases:
        render_creative(KIT, creative_for(layout, size, Path(photos[size]).read_bytes(), 0))
    start = time.perf_counter()
    for run in range(runs):
        for index, (layout, size) in enumerate(cases):
            post = 1 + worker * runs * len(cases) + run * len(cases) + index
            render_creative(KIT, creative_for(layout, size, Path(photos[size]).read_bytes(), post))
    return time.perf_counter() - start


def two_process_ms(photos: dict[str, Path], runs: int) -> float:
    """Wall time per new creative when two worker processes share the portrait creatives."""
    cases = [case for case in CASES if case[1] == "feed_portrait"]
    paths = {name: str(path) for name, path in photos.items()}
    with ProcessPoolExecutor(max_workers=2) as pool:
        pool.submit(int).result()  # both workers started before the clock runs
        start = time.perf_counter()
        list(pool.map(_render_share, [(cases, paths, runs, worker) for worker in (0, 1)]))
        wall = time.perf_counter() - start
    return wall * 1000 / (2 * runs * len(cases))


# ---- the same creative as an HTML page --------------------------------------------------


@contextlib.contextmanager
def font_server() -> Iterator[str]:
    """Serve the bundled font files on 127.0.0.1 with long caching, as a CDN would."""
    files = {Path(face.path).name: Path(face.path) for faces in FACES.values() for face in faces}
    folder = Path(tempfile.mkdtemp(prefix="postloom-fonts-"))
    for name, path in files.items():
        (folder / name).symlink_to(path)
    (folder / "blank.html").write_text("<!doctype html><title>blank</title>")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            self.send_header("Access-Control-Allow-Origin", "*")
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def font_faces_css(base: str) -> str:
    rules = []
    for faces in FACES.values():
        for face in set(faces):
            style = "italic" if face.italic else "normal"
            rules.append(
                f"@font-face{{font-family:'{face.css_family}';font-weight:{face.css_weight};"
                f"font-style:{style};src:url('{base}/{Path(face.path).name}')}}"
            )
    return "\n".join(rules)


def _rgba(color: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({color[0]},{color[1]},{color[2]},{alpha})"


def _abs(left: int, top: int, width: int, height: int, css: str) -> str:
    box = f"position:absolute;left:{left}px;top:{top}px;width:{width}px;height:{height}px"
    return f'<div style="{box};{css}"></div>'


def _photo(url: str, width: int, height: int, top: int = 0, css: str = "") -> str:
    box = f"position:absolute;left:0;top:{top}px;width:{width}px;height:{height}px"
    return f'<img src="{url}" style="{box};object-fit:cover;{css}">'


def background_html(layout: str, width: int, height: int, p: Palette, photo_url: str) -> str:
    """The panels, photo and fades of each layout, as the Pillow layouts draw them."""
    fade = (
        f"background:linear-gradient(to bottom,{_rgba(p.dark, 0)},{_rgba(p.dark, 0.85)} 45%,"
        f"{_rgba(p.dark, 0.85)})"
    )
    top_fade = f"background:linear-gradient(to bottom,{_rgba(p.dark, 0.55)},{_rgba(p.dark, 0)})"
    soft = f"background:{to_hex(p.light)}"
    circle = f"border-radius:50%;background:{_rgba(p.primary, 0.1)}"
    if layout == "product_hero":
        photo_h = round(height * (0.5 if height > 1.5 * width else 0.6))
        return (
            _photo(photo_url, width, photo_h)
            + _abs(0, 0, width, 260, top_fade)
            + _abs(0, photo_h, width, height - photo_h, f"background:{to_hex(p.primary)}")
            + _abs(0, photo_h, width, 12, f"background:{to_hex(p.accent)}")
        )
    if layout in ("promotion", "story", "carousel_cover"):
        return (
            _photo(photo_url, width, height)
            + _abs(0, 0, width, 420, top_fade)
            + _abs(0, height // 3, width, height - height // 3, fade)
        )
    if layout == "announcement":
        return _photo(photo_url, width, height) + _abs(
            0, 0, width, height, f"background:{_rgba(p.dark, 0.55)}"
        )
    if layout == "tips":
        return (
            _photo(photo_url, width, 452)
            + _abs(0, 0, width, 452, f"background:{_rgba(p.dark, 0.85)}")
            + _abs(0, 452, width, height - 452, soft)
        )
    if layout == "quote":
        return (
            _abs(0, 0, width, height, soft)
            + _abs(width - 400, -300, 780, 780, circle)
            + _photo(photo_url, 168, 168, height - 240, "left:72px;border-radius:50%")
        )
    return (  # carousel_slide
        _abs(0, 0, width, height, soft)
        + _abs(-300, height - 400, 900, 900, circle)
        + _photo(photo_url, width, round(height * 0.45))
        + _abs(0, round(height * 0.45), width, 10, f"background:{to_hex(p.accent)}")
    )


def decorations_html(layout: str, width: int, height: int, p: Palette) -> str:
    """The quote mark and carousel dots and arrow, drawn as shapes and glyphs in CSS too."""
    if layout == "quote":
        mark = f"font:800 280px 'Source Serif Pro';color:{to_hex(p.accent)};line-height:1"
        return f'<div style="position:absolute;left:64px;top:32px;{mark}">\u201c</div>'
    if layout not in ("carousel_cover", "carousel_slide"):
        return ""
    bottom = height - 72 - 28
    ink = "#ffffff" if layout == "carousel_cover" else to_hex(p.primary)
    dots = "".join(
        f'<span style="display:inline-block;width:{40 if i == 1 else 14}px;height:14px;'
        f'border-radius:7px;margin-right:14px;background:{ink}"></span>'
        for i in range(5)
    )
    arrow = f"font:700 72px 'Source Sans Pro';color:{ink};line-height:1"
    return (
        f'<div style="position:absolute;left:{width // 2 - 80}px;top:{bottom - 7}px">{dots}</div>'
        f'<div style="position:absolute;left:{width - 168}px;top:{bottom - 40}px;{arrow}">'
        "\u2192</div>"
    )


def text_html(box: TextBox, p: Palette) -> str:
    left, top, right, bottom = box.box
    lines = "<br>".join(html.escape(line) for line in box.lines)
    line_height = (bottom - top) / max(1, len(box.lines))
    style = "italic" if box.italic else "normal"
    chip = ""
    region_w, region_h = box.region[2] - box.region[0], box.region[3] - box.region[1]
    if box.role in ("cta", "eyebrow") or (box.role in ("price", "number") and region_w == region_h):
        radius = "50%" if region_w == region_h else f"{region_h // 2}px"
        chip = _abs(*box.region[:2], region_w, region_h, f"background:{to_hex(p.accent)};"
                    f"border-radius:{radius}")  # fmt: skip
    text = (
        f'<div style="position:absolute;left:{left}px;top:{top}px;white-space:pre;'
        f"font-family:'{box.font_family}','Noto Color Emoji';font-weight:{box.font_weight};"
        f"font-style:{style};font-size:{box.font_size}px;line-height:{line_height:.1f}px;"
        f'color:{box.color}">{lines}</div>'
    )
    return chip + text


def creative_html(layout: str, size: str, photo: bytes, fonts_css: str, post: int) -> str:
    canvas = SIZES[size]
    result = render_creative(KIT, creative_for(layout, size, photo, post))
    palette = palette_from(KIT.colors)
    photo_url = "data:image/jpeg;base64," + base64.b64encode(photo).decode()
    body = background_html(layout, canvas.width, canvas.height, palette, photo_url)
    body += decorations_html(layout, canvas.width, canvas.height, palette)
    body += "".join(text_html(box, palette) for box in result.text_boxes)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{fonts_css}\n"
        f"html,body{{margin:0;width:{canvas.width}px;height:{canvas.height}px;overflow:hidden;"
        f"background:{to_hex(palette.primary)}}}</style></head>"
        f'<body><div style="position:relative;width:{canvas.width}px;'
        f'height:{canvas.height}px;overflow:hidden">{body}</div></body></html>'
    )


class Chromium:
    """One warm browser page that renders creatives from HTML, at its fastest."""

    def __init__(self, page: Page, fonts_css: str) -> None:
        self.page = page
        self.fonts_css = fonts_css
        # Straight to the DevTools protocol: page.screenshot() adds round trips (caret
        # hiding, viewport checks) that cost 10-25 ms here and are no part of rendering.
        self.cdp = page.context.new_cdp_session(page)

    def size_to(self, size: str) -> None:
        canvas = SIZES[size]
        self.page.set_viewport_size({"width": canvas.width, "height": canvas.height})

    def shot(self, markup: str) -> bytes:
        self.page.set_content(markup)
        shot = self.cdp.send("Page.captureScreenshot", {"format": "jpeg", "quality": 90})
        return base64.b64decode(shot["data"])

    def warm(self, markup: str) -> bytes:
        self.page.set_content(markup)
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.shot(markup)

    def ms(self, markup: str) -> float:
        start = time.perf_counter()
        self.shot(markup)
        return (time.perf_counter() - start) * 1000


@contextlib.contextmanager
def chromium() -> Iterator[Chromium]:
    from playwright.sync_api import sync_playwright

    with font_server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1080, "height": 1350})
        page.goto(f"{base}/blank.html")  # same origin as the fonts, so they cache
        try:
            yield Chromium(page, font_faces_css(base))
        finally:
            browser.close()


def time_case(
    case: tuple[str, str], photo_path: Path, runs: int, chromium_runs: int, browser: Chromium,
    out: Path | None,
) -> tuple[list[float], list[float]]:  # fmt: skip
    """ms per new post for both renderers, taking turns in ROUNDS blocks so that both see
    the same load from whatever else the machine is doing."""
    layout, size = case
    photo = photo_path.read_bytes()
    first = first_post(case)
    browser.size_to(size)
    # Chromium gets the same posts, laid out into HTML before any clock runs.
    markups = [
        creative_html(layout, size, photo, browser.fonts_css, post)
        for post in range(first - 3, first + chromium_runs)
    ]
    warm_pillow(case, photo_path)
    shot = b""
    for markup in markups[:3]:
        shot = browser.warm(markup)
    assert Image.open(io.BytesIO(shot)).size == (SIZES[size].width, SIZES[size].height)
    if out is not None:
        (out / f"{layout}-{size}-chromium.jpg").write_bytes(shot)
    ours: list[float] = []
    theirs: list[float] = []
    for round_ in range(1, ROUNDS + 1):
        while len(ours) < runs * round_ // ROUNDS:
            ours.append(pillow_ms(case, photo_path, first + len(ours)))
        while len(theirs) < chromium_runs * round_ // ROUNDS:
            theirs.append(browser.ms(markups[3 + len(theirs)]))
    return ours, theirs


def time_repeat(case: tuple[str, str], photo_path: Path, runs: int) -> list[float]:
    """ms per creative when the same post is rendered again and again."""
    warm_pillow(case, photo_path)
    return [pillow_ms(case, photo_path, first_post(case)) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="Pillow renders per layout")
    parser.add_argument("--chromium-runs", type=int, default=20, help="Chromium renders each")
    parser.add_argument("--out", type=Path, help="write one JPEG of each renderer here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="postloom-bench-"))
    photos = make_photos(folder)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for case in CASES:
            layout, size = case
            post = first_post(case) - 1  # the post Chromium's example shows
            result = render_creative(
                KIT, creative_for(layout, size, photos[size].read_bytes(), post)
            )
            (args.out / f"{layout}-{size}-pillow.jpg").write_bytes(result.jpeg)

    pillow, chromium_ms = {}, {}
    with chromium() as browser:
        for case in CASES:
            path = photos[case[1]]
            times = time_case(case, path, args.runs, args.chromium_runs, browser, args.out)
            pillow[case], chromium_ms[case] = times
    repeat = {case: time_repeat(case, photos[case[1]], args.runs) for case in CASES}
    parallel = two_process_ms(photos, max(5, args.runs // 4))
    report(pillow, repeat, chromium_ms, parallel)


def report(
    pillow: dict[tuple[str, str], list[float]],
    repeat: dict[tuple[str, str], list[float]],
    chromium: dict[tuple[str, str], list[float]],
    parallel_ms: float,
) -> None:
    print(f"{'layout':16} {'size':14} {'pillow p50':>11} {'chromium p50':>13} {'speedup':>8}")
    per_layout = {}
    for case in CASES:
        ours, theirs = statistics.median(pillow[case]), statistics.median(chromium[case])
        print(f"{case[0]:16} {case[1]:14} {ours:9.1f}ms {theirs:11.1f}ms {theirs / ours:7.1f}x")
        key = case[0] if case[1] == "feed_portrait" else f"{case[0]}@{case[1]}"
        per_layout[key] = {
            "creative_p50_ms": round(ours, 2),
            "chromium_p50_ms": round(theirs, 2),
            "speedup": round(theirs / ours, 2),
        }
    portrait = [case for case in CASES if case[1] == "feed_portrait"]
    ours_all = statistics.median([t for case in portrait for t in pillow[case]])
    theirs_all = statistics.median([t for case in portrait for t in chromium[case]])
    again = statistics.median([t for case in portrait for t in repeat[case]])
    print(f"{'all 1080x1350':31} {ours_all:9.1f}ms {theirs_all:11.1f}ms "
          f"{theirs_all / ours_all:7.1f}x")  # fmt: skip
    print(f"the same post again: {again:.1f} ms per 1080x1350 creative")
    print(f"two processes: {parallel_ms:.1f} ms of wall time per 1080x1350 creative")
    figures = {
        "creative_p50_ms": round(ours_all, 2),
        "chromium_p50_ms": round(theirs_all, 2),
        "speedup": round(theirs_all / ours_all, 2),
        "creative_repeat_p50_ms": round(again, 2),
        "creative_two_process_ms": round(parallel_ms, 2),
        "cpu_count": os.cpu_count(),
        "layouts": per_layout,
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
