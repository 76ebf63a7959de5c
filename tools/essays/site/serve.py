"""Under `mkdocs serve`: an edited essay's page rebuilt alone, not the whole site.

mkdocs rebuilds every page on every change: 46 s for one saved essay in a 1,000-essay archive.
When the only change since the last build is the text of essays already on the site, with
their front matter as it was, nothing else on the site depends on them but their own page,
the blog listings that show their excerpt, and the search indexes. So `Rebuild` renders those
pages again with the last build's config, files, nav and Jinja environment, lets the server
reload the browser, and brings both search indexes up to date in the background. Anything
else (a new, removed or renamed file, changed front matter, mkdocs.yml, an override) gets the
full build mkdocs would have done.

The private mkdocs and Material APIs this needs are in material.py; tests/test_serve.py covers
each path through a real `mkdocs serve`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

from . import material

log = logging.getLogger("mkdocs.plugins.essays")

Stamp = tuple[int, int]  # (mtime in ns, size)


def snapshot(roots: Iterable[Path]) -> dict[Path, Stamp]:
    """Every file under `roots` (files or folders) with its modification time and size."""
    found: dict[Path, Stamp] = {}
    for root in roots:
        if root.is_file():
            stat = root.stat()
            found[root.resolve()] = (stat.st_mtime_ns, stat.st_size)
        elif root.is_dir():
            for folder, _, names in os.walk(root):
                for name in names:
                    path = Path(folder, name)
                    try:
                        stat = path.stat()
                    except FileNotFoundError:  # removed while we walked
                        continue
                    found[path.resolve()] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_files(before: dict[Path, Stamp], after: dict[Path, Stamp]) -> set[Path]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass
class Built:
    """What the last full build made, to render pages of it again."""

    config: object  # MkDocsConfig
    files: object  # Files
    nav: object  # Navigation
    env: object  # jinja2.Environment
    watched: list[Path]  # what a change is looked for in
    stamps: dict[Path, Stamp]  # the watched files as that build read them


class Rebuild:
    """The builder `mkdocs serve` calls on every change: quick when it can be, full otherwise.

    `plugin` is the essays plugin: it keeps `built` up to date on each full build, and its
    `build.reload(path)` reads an edited essay again (see build.Build.reload).
    """

    def __init__(self, plugin, full: Callable[[], None]) -> None:
        self.plugin = plugin
        self.full_build = full
        self.indexes = Refresher()

    def full(self) -> None:
        self.indexes.wait()  # a full build writes them itself, into a cleaned site
        self.full_build()

    def __call__(self) -> None:
        built = self.plugin.built
        if built is None:
            return self.full()
        stamps = snapshot(built.watched)
        changed = changed_files(built.stamps, stamps)
        essays = self.plugin.build.essays
        other = sorted(path for path in changed if path not in essays or path not in stamps)
        if not changed or other:  # something besides the text of essays on the site
            if other:
                log.info(f"essays: {len(other)} file(s) changed besides the text of essays "
                         f"(such as {other[0]}): rebuilding the whole site")
            return self.full()
        started = time.perf_counter()
        try:
            pages = self._quick(built, sorted(changed))
        except _NeedsFullBuild as reason:
            log.info(f"essays: {reason}: rebuilding the whole site")
            return self.full()
        except Exception:  # the pages may be half written: a full build puts all right
            log.exception("essays: the quick rebuild failed; rebuilding the whole site")
            return self.full()
        built.stamps = stamps
        log.info(f"essays: rebuilt {pages} page(s) in {time.perf_counter() - started:.2f} s; "
                 "updating the search indexes in the background")
        self.indexes.request(lambda: self._update_indexes(built))

    def _quick(self, built: Built, paths: list[Path]) -> int:
        config, files, nav, env = built.config, built.files, built.nav, built.env
        by_path = {Path(f.abs_src_path).resolve(): f for f in files.documentation_pages()
                   if f.abs_src_path}
        if any(path not in by_path for path in paths):
            raise _NeedsFullBuild("an edited essay is not a page of the last build")
        for path in paths:  # all of them first: a full build may still be needed
            if not self.plugin.build.reload(path):
                raise _NeedsFullBuild(f"the front matter of {self.plugin.build.display(path)} changed")
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        essays, listings = [], []
        for path in paths:
            page = by_path[path].page
            excerpt = page.markdown  # what the listings show (EssaysPlugin.on_page_content)
            material.reset_post(page)
            material.render_again(page, config, files)
            essays.append(page)
            if page.markdown != excerpt:
                listings += material.listings_showing(config, doc_files, page)
        listings = list({id(page): page for page in listings}.values())  # each once
        for page in listings:  # read again: rendering a listing adds to its table of contents
            material.render_again(page, config, files)
        for page in [*essays, *listings]:
            material.write_again(page, config, doc_files, nav, env)
        return len(essays) + len(listings)

    def _update_indexes(self, built: Built) -> None:
        try:
            self.plugin.build.update_indexes(built.config, built.files)
        except Exception as error:  # the pages are served; say what is stale
            log.error(f"essays: the search indexes were not updated: {error}")


class Refresher:
    """Runs one piece of work at a time on a thread, again if it was asked for meanwhile.

    Edits saved while the search indexes are being rewritten do not wait for it: the next
    round, started as soon as this one ends, picks them all up.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._work: Callable[[], None] | None = None  # asked for, not started yet
        self._thread: threading.Thread | None = None

    def request(self, work: Callable[[], None]) -> None:
        with self._lock:
            self._work = work
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="essays-indexes",
                                                daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Until nothing is running or asked for."""
        while (thread := self._thread) is not None:
            thread.join()

    def _loop(self) -> None:
        while True:
            with self._lock:
                work, self._work = self._work, None
                if work is None:
                    self._thread = None
                    return
            work()


class _NeedsFullBuild(Exception):
    pass
