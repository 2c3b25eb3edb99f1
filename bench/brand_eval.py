"""Brand extraction benchmark: how well Postloom reads real small-business websites.

Each folder of the corpus is one site with a ``truth.json`` written by a person. The site is
served on 127.0.0.1 (a thread, a random port), crawled and extracted the way onboarding does
it (``SafeFetcher`` with loopback allowed, when it exists), and scored against the truth:

    name       normalised equality, one containing the other, or an alias named in the notes
    language   ISO 639-1 equality
    color      CIEDE2000 ΔE <= 10 between the first truth color and any of the top 3
    fonts      any truth font among those extracted
    logo       the truth logo path is the extracted logo's path (or neither has one)
    products   recall: the share of truth products found (forgiving match)
    social     recall over the networks the truth names (URLs normalised)
    industry   the `basic` analysis's industry equals truth.json's

Prints a per-site table, then one JSON line with the totals.

    .venv/bin/python bench/brand_eval.py [--corpus DIR] [--json-out FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import re
import statistics
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from coloraide import Color

from postloom.integrations import ai
from postloom.integrations.ai.base import BrandProfile, BrandRequest
from postloom.web.crawl import Fetcher, crawl_site
from postloom.web.extract import extract_site
from postloom.web.folder_fetch import FolderFetcher

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "sites"
COLOR_DELTA_E = 10.0
PRODUCT_SIMILARITY = 0.85

Profile = dict[str, Any]


# --- serving and fetching -------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base's name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a site folder on 127.0.0.1 at a random port; yields the home page URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def safe_fetcher_factory() -> Callable[[Path, str], AbstractContextManager[Fetcher]] | None:
    """The real SafeFetcher (loopback allowed), or None while safe_http has none yet."""
    try:
        from postloom.web.safe_http import FetchPolicy, SafeFetcher
    except ImportError:
        return None

    def make(folder: Path, url: str) -> AbstractContextManager[Fetcher]:
        fetcher: AbstractContextManager[Fetcher] = SafeFetcher(FetchPolicy(allow_loopback=True))
        return fetcher

    return make


def folder_fetcher(folder: Path, url: str) -> AbstractContextManager[Fetcher]:
    return FolderFetcher(folder, base_url=url)


# --- the profile that gets scored -----------------------------------------------------------


def profile_from_analysis(profile: BrandProfile) -> Profile:
    """The brand profile as onboarding shows it: extraction + the built-in `basic` analysis."""
    return {
        "name": profile.name,
        "language": profile.language,
        "industry": profile.industry,
        "colors": list(profile.colors),
        "fonts": list(profile.fonts),
        "logo_url": profile.logo_url,
        "products": list(profile.products),
        "social": dict(profile.social),
    }


# --- scoring --------------------------------------------------------------------------------


def score_site(profile: Profile, truth: dict[str, Any]) -> dict[str, Any]:
    truth_social = {_network(k): v for k, v in (truth.get("social") or {}).items() if v}
    found_social = sum(
        1
        for network, url in truth_social.items()
        if _same_social(profile["social"].get(network, ""), url)
    )
    truth_products = truth.get("products") or []
    found_products = sum(1 for p in truth_products if _has_product(profile["products"], p))
    truth_fonts = {f.casefold() for f in truth.get("fonts") or []}
    return {
        "name": name_matches(profile["name"], truth["name"], _aliases(truth.get("notes", ""))),
        "language": profile["language"] == truth.get("language"),
        "industry": profile["industry"] == truth.get("industry"),
        "color": _color_matches(profile["colors"][:3], truth.get("colors") or []),
        "fonts": bool(truth_fonts & {f.casefold() for f in profile["fonts"]})
        if truth_fonts
        else None,
        "logo": _logo_matches(profile["logo_url"], truth.get("logo")),
        "products_found": found_products,
        "products_total": len(truth_products),
        "social_found": found_social,
        "social_total": len(truth_social),
    }


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2122\u00ae\u00a9]", "", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w&]+", " ", text)).strip()


def name_matches(found: str, expected: str, aliases: list[str]) -> bool:
    """Equal after normalising, or one containing the other when the shorter still has at
    least half the longer's words ("Buencamino Dental" for "Buencamino Dental Specialist",
    but not "Cafe" for "Zorbey Cafe & Restaurant")."""
    got = _norm(found)
    for name in [expected, *aliases]:
        want = _norm(name)
        if not got or not want:
            continue
        short, long_ = sorted((got, want), key=len)
        if short in long_ and 2 * len(short.split()) >= len(long_.split()):
            return True
    return False


def _aliases(notes: str) -> list[str]:
    """Names the notes accept too: quoted strings in sentences that mention an alias."""
    aliases: list[str] = []
    for sentence in re.split(r"(?<=[.;])\s+", notes):
        if "alias" in sentence.lower():
            aliases += re.findall(r"'([^']+)'", sentence)
    return aliases


def _color_matches(found: list[str], expected: list[str]) -> bool | None:
    if not expected:
        return None
    first = Color(expected[0])
    return any(first.delta_e(Color(hex_), method="2000") <= COLOR_DELTA_E for hex_ in found)


def _logo_matches(found_url: str, expected_path: str | None) -> bool:
    if not expected_path:
        return not found_url
    if not found_url:
        return False
    path = unquote(urlsplit(found_url).path).lstrip("/")
    return path == expected_path.lstrip("/") or path.endswith("/" + expected_path.lstrip("/"))


def _has_product(found: list[str], expected: str) -> bool:
    want = re.sub(r"\W", "", _norm(expected))
    for name in found:
        got = re.sub(r"\W", "", _norm(name))
        if got and (got == want or got in want or want in got):
            return True
        if SequenceMatcher(None, got, want).ratio() >= PRODUCT_SIMILARITY:
            return True
    return False


def _network(key: str) -> str:
    return "x" if key == "twitter" else key


def _same_social(found: str, expected: str) -> bool:
    if not found:
        return False
    a, b = _social_key(found), _social_key(expected)
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _social_key(url: str) -> str:
    """host + path, lower case, without www./m./country prefixes; twitter.com is x.com."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = re.sub(r"^(www|m|mobile|web|[a-z]{2})\.(?=[a-z0-9-]+\.[a-z.]+$)", "", host)
    host = {"twitter.com": "x.com", "api.whatsapp.com": "wa.me"}.get(host, host)
    path = parts.path.rstrip("/").lower()
    ident = parse_qs(parts.query).get("id", [""])[0] or parse_qs(parts.query).get("phone", [""])[0]
    if host == "wa.me" and path in ("", "/send"):
        path = "/" + re.sub(r"\D", "", ident)
    elif ident:
        path += f"?id={ident}"
    return host + path


