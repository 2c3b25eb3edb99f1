"""The planner's angle of each post ("Angle: …"), kept on the post and shown to the people
reviewing the plan: on the plan's post list and on the post's own page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.planning.plan import Plan as PurePlan
from postloom.planning.plan import PlanRequest, build_plan
from postloom.studio.models import Plan, Post
from postloom.studio.planner import plan_slots

ClientFor = Callable[[User | None], Client]
HINT = "Three reasons customers choose palm sugar coffee"


def test_each_planned_post_keeps_the_planners_angle(
    business: Business, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[PurePlan] = []

    def recording(request: PlanRequest) -> PurePlan:
        built.append(build_plan(request))
        return built[-1]

    monkeypatch.setattr("postloom.studio.planner.build_plan", recording)
    slots = plan_slots(business, date(2027, 3, 1), 7)

    expected = [slot.hint for slot in built[0].slots]
    assert [slot["hint"] for slot in slots] == expected
    assert all(expected) and all(slot["topic"] == "" for slot in slots)  # not for the writer
    assert Post(business=business, **slots[0]).hint == expected[0]


@pytest.mark.parametrize("member", ["owner", "editor", "viewer"])
def test_members_see_the_angle_on_the_plan_and_on_the_post(
    business: Business,
    plan: Plan,
    client_for: ClientFor,
    request: pytest.FixtureRequest,
    member: str,
) -> None:
    post = plan.posts.order_by("planned_for").first()
    assert post is not None
    post.hint = HINT
    post.save(update_fields=["hint"])
    client = client_for(request.getfixturevalue(member))

    listed = client.get(f"/b/{business.pk}/studio/plans/{plan.pk}/").content.decode()
    editor = client.get(f"/b/{business.pk}/studio/posts/{post.pk}/").content.decode()

    post_list = listed.split('data-testid="post-list"', 1)[1]
    assert post_list.count('data-testid="post-hint"') == 1  # only the post that has one
    assert f'<span class="muted small" data-testid="post-hint">Angle: {HINT}</span>' in post_list
    assert f'<p class="muted small" data-testid="post-hint">Angle: {HINT}</p>' in editor


def test_an_angle_is_shown_escaped_and_an_outsider_sees_none(
    business: Business, plan: Plan, owner: User, outsider: User, client_for: ClientFor
) -> None:
    post = plan.posts.first()
    assert post is not None
    post.hint = "<b>Ramadan</b>: a warm greeting & an iftar offer"
    post.save(update_fields=["hint"])
    url = f"/b/{business.pk}/studio/posts/{post.pk}/"

    page = client_for(owner).get(url).content.decode()
    denied = client_for(outsider).get(url)

    assert f"Angle: {escape(post.hint)}" in page and "<b>Ramadan</b>" not in page
    assert denied.status_code == 404 and "Angle:" not in denied.content.decode()


def test_the_angle_is_in_the_api_and_in_the_exported_plan(
    business: Business, plan: Plan, client_for: ClientFor, owner: User
) -> None:
    from postloom.studio.export import post_record

    post = plan.posts.order_by("planned_for").first()
    assert post is not None
    post.hint = HINT
    post.save(update_fields=["hint"])
    api = client_for(owner).get(f"/api/v1/businesses/{business.pk}/posts/{post.pk}")
    assert api.json()["hint"] == HINT
    assert post_record(post, [])["angle"] == HINT
