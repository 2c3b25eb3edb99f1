"""The simulators' clock: real time plus an offset that tests move forward (token lifetimes,
container expiry, upload URLs, daily caps) without waiting."""

from __future__ import annotations

import time


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds
