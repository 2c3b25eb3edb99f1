"""Fair shares and well-mixed orders: the arithmetic behind formats, pillars and products.

Everything here is deterministic: "random" choices come from `Noise`, a hash of the plan's
seed and a label, so the same request always gives the same plan and no global random
state is touched.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Hashable, Mapping, Sequence


class Noise:
    """Pseudo-random numbers in [0, 1) keyed by labels: same seed and labels, same number."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def unit(self, *labels: object) -> float:
        text = "|".join([str(self.seed), *(str(label) for label in labels)])
        digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") / 2**64


def quotas[K: Hashable](
    weights: Mapping[K, float], total: int, noise: Noise, label: str
) -> dict[K, int]:
    """`total` split in proportion to `weights` (largest remainder): each share is the exact
    proportion rounded down or up, never further off. Equal remainders are ordered by noise."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    counts = {key: math.floor(value) for key, value in exact.items()}
    left = total - sum(counts.values())
    order = sorted(weights, key=lambda k: (counts[k] - exact[k], noise.unit(label, k)))
    for key in order[:left]:
        counts[key] += 1
    return counts


def limit_runs[K: Hashable](
    counts: dict[K, int], max_run: int, weights: Mapping[K, float]
) -> dict[K, int]:
    """Move surplus away from a key that could not avoid `max_run + 1` in a row.

    A key with c of n places can be kept to runs of `max_run` only if
    c <= max_run * (n - c + 1); the surplus goes to the other keys, heaviest first.
    """
    counts = dict(counts)
    total = sum(counts.values())
    others = sorted(counts, key=lambda k: -weights[k])
    if len(counts) < 2:
        return counts
    while True:
        top = max(counts, key=lambda k: counts[k])
        if counts[top] <= max_run * (total - counts[top] + 1):
            return counts
        receiver = min((k for k in others if k != top), key=lambda k: counts[k] / weights[k])
        counts[top] -= 1
        counts[receiver] += 1


def arrange[K: Hashable](
    length: int,
    counts: Mapping[K, int],
    *,
    max_run: int,
    noise: Noise,
    label: str,
    fixed: Mapping[int, K] | None = None,
    allowed: Callable[[int, K], bool] = lambda i, k: True,
    affinity: Callable[[int, K], float] = lambda i, k: 0.0,
    spare: Sequence[K] = (),
) -> list[K]:
    """Order `counts` over `length` places so that no key appears more than `max_run` times in
    a row, where that can be avoided.

    `fixed` places are already decided (they still count for runs). `allowed(i, key)` may
    forbid a key at a place; when nothing left is allowed there, a key from `spare` is used
    beyond its share. Otherwise the key most behind (its leftovers over the places still
    open to it) wins, nudged by `affinity` and a little noise.
    """
    fixed = fixed or {}
    keys = list(dict.fromkeys([*counts, *spare]))

    def open_to(key: K) -> list[int]:
        return _open_from(length, lambda i: i not in fixed and allowed(i, key))

    room = {k: open_to(k) for k in keys}
    # Places that can only take one key, known in advance: runs must leave room for them.
    settled = dict(fixed)
    for i in range(length):
        only = [k for k in keys if allowed(i, k)]
        if i not in fixed and len(only) == 1:
            settled[i] = only[0]
    remaining = dict(counts)
    used: dict[K, int] = dict.fromkeys(keys, 0)
    out: list[K] = []
    for i in range(length):
        if i in fixed:
            out.append(fixed[i])
            continue
        pool = [k for k, n in remaining.items() if n > 0 and allowed(i, k)]
        pool = pool or [k for k in spare if allowed(i, k)] or [k for k in keys if remaining.get(k)]
        unblocked = [k for k in pool if _run_through(out, settled, i, k) <= max_run]
        spared = [k for k in spare if allowed(i, k) and _run_through(out, settled, i, k) <= max_run]
        candidates = unblocked or spared or pool or keys  # a repeat that cannot be avoided

        def behind(key: K, i: int = i) -> float:
            need = remaining.get(key, 0)
            return need / max(1, room[key][i]) if need else -0.1 * used[key]

        # A key whose leftovers only just fit the places still open to it must go now.
        critical = [
            k
            for k in candidates
            if room[k][i] > 1 and remaining.get(k, 0) >= max_run * (room[k][i] - remaining[k]) + 1
        ]
        choice = max(
            critical or candidates,
            key=lambda k: behind(k) + 0.35 * affinity(i, k) + 0.15 * noise.unit(label, i, k),
        )
        out.append(choice)
        used[choice] += 1
        if remaining.get(choice, 0) > 0:
            remaining[choice] -= 1
    return out


def _run_through[K](out: list[K], settled: Mapping[int, K], i: int, key: K) -> int:
    """How long a run of `key` would be with `key` at place i."""
    before = 0
    while before < len(out) and out[-1 - before] == key:
        before += 1
    after = 0
    while settled.get(i + 1 + after) == key:
        after += 1
    return before + 1 + after


def _open_from(length: int, is_open: Callable[[int], bool]) -> list[int]:
    """For each place, how many places from there to the end are open."""
    counts = [0] * (length + 1)
    for i in range(length - 1, -1, -1):
        counts[i] = counts[i + 1] + (1 if is_open(i) else 0)
    return counts
