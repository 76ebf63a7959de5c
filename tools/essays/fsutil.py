"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`."""
    _replace(path, lambda out: out.write(text.encode("utf-8")))


def copy_atomic(source: Path, path: Path) -> None:
    """Copy `source` to a temporary file beside `path`, then rename it over `path`."""
    def copy(out: BinaryIO) -> None:
        with open(source, "rb") as data:
            shutil.copyfileobj(data, out)
    _replace(path, copy)


def _replace(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            fill(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
