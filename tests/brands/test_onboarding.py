from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import AIUsage, BrandProfile, Business, OnboardingRun

ClientFor = Callable[[User | None], Client]


def analyse(client: Client, business: Business, url: str, keep_edits: bool = True) -> str:
    data = {"url": url, **({"keep_edits": "on"} if keep_edits else {})}
    client.post(f"/b/{business.pk}/brand/analyse/", data)
    return client.get(f"/b/{business.pk}/brand/").content.decode()


def test_pasting_a_website_builds_the_brand_profile(
    business: Business, owner: User, client_for: ClientFor, kopi_site: str
) -> None:
    page = analyse(client_for(owner), business, kopi_site + "/")
    brand = BrandProfile.objects.get(business=business)
    assert brand.name == "Kopi Senja"  # not the placeholder title "Document"
    assert brand.language == "id"  # read from the text, not from lang="en"
    assert brand.industry == "food_beverage"
    assert brand.colors[0] == "#8b4513"
    assert "Lora" in brand.fonts
    assert brand.social["instagram"] == "https://www.instagram.com/kopisenja.bdg/"
    assert "Kopi Susu Gula Aren" in brand.products
    run = OnboardingRun.objects.get(business=business)
    assert run.status == OnboardingRun.Status.DONE
    assert 0 < len(run.sent_text) <= 2000
    assert "Kopi Senja" in page and 'data-testid="sent-text"' in page
    usage = AIUsage.objects.get(business=business)
    assert (usage.provider, usage.purpose, usage.ok) == ("basic", "brand_analysis", True)
    business.refresh_from_db()
    assert business.website == kopi_site + "/"


def test_reanalysing_keeps_hand_edits_unless_asked(
    business: Business, owner: User, client_for: ClientFor, kopi_site: str
) -> None:
    client = client_for(owner)
    analyse(client, business, kopi_site + "/")
    form = {
        "name": "Kopi Senja Bandung",
        "industry": "food_beverage",
        "language": "id",
        "colors": "#123456, #fff8ee",
    }
    client.post(f"/b/{business.pk}/brand/edit/", form)
    brand = BrandProfile.objects.get(business=business)
    assert {"name", "colors"} <= set(brand.edited_fields)

    analyse(client, business, kopi_site + "/")
    brand.refresh_from_db()
    assert brand.name == "Kopi Senja Bandung"
    assert brand.colors == ["#123456", "#fff8ee"]

    analyse(client, business, kopi_site + "/", keep_edits=False)
    brand.refresh_from_db()
    assert brand.name == "Kopi Senja"
    assert brand.edited_fields == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url at all", "does not look like a website address"),
        ("https://user:secret@kopisenja.example/", "Remove the user name and password"),
        ("ftp://kopisenja.example/", "does not look like a website address"),
    ],
)
def test_bad_addresses_are_refused_before_anything_runs(
    business: Business, owner: User, client_for: ClientFor, url: str, message: str
) -> None:
    response = client_for(owner).post(f"/b/{business.pk}/brand/analyse/", {"url": url})
    assert message in response.content.decode()
    assert not OnboardingRun.objects.exists()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "The page was not found (error 404)"),
        ("/menu.pdf", "This address is not a web page"),
    ],
)
def test_unreadable_pages_fail_clearly_and_keep_the_website(
    business: Business,
    owner: User,
    client_for: ClientFor,
    kopi_site: str,
    path: str,
    message: str,
) -> None:
    page = analyse(client_for(owner), business, kopi_site + path)
    assert message in page
    assert OnboardingRun.objects.get().status == OnboardingRun.Status.FAILED
    business.refresh_from_db()
    assert business.website == kopi_site + path
    assert 'data-testid="brand-form"' in page  # the profile can still be filled by hand


def test_unreachable_site(business: Business, owner: User, client_for: ClientFor, settings) -> None:
    settings.FETCH_ALLOW_LOOPBACK = True
    page = analyse(client_for(owner), business, f"http://127.0.0.1:{closed_port()}/")
    assert "The website did not answer" in page


def test_private_addresses_are_never_read(
    business: Business, owner: User, client_for: ClientFor, settings
) -> None:
    settings.FETCH_ALLOW_LOOPBACK = False
    page = analyse(client_for(owner), business, "http://127.0.0.1:9/")
    assert "private or local network" in page
    page = analyse(client_for(owner), business, "http://169.254.169.254/latest/meta-data/")
    assert "private or local network" in page


def test_robots_txt_is_respected(
    business: Business, owner: User, client_for: ClientFor, robots_closed_site: str
) -> None:
    page = analyse(client_for(owner), business, robots_closed_site + "/")
    assert "robots.txt" in page
    assert not BrandProfile.objects.exists()


