"""A post's pictures and video: the brand kit and the post's words, through render/.

Which layout a post gets follows its format and pillar; photos are the post's AI picture, when
it has one, then the product's photos from the catalog.
"""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from postloom.brands.models import BrandProfile
from postloom.render import BrandKit, Creative, render_creative
from postloom.studio import ai_images
from postloom.studio.models import Format, Post, PostMedia
from postloom.studio.thumbnails import delete_thumbnail

LAYOUT_BY_PILLAR = {
    "product_spotlight": "product_hero",
    "promotion": "promotion",
    "social_proof": "quote",
    "tips": "tips",
    "question": "announcement",
    "behind_the_scenes": "announcement",
    "local_occasion": "announcement",
}
VIDEO_FORMATS = (Format.REEL, Format.TIKTOK_VIDEO)


def brand_kit(post: Post) -> BrandKit:
    brand = BrandProfile.objects.filter(business=post.business).first()
    if brand is None:
        return BrandKit(name=post.business.name, language=post.business.language)
    return BrandKit(
        name=brand.name or post.business.name,
        colors=tuple(brand.colors),
        fonts=tuple(brand.fonts),
        language=brand.language or post.business.language,
    )


def product_photos(post: Post, limit: int = 5) -> list[bytes]:
    if post.product_id is None:
        return []
    photos = []
    for image in post.product.images.order_by("position", "id")[:limit]:  # type: ignore[union-attr]
        with image.image.open("rb") as fh:
            photos.append(fh.read())
    return photos


def creatives_for(post: Post, kit: BrandKit, photos: list[bytes]) -> list[Creative]:
    """The still images a post needs: one, or a cover and slides for a carousel."""
    photo = photos[0] if photos else None
    price = post.product.price_label if post.product else ""
    words = [s.strip() for s in post.caption.replace("\n", " ").split(".") if len(s.strip()) > 12]
    if post.format == Format.CAROUSEL:
        slides = [
            Creative(layout="carousel_cover", headline=post.headline, photo=photo, slide_count=4)
        ]
        for index, text in enumerate((words + [post.headline] * 3)[:3], start=2):
            slides.append(
                Creative(
                    layout="carousel_slide",
                    headline=text[:90],
                    photo=photos[index - 1] if len(photos) >= index else None,
                    slide_index=index,
                    slide_count=4,
                )
            )
        return slides
    if post.format in (Format.STORY, Format.TIKTOK_PHOTO, *VIDEO_FORMATS):
        return [Creative(layout="story", size="story", headline=post.headline, price=price,
                         photo=photo)]  # fmt: skip
    layout = LAYOUT_BY_PILLAR.get(post.pillar, "announcement")
    items = tuple(words[:4]) if layout == "tips" else ()
    quote = words[0] if layout == "quote" and words else ""
    return [
        Creative(
            layout=layout,
            headline=post.headline,
            price=price,
            photo=photo,
            items=items,
            quote=quote,
            attribution=kit.name if quote else "",
        )  # fmt: skip
    ]


def _save(
    post: Post, kind: str, data: bytes, ext: str, width: int, height: int, position: int
) -> None:
    name = default_storage.save(
        f"studio/{post.business_id}/{post.pk}/{uuid.uuid4().hex}.{ext}", ContentFile(data)
    )
    PostMedia.objects.create(
        post=post, kind=kind, file=name, width=width, height=height, position=position
    )


def clear_media(post: Post) -> None:
    for media in post.media.all():
        if media.file.name:
            default_storage.delete(media.file.name)
            delete_thumbnail(media.file.name)
    post.media.all().delete()


def render_media(post: Post) -> None:
    """Replace the post's media with freshly rendered creatives (and a video for reels)."""
    kit = brand_kit(post)
    # An AI picture (studio/ai_images.py) leads; product photos fill a carousel's slides.
    picture = ai_images.stored_picture(post)
    photos = ([picture] if picture else []) + product_photos(post)
    rendered = [render_creative(kit, creative) for creative in creatives_for(post, kit, photos)]
    clear_media(post)
    if post.format in VIDEO_FORMATS:
        from postloom.studio.video import render_post_video

        video, cover = render_post_video(post, kit, photos + [r.jpeg for r in rendered])
        _save(post, PostMedia.Kind.VIDEO, video, "mp4", 1080, 1920, 0)
        _save(post, PostMedia.Kind.COVER, cover, "jpg", 1080, 1920, 1)
        return
    for position, result in enumerate(rendered):
        _save(post, PostMedia.Kind.IMAGE, result.jpeg, "jpg", result.width, result.height, position)
