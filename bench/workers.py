"""CPU time and memory of an app's granian workers, read from /proc (Linux only).

`manage.py serve` starts granian, which starts the workers: the workers are the descendants
of the serve process that have no children of their own.
"""

import os
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text.rsplit(")", 1)[1].split()


def children_by_parent():
    """{parent pid: [child pids]} for every process now running."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent = int(stat_fields(entry)[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    return children


def worker_pids(serve_pid):
    """The pids of the granian workers under a `manage.py serve` process, sorted."""
    children = children_by_parent()
    leaves, pending = [], list(children.get(serve_pid, []))
    while pending:
        pid = pending.pop()
        if children.get(pid):
            pending.extend(children[pid])
        else:
            leaves.append(pid)
    return sorted(leaves)


def cpu_seconds(pids):
    """{pid: user + system CPU seconds so far}; processes gone meanwhile are left out."""
    seconds = {}
    for pid in pids:
        try:
            fields = stat_fields(pid)
        except OSError:
            continue
        # Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
        seconds[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return seconds


def resident_mb(pids):
    """{pid: resident memory (VmRSS) in MB}."""
    sizes = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes[pid] = int(line.split()[1]) / 1024
    return sizes


class WorkerUsage:
    """CPU seconds spent by an app's workers between `start` and `stop`, and their memory."""

    def __init__(self, serve_pid):
        self.serve_pid = serve_pid
        self.before = {}

    def start(self):
        self.before = cpu_seconds(worker_pids(self.serve_pid))

    def stop(self):
        """(CPU seconds used by the workers since start, {pid: RSS MB} now)."""
        pids = worker_pids(self.serve_pid)
        after = cpu_seconds(pids)
        # A worker respawned meanwhile counts from zero.
        used = sum(seconds - self.before.get(pid, 0.0) for pid, seconds in after.items())
        return used, resident_mb(pids)
