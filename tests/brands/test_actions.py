from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.brands.models import Access, Business, Membership, Role
from tests.brands import brands_state


def test_create_business_makes_the_creator_owner(owner: User) -> None:
    business = actions.create_business(
        owner, name="  Kopi Senja  ", timezone_name="Asia/Jakarta", language="id"
    )

    assert business.name == "Kopi Senja"
    assert business.created_by == owner
    membership = Membership.objects.get(business=business)
    assert (membership.user, membership.role) == (owner, Role.OWNER)
    assert membership.allows(Access.MANAGE)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, "This field cannot be blank."),
        ({"timezone_name": "Mars/Olympus_Mons"}, "Mars/Olympus_Mons is not a known time zone."),
        ({"language": "xx"}, "Value 'xx' is not a valid choice."),
        ({"website": "kopi senja"}, "Enter a valid URL."),
    ],
)
def test_create_business_with_bad_input_writes_nothing(
    owner: User, fields: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        actions.create_business(owner, **{"name": "Kopi Senja", **fields})

    assert message in excinfo.value.messages
    assert not Business.objects.exists()
    assert not Membership.objects.exists()


def test_update_business(business: Business) -> None:
    actions.update_business(
        business,
        name=" Kopi Fajar ",
        website="https://kopifajar.example",
        timezone_name="Europe/Istanbul",
        language="tr",
    )

    business.refresh_from_db()
    assert (business.name, business.website, business.timezone, business.language) == (
        "Kopi Fajar",
        "https://kopifajar.example",
        "Europe/Istanbul",
        "tr",
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field cannot be blank."),
        ({"timezone_name": "Nowhere/Special"}, "Nowhere/Special is not a known time zone."),
    ],
)
def test_update_business_with_bad_input_changes_nothing(
    business: Business, fields: dict[str, str], message: str
) -> None:
    before = brands_state()
    valid = {"name": "Kopi Fajar", "website": "", "timezone_name": "UTC", "language": "en"}

    with pytest.raises(ValidationError) as excinfo:
        actions.update_business(business, **{**valid, **fields})

    assert message in excinfo.value.messages
    assert brands_state() == before


@pytest.mark.parametrize(
    ("role", "need", "allowed"),
    [
        (Role.OWNER, Access.MANAGE, True),
        (Role.EDITOR, Access.EDIT, True),
        (Role.EDITOR, Access.MANAGE, False),
        (Role.VIEWER, Access.VIEW, True),
        (Role.VIEWER, Access.EDIT, False),
    ],
)
def test_roles_grant_their_access_and_below(role: Role, need: Access, allowed: bool) -> None:
    assert Membership(role=role).allows(need) is allowed


def test_change_role(business: Business, viewer: User) -> None:
    membership = Membership.objects.get(business=business, user=viewer)

    actions.change_role(membership, Role.EDITOR)

    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


@pytest.mark.parametrize("new_role", [Role.EDITOR, Role.VIEWER])
def test_last_owner_cannot_be_demoted(business: Business, owner: User, new_role: Role) -> None:
    membership = Membership.objects.get(business=business, user=owner)

    with pytest.raises(ValidationError, match="A business needs at least one owner."):
        actions.change_role(membership, new_role)

    membership.refresh_from_db()
    assert membership.role == Role.OWNER


def test_last_owner_may_keep_being_owner(business: Business, owner: User) -> None:
    membership = Membership.objects.get(business=business, user=owner)
    actions.change_role(membership, Role.OWNER)
    membership.refresh_from_db()
    assert membership.role == Role.OWNER


def test_owner_can_be_demoted_when_another_owner_remains(
    business: Business, owner: User, editor: User
) -> None:
    actions.change_role(Membership.objects.get(business=business, user=editor), Role.OWNER)
    membership = Membership.objects.get(business=business, user=owner)

    actions.change_role(membership, Role.VIEWER)

    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_remove_member(business: Business, editor: User) -> None:
    actions.remove_member(Membership.objects.get(business=business, user=editor))
    assert not Membership.objects.filter(business=business, user=editor).exists()


def test_last_owner_cannot_be_removed(business: Business, owner: User, editor: User) -> None:
    membership = Membership.objects.get(business=business, user=owner)

    with pytest.raises(ValidationError, match="A business needs at least one owner."):
        actions.remove_member(membership)

    assert Membership.objects.filter(pk=membership.pk, role=Role.OWNER).exists()


def test_owner_counts_are_per_business(
    business: Business, owner: User, make_user: Callable[..., User]
) -> None:
    """An owner of another business does not make this business's last owner removable."""
    other = actions.create_business(make_user(), name="Elsewhere")
    Membership.objects.create(business=other, user=owner, role=Role.OWNER)

    with pytest.raises(ValidationError):
        actions.remove_member(Membership.objects.get(business=business, user=owner))
