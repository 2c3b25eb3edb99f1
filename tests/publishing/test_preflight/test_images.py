"""Pre-flight pictures: what is fixed (format, colour, shape, size) and what is refused."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from postloom.integrations.networks.base import Kind, TikTokOptions
from postloom.publishing import preflight_images as images
from postloom.publishing.preflight import PreflightError, build_request
from postloom.studio.approval import content_hash
from postloom.studio.models import Format
from tests.publishing.test_preflight.support import MakePost, picture

pytestmark = pytest.mark.django_db
PUBLIC = TikTokOptions(privacy_level="PUBLIC_TO_EVERYONE")


def stored(url: str) -> Image.Image:
    """The picture a URL from build_request serves, read from storage by its file name."""
    name = url.rsplit("/", 1)[-1]
    matches = [n for n in _all_files() if n.endswith(name)]
    assert len(matches) == 1, matches
    with default_storage.open(matches[0], "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def _all_files(root: str = "") -> list[str]:
    folders, names = default_storage.listdir(root)
    found = [os.path.join(root, name) for name in names]
    for folder in folders:
        found += _all_files(os.path.join(root, folder))
    return found


def derived_files() -> list[str]:
    return [n for n in _all_files() if n.startswith("publishing/derived/")]


def two_colours(size: tuple[int, int]) -> bytes:
    """Red on the left tenth, blue on the right tenth, green between: crops lose the red."""
    image = Image.new("RGB", size, (0, 160, 0))
    tenth = size[0] // 10
    image.paste((220, 0, 0), (0, 0, tenth, size[1]))
    image.paste((0, 0, 220), (size[0] - tenth, 0, size[0], size[1]))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def close(pixel: object, expected: tuple[int, int, int], slack: int = 12) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= slack for a, b in zip(pixel[:3], expected, strict=True))


# --- Sent as it is ------------------------------------------------------------------------------


def test_a_picture_that_meets_the_spec_is_sent_untouched(make_post: MakePost) -> None:
    post = make_post(picture((1080, 1350)))
    original = post.media.get().file.name

    request = build_request(post, "instagram", None)

    (item,) = request.items
    assert request.kind == Kind.FEED_IMAGE
    assert item.url.startswith("https://postloom.example/public-media/")
    assert item.url.endswith("/" + original.rsplit("/", 1)[-1])
    assert (item.kind, item.width, item.height, item.mime) == ("image", 1080, 1350, "image/jpeg")
    assert item.size == default_storage.size(original)
    assert item.path == default_storage.path(original)
    assert derived_files() == []


# --- Fixed --------------------------------------------------------------------------------------


def test_png_becomes_jpeg_beside_the_untouched_original(make_post: MakePost) -> None:
    png = picture((1080, 1080), fmt="PNG")
    post = make_post(png)
    name = post.media.get().file.name
    approved = content_hash(post)

    (item,) = build_request(post, "instagram", None).items

    (derived,) = derived_files()
    assert derived.startswith(f"publishing/derived/{post.business_id}/{post.pk}/")
    assert derived.endswith("-ig-feed-v1.jpg")
    assert item.url.endswith("/" + derived.rsplit("/", 1)[-1])
    assert item.path == default_storage.path(derived)
    assert (item.mime, item.width, item.height) == ("image/jpeg", 1080, 1080)
    assert stored(item.url).format == "JPEG"
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == png  # the approved original stays as it was
    assert content_hash(post) == approved


def test_the_same_original_reuses_its_derived_file(
    make_post: MakePost, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = make_post(picture((1080, 1080), fmt="PNG"))
    first = build_request(post, "instagram", None).items[0]
    monkeypatch.setattr(images, "fix_image", lambda *a: pytest.fail("converted again"))
    second = build_request(post, "instagram", None).items[0]
    assert len(derived_files()) == 1
    assert (first.path, first.size, first.width, first.height, first.mime) == (
        second.path, second.size, second.width, second.height, second.mime,
    )  # fmt: skip


def test_cmyk_picture_becomes_rgb(make_post: MakePost) -> None:
    post = make_post(picture((1080, 1080), mode="CMYK", color=(0, 255, 255, 0)))
    (item,) = build_request(post, "instagram", None).items
    result = stored(item.url)
    assert result.mode == "RGB"
    assert close(result.getpixel((540, 540)), (255, 0, 0), slack=30)  # CMY 0/255/255 is red


def test_transparent_palette_picture_goes_on_white(make_post: MakePost) -> None:
    image = Image.new("RGBA", (1080, 1080), (0, 0, 0, 0))
    image.paste((0, 0, 200, 255), (300, 300, 780, 780))
    out = io.BytesIO()
    image.convert("P").save(out, "PNG", transparency=0)
    # the palette's entry 0 is the transparent black; the square stays blue
    post = make_post(out.getvalue())

    (item,) = build_request(post, "instagram", None).items

    result = stored(item.url)
    assert result.mode == "RGB"
    assert close(result.getpixel((10, 10)), (255, 255, 255))
    assert close(result.getpixel((540, 540)), (0, 0, 200))


def test_camera_orientation_is_applied() -> None:
    image = Image.new("RGB", (1350, 1080), (10, 10, 10))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    fixed = images.fix_image(out.getvalue(), images.INSTAGRAM_FEED)
    assert (fixed.width, fixed.height) == (1080, 1350)
    assert "orientation applied" in fixed.changes


def test_unreadable_colour_profile_is_dropped_and_pixels_kept() -> None:
    data = picture((1080, 1080), icc_profile=b"not a profile")
    fixed = images.fix_image(data, images.INSTAGRAM_FEED)
    assert fixed.data is not None
    result = Image.open(io.BytesIO(fixed.data))
    assert "icc_profile" not in result.info
    assert close(result.getpixel((5, 5)), (200, 120, 40))


def test_panorama_is_padded_into_the_feed_range_keeping_all_of_it(make_post: MakePost) -> None:
    post = make_post(two_colours((3000, 1000)))  # 3:1, cropping would keep 64 %
    (item,) = build_request(post, "instagram", None).items
    result = stored(item.url)
    assert (item.width, item.height) == (1440, 754)  # 1.91:1 at the widest Instagram takes
    assert close(result.getpixel((5, 377)), (220, 0, 0))  # the red edge is still there
    assert close(result.getpixel((1435, 377)), (0, 0, 220))
    assert close(result.getpixel((720, 3)), (0, 160, 0), slack=40)  # padding: the edges' colour


def test_tall_story_shaped_picture_in_the_feed_is_padded_to_4_5(make_post: MakePost) -> None:
    post = make_post(two_colours((1080, 1920)))  # 9:16 would keep 70 % if cropped
    (item,) = build_request(post, "instagram", None).items
    assert (item.width, item.height) == (1440, 1800)
    result = stored(item.url)
    assert close(result.getpixel((720, 5)), (0, 160, 0), slack=40)


def test_slightly_tall_picture_is_cropped_to_4_5(make_post: MakePost) -> None:
    post = make_post(two_colours((1080, 1400)))  # 0.77: the crop keeps 96 %
    (item,) = build_request(post, "instagram", None).items
    assert (item.width, item.height) == (1080, 1350)
    result = stored(item.url)
    assert close(result.getpixel((5, 675)), (220, 0, 0))  # cut top and bottom, not the sides


def test_wide_picture_is_scaled_down_to_1440(make_post: MakePost) -> None:
    post = make_post(picture((2400, 2400)))
    (item,) = build_request(post, "instagram", None).items
    assert (item.width, item.height) == (1440, 1440)


def test_small_picture_is_enlarged_up_to_twice(make_post: MakePost) -> None:
    post = make_post(picture((200, 250)))
    (item,) = build_request(post, "instagram", None).items
    assert (item.width, item.height) == (320, 400)


def test_tiny_picture_is_refused(make_post: MakePost) -> None:
    post = make_post(picture((100, 100)))
    with pytest.raises(PreflightError) as caught:
        build_request(post, "instagram", None)
    assert caught.value.code == "image_too_small"
    assert caught.value.message == (
        "Picture 1 is only 100 pixels wide, too small for Instagram. "
        "Use a picture at least 320 pixels wide."
    )


def test_carousel_pictures_take_the_first_ones_ratio(make_post: MakePost) -> None:
    post = make_post(
        picture((1080, 1350)), two_colours((1080, 1080)), picture((1080, 1360)),
        format=Format.CAROUSEL,
    )  # fmt: skip
    first, second, third = build_request(post, "instagram", None).items
    assert (first.width, first.height) == (1080, 1350)
    assert (second.width, second.height) == (864, 1080)  # cropped: 1:1 to 4:5 keeps 80 %
    assert (third.width, third.height) == (1080, 1360)  # within 1 % of 4:5: left alone
    assert len(derived_files()) == 1


def test_story_picture_is_padded_to_9_16(make_post: MakePost) -> None:
    post = make_post(picture((1080, 1080)), format=Format.STORY)
    request = build_request(post, "instagram", None)
    (item,) = request.items
    assert request.kind == Kind.STORY
    assert (item.width, item.height) == (1080, 1920)
    assert request.caption == ""  # stories take none


def test_corrupt_picture_is_refused(make_post: MakePost) -> None:
    post = make_post(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 10)
    with pytest.raises(PreflightError) as caught:
        build_request(post, "instagram", None)
    assert caught.value.code == "image_corrupt"
    assert "Picture 1 cannot be read" in caught.value.message


def test_truncated_picture_is_refused(make_post: MakePost) -> None:
    whole = picture((1080, 1350), color=None)
    noisy = Image.effect_noise((1080, 1350), 60).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG")
    post = make_post(whole, out.getvalue()[: len(out.getvalue()) // 2], format=Format.CAROUSEL)
    with pytest.raises(PreflightError) as caught:
        build_request(post, "instagram", None)
    assert caught.value.code == "image_corrupt"
    assert caught.value.message.startswith("Picture 2 cannot be read")


def test_decompression_bomb_is_refused(
    make_post: MakePost, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = make_post(picture((1080, 1350)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100_000)  # the picture is 14× that
    with pytest.raises(PreflightError) as caught:
        build_request(post, "instagram", None)
    assert caught.value.code == "image_corrupt"


def test_picture_still_too_large_after_compressing_is_refused() -> None:
    noise = Image.effect_noise((800, 800), 100).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "PNG")
    spec = images.ImageSpec("tiny", max_bytes=10_000, ratio_range=(0.5, 2))
    with pytest.raises(images.ImageProblem) as caught:
        images.fix_image(out.getvalue(), spec)
    assert caught.value.code == "too_large"


# --- TikTok photos --------------------------------------------------------------------------------


def test_tiktok_photos_fit_1080p_as_jpeg(make_post: MakePost) -> None:
    post = make_post(
        picture((3000, 4000), fmt="PNG"), picture((2000, 1000)), format=Format.TIKTOK_PHOTO
    )
    request = build_request(post, "tiktok", PUBLIC)
    tall, wide = request.items
    assert request.kind == Kind.TIKTOK_PHOTO
    assert (tall.width, tall.height, tall.mime) == (1080, 1440, "image/jpeg")
    assert (wide.width, wide.height) == (1920, 960)
    assert stored(tall.url).format == "JPEG"


def test_tiktok_takes_webp_and_1080p_as_they_are(make_post: MakePost) -> None:
    post = make_post(picture((1080, 1920), fmt="WEBP"), format=Format.TIKTOK_PHOTO)
    (item,) = build_request(post, "tiktok", PUBLIC).items
    assert (item.width, item.height, item.mime) == (1080, 1920, "image/webp")
    assert derived_files() == []


def test_tiktok_photo_post_of_36_pictures_is_refused(make_post: MakePost) -> None:
    post = make_post(*[picture((540, 960))] * 36, format=Format.TIKTOK_PHOTO)
    with pytest.raises(PreflightError) as caught:
        build_request(post, "tiktok", PUBLIC)
    assert caught.value.code == "too_many_photos"