@pytest.mark.parametrize(
    ("path", "warning"),
    [
        ("/app.html", "We could read very little text"),
        ("/deutsch.html", "Your website seems to be in German"),
    ],
)
def test_thin_or_foreign_sites_give_a_profile_and_a_warning(
    business: Business,
    owner: User,
    client_for: ClientFor,
    kopi_site: str,
    path: str,
    warning: str,
) -> None:
    page = analyse(client_for(owner), business, kopi_site + path)
    assert warning in page
    assert BrandProfile.objects.filter(business=business).exists()


def test_failed_ai_provider_falls_back_to_the_built_in_analysis(
    business: Business, owner: User, client_for: ClientFor, kopi_site: str, settings
) -> None:
    settings.AI = {**settings.AI, "PROVIDER": "anthropic", "ANTHROPIC_API_KEY": ""}
    page = analyse(client_for(owner), business, kopi_site + "/")
    assert "built-in analysis" in page
    assert BrandProfile.objects.get(business=business).name == "Kopi Senja"
    calls = list(AIUsage.objects.order_by("id").values_list("provider", "ok", "error_code"))
    assert calls == [("anthropic", False, "not_configured"), ("basic", True, "")]


def test_progress_is_polled_until_the_run_ends(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    run = OnboardingRun.objects.create(business=business, url="https://kopisenja.example/")
    client = client_for(owner)
    url = f"/b/{business.pk}/brand/runs/{run.pk}/"
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert (
        'data-testid="onboarding-progress"'
        in client.get(f"/b/{business.pk}/brand/").content.decode()
    )
    OnboardingRun.objects.filter(pk=run.pk).update(status=OnboardingRun.Status.DONE)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == f"/b/{business.pk}/brand/"


def test_profile_edit_validates_colors(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    form = {"name": "Kopi", "industry": "food_beverage", "language": "id", "colors": "brown"}
    response = client_for(owner).post(f"/b/{business.pk}/brand/edit/", form)
    assert "brown is not a hex color like #1f6f5c." in response.content.decode()
    assert not BrandProfile.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 302), ("editor", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)],
)
@pytest.mark.parametrize("action", ["analyse", "edit"])
def test_who_may_change_the_brand(
    request: pytest.FixtureRequest,
    business: Business,
    client_for: ClientFor,
    role: str,
    status: int,
    action: str,
    settings,
) -> None:
    settings.FETCH_ALLOW_LOOPBACK = False  # nothing is fetched: 10.x is refused at once
    user = None if role == "anonymous" else request.getfixturevalue(role)
    data = (
        {"url": "http://10.0.0.1/"}
        if action == "analyse"
        else {"name": "X", "industry": "other", "language": "en"}
    )
    response = client_for(user).post(f"/b/{business.pk}/brand/{action}/", data)
    assert response.status_code == status
    changed = OnboardingRun.objects.exists() or BrandProfile.objects.exists()
    assert changed == (role in ("owner", "editor"))
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 200), ("editor", 200), ("viewer", 200), ("outsider", 404), ("anonymous", 302)],
)
def test_who_may_see_the_brand(
    request: pytest.FixtureRequest,
    business: Business,
    client_for: ClientFor,
    role: str,
    status: int,
) -> None:
    run = OnboardingRun.objects.create(business=business, url="https://kopisenja.example/")
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    assert client.get(f"/b/{business.pk}/brand/").status_code == status
    assert client.get(f"/b/{business.pk}/brand/runs/{run.pk}/").status_code == status


def test_viewer_sees_the_profile_read_only(
    business: Business, viewer: User, client_for: ClientFor
) -> None:
    BrandProfile.objects.create(business=business, name="Kopi Senja", colors=["#8b4513"])
    page = client_for(viewer).get(f"/b/{business.pk}/brand/").content.decode()
    assert "Only owners and editors can change the brand profile." in page
    assert 'data-testid="onboard-form"' not in page
    assert 'data-color="#8b4513"' in page


def test_an_ai_provider_is_used_and_its_cost_recorded(
    business: Business, owner: User, client_for: ClientFor, kopi_site: str, settings
) -> None:
    from postloom.sandbox.anthropic_api import AnthropicSimulator
    from postloom.sandbox.server import serve

    simulator = AnthropicSimulator(input_tokens=1200, output_tokens=300)
    with serve(simulator) as base_url:
        settings.AI = {
            **settings.AI,
            "PROVIDER": "anthropic",
            "ANTHROPIC_API_KEY": simulator.api_key,
            "ANTHROPIC_BASE_URL": base_url,
            "ANTHROPIC_MODEL": "claude-haiku-4-5",
        }
        analyse(client_for(owner), business, kopi_site + "/")
    usage = AIUsage.objects.get(business=business)
    assert (usage.provider, usage.model, usage.ok) == ("anthropic", "claude-haiku-4-5", True)
    assert (usage.input_tokens, usage.output_tokens) == (1200, 300)
    assert usage.cost_usd > 0
    run = OnboardingRun.objects.get(business=business)
    assert run.provider == "anthropic"
    assert run.sent_text in simulator.requests[0].user_text()
