"""Plans, posts and their media, generation jobs, and the credit ledger that pays for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from postloom.brands.models import Business


class Format(models.TextChoices):
    FEED_IMAGE = "feed_image", _("Feed image")
    CAROUSEL = "carousel", _("Carousel")
    STORY = "story", _("Story")
    REEL = "reel", _("Reel")
    TIKTOK_VIDEO = "tiktok_video", _("TikTok video")
    TIKTOK_PHOTO = "tiktok_photo", _("TikTok photo")


class Pillar(models.TextChoices):
    PRODUCT_SPOTLIGHT = "product_spotlight", _("Product spotlight")
    BEHIND_THE_SCENES = "behind_the_scenes", _("Behind the scenes")
    TIPS = "tips", _("Tips")
    SOCIAL_PROOF = "social_proof", _("Social proof")
    PROMOTION = "promotion", _("Promotion")
    QUESTION = "question", _("Question to the audience")
    LOCAL_OCCASION = "local_occasion", _("Local occasion")


class Plan(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="plans")
    start_date = models.DateField()
    days = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.days} days from {self.start_date}"


class Post(models.Model):
    """One post. Its status is the approval state machine (the publishing issue drives it)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHING = "publishing", _("Publishing")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")
        REJECTED = "rejected", _("Rejected")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="posts")
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    planned_for = models.DateTimeField(null=True, blank=True)  # UTC; shown in the business's zone
    format = models.CharField(max_length=16, choices=Format.choices)
    platform = models.CharField(max_length=16, default="instagram")
    pillar = models.CharField(max_length=24, choices=Pillar.choices)
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    occasion = models.CharField(max_length=64, blank=True)
    topic = models.CharField(max_length=300, blank=True)
    # The planner's angle ("Three reasons customers choose …"), shown to the person reviewing
    # the plan; the caption writer gets the pillar and format instead (see studio/planner.py).
    hint = models.CharField(max_length=300, blank=True)
    caption = models.TextField(blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    alt_text = models.CharField(max_length=500, blank=True)
    headline = models.CharField(max_length=120, blank=True)
    image_prompt = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Who approved what (studio/approval.py): the hash of the exact words and files approved.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_for", "id"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.planned_for or ''}"


class ApprovalEvent(models.Model):
    """One act on a post's approval: approved, rejected (with why) or voided by an edit."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        VOIDED = "voided", _("Approval voided")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="approval_events")
    action = models.CharField(max_length=12, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)  # a rejection's reason; a void's cause
    content_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} post {self.post_id}"


class PostMedia(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        VIDEO = "video", _("Video")
        COVER = "cover", _("Cover")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to="studio/%Y/%m/", max_length=300)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.kind} of post {self.post_id}"


class GenerationJob(models.Model):
    """A background generation the person can watch and cancel; each item debits credits."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="jobs")
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    cancel_requested = models.BooleanField(default=False)
    error_code = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.status})"


class CreditEntry(models.Model):
    """Append-only credit ledger: grants are positive, generation debits are negative."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="credits")
    delta = models.IntegerField()
    reason = models.CharField(max_length=32)  # "welcome", "generation", "refund", "purchase"
    job = models.ForeignKey(GenerationJob, on_delete=models.SET_NULL, null=True, blank=True)
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.delta:+d} {self.reason}"
