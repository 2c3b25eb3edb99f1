from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, timezone, translation

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.brands.models import Business, Invitation, Membership, Role
from postloom.brands.tasks import send_invitation_email
from tests.brands import brands_state

ClientFor = Callable[[User | None], Client]


@pytest.fixture
def invitation(business: Business, owner: User) -> Invitation:
    invitation = actions.invite_member(
        business, by=owner, email="invitee@example.com", role=Role.EDITOR
    )
    mail.outbox.clear()
    return invitation


@pytest.fixture
def invitee(make_user: Callable[..., User]) -> User:
    return make_user("invitee@example.com", name="Ina Invitee")


def test_owner_invites_by_email(business: Business, owner: User, client_for: ClientFor) -> None:
    response = client_for(owner).post(
        f"/b/{business.pk}/members/invite/",
        {"email": " New.Person@Example.com ", "role": "viewer"},
        follow=True,
    )

    invitation = Invitation.objects.get()
    assert (invitation.business, invitation.email, invitation.role) == (
        business,
        "new.person@example.com",
        Role.VIEWER,
    )
    assert invitation.invited_by == owner
    assert invitation.expires_at - timezone.now() > timedelta(days=6)
    page = response.content.decode()
    assert "Invitation sent to new.person@example.com." in page
    assert "Pending invitations" in page


def test_invitation_email_has_the_accept_link(business: Business, owner: User) -> None:
    invitation = actions.invite_member(
        business, by=owner, email="invitee@example.com", role=Role.EDITOR
    )

    [message] = mail.outbox
    assert message.to == ["invitee@example.com"]
    assert message.subject == "You are invited to Kopi Senja on Postloom"
    assert f"{settings.BASE_URL}/invitations/{invitation.token}/" in message.body
    assert "Olivia Owner invited you to join Kopi Senja on Postloom as Editor." in message.body


def test_invitation_email_is_in_the_inviters_language(
    business: Business, make_user: Callable[..., User]
) -> None:
    inviter = make_user("pemilik@example.com", name="Tuğba", language="tr")
    Membership.objects.create(business=business, user=inviter, role=Role.OWNER)

    # English is active here; the task must switch to the inviter's language by itself.
    invitation = actions.invite_member(
        business, by=inviter, email="ayse@example.com", role="editor"
    )

    expires = timezone.localtime(invitation.expires_at)
    with translation.override("tr"):
        turkish_date = formats.date_format(expires, "DATE_FORMAT")
    english_date = formats.date_format(expires, "DATE_FORMAT")
    assert turkish_date != english_date
    [message] = mail.outbox
    assert turkish_date in message.body
    assert english_date not in message.body
    with translation.override("tr"):
        assert translation.gettext("Accept the invitation here:") in message.body
    assert "Accept the invitation here:" not in message.body


def test_invitation_email_shows_expiry_in_the_business_time_zone(
    business: Business, invitation: Invitation
) -> None:
    business.timezone = "Pacific/Kiritimati"  # UTC+14: late evening UTC is tomorrow there
    business.save()
    invitation.expires_at = timezone.now().replace(hour=22, minute=0) + timedelta(days=3)
    invitation.save()
    send_invitation_email.call(invitation.pk)
    [message] = mail.outbox
    local = invitation.expires_at.astimezone(ZoneInfo("Pacific/Kiritimati"))
    assert formats.date_format(local, "DATE_FORMAT") in message.body
    assert formats.date_format(invitation.expires_at, "DATE_FORMAT") not in message.body


def test_email_task_skips_an_invitation_withdrawn_before_it_ran(invitation: Invitation) -> None:
    actions.revoke_invitation(invitation)
    send_invitation_email.call(invitation.pk)
    assert mail.outbox == []


@pytest.mark.parametrize("address", ["editor@example.com", "Editor@Example.COM"])
def test_inviting_a_member_shows_error_and_writes_nothing(
    business: Business, owner: User, editor: User, client_for: ClientFor, address: str
) -> None:
    before = brands_state()

    response = client_for(owner).post(
        f"/b/{business.pk}/members/invite/", {"email": address, "role": "viewer"}
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"] == [
        "editor@example.com is already a member of this business."
    ]
    assert brands_state() == before
    assert mail.outbox == []


