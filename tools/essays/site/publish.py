"""`essays build`: build the site and both search indexes, then publish them together, or nothing.

Each build writes a generation folder of its own beside `site/`, and only a build that
succeeded (`mkdocs build --strict`, both indexes included) is published, by one rename:

    .site-gens/<id>/site/       the site, the browser's shards in site/search/shards/
    .site-gens/<id>/index       the whoosh index (a link to index-<stamp>/ beside it)
    .site-gens/current -> <id>  what is published; `previous` -> what was before
    site   -> .site-gens/current/site
    .index -> .site-gens/current/index

`site` and `.index` never change once made: `current` is the one link a publish replaces
(`os.replace` of a new link over it), so a reader sees one build's site and index or the
next's, never a mix and never no site. A lock (`.build.lock`) lets one build run at a time;
each build first removes what killed builds left. mkdocs itself runs as a child process
(its CLI, its logging, `--strict`); it learns that it builds a generation from the marker
file in the folder above its site_dir (see `generation_index`), and writes the whoosh index
there instead of into the published one.

This module does not import mkdocs, so `essays build` starts fast.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..paths import Site
from ..search.jobs import die_with_parent

MARKER = "essays-generation"  # in every generation folder: the plugin's sign it builds one
LOCK = ".build.lock"
CURRENT, PREVIOUS = "current", "previous"
DIR_MODE, FILE_MODE = 0o755, 0o644  # what a web server running as another user can read


class BuildLocked(Exception):
    pass


class BuildFailed(Exception):
    pass


def generation_index(site_dir: Path) -> Path | None:
    """Where a build into `site_dir` writes its whoosh index, if site_dir is in a generation."""
    folder = Path(site_dir).parent
    return folder / "index" if (folder / MARKER).is_file() else None


def is_published(path: Path) -> bool:
    """Whether `path` is a link `essays build` publishes (site/ or the index)."""
    path = Path(path)
    return path.is_symlink() and (path.resolve().parent / MARKER).is_file()


@dataclass(frozen=True)
class Generations:
    site: Path  # the published links
    index: Path

    @property
    def folder(self) -> Path:
        return self.site.parent / f".{self.site.name}-gens"

    def target(self, name: str) -> Path | None:
        link = self.folder / name
        return self.folder / os.readlink(link) if link.is_symlink() else None

    def clean(self) -> None:
        """Remove every generation but the published one and the one before (and temporary
        links): what killed builds left. Only ever called with the lock held."""
        keep = {self.target(CURRENT), self.target(PREVIOUS)}
        stray = [link for published in (self.site, self.index)
                 for link in published.parent.glob(f".{published.name}.*.tmp")]
        for entry in stray + (sorted(self.folder.iterdir()) if self.folder.is_dir() else []):
            if entry.name in (CURRENT, PREVIOUS) or entry in keep:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    def new(self) -> Path:
        """An empty generation folder whose whoosh index starts from the published one."""
        self.folder.mkdir(exist_ok=True)
        self.folder.chmod(DIR_MODE)
        generation = Path(tempfile.mkdtemp(dir=self.folder, prefix=time.strftime("%Y%m%d-%H%M%S-")))
        (generation / MARKER).touch()
        if self.index.is_dir():  # whoosh carries the unchanged essays over from it
            os.symlink(os.path.relpath(self.index.resolve(), generation), generation / "index")
        return generation

    def publish(self, generation: Path) -> None:
        """Make `generation` what `site` and the index show: one rename."""
        index = generation / "index"
        if index.is_symlink() and index.resolve().parent != generation.resolve():
            index.unlink()  # not rebuilt (search_index: false): the old one is not this build's
        readable(generation)
        old = self.target(CURRENT)
        if old is not None:
            self._link(self.folder / PREVIOUS, old.name)
        self._link(self.folder / CURRENT, generation.name)
        self._expose(self.site, "site")
        self._expose(self.index, "index")
        self.clean()
        _remove_legacy_indexes(self.index)

    def _expose(self, link: Path, name: str) -> None:
        """Point `link` at current/<name> (once: it never changes after)."""
        target = os.path.relpath(self.folder / CURRENT / name, link.parent)
        if link.is_symlink() and os.readlink(link) == target:
            return
        if link.is_dir() and not link.is_symlink():
            # A folder from a plain `mkdocs build`: moved aside (the only moment without a
            # site/, once), and removed by the next build's clean.
            os.rename(link, tempfile.mkdtemp(dir=self.folder, prefix=f"legacy-{name}-") + "/old")
        self._link(link, target)

    @staticmethod
    def _link(link: Path, target: str) -> None:
        temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        os.symlink(target, temporary)
        os.replace(temporary, link)


def readable(folder: Path) -> None:
    """Folders 0755 and files 0644 under `folder`, whatever the umask or mkdtemp made."""
    folder.chmod(DIR_MODE)
    for parent, dirs, files in os.walk(folder):
        for name in dirs:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, DIR_MODE)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def _remove_legacy_indexes(index: Path) -> None:
    """The whoosh generations a plain `mkdocs build` kept beside the index (`.index-*`)."""
    for folder in index.parent.glob(f"{index.name}-*"):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def build_lock(root: Path, wait: bool, say: Callable[[str], None]) -> Iterator[int]:
    """Hold `root/.build.lock` (fcntl.flock): wait for a build that holds it, or fail."""
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            if not wait:
                raise BuildLocked(f"another build is running (process {holder}) — wait for it, "
                                  "or run again without --no-wait") from None
            say(f"essays build: waiting for the build in process {holder} to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield fd
    finally:
        os.close(fd)  # releases the lock


def build(site: Site, wait: bool = True, say: Callable[[str], None] = print) -> Path:
    """Build `site` into a new generation and publish it; the generation, or BuildFailed."""
    generations = Generations(site.site_dir, site.index_dir)
    with build_lock(site.root, wait, say) as lock:
        generations.clean()
        generation = generations.new()
        try:
            _mkdocs_build(site.root, generation / "site", lock)
            generations.publish(generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
    return generation


def _mkdocs_build(root: Path, site_dir: Path, lock: int) -> None:
    # The lock goes to mkdocs too: were this process killed, the next build still waits
    # until mkdocs has died with it (die_with_parent) before cleaning its generation.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    done = subprocess.run(command, cwd=root, pass_fds=(lock,), preexec_fn=die_with_parent)
    if done.returncode != 0:
        raise BuildFailed(f"mkdocs build failed (exit {done.returncode}); nothing was "
                          "published — site/ and the index are as they were")
