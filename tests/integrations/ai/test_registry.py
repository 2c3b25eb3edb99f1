"""The facade and the registry: a plain dict in, the right provider out, no Django involved."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from postloom.integrations import ai
from postloom.integrations.ai.anthropic import AnthropicTextProvider
from postloom.integrations.ai.base import BrandRequest
from postloom.integrations.ai.basic import BasicProvider
from postloom.sandbox import anthropic_api

from .conftest import ProviderCase, kopi_senja


def test_the_embedded_default_is_basic() -> None:
    assert isinstance(ai.get_text_provider(), BasicProvider)
    assert ai.analyse_brand(BrandRequest(site=kopi_senja())).usage.provider == "basic"


def test_configure_takes_the_settings_modules_ai_dict() -> None:
    # The settings module spells some keys without the AI_ prefix inside its AI dict.
    ai.configure({"PROVIDER": "anthropic", "TIMEOUT_SECONDS": 12, "ANTHROPIC_API_KEY": "k"})

    provider = ai.get_text_provider()

    assert isinstance(provider, AnthropicTextProvider)
    assert provider.settings.timeout_seconds == 12
    assert provider.settings.model == "claude-sonnet-5-5"
    assert ai.current_config()["AI_PROVIDER"] == "anthropic"


def test_a_name_and_overrides_win_over_the_configuration() -> None:
    ai.configure({"AI_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "k"})

    assert isinstance(ai.get_text_provider("basic"), BasicProvider)
    provider = ai.get_text_provider(ANTHROPIC_MODEL="claude-haiku-5-5", AI_MAX_RETRIES=9)
    assert isinstance(provider, AnthropicTextProvider)
    assert (provider.settings.model, provider.settings.max_retries) == ("claude-haiku-5-5", 1)


def test_an_empty_name_means_the_configured_provider(
    make_case: Callable[..., ProviderCase],
) -> None:
    # brands.onboarding passes the run's provider, which may be "".
    assert ai.analyse_brand(BrandRequest(site=kopi_senja()), "").usage.provider == "basic"


def test_the_facade_takes_an_instance(make_case: Callable[..., ProviderCase]) -> None:
    case = make_case("openai")

    result = ai.analyse_brand(BrandRequest(site=kopi_senja()), case.provider)

    assert result.usage.provider == "openai"


def test_integrations_import_neither_django_nor_the_domain() -> None:
    code = (
        "import sys\n"
        "from postloom.integrations import ai\n"
        "from postloom.integrations.ai import anthropic, basic, llm, openai, registry\n"
        "from postloom.integrations.ai import basic_captions, captions_llm, limits\n"
        "from postloom.sandbox import anthropic_api, openai_api\n"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')\n"
        "       or m.split('.')[:2] in (['postloom', 'brands'], ['postloom', 'accounts'])]\n"
        "print(bad)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "[]"


def test_basic_does_not_load_pydantic_ai() -> None:
    code = (
        "import sys\n"
        "from postloom.integrations import ai\n"
        "from postloom.web.site import SiteExtract\n"
        "ai.analyse_brand(ai.BrandRequest(site=SiteExtract(url='https://a.example', name='A')))\n"
        "brief = ai.PostBrief('reel', 'tips', 'tr')\n"
        "ai.write_captions(ai.CaptionRequest(ai.BrandVoice(name='A'), (brief,)))\n"
        "print(any(m.startswith('pydantic_ai') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "False"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_each_vendor_sdk_is_imported_in_one_module_only() -> None:
    package = Path(ai.__file__).parent
    vendors = {"anthropic": "anthropic.py", "openai": "openai.py"}
    for vendor, owner in vendors.items():
        importers = sorted(
            {
                module.name
                for module in package.glob("*.py")
                for name in _imports(module)
                if name.split(".")[0] == vendor or vendor in name.split(".")[1:3]
            }
        )
        assert importers == [owner], vendor


def test_the_simulators_stand_apart_from_postloom() -> None:
    # They stand for the vendors: they may share sandbox helpers, nothing of the product.
    sandbox = Path(anthropic_api.__file__).parent
    for module in ("anthropic_api.py", "openai_api.py", "caption_answers.py"):
        postloom = [
            n
            for n in _imports(sandbox / module)
            if n.startswith("postloom") and not n.startswith("postloom.sandbox")
        ]
        assert postloom == [], module
    assert not [n for n in _imports(sandbox / "caption_answers.py") if n.startswith("postloom")]


def test_captions_go_to_the_configured_provider() -> None:
    request = ai.CaptionRequest(ai.BrandVoice(name="A"), (ai.PostBrief("story", "question"),))

    assert ai.write_captions(request).usage.provider == "basic"
    assert ai.write_captions(request, "basic").calls == 0