def test_inviting_an_invalid_address_shows_error(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    response = client_for(owner).post(
        f"/b/{business.pk}/members/invite/", {"email": "not-an-email", "role": "viewer"}
    )

    assert response.status_code == 200
    assert "Enter a valid email address." in response.context["invite_form"].errors["email"]
    assert not Invitation.objects.exists()


def test_inviting_again_replaces_the_open_invitation(
    business: Business, owner: User, invitation: Invitation, client_for: ClientFor
) -> None:
    client = client_for(owner)
    client.post(
        f"/b/{business.pk}/members/invite/", {"email": "INVITEE@example.com", "role": "viewer"}
    )

    replacement = Invitation.objects.get()
    assert replacement.pk != invitation.pk
    assert replacement.token != invitation.token
    assert replacement.role == Role.VIEWER
    [message] = mail.outbox
    assert replacement.token in message.body
    assert client.get(f"/invitations/{invitation.token}/").status_code == 404


def test_accepting_makes_a_member(
    business: Business, invitation: Invitation, invitee: User, client_for: ClientFor
) -> None:
    client = client_for(invitee)
    page = client.get(f"/invitations/{invitation.token}/").content.decode()
    assert "This invitation is for invitee@example.com, as Editor." in page

    response = client.post(f"/invitations/{invitation.token}/", follow=True)

    assert response.redirect_chain == [(f"/b/{business.pk}/", 302)]
    assert "Welcome to Kopi Senja." in response.content.decode()
    membership = Membership.objects.get(business=business, user=invitee)
    assert membership.role == Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == invitee


def test_accepting_ignores_email_case(
    invitation: Invitation, make_user: Callable[..., User], client_for: ClientFor
) -> None:
    user = make_user("Invitee@Example.com")
    client_for(user).post(f"/invitations/{invitation.token}/")
    assert Membership.objects.filter(user=user, business=invitation.business).exists()


def test_expired_invitation_is_refused(
    invitation: Invitation, invitee: User, client_for: ClientFor
) -> None:
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    invitation.save()
    before = brands_state()

    response = client_for(invitee).post(f"/invitations/{invitation.token}/")

    assert response.status_code == 200
    assert response.context["error"] == (
        "This invitation has expired. Ask the owner to invite you again."
    )
    assert brands_state() == before
    assert not Membership.objects.filter(user=invitee).exists()


def test_invitation_for_another_address_is_refused(
    invitation: Invitation, outsider: User, client_for: ClientFor
) -> None:
    before = brands_state()

    response = client_for(outsider).post(f"/invitations/{invitation.token}/")

    assert response.status_code == 200
    assert response.context["error"] == (
        "This invitation was sent to invitee@example.com. Sign in with that address to accept it."
    )
    assert brands_state() == before


def test_invitation_cannot_be_used_twice(
    invitation: Invitation, invitee: User, client_for: ClientFor
) -> None:
    client = client_for(invitee)
    client.post(f"/invitations/{invitation.token}/")
    Membership.objects.filter(user=invitee).update(role=Role.VIEWER)
    before = brands_state()

    response = client.post(f"/invitations/{invitation.token}/")

    assert response.status_code == 200
    assert response.context["error"] == "This invitation has already been used."
    assert brands_state() == before


def test_accepting_when_already_a_member_is_refused(
    business: Business, owner: User, invitee: User
) -> None:
    invitation = actions.invite_member(business, by=owner, email=invitee.email, role=Role.OWNER)
    Membership.objects.create(business=business, user=invitee, role=Role.VIEWER)
    before = brands_state()

    with pytest.raises(ValidationError, match="You are already a member of this business."):
        actions.accept_invitation(invitation, invitee)

    assert brands_state() == before


def test_unknown_token_is_404(outsider: User, client_for: ClientFor) -> None:
    assert client_for(outsider).get("/invitations/no-such-token/").status_code == 404


def test_anonymous_invitee_is_sent_to_login_and_back(
    invitation: Invitation, client_for: ClientFor
) -> None:
    url = f"/invitations/{invitation.token}/"
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?next={url}")


def test_owner_withdraws_an_invitation(
    business: Business, owner: User, invitation: Invitation, client_for: ClientFor
) -> None:
    response = client_for(owner).post(
        f"/b/{business.pk}/invitations/{invitation.pk}/revoke/", follow=True
    )

    assert "Invitation withdrawn." in response.content.decode()
    assert not Invitation.objects.exists()


def test_accepted_invitation_cannot_be_withdrawn(
    business: Business,
    owner: User,
    invitation: Invitation,
    invitee: User,
    client_for: ClientFor,
) -> None:
    actions.accept_invitation(invitation, invitee)
    before = brands_state()

    response = client_for(owner).post(f"/b/{business.pk}/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 404
    assert brands_state() == before
