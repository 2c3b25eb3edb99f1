"""TikTok: the network client (client.py) behind ``integrations.networks.get_client``.

transport.py is the only module that imports httpx; errors.py maps TikTok's codes; posts.py
builds and checks what a post sends; upload.py moves a video's bytes in chunks.
"""
