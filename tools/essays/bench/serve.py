"""An edit under `mkdocs serve`: seconds from saving one essay to its rebuilt page being served."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from .steps import ENV, TreeMemory, tool

MARKER = "Benchmarked"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def incremental_rebuild(site_root: Path, essay: Path, url_path: str, runs: int = 5,
                        timeout: float = 1800.0, extra_args: tuple[str, ...] = (),
                        settle: float = 2.0, pause: float = 1.0) -> dict:
    """Start `mkdocs serve`, wait for the first build, then edit `essay` `runs` times.

    The first edit comes `settle` seconds after the site is served (the server starts
    watching the files once its first build is done), and each next one `pause` seconds
    after the last was seen, as a person saving a few edits would.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = essay.read_text(encoding="utf-8")
    server = subprocess.Popen([tool("mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--livereload", *extra_args], cwd=site_root, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    memory = TreeMemory(server.pid)
    try:
        started = time.perf_counter()
        _wait(url, lambda page: 'id="p1"' in page, timeout)
        first_build = time.perf_counter() - started
        times = []
        for n in range(1, runs + 1):
            time.sleep(settle if n == 1 else pause)
            times.append(_edit(essay, original, url, n, timeout))
    finally:
        essay.write_text(original, encoding="utf-8")
        server.terminate()
        _, _, usage = os.wait4(server.pid, 0)
        memory.stop()
    return {"first_build_s": first_build, "rebuild_s": sorted(times)[len(times) // 2],
            "rebuild_runs_s": times,
            "peak_rss_mb": max(usage.ru_maxrss / 1024, memory.peak_mb)}


def _edit(essay: Path, original: str, url: str, n: int, timeout: float) -> float:
    """Put a new word into the essay's first English paragraph; time until the page shows it."""
    word = f"{MARKER}{n}x{os.getpid()}"
    front, body = original.split("\n---\n", 1)
    started = time.perf_counter()
    essay.write_text(f"{front}\n---\n\n{word} {body.lstrip()}", encoding="utf-8")
    _wait(url, lambda page: word in page, timeout)
    return time.perf_counter() - started


def _wait(url: str, ready, timeout: float, step: float = 0.05) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except OSError:
            pass
        time.sleep(step)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s")
