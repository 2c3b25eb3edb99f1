from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import BrandProfile, Business, OnboardingRun

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
PROFILE = {
    "name": "Kopi Senja",
    "description": "Kedai kopi di Bandung",
    "industry": "food_beverage",
    "language": "id",
    "target_audience": "Anak muda Bandung",
    "tone": "Hangat dan santai",
    "keywords": ["kopi", "gula aren"],
    "colors": ["#8B4513", "#fff8ee"],
    "fonts": ["Lora"],
    "visual_theme": "Warm browns",
    "logo_url": "",
    "products": ["Kopi Susu"],
    "social": {"instagram": "https://www.instagram.com/kopisenja.bdg/"},
}
PROFILE_KEYS = set(PROFILE)


def send(client: Client, method: str, path: str, body: Any = None) -> Any:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def user_for(request: pytest.FixtureRequest, role: str) -> User | None:
    return None if role == "anonymous" else request.getfixturevalue(role)


ROUTES = [
    ("get", "/api/v1/businesses/{b}/brand", None, (200, 200, 200, 404, 401)),
    ("put", "/api/v1/businesses/{b}/brand", PROFILE, (200, 200, 403, 404, 401)),
    (
        "post",
        "/api/v1/businesses/{b}/brand/analyse",
        {"url": "http://10.0.0.1/"},
        (202, 202, 403, 404, 401),
    ),  # fmt: skip
    ("get", "/api/v1/businesses/{b}/brand/runs/{r}", None, (200, 200, 200, 404, 401)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "role", "expected"),
    [
        pytest.param(m, p, b, role, e, id=f"{m}-{p.split('/')[-1]}-{role}")
        for m, p, b, outcomes in ROUTES
        for role, e in zip(ROLES, outcomes, strict=True)
    ],
)
def test_brand_routes_by_role(
    request: pytest.FixtureRequest,
    business: Business,
    client_for: ClientFor,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    role: str,
    expected: int,
) -> None:
    BrandProfile.objects.create(business=business, name="Before")
    run = OnboardingRun.objects.create(business=business, url="https://kopisenja.example/")
    response = send(
        client_for(user_for(request, role)), method, path.format(b=business.pk, r=run.pk), body
    )
    assert response.status_code == expected
    writes = method in ("put", "post") and expected < 300
    assert (BrandProfile.objects.get().name != "Before") == (writes and method == "put")
    assert (OnboardingRun.objects.count() == 2) == (writes and method == "post")


def test_put_lowercases_colors_and_marks_fields_as_edited(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    response = send(client_for(owner), "put", f"/api/v1/businesses/{business.pk}/brand", PROFILE)
    assert response.json()["colors"] == ["#8b4513", "#fff8ee"]
    assert set(response.json()) == PROFILE_KEYS
    assert "name" in BrandProfile.objects.get().edited_fields


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colors": ["brown"]}, "hex codes"),
        ({"industry": "hacking"}, "industry"),
        ({"name": ""}, "name"),
    ],
)
def test_put_refuses_bad_profiles(
    business: Business, owner: User, client_for: ClientFor, change: dict[str, Any], message: str
) -> None:
    path = f"/api/v1/businesses/{business.pk}/brand"
    response = send(client_for(owner), "put", path, {**PROFILE, **change})
    assert response.status_code == 422
    assert message in json.dumps(response.json())
    assert not BrandProfile.objects.filter(name="Kopi Senja").exists()


def test_analyse_reports_the_run_and_its_problem(
    business: Business, owner: User, client_for: ClientFor, settings
) -> None:
    settings.FETCH_ALLOW_LOOPBACK = False
    path = f"/api/v1/businesses/{business.pk}/brand/analyse"
    body = send(client_for(owner), "post", path, {"url": "http://10.0.0.1/"}).json()
    assert body["status"] == "failed"
    assert body["error"]["code"] == "blocked_address"
    assert "private or local network" in body["error"]["message"]


def test_preview_returns_the_onboard_keys(
    owner: User, client_for: ClientFor, kopi_site: str
) -> None:
    response = send(client_for(owner), "post", "/api/v1/onboard", {"url": kopi_site + "/"})
    assert response.status_code == 200
    assert set(response.json()["profile"]) == PROFILE_KEYS
    assert response.json()["profile"]["name"] == "Kopi Senja"
    assert not BrandProfile.objects.exists()


def test_preview_needs_a_session_and_explains_failures(
    owner: User, client_for: ClientFor, settings
) -> None:
    settings.FETCH_ALLOW_LOOPBACK = False
    assert (
        send(client_for(None), "post", "/api/v1/onboard", {"url": "http://x.example/"}).status_code
        == 401
    )
    response = send(client_for(owner), "post", "/api/v1/onboard", {"url": "http://192.168.1.1/"})
    assert response.status_code == 422
    assert response.json()["code"] == "blocked_address"


def test_openapi_documents_the_brand_routes(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/businesses/{business_id}/brand" in paths
    assert "/api/v1/businesses/{business_id}/brand/analyse" in paths
    assert "/api/v1/onboard" in paths


@pytest.mark.integration
def test_cli_onboard_prints_one_json_object(kopi_site: str, tmp_path: Any) -> None:
    env = {
        "POSTLOOM_DATA_DIR": str(tmp_path),
        "POSTLOOM_FETCH_ALLOW_LOOPBACK": "true",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "postloom",
            "onboard",
            kopi_site + "/",
            "--json",
            "--provider",
            "basic",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == PROFILE_KEYS
    assert data["name"] == "Kopi Senja"
    assert data["social"]["instagram"].startswith("https://www.instagram.com/")


@pytest.mark.integration
def test_cli_onboard_explains_a_refused_address(tmp_path: Any) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "postloom", "onboard", "http://127.0.0.1:9/"],
        env={"POSTLOOM_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "private or local network" in result.stderr
