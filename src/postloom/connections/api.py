"""Connected accounts over JSON, mounted under /businesses. Connecting itself needs a browser
(the networks' consent screens), so the API lists and disconnects. Tokens never appear."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from postloom.brands.models import Access
from postloom.brands.selectors import get_business_for_user
from postloom.connections import actions, selectors
from postloom.connections.models import Connection

router = Router(tags=["connections"])


class HealthOut(Schema):
    level: str
    message: str
    days_left: int | None
    auto_refresh: bool


class ConnectionOut(Schema):
    id: int
    platform: str
    variant: str
    account_id: str
    username: str
    display_name: str
    picture_url: str
    sandbox: bool
    status: str
    status_reason: str
    token_expires_at: datetime | None
    last_refresh_at: datetime | None
    health: HealthOut

    @staticmethod
    def of(connection: Connection) -> ConnectionOut:
        health = selectors.health(connection)
        return ConnectionOut(
            id=connection.pk,
            platform=connection.platform,
            variant=connection.variant,
            account_id=connection.account_id,
            username=connection.username,
            display_name=connection.display_name,
            picture_url=connection.picture_url,
            sandbox=connection.sandbox,
            status=connection.status,
            status_reason=connection.status_reason,
            token_expires_at=connection.token_expires_at,
            last_refresh_at=connection.last_refresh_at,
            health=HealthOut(
                level=health.level,
                message=health.message,
                days_left=health.days_left,
                auto_refresh=health.auto_refresh,
            ),
        )


@router.get(
    "/{business_id}/connections", response=list[ConnectionOut], summary="Connected accounts"
)
def list_connections(request: HttpRequest, business_id: int) -> list[ConnectionOut]:
    business, _membership = get_business_for_user(request.user, business_id)
    return [ConnectionOut.of(c) for c in selectors.connections_of(business)]


@router.post(
    "/{business_id}/connections/{connection_id}/disconnect",
    response=ConnectionOut,
    summary="Disconnect an account (its tokens are deleted)",
)
def disconnect(request: HttpRequest, business_id: int, connection_id: int) -> ConnectionOut:
    connection, _business, _membership = selectors.get_connection_for_user(
        request.user, business_id, connection_id, Access.EDIT
    )
    if connection.status != Connection.Status.DISCONNECTED:
        actions.disconnect(connection)
    return ConnectionOut.of(connection)
