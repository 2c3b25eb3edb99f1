"""Why pre-flight refused a post, in a shop owner's words.

``PreflightError.code`` is stable (the publisher stores it; tests assert it); ``message`` is
translated into the language active when it was raised.
"""

from __future__ import annotations

import contextlib

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PreflightError(Exception):
    """The post cannot be sent as it is; nothing was sent. Never worth retrying unchanged."""

    permanent = True

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"PreflightError({self.code!r})"


MESSAGES: dict[str, Promise] = {
    "format_not_supported": _(
        "A post of the kind “%(format)s” cannot be published on %(network)s."
    ),
    "no_media": _("This post has no pictures or video to publish."),
    "media_missing": _(
        "A picture or video of this post is missing from storage. Draw the post's media again."
    ),
    "needs_pictures": _("This post needs at least one picture."),
    "no_videos_here": _("This kind of post takes pictures only, and this one has a video."),
    "needs_one_picture": _(
        "A feed post has one picture, and this one has %(count)s. Publish it as a carousel."
    ),
    "needs_one_video": _("This post needs exactly one video, and it has %(count)s."),
    "story_needs_one": _("A story shows one picture or one video, and this one has %(count)s."),
    "carousel_too_small": _(
        "A carousel needs at least %(minimum)s pictures or videos, and this one has %(count)s."
    ),
    "carousel_too_big": _(
        "A carousel takes at most %(maximum)s pictures or videos, and this one has %(count)s."
    ),
    "too_many_photos": _(
        "A TikTok photo post takes at most %(maximum)s pictures, and this one has %(count)s."
    ),
    "image_corrupt": _("Picture %(position)s cannot be read. Draw it again or use another one."),
    "image_too_small": _(
        "Picture %(position)s is only %(width)s pixels wide, too small for %(network)s. "
        "Use a picture at least %(minimum)s pixels wide."
    ),
    "image_too_large": _(
        "Picture %(position)s is still larger than %(megabytes)s MB after compressing it."
    ),
    "cover_corrupt": _("The cover picture cannot be read. Draw it again or use another one."),
    "cover_too_small": _(
        "The cover picture is only %(width)s pixels wide. Use one at least %(minimum)s pixels wide."
    ),
    "cover_too_large": _(
        "The cover picture is still larger than %(megabytes)s MB after compressing it."
    ),
    "video_corrupt": _("The video cannot be read; it may be damaged. Make it again."),
    "video_too_short": _(
        "The video lasts %(seconds).1f seconds; %(network)s needs at least %(minimum)s seconds."
    ),
    "video_too_long": _(
        "The video lasts %(seconds).0f seconds; %(network)s takes at most %(maximum).0f "
        "seconds here."
    ),
    "video_bad_shape": _(
        "The video's shape (%(width)s × %(height)s) is not one %(network)s accepts here."
    ),
    "video_too_large": _("The video is larger than %(megabytes)s MB, the most %(network)s takes."),
    "video_unfixable": _("The video could not be converted into a form %(network)s accepts."),
    "caption_too_long": _(
        "The caption with its hashtags is %(count)s characters long; %(network)s takes at most "
        "%(limit)s. Shorten it in the editor."
    ),
    "too_many_hashtags": _(
        "The caption has %(count)s hashtags; %(network)s takes at most %(limit)s."
    ),
    "too_many_mentions": _(
        "The caption mentions %(count)s accounts; %(network)s takes at most %(limit)s."
    ),
    "title_too_long": _(
        "The title is %(count)s characters long; %(network)s takes at most %(limit)s."
    ),
    "alt_text_too_long": _(
        "The picture description is %(count)s characters long; %(network)s takes at most %(limit)s."
    ),
    "tiktok_privacy_missing": _("Choose who can see the post on TikTok before publishing."),
    "tiktok_privacy_not_offered": _(
        "TikTok does not offer that choice of who can see the post for this account. Choose again."
    ),
    "tiktok_branded_private": _(
        "Branded content cannot be private on TikTok. Choose who can see the post."
    ),
    "tiktok_commercial_unspecified": _(
        "Say whether the post promotes your own business, a third party, or both."
    ),
}


def refuse(code: str, **params: object) -> PreflightError:
    """The error for ``code``, its message filled in the active language."""
    message = str(MESSAGES[code])
    # A translation that lost a placeholder still says what went wrong, unfilled.
    with contextlib.suppress(KeyError, TypeError, ValueError):
        message = message % params
    return PreflightError(code, message)
