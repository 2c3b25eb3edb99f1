"""Instagram through the Graph API, for both logins (Instagram Login and Facebook Login).

``client.InstagramClient`` is the ``NetworkClient`` the publishing domain gets from
``integrations.networks.get_client("instagram")``; the rest are its parts: ``config`` (hosts
from settings), ``transport`` (the only httpx import), ``errors`` (Graph codes → NetworkError),
``oauth``, ``profile`` and ``publishing``.
"""
