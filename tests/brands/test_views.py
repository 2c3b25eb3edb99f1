from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.brands.models import Business, Membership, Role
from tests.brands import brands_state

ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
LOGIN = "login"  # expected outcome: a redirect to the login page

SETTINGS_DATA = {
    "name": "Kopi Fajar",
    "website": "https://kopifajar.example",
    "timezone": "Asia/Jakarta",
    "language": "id",
}

# (name, method, path, data, expected for owner, editor, viewer, outsider, anonymous).
# {b} is the business, {m} the viewer's membership, {i} an open invitation, {t} its token.
ROUTES: list[tuple[str, str, str, dict[str, str] | None, tuple[int | str, ...]]] = [
    ("home", "get", "/dashboard/", None, (302, 302, 302, 200, LOGIN)),
    ("create-form", "get", "/b/new/", None, (200, 200, 200, 200, LOGIN)),
    ("create", "post", "/b/new/", SETTINGS_DATA, (302, 302, 302, 302, LOGIN)),
    ("dashboard", "get", "/b/{b}/", None, (200, 200, 200, 404, LOGIN)),
    ("settings", "get", "/b/{b}/settings/", None, (200, 200, 200, 404, LOGIN)),
    ("settings-save", "post", "/b/{b}/settings/", SETTINGS_DATA, (302, 302, 403, 404, LOGIN)),
    ("members", "get", "/b/{b}/members/", None, (200, 200, 200, 404, LOGIN)),
    (
        "invite",
        "post",
        "/b/{b}/members/invite/",
        {"email": "newcomer@example.com", "role": "editor"},
        (302, 403, 403, 404, LOGIN),
    ),
    ("role", "post", "/b/{b}/members/{m}/role/", {"role": "editor"}, (302, 403, 403, 404, LOGIN)),
    ("remove", "post", "/b/{b}/members/{m}/remove/", {}, (302, 403, 403, 404, LOGIN)),
    ("revoke", "post", "/b/{b}/invitations/{i}/revoke/", {}, (302, 403, 403, 404, LOGIN)),
    # The invitation is for someone else, so nobody in the table may accept it.
    ("invitation", "get", "/invitations/{t}/", None, (200, 200, 200, 200, LOGIN)),
    ("invitation-accept", "post", "/invitations/{t}/", {}, (200, 200, 200, 200, LOGIN)),
]

ACCESS_CASES = [
    pytest.param(method, path, data, role, expected, id=f"{name}-{role}")
    for name, method, path, data, outcomes in ROUTES
    for role, expected in zip(ROLES, outcomes, strict=True)
]


@dataclass
class World:
    business: Business
    users: dict[str, User | None]
    ids: dict[str, Any]


@pytest.fixture
def world(business: Business, owner: User, editor: User, viewer: User, outsider: User) -> World:
    invitation = actions.invite_member(
        business, by=owner, email="invitee@example.com", role=Role.EDITOR
    )
    users: dict[str, User | None] = {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "outsider": outsider,
        "anonymous": None,
    }
    ids = {
        "b": business.pk,
        "m": Membership.objects.get(business=business, user=viewer).pk,
        "i": invitation.pk,
        "t": invitation.token,
    }
    return World(business, users, ids)


@pytest.mark.parametrize(("method", "path", "data", "role", "expected"), ACCESS_CASES)
def test_route_access(
    world: World,
    client_for: Callable[[User | None], Client],
    method: str,
    path: str,
    data: dict[str, str] | None,
    role: str,
    expected: int | str,
) -> None:
    url = path.format(**world.ids)
    before = brands_state()

    response = getattr(client_for(world.users[role]), method)(url, data)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    else:
        assert response.status_code == expected
    # Allowed writes must change something, or "denied changes nothing" proves nothing.
    allowed_write = method == "post" and expected == 302
    assert (brands_state() != before) == allowed_write


