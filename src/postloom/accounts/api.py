from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["account"])


class MeOut(Schema):
    id: int
    email: str
    name: str
    language: str
    theme: str


@router.get("", response=MeOut, summary="The signed-in user")
def me(request: HttpRequest) -> object:
    return request.user
