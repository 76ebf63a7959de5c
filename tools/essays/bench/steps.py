"""Run one benchmark step in its own process: wall time and peak memory (RSS) of that process.

Each step is a child process so its peak RSS is its own: `os.wait4` returns the resource usage
of that child (and of the processes it waited for, e.g. a whoosh writer's workers).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


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
        output = child.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise StepFailed(f"{' '.join(args)} exited {child.returncode}:\n{output[-4000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, output)  # ru_maxrss is in KiB on Linux


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
