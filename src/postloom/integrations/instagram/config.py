"""Where the Instagram client sends each call, per login variant, from ``settings.NETWORKS``.

Instagram Login talks to ``INSTAGRAM_*`` hosts (api.instagram.com for the code exchange,
graph.instagram.com for everything else); Facebook Login to ``FACEBOOK_*`` hosts. The Graph
version (``GRAPH_API_VERSION``) is always in the path: without one Graph answers with its
oldest version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from postloom.integrations.networks.base import ErrorCode, NetworkError

INSTAGRAM_LOGIN = "instagram_login"
FACEBOOK_LOGIN = "facebook_login"
VARIANTS = (INSTAGRAM_LOGIN, FACEBOOK_LOGIN)


@dataclass(frozen=True, repr=False)
class Config:
    version: str
    timeout: float
    ig_app_id: str
    ig_app_secret: str
    ig_authorize_url: str
    ig_api_url: str
    ig_graph_url: str
    fb_app_id: str
    fb_app_secret: str
    fb_dialog_url: str
    fb_graph_url: str

    @classmethod
    def from_settings(cls) -> Config:
        networks: dict[str, Any] = getattr(settings, "NETWORKS", {})

        def get(name: str, default: str = "") -> str:
            return str(networks.get(name) or default).rstrip("/")

        return cls(
            version=get("GRAPH_API_VERSION", "v24.0").strip("/"),
            timeout=float(networks.get("TIMEOUT_SECONDS") or 30),
            ig_app_id=get("INSTAGRAM_APP_ID"),
            ig_app_secret=str(networks.get("INSTAGRAM_APP_SECRET") or ""),
            ig_authorize_url=get(
                "INSTAGRAM_AUTHORIZE_URL", "https://www.instagram.com/oauth/authorize"
            ),
            ig_api_url=get("INSTAGRAM_API_URL", "https://api.instagram.com"),
            ig_graph_url=get("INSTAGRAM_GRAPH_URL", "https://graph.instagram.com"),
            fb_app_id=get("FACEBOOK_APP_ID"),
            fb_app_secret=str(networks.get("FACEBOOK_APP_SECRET") or ""),
            fb_dialog_url=get("FACEBOOK_DIALOG_URL", "https://www.facebook.com"),
            fb_graph_url=get("FACEBOOK_GRAPH_URL", "https://graph.facebook.com"),
        )

    def graph(self, variant: str) -> str:
        """The versioned Graph base for ``variant`` (no trailing slash)."""
        host = self.fb_graph_url if check_variant(variant) == FACEBOOK_LOGIN else self.ig_graph_url
        return f"{host}/{self.version}"

    def app(self, variant: str) -> tuple[str, str]:
        """(app id, app secret) for ``variant``; refused when the operator has not set them."""
        if check_variant(variant) == FACEBOOK_LOGIN:
            app_id, secret, names = self.fb_app_id, self.fb_app_secret, "FACEBOOK_APP_ID/SECRET"
        else:
            app_id, secret, names = self.ig_app_id, self.ig_app_secret, "INSTAGRAM_APP_ID/SECRET"
        if not app_id or not secret:
            raise NetworkError(
                ErrorCode.INVALID_REQUEST,
                f"The Instagram app is not configured: set {names}",
                permanent=True,
            )
        return app_id, secret

    def __repr__(self) -> str:  # the secrets stay out of reprs and tracebacks
        return f"Config(version={self.version!r}, ig_graph_url={self.ig_graph_url!r}, ...)"


def check_variant(variant: str) -> str:
    """ "" means Instagram Login (the default); anything else unknown is a bug."""
    chosen = variant or INSTAGRAM_LOGIN
    if chosen not in VARIANTS:
        raise NetworkError(
            ErrorCode.INVALID_REQUEST,
            f"Unknown Instagram login variant {variant!r}",
            permanent=True,
        )
    return chosen