@pytest.mark.parametrize(
    "path",
    [
        "/b/{b}/members/invite/",
        "/b/{b}/members/{m}/role/",
        "/b/{b}/members/{m}/remove/",
        "/b/{b}/invitations/{i}/revoke/",
    ],
)
def test_actions_refuse_get(
    world: World, client_for: Callable[[User | None], Client], path: str
) -> None:
    before = brands_state()
    response = client_for(world.users["owner"]).get(path.format(**world.ids))
    assert response.status_code == 405
    assert brands_state() == before


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/b/{own}/members/{theirs_m}/role/", {"role": "viewer"}),
        ("/b/{own}/members/{theirs_m}/remove/", {}),
        ("/b/{own}/invitations/{theirs_i}/revoke/", {}),
    ],
)
def test_owner_cannot_reach_another_business_through_own_url(
    business: Business,
    owner: User,
    make_user: Callable[..., User],
    client_for: Callable[[User | None], Client],
    path: str,
    data: dict[str, str],
) -> None:
    other_owner = make_user()
    theirs = actions.create_business(other_owner, name="Elsewhere")
    invitation = actions.invite_member(theirs, by=other_owner, email="x@example.com", role="editor")
    ids = {
        "own": business.pk,
        "theirs_m": Membership.objects.get(business=theirs).pk,
        "theirs_i": invitation.pk,
    }
    before = brands_state()

    response = client_for(owner).post(path.format(**ids), data)

    assert response.status_code == 404
    assert brands_state() == before


def test_create_business_makes_the_creator_owner(
    owner: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(owner).post("/b/new/", {**SETTINGS_DATA, "name": "  Toko Baru  "})

    business = Business.objects.get(name="Toko Baru")
    assert response["Location"] == f"/b/{business.pk}/"
    assert business.created_by == owner
    assert (business.timezone, business.language) == ("Asia/Jakarta", "id")
    assert list(business.memberships.values_list("user", "role")) == [(owner.pk, Role.OWNER)]


def test_create_form_defaults_to_the_users_language(
    make_user: Callable[..., User], client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(make_user(language="tr")).get("/b/new/")
    assert response.context["form"]["language"].value() == "tr"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Give your business a name."),
        ("timezone", "Mars/Olympus_Mons", "Mars/Olympus_Mons is not one of the available choices"),
        ("website", "not a url at all", "Enter a valid URL."),
        ("language", "xx", "xx is not one of the available choices"),
    ],
)
def test_create_with_bad_input_shows_error_and_writes_nothing(
    outsider: User,
    client_for: Callable[[User | None], Client],
    field: str,
    value: str,
    message: str,
) -> None:
    response = client_for(outsider).post("/b/new/", {**SETTINGS_DATA, field: value})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Business.objects.exists()
    assert not Membership.objects.exists()


