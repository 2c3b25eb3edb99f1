"""The social-network capability: one client per network behind one interface (base.py).

Callers use ``get_client(platform)``; the vendor code lives in ``integrations/instagram`` and
``integrations/tiktok``, and each client reads its hosts and app credentials from
``settings.NETWORKS`` so tests and the sandbox reach the local simulators.
"""

from __future__ import annotations

from django.utils.module_loading import import_string

from postloom.integrations.networks.base import NetworkClient

CLIENTS = {
    "instagram": "postloom.integrations.instagram.client.InstagramClient",
    "tiktok": "postloom.integrations.tiktok.client.TikTokClient",
}


def get_client(platform: str) -> NetworkClient:
    try:
        path = CLIENTS[platform]
    except KeyError:
        raise ValueError(f"unknown network {platform!r}") from None
    client: NetworkClient = import_string(path)()
    return client
