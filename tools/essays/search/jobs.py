"""Work in a process of its own, so it runs on the other core while mkdocs renders or serves.

`Job(target, *args)` starts `target(*args)` in a fresh interpreter ("spawn": a fork of a
threaded `mkdocs serve` could copy a held lock); `join` returns what it returned or raises
what it raised. `target` must be a module-level function and its arguments picklable.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .browser_index import write_browser_index
from .documents import EssayDocuments
from .spool import Spool
from .whoosh_index import build_index


class Job:
    def __init__(self, target: Callable, *args, name: str = "essays-job",
                 cleanup: Callable[[], None] | None = None) -> None:
        self._cleanup = cleanup  # run once the job has ended, whichever way
        context = multiprocessing.get_context("spawn")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, name=name, args=(target, args, sender))
        self._process.start()
        sender.close()

    def join(self):
        try:
            outcome = self._results.recv()
        except EOFError:
            outcome = RuntimeError(f"the process died (exit code {self._process.exitcode})")
        finally:
            self._process.join()
            self._results.close()
            self._ended()
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def cancel(self) -> None:
        """Stop the job (a failed build): what it was writing is never swapped in."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._results.close()
        self._ended()

    def _ended(self) -> None:
        if self._cleanup is not None:
            self._cleanup()
            self._cleanup = None


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int | None = None) -> None:
    """Linux: the kernel kills this process (SIGKILL) when the one that started it ends, so a
    killed build leaves nothing writing behind it. `parent`: its pid, if it may be gone already."""
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:  # it ended before the line above
        os._exit(1)


def _run(target: Callable, args: tuple, sender) -> None:
    die_with_parent(multiprocessing.parent_process().pid)
    try:
        sender.send(target(*args))
    except BaseException as error:  # handed to the parent, which reports it
        sender.send(error)
    finally:
        sender.close()


def update_indexes(essays: Iterable[EssayDocuments], index_dir: Path | None,
                   site_dir: Path | None, glossary: list | tuple = ()) -> list:
    """Both search indexes of `essays`, each if its folder is given: their reports.

    This runs beside mkdocs, which has the other core. whoosh first: its sort is the job's
    largest memory, and mkdocs' own grows as it renders, so the two peaks do not meet; the
    browser index streams and stays small.
    """
    reports = []
    if index_dir is None:
        return [write_browser_index(essays, site_dir, glossary)] if site_dir is not None else []
    if site_dir is None:
        return [build_index(essays, index_dir)]
    # Each pair analysed once: whoosh records the terms it indexed, essay by essay, in a spool
    # of their own that the browser index reads in step (holding them all would cost memory).
    with Spool.writing() as analysed:
        reports.append(build_index(essays, index_dir, analysed))
    try:
        reports.append(write_browser_index(essays, site_dir, glossary, analysed=analysed.spool))
    finally:
        analysed.spool.remove()
    return reports
