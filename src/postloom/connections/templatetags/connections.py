"""``{% load connections %}``: what other pages show about a business's connected accounts."""

from __future__ import annotations

from django import template

from postloom.brands.models import Business
from postloom.connections.models import Connection

register = template.Library()


@register.simple_tag
def working_connections(business: Business) -> list[Connection]:
    """The accounts that are not disconnected (a dashboard counts them)."""
    return list(business.connections.exclude(status=Connection.Status.DISCONNECTED))
