"""A claimed publication as one worker walks it, and how its writes are batched.

Every write of the job is fenced by its claim (claims.write). To keep a post's round trips
few, what can wait rides along with the next write that has to happen anyway:

- ``defer(**values)``: row values a crash may lose harmlessly (the next worker would ask the
  network again), such as a phase mark;
- ``record(Record)``: a network call's attempt row. A call that can change something at the
  network has its row written *before* it is sent, in the same commit as the ``in_flight``
  mark (``begin_call``); its outcome, and the whole row of a read-only call, follow with the
  next write. A crash loses only read-only calls' rows and outcomes the next worker learns
  again (a row left without an outcome is marked interrupted when the row is taken over).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from postloom.integrations.networks.base import Account, NetworkClient
from postloom.publishing import writes
from postloom.publishing.claims import Claim, LostClaim
from postloom.publishing.models import Publication
from postloom.publishing.policy import Policy


@dataclass
class Record:
    """One network call's attempt row: new (``pk`` None) or the outcome of one written
    before its call."""

    step: str
    started_at: datetime
    finished_at: datetime | None = None
    outcome: str = ""
    remote_status: str = ""
    error_code: str = ""
    vendor_code: str = ""
    http_status: int | None = None
    duration_ms: int | None = None
    pk: int | None = None

    def outcome_values(self) -> dict[str, Any]:
        return {
            "finished_at": self.finished_at,
            "outcome": self.outcome,
            "remote_status": self.remote_status,
            "error_code": self.error_code[:40],
            "vendor_code": self.vendor_code[:64],
            "http_status": self.http_status,
            "duration_ms": self.duration_ms,
        }

    def row(self, publication_id: int, worker: str) -> dict[str, Any]:
        """Every column of its new row (written in SQL: the model's defaults are not there)."""
        return {
            "publication": publication_id,
            "step": self.step,
            "worker": worker[:100],
            "started_at": self.started_at,
            **self.outcome_values(),
        }


@dataclass
class Job:
    claim: Claim
    publication: Publication
    policy: Policy
    client: NetworkClient | None = None
    account: Account | None = None
    locked: bool = False  # the post was moved to "publishing" (and hashed) by this job
    pending: dict[str, Any] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)

    @property
    def post_present(self) -> bool:
        return self.publication.post is not None

    def defer(self, **values: Any) -> None:
        """Values the next write carries (only what a crash may lose harmlessly)."""
        self.pending.update(values)
        for name, value in values.items():
            setattr(self.publication, name, value)

    def record(self, record: Record) -> None:
        self.records.append(record)

    def save(self, **values: Any) -> None:
        """A fenced write (with everything waiting) that keeps the in-memory row in step."""
        self._write(values)

    def release(self, also: Callable[[], object] | None = None, **values: Any) -> None:
        """Let go of the row with its new state; ``also`` runs in the same transaction."""
        self._write({"claim_token": "", "claim_expires_at": None, **values}, also)

    def begin_call(self, step: str, started_at: datetime) -> int:
        """Before a call that can change something at the network: the in-flight mark, a
        renewed lease and the call's attempt row, committed together. Returns the row's id."""
        values = {"in_flight": step, "claim_expires_at": started_at + self.policy.lease}
        ids = self._apply(values, Record(step, started_at))
        return ids[-1]

    def _write(self, values: dict[str, Any], also: Callable[[], object] | None = None) -> None:
        if also is None:
            self._apply(values)  # one statement (writes.write_step)
            return
        with transaction.atomic():
            self._apply(values)
            also()

    def _apply(self, values: dict[str, Any], opening: Record | None = None) -> list[int]:
        """The fenced write with everything waiting (and ``opening``'s new attempt row);
        the new rows' ids. LostClaim when the row is no longer this worker's."""
        merged = {**self.pending, **values, "updated_at": timezone.now()}
        records = [*self.records, *([opening] if opening else [])]
        outcomes = [(r.pk, r.outcome_values()) for r in records if r.pk is not None]
        new = [self._row(r) for r in records if r.pk is None]
        ids = writes.write_step(self.claim.publication_id, self.claim.token, merged, outcomes, new)
        if ids is None:
            raise LostClaim(self.claim.publication_id)
        self.pending.clear()
        self.records.clear()
        for name, value in merged.items():
            setattr(self.publication, name, value)
        return ids

    def _row(self, record: Record) -> dict[str, Any]:
        return record.row(self.claim.publication_id, self.claim.worker)
