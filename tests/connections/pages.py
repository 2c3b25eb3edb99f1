"""Reading what the connection views answered: flash messages and one account's table row."""

from __future__ import annotations

from typing import Any

from postloom.connections.models import Connection


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def connection_row(page: str, connection: Connection) -> str:
    """The HTML of ``connection``'s row on the connections page."""
    return page.split(f'data-testid="connection-{connection.pk}"', 1)[1].split("</tr>", 1)[0]
