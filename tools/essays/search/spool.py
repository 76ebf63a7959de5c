"""The index job's input: every essay's search documents, on disk, read back one essay at a time.

At 10,000 essays the documents are about 300 MB as Python objects (113 MB pickled). Handed to
the job as one argument, they were held whole by mkdocs while it pickled them and by the job
for its whole run, beside whoosh's pool. Written here essay by essay, neither process ever
holds more than one essay's; each index reads the file as many times as it needs.

The job removes its spool when it ends, whichever way; a build killed outright (SIGKILL, the
machine's OOM killer) cannot, so each spool's name carries the pid of the build that wrote it
and the next build removes those whose build is gone (`sweep`).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .documents import EssayDocuments

PREFIX = "essays-documents-"


class Spool:
    """A file of items (EssayDocuments, each essay's analysed pairs), in order; iterable any
    number of times; picklable (a path)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def write(cls, items: Iterable, folder: Path | None = None) -> Spool:
        """Write `items` as they come (a generator is never held whole)."""
        with cls.writing(folder) as add:
            for item in items:
                add(item)
        return add.spool

    @classmethod
    @contextmanager
    def writing(cls, folder: Path | None = None) -> Iterator[_Adder]:
        """A spool written item by item: `add(item)`; `add.spool` once the block has ended.
        Nothing is left behind when the block raises."""
        handle, name = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".pickle",
                                        dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                add = _Adder(out)
                yield add
        except BaseException:
            os.unlink(name)
            raise
        add.spool = cls(Path(name))

    def __iter__(self) -> Iterator:
        with open(self.path, "rb") as source:
            while True:
                try:
                    yield pickle.load(source)
                except EOFError:
                    return

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    @staticmethod
    def sweep(folder: Path | None = None) -> list[Path]:
        """Remove the spools in `folder` (the temporary folder) whose build has ended; the
        paths removed. A spool of a build still running, or of another user, is left alone."""
        removed = []
        for path in Path(folder or tempfile.gettempdir()).glob(f"{PREFIX}*.pickle"):
            pid = path.name[len(PREFIX):].split("-", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal sent: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, and is someone else's
        return True
    return True


class _Adder:
    def __init__(self, out) -> None:
        self.out, self.spool = out, None

    def __call__(self, item) -> None:  # one pickle each: one Pickler's memo would hold them all
        pickle.dump(item, self.out, protocol=pickle.HIGHEST_PROTOCOL)


def reiterable(essays: Iterable[EssayDocuments]) -> Iterable[EssayDocuments]:
    """`essays` if it can be read more than once (a list, a Spool), else a list of it: the
    indexes read their input twice, and a generator would be empty the second time."""
    return list(essays) if iter(essays) is essays else essays
