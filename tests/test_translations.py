"""Every user-facing string ships in Indonesian and Turkish, and the compiled catalogs are current.

The source is extracted afresh (Django's makemessages on a copy of the package), so a new or
changed string without a translation fails here, not in front of a shop owner.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

import postloom

PACKAGE = Path(postloom.__file__).parent
LANGUAGES = ("id", "tr")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|<[^>]+>")


def parse_po(text: str) -> list[dict[str, object]]:
    """A small .po reader: msgid, msgstr (all forms), flags."""
    entries: list[dict[str, object]] = []
    for block in text.split("\n\n"):
        entry: dict[str, object] = {"flags": "", "msgid": "", "plural": "", "msgstr": []}
        current = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line
            elif line.startswith("#"):
                continue
            elif line.startswith("msgid "):
                current = "msgid"
                entry["msgid"] = str(entry["msgid"]) + eval_po(line.split(" ", 1)[1])
            elif line.startswith("msgid_plural "):
                current = "plural"
                entry["plural"] = eval_po(line.split(" ", 1)[1])
            elif line.startswith("msgstr"):
                current = "msgstr"
                entry["msgstr"].append(eval_po(line.split(" ", 1)[1]))  # type: ignore[attr-defined]
            elif line.startswith('"') and current in ("msgid", "plural"):
                entry[current] = str(entry[current]) + eval_po(line)
            elif line.startswith('"') and current == "msgstr":
                entry["msgstr"][-1] += eval_po(line)  # type: ignore[index]
        if entry["msgid"]:
            entries.append(entry)
    return entries


def eval_po(quoted: str) -> str:
    return quoted.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n")


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        if os.environ.get("CI"):
            pytest.fail("gettext tools are missing")
        pytest.skip("gettext tools (xgettext, msgmerge) are not installed")
    copy = tmp_path_factory.mktemp("src") / "postloom"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "POSTLOOM_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
    env["DJANGO_SETTINGS_MODULE"] = "postloom.config.settings"
    args = ["makemessages", "-e", "html,txt,py", "--no-location", "--no-obsolete"]
    subprocess.run(
        [sys.executable, "-m", "postloom", "manage", *args, *(f"-l{lang}" for lang in LANGUAGES)],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return {
        lang: (copy / "locale" / lang / "LC_MESSAGES" / "django.po").read_text()
        for lang in LANGUAGES
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated(fresh_catalogs: dict[str, str], lang: str) -> None:
    entries = parse_po(fresh_catalogs[lang])
    assert len(entries) > 100
    missing = [e["msgid"] for e in entries if not all(e["msgstr"])]  # type: ignore[call-overload]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in str(e["flags"])]
    assert missing == [], f"untranslated in {lang}"
    assert fuzzy == [], f"fuzzy (source changed) in {lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_placeholders_and_markup(lang: str) -> None:
    po = (PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po").read_text()
    for entry in parse_po(po):
        sources = [str(entry["msgid"]), str(entry["plural"])]
        expected = [sorted(PLACEHOLDER.findall(source)) for source in sources if source]
        for msgstr in entry["msgstr"]:  # type: ignore[attr-defined]
            assert sorted(PLACEHOLDER.findall(msgstr)) in expected, entry["msgid"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogs_match_the_sources(lang: str) -> None:
    po = (PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po").read_text()
    with translation.override(lang):
        for entry in parse_po(po):
            # Plural entries are looked up with ngettext; the singular ones are checked here.
            if str(entry["msgid"]) and not entry["plural"]:
                expected = entry["msgstr"][0]  # type: ignore[index]
                assert translation.gettext(str(entry["msgid"])) == expected, entry["msgid"]