def test_owner_saves_settings(
    business: Business, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(owner).post(f"/b/{business.pk}/settings/", SETTINGS_DATA, follow=True)

    business.refresh_from_db()
    assert (business.name, business.website, business.timezone, business.language) == (
        "Kopi Fajar",
        "https://kopifajar.example",
        "Asia/Jakarta",
        "id",
    )
    assert "Business settings saved." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Give your business a name."),
        ("name", "   ", "Give your business a name."),
        ("timezone", "Mars/Olympus_Mons", "Mars/Olympus_Mons is not one of the available choices"),
        ("timezone", "", "This field is required."),
    ],
)
def test_settings_with_bad_input_shows_error_and_changes_nothing(
    business: Business,
    owner: User,
    client_for: Callable[[User | None], Client],
    field: str,
    value: str,
    message: str,
) -> None:
    before = brands_state()

    response = client_for(owner).post(
        f"/b/{business.pk}/settings/", {**SETTINGS_DATA, field: value}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert brands_state() == before


def test_viewer_sees_settings_read_only_and_cannot_save(
    business: Business, viewer: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(viewer)
    page = client.get(f"/b/{business.pk}/settings/")
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert "only owners and editors can change them" in page.content.decode()

    before = brands_state()
    assert client.post(f"/b/{business.pk}/settings/", SETTINGS_DATA).status_code == 403
    assert brands_state() == before
    business.refresh_from_db()
    assert business.name == "Kopi Senja"


def test_members_page_shows_manage_controls_only_to_owners(
    business: Business,
    owner: User,
    editor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    as_owner = client_for(owner).get(f"/b/{business.pk}/members/").content.decode()
    as_editor = client_for(editor).get(f"/b/{business.pk}/members/").content.decode()

    for page in (as_owner, as_editor):
        assert "owner@example.com" in page
        assert "editor@example.com" in page
    assert 'data-testid="invite-form"' in as_owner
    assert 'data-testid="invite-form"' not in as_editor
    assert "Only owners can invite or remove members." in as_editor


def test_owner_changes_a_role(
    business: Business,
    owner: User,
    viewer: User,
    client_for: Callable[[User | None], Client],
) -> None:
    membership = Membership.objects.get(business=business, user=viewer)

    response = client_for(owner).post(
        f"/b/{business.pk}/members/{membership.pk}/role/", {"role": "editor"}, follow=True
    )

    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    assert "Role updated." in response.content.decode()


def test_invalid_role_is_refused(
    business: Business,
    owner: User,
    viewer: User,
    client_for: Callable[[User | None], Client],
) -> None:
    membership = Membership.objects.get(business=business, user=viewer)
    before = brands_state()

    response = client_for(owner).post(
        f"/b/{business.pk}/members/{membership.pk}/role/", {"role": "admin"}, follow=True
    )

    assert "Choose a valid role." in response.content.decode()
    assert brands_state() == before


def test_owner_removes_a_member(
    business: Business,
    owner: User,
    viewer: User,
    client_for: Callable[[User | None], Client],
) -> None:
    membership = Membership.objects.get(business=business, user=viewer)

    response = client_for(owner).post(
        f"/b/{business.pk}/members/{membership.pk}/remove/", follow=True
    )

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert "Member removed." in response.content.decode()
    assert client_for(viewer).get(f"/b/{business.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("path", "data"),
    [("/b/{b}/members/{m}/role/", {"role": "editor"}), ("/b/{b}/members/{m}/remove/", {})],
    ids=["demote", "remove"],
)
def test_last_owner_cannot_be_demoted_or_removed(
    business: Business,
    owner: User,
    client_for: Callable[[User | None], Client],
    path: str,
    data: dict[str, str],
) -> None:
    membership = Membership.objects.get(business=business, user=owner)
    before = brands_state()

    response = client_for(owner).post(
        path.format(b=business.pk, m=membership.pk), data, follow=True
    )

    assert "A business needs at least one owner." in response.content.decode()
    assert brands_state() == before


@pytest.mark.parametrize(
    ("path", "data"),
    [("/b/{b}/members/{m}/role/", {"role": "editor"}), ("/b/{b}/members/{m}/remove/", {})],
    ids=["demote", "remove"],
)
def test_an_owner_can_step_down_when_another_owner_remains(
    business: Business,
    owner: User,
    make_user: Callable[..., User],
    client_for: Callable[[User | None], Client],
    path: str,
    data: dict[str, str],
) -> None:
    Membership.objects.create(business=business, user=make_user(), role=Role.OWNER)
    membership = Membership.objects.get(business=business, user=owner)

    client_for(owner).post(path.format(b=business.pk, m=membership.pk), data)

    assert not Membership.objects.filter(pk=membership.pk, role=Role.OWNER).exists()
    assert Membership.objects.filter(business=business, role=Role.OWNER).count() == 1


def test_switcher_lists_only_the_users_businesses(
    business: Business,
    owner: User,
    make_user: Callable[..., User],
    client_for: Callable[[User | None], Client],
) -> None:
    second = actions.create_business(owner, name="Batik Bunga")
    actions.create_business(make_user(), name="Warung Lain")

    response = client_for(owner).get(f"/b/{business.pk}/")

    assert [b.name for b in response.context["my_businesses"]] == ["Batik Bunga", "Kopi Senja"]
    assert response.context["current_business_id"] == business.pk
    page = response.content.decode()
    assert f'href="/b/{second.pk}/"' in page
    assert "Warung Lain" not in page


def test_dashboard_remembers_the_current_business(
    business: Business, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    first_by_name = actions.create_business(owner, name="Aaa Bakery")
    client = client_for(owner)
    assert client.get("/dashboard/")["Location"] == f"/b/{first_by_name.pk}/"

    client.get(f"/b/{business.pk}/")

    assert client.session["business_id"] == business.pk
    assert client.get("/dashboard/")["Location"] == f"/b/{business.pk}/"


def test_dashboard_forgets_a_business_the_user_left(
    business: Business, owner: User, editor: User, client_for: Callable[[User | None], Client]
) -> None:
    own = actions.create_business(editor, name="Editor's Own")
    client = client_for(editor)
    client.get(f"/b/{business.pk}/")
    Membership.objects.filter(business=business, user=editor).delete()

    assert client.get("/dashboard/")["Location"] == f"/b/{own.pk}/"


def test_outsider_visit_does_not_become_current(
    business: Business, outsider: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(outsider)
    assert client.get(f"/b/{business.pk}/").status_code == 404
    assert "business_id" not in client.session


def test_user_without_business_sees_welcome(
    outsider: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(outsider).get("/dashboard/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "brands/welcome.html"
    page = response.content.decode()
    assert "Welcome, Oscar!" in page
    assert 'href="/b/new/"' in page


def test_switcher_forgets_a_business_the_user_was_removed_from(
    business: Business, editor: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(editor)
    client.get(f"/b/{business.pk}/")
    Membership.objects.filter(user=editor).delete()
    response = client.get("/account/profile/")
    assert response.context["current_business_id"] is None
    assert f"/b/{business.pk}/members/" not in response.content.decode()


def test_htmx_role_change_returns_the_refreshed_panel(
    business: Business, owner: User, editor: User, client_for: Callable[[User | None], Client]
) -> None:
    membership = Membership.objects.get(user=editor)
    response = client_for(owner).post(
        f"/b/{business.pk}/members/{membership.pk}/role/",
        {"role": "viewer"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="members-panel">')
    assert "Role updated." in page
    assert "<html" not in page
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_htmx_refusal_is_shown_in_the_panel(
    business: Business, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    membership = Membership.objects.get(user=owner)
    response = client_for(owner).post(
        f"/b/{business.pk}/members/{membership.pk}/remove/", HTTP_HX_REQUEST="true"
    )
    assert "A business needs at least one owner." in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_an_owner_who_leaves_goes_to_the_dashboard(
    business: Business,
    owner: User,
    make_user: Callable[..., User],
    client_for: Callable[[User | None], Client],
    htmx: bool,
) -> None:
    Membership.objects.create(business=business, user=make_user(), role=Role.OWNER)
    mine = Membership.objects.get(user=owner)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(owner).post(f"/b/{business.pk}/members/{mine.pk}/remove/", **headers)
    if htmx:
        assert response["HX-Redirect"] == "/dashboard/"
    else:
        assert response["Location"] == "/dashboard/"
    assert not Membership.objects.filter(pk=mine.pk).exists()


@pytest.mark.parametrize(("language", "zone"), [("en", "UTC"), ("id", "Asia/Jakarta")])
def test_new_business_form_guesses_the_time_zone(
    owner: User, client_for: Callable[[User | None], Client], language: str, zone: str
) -> None:
    owner.language = language
    owner.save()
    form = client_for(owner).get("/b/new/").context["form"]
    assert form["timezone"].value() == zone
    assert "data-guess-timezone" in str(form["timezone"])