# --- running --------------------------------------------------------------------------------


def run_site(
    folder: Path, make_fetcher: Callable[[Path, str], AbstractContextManager[Fetcher]]
) -> tuple[Profile, float]:
    """Onboard one site as Postloom does (fetch, read, analyse with `basic`), timed end to end."""
    with serve(folder) as url, make_fetcher(folder, url) as fetcher:
        started = time.perf_counter()
        extract = extract_site(crawl_site(url, fetcher), fetcher)
        result = ai.analyse_brand(BrandRequest(site=extract), "basic")
        return profile_from_analysis(result.profile), time.perf_counter() - started


def choose_fetcher(
    first_site: Path,
) -> tuple[Callable[[Path, str], AbstractContextManager[Fetcher]], str]:
    factory = safe_fetcher_factory()
    if factory is not None:
        try:
            run_site(first_site, factory)
            return factory, "SafeFetcher"
        except NotImplementedError:
            pass
    print(
        "note: safe_http.SafeFetcher is not implemented yet; reading the site folders with "
        "FolderFetcher instead (same interface, no HTTP).",
        file=sys.stderr,
    )
    return folder_fetcher, "FolderFetcher"


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def _row(site: str, profile: Profile, score: dict[str, Any], seconds: float) -> str:
    products = f"{score['products_found']}/{score['products_total']}"
    social = f"{score['social_found']}/{score['social_total']}"
    colors = " ".join(profile["colors"][:3])
    return (
        f"{site:<24} {_mark(score['name']):<4} {profile['name'][:28]:<28} "
        f"{_mark(score['language']):<4} {profile['language']:<3} "
        f"{_mark(score['industry']):<4} {profile['industry'][:14]:<14} {_mark(score['color']):<4} "
        f"{colors:<24} {_mark(score['fonts']):<4} {_mark(score['logo']):<4} "
        f"{products:<6} {social:<5} {seconds:5.2f}s"
    )


def summarise(scores: list[dict[str, Any]], seconds: list[float], fetcher: str) -> dict[str, Any]:
    def count(field: str) -> int:
        return sum(1 for s in scores if s[field])

    product_sites = [s for s in scores if s["products_total"]]
    social_total = sum(s["social_total"] for s in scores)
    return {
        "bench": "brand_eval",
        "sites": len(scores),
        "name": count("name"),
        "language": count("language"),
        "color": count("color"),
        "fonts": count("fonts"),
        "logo": count("logo"),
        "industry": count("industry"),
        "products_recall": round(
            statistics.mean(s["products_found"] / s["products_total"] for s in product_sites), 3
        )
        if product_sites
        else None,
        "social_recall": round(sum(s["social_found"] for s in scores) / social_total, 3)
        if social_total
        else None,
        "p50_seconds": round(statistics.median(seconds), 3) if seconds else None,
        "max_seconds": round(max(seconds), 3) if seconds else None,
        "fetcher": fetcher,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json-out", type=Path, help="append the summary line to this file")
    args = parser.parse_args(argv)
    sites = sorted(p for p in args.corpus.iterdir() if (p / "truth.json").is_file())
    if not sites:
        print(f"no sites with truth.json under {args.corpus}", file=sys.stderr)
        return 2
    make_fetcher, fetcher_name = choose_fetcher(sites[0])
    print(
        f"{'site':<24} {'name':<33} {'lang':<8} {'industry':<19} {'color':<29} {'font':<4} "
        f"{'logo':<4} "
        f"{'prod':<6} {'soc':<5} time"
    )
    scores, seconds = [], []
    for folder in sites:
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        profile, elapsed = run_site(folder, make_fetcher)
        score = score_site(profile, truth)
        scores.append(score)
        seconds.append(elapsed)
        print(_row(folder.name, profile, score, elapsed))
    summary = summarise(scores, seconds, fetcher_name)
    line = json.dumps(summary, ensure_ascii=False)
    print(line)
    if args.json_out:
        with args.json_out.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
