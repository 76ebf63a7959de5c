"""Run one benchmark step in its own process: wall time and peak memory (RSS) of that process.

Each step is a child process so its peak RSS is its own. Peak memory is that of the step's
whole process tree at once: a build runs mkdocs and the index job side by side, and what the
machine must hold is their sum. It is sampled from /proc every SAMPLE_S (Linux), and never
reported below what `os.wait4` says the largest single process reached.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
SAMPLE_S = 0.2
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


class StepFailed(Exception):
    pass


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    stdout: str


def run(args: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run `args` to completion; raise StepFailed (with its output) on a non-zero exit."""
    started = time.perf_counter()
    with open(os.devnull, "rb") as stdin:
        child = subprocess.Popen(args, cwd=cwd, env={**ENV, **(env or {})}, stdin=stdin,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        tree = TreeMemory(child.pid)
        output = child.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(child.pid, 0)
        tree.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise StepFailed(f"{' '.join(args)} exited {child.returncode}:\n{output[-4000:]}")
    largest = usage.ru_maxrss / 1024  # the largest single process; ru_maxrss is in KiB on Linux
    return Run(seconds, max(largest, tree.peak_mb), output)


class TreeMemory:
    """The peak summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int):
        self.pid, self.peak_mb = pid, 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_S):
            self.peak_mb = max(self.peak_mb, sum(map(_rss_mb, _tree(self.pid))))


def _tree(root: int) -> list[int]:
    """`root` and every process descending from it, from /proc/*/stat's parent ids."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_MB
    except (OSError, IndexError, ValueError):
        return 0.0


def repeated(args: list[str], cwd: Path, times: int, env: dict | None = None) -> Run:
    """The median time of `times` runs (a short step is noisy), with the largest peak RSS."""
    runs = [run(args, cwd, env) for _ in range(max(1, times))]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_rss_mb for r in runs),
               runs[-1].stdout)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def tool(name: str) -> str:
    """A console script installed beside this Python (mkdocs, essays)."""
    return str(Path(sys.executable).with_name(name))
