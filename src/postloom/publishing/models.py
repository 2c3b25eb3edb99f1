"""Publications: one approved post on its way to one connected account, and every network call
made for it.

A ``Publication`` is the row the exactly-once promise rests on. Its ``phase`` says which network
step comes next (start → check → finish); ``remote_id`` (the Instagram container / TikTok
publish id) is committed before any later call; ``in_flight`` names a call that was sent and
not yet answered, so a worker that takes the row over after a crash or a timeout asks the
network what happened instead of sending again. Workers hold a row through a lease
(``claim_token`` + ``claim_expires_at``) and every write they make is conditional on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.studio.models import Format, Post


class Publication(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SCHEDULED = "scheduled", _("Scheduled")
        IN_PROGRESS = "in_progress", _("Sending")
        WAITING = "waiting", _("Waiting for the network")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Phase(models.TextChoices):
        START = "start", _("Sending the media")
        CHECK = "check", _("The network is processing the media")
        FINISH = "finish", _("Publishing")

    ENDED = (Status.PUBLISHED, Status.FAILED, Status.CANCELLED)
    DUE = (Status.QUEUED, Status.SCHEDULED, Status.WAITING)  # due once next_attempt_at passes

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="publications")
    # SET_NULL: a post or connection deleted mid-publish leaves the record of what happened.
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="publications"
    )
    connection = models.ForeignKey(
        Connection, on_delete=models.SET_NULL, null=True, blank=True, related_name="publications"
    )
    platform = models.CharField(max_length=16)
    kind = models.CharField(max_length=16, choices=Format.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(max_length=8, choices=Phase.choices, default=Phase.START)
    scheduled_for = models.DateTimeField(null=True, blank=True)  # UTC; None = publish now
    content_hash = models.CharField(max_length=64)  # the approved hash this was created from
    tiktok_options = models.JSONField(default=dict, blank=True)  # base.TikTokOptions fields
    remote_id = models.CharField(max_length=128, blank=True)  # container / publish id
    # The words as sent (pre-flight adds the hashtags): how a lost publish is recognised.
    sent_caption = models.TextField(blank=True)
    # What pre-flight made of the approved content (``for`` that hash): a later attempt sends
    # the same request again without converting, probing or hashing anything (preflight_saved).
    prepared = models.JSONField(default=dict, blank=True)
    in_flight = models.CharField(max_length=8, blank=True)  # a step sent and not answered
    media_id = models.CharField(max_length=64, blank=True)
    permalink = models.URLField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # transient failures so far
    polls = models.PositiveSmallIntegerField(default=0)  # status checks of this remote object
    restarts = models.PositiveSmallIntegerField(default=0)  # containers made again (expired)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    deadline_at = models.DateTimeField(null=True, blank=True)  # processing must end by then
    wait_reason = models.CharField(max_length=40, blank=True)  # why it is waiting (a code)
    claimed_by = models.CharField(max_length=100, blank=True)  # which worker, for operators
    claim_token = models.CharField(max_length=32, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=40, blank=True)  # problems.py turns it into words
    error_message = models.CharField(max_length=300, blank=True)  # operator detail, no secrets
    vendor_code = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A double click or two tabs can never make two live publications.
            models.UniqueConstraint(
                fields=["post", "connection"],
                condition=~Q(status__in=["published", "failed", "cancelled"]),
                name="one_active_publication_per_post_and_connection",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "scheduled", "waiting"]),
                name="publication_due",
            ),
            models.Index(
                fields=["claim_expires_at"],
                condition=Q(status="in_progress"),
                name="publication_claimed",
            ),
        ]

    def __str__(self) -> str:
        return f"publication {self.pk} of post {self.post_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status not in self.ENDED

    @property
    def goes_live_on_start(self) -> bool:
        """Whether what ``start`` sent can go live with no further call from us: a TikTok post
        does once its upload or download ends; an Instagram container only through
        ``media_publish`` (platform-apis.md §1.3, §2.4)."""
        return self.platform == "tiktok"


class PublicationAttempt(models.Model):
    """One network call: written before it is made, completed after. Never holds a token."""

    class Step(models.TextChoices):
        QUOTA = "quota", _("Checking the publishing limit")
        CREATOR = "creator", _("Checking the TikTok account")
        START = "start", _("Sending the media")
        CHECK = "check", _("Checking progress")
        FINISH = "finish", _("Publishing")
        LINK = "link", _("Reading the post's link")

    class Outcome(models.TextChoices):
        PENDING = "", _("No answer yet")
        OK = "ok", _("Done")
        ERROR = "error", _("Error")
        INTERRUPTED = "interrupted", _("Interrupted")  # the worker stopped mid-call

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="calls")
    step = models.CharField(max_length=8, choices=Step.choices)
    worker = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    remote_status = models.CharField(max_length=16, blank=True)  # base.RemoteStatus value
    error_code = models.CharField(max_length=40, blank=True)
    vendor_code = models.CharField(max_length=64, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.step} of publication {self.publication_id}: {self.outcome or 'pending'}"
