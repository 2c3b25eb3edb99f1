"""The accounts a new Instagram simulator starts with, so `postloom sandbox` works at once.

Instagram Login: @sandbox.shop (``SANDBOX_IG_ID``). Facebook Login: the person "Sandbox Owner"
(``SANDBOX_FB_USER_ID``) manages "Sandbox Page" (``SANDBOX_PAGE_ID``), linked to
@sandbox.page.shop (``SANDBOX_PAGE_IG_ID``), and "Sandbox Page Without Instagram"
(``SANDBOX_UNLINKED_PAGE_ID``). Each IG account has three older posts for the brand analysis
and the grid preview; their pictures are served by the simulator under /_sim/media/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from postloom.sandbox.instagram_state import (
    SANDBOX_FB_USER_ID,
    SANDBOX_IG_ID,
    SANDBOX_PAGE_ID,
    SANDBOX_PAGE_IG_ID,
    SANDBOX_UNLINKED_PAGE_ID,
    IGUser,
    Media,
    new_shortcode,
)

if TYPE_CHECKING:
    from postloom.sandbox.instagram_api import InstagramSim

DAY = 86_400.0
SEED_CAPTIONS = (
    "Fresh beans, roasted this morning. Come say hi! #coffee #sandbox",
    "New on the menu: iced palm-sugar latte. Sweet, cold, local. #kopisusu #sandbox",
    "Thank you for 1,000 followers! A free pastry with every cup this weekend. #sandbox",
)


def seed_defaults(sim: InstagramSim) -> None:
    shop = sim.add_instagram_account(
        "sandbox.shop",
        ig_id=SANDBOX_IG_ID,
        name="Sandbox Shop",
        biography="Small-batch coffee, roasted in the sandbox. Not a real shop.",
        website="https://sandbox-shop.example",
    )
    page = sim.add_page(
        "Sandbox Page",
        page_id=SANDBOX_PAGE_ID,
        ig_username="sandbox.page.shop",
        ig_id=SANDBOX_PAGE_IG_ID,
        fb_user_id=SANDBOX_FB_USER_ID,
        fb_user_name="Sandbox Owner",
    )
    linked = sim.users[page.ig_id]
    linked.biography = "The sandbox shop's page account. Not a real shop."
    linked.website = "https://sandbox-page.example"
    sim.add_page("Sandbox Page Without Instagram", page_id=SANDBOX_UNLINKED_PAGE_ID)
    for user in (shop, linked):
        seed_media(sim, user)


def seed_media(sim: InstagramSim, user: IGUser) -> None:
    now = sim.now()
    for age, caption in zip((9, 5, 2), SEED_CAPTIONS, strict=True):
        media = Media(
            media_id=sim.ids.next(),
            ig_id=user.ig_id,
            media_type="IMAGE",
            product_type="FEED",
            caption=caption,
            media_url=f"/_sim/media/seed-{user.ig_id}-{age}.jpg",
            shortcode=new_shortcode(),
            timestamp=now - age * DAY,
            like_count=40 + age * 7,
            comments_count=age,
        )
        sim.media[media.media_id] = media
        user.media.append(media.media_id)
