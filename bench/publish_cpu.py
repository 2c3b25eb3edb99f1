"""CPU seconds used by the parts of bench/publish.py, read from /proc (Linux; elsewhere 0).

The workers are the bench's own children (they have exited when a run is counted, so
``RUSAGE_CHILDREN`` has them); the simulators are still running (their process trees are
read); PostgreSQL is counted when it runs on this machine (the postmaster with every backend,
those that exited included).
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def workers() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stat(pid: int) -> tuple[str, int, float, float] | None:
    """(command, parent pid, own CPU seconds, CPU seconds of reaped children)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    command = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    own = (int(fields[11]) + int(fields[12])) / _TICK
    reaped = (int(fields[13]) + int(fields[14])) / _TICK
    return command, int(fields[1]), own, reaped


def _all() -> dict[int, tuple[str, int, float, float]]:
    found = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            found[int(entry.name)] = stat
    return found


def tree(root: int) -> float:
    """A running process and every descendant (granian's worker process, its threads)."""
    table = _all()
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            total += table[pid][2] + table[pid][3]
            todo += [child for child, stat in table.items() if stat[1] == pid]
    return total


def postgres() -> float:
    """The local PostgreSQL server's CPU so far (0 when it does not run here)."""
    table = _all()
    total = 0.0
    for stat in table.values():
        command, parent, own, reaped = stat
        if command != "postgres":
            continue
        total += own
        if table.get(parent, ("",))[0] != "postgres":
            total += reaped  # the postmaster: its backends that have exited
    return total
