"""Social links: the business's own accounts, normalised; shares and placeholders skipped."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from postloom.web.social import classify, find_social


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://instagram.com/tokosari.id", ("instagram", "https://www.instagram.com/tokosari.id/")),
        ("http://www.instagram.com/tokosari.id/?hl=id", ("instagram", "https://www.instagram.com/tokosari.id/")),
        ("https://www.tiktok.com/@tokosari?lang=en", ("tiktok", "https://www.tiktok.com/@tokosari")),
        ("https://www.tiktok.com/@tokosari/video/7123", ("tiktok", "https://www.tiktok.com/@tokosari")),
        ("https://m.facebook.com/TokoSari/", ("facebook", "https://www.facebook.com/TokoSari")),
        ("https://www.facebook.com/profile.php?id=61551694790823",
         ("facebook", "https://www.facebook.com/profile.php?id=61551694790823")),
        ("https://wa.me/6281234567890", ("whatsapp", "https://wa.me/6281234567890")),
        ("https://wa.me/+62 812-3456-7890", ("whatsapp", "https://wa.me/6281234567890")),
        ("https://api.whatsapp.com/send?phone=905551112233&text=Merhaba",
         ("whatsapp", "https://wa.me/905551112233")),
        ("https://wa.me/message/473LHPFUSVWHG1", ("whatsapp", "https://wa.me/message/473LHPFUSVWHG1")),
        ("https://www.youtube.com/@tokosari", ("youtube", "https://www.youtube.com/@tokosari")),
        ("https://www.youtube.com/user/tokosari/about", ("youtube", "https://www.youtube.com/user/tokosari")),
        ("https://www.linkedin.com/company/toko-sari/about/",
         ("linkedin", "https://www.linkedin.com/company/toko-sari/")),
        ("https://twitter.com/tokosari", ("x", "https://x.com/tokosari")),
        ("https://x.com/@tokosari", ("x", "https://x.com/tokosari")),
        ("https://id.pinterest.com/tokosari/", ("pinterest", "https://www.pinterest.com/tokosari/")),
        ("//instagram.com/tokosari", ("instagram", "https://www.instagram.com/tokosari/")),
    ],
)  # fmt: skip
def test_profile_links_are_normalised(href: str, expected: tuple[str, str]) -> None:
    assert classify(href) == expected


@pytest.mark.parametrize(
    "href",
    [
        "#",
        "",
        "javascript:void(0)",
        "https://www.facebook.com/sharer/sharer.php?u=https://example.com",
        "https://twitter.com/intent/tweet?text=hi",
        "https://x.com/share?url=https://example.com",
        "https://www.linkedin.com/shareArticle?mini=true",
        "https://pinterest.com/pin/create/button/?url=x",
        "https://wa.me/?text=Look%20at%20this",
        "https://api.whatsapp.com/send?text=Look",
        "https://www.instagram.com/",
        "https://www.facebook.com",
        "https://www.instagram.com/p/CxYz123/",
        "https://www.youtube.com/watch?v=abc",
        "https://www.tiktok.com/tag/coffee",
        "https://instagram.com/username",
        "https://example.com/instagram",
    ],
)
def test_shares_placeholders_posts_and_home_pages_are_not_accounts(href: str) -> None:
    assert classify(href) is None


def test_the_link_in_the_footer_social_block_wins_over_one_in_an_article() -> None:
    tree = LexborHTMLParser(
        """<main><p>We met <a href="https://instagram.com/guest.baker">a guest</a>.</p></main>
        <footer><div class="social"><a href="https://instagram.com/our.shop">IG</a></div></footer>"""
    )

    assert find_social([tree]) == {"instagram": "https://www.instagram.com/our.shop/"}


def test_json_ld_same_as_counts() -> None:
    tree = LexborHTMLParser("<p>No links</p>")

    found = find_social([tree], ["https://www.facebook.com/ourshop", "https://x.com/ourshop"])
    assert found == {"facebook": "https://www.facebook.com/ourshop", "x": "https://x.com/ourshop"}


def test_networks_come_in_a_stable_order() -> None:
    tree = LexborHTMLParser(
        '<a href="https://x.com/a">x</a><a href="https://wa.me/6281111111111">w</a>'
        '<a href="https://instagram.com/a">i</a>'
    )

    assert list(find_social([tree])) == ["instagram", "whatsapp", "x"]
