"""Under `mkdocs serve`: an edited essay's page rebuilt alone, not the whole site.

mkdocs rebuilds every page on every change: 46 s for one saved essay in a 1,000-essay archive.
When the only change since the last build is the text of essays already on the site, with
their front matter as it was, nothing else on the site depends on them but their own page,
the blog listings that show their excerpt, and the search indexes. So `Rebuild` renders those
pages again with the last build's config, files, nav and Jinja environment, lets the server
reload the browser, and brings both search indexes up to date in the background. Anything
else (a new, removed or renamed file, changed front matter, mkdocs.yml, an override) gets the
full build mkdocs would have done.

This is the one module that reaches into mkdocs' and Material's internals (`_populate_page`,
`_build_page`, the blog's views); they are pinned in requirements.lock, and
tests/test_serve.py covers each path through a real `mkdocs serve`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import InclusionLevel

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

    `plugin` is the essays plugin: it keeps `built` up to date on each full build, and
    `reload(path)` reads an edited essay again (see EssaysPlugin.reload).
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
        essays = self.plugin.essays
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
            if not self.plugin.reload(path):
                raise _NeedsFullBuild(f"the front matter of {self.plugin.display(path)} changed")
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        essays, listings = [], []
        for path in paths:
            page = by_path[path].page
            excerpt = page.markdown  # what the listings show (EssaysPlugin.on_page_content)
            _reset_post(page)
            _populate_page(page, config, files)
            essays.append(page)
            if page.markdown != excerpt:
                listings += [p for p in _listings(config, doc_files, page)
                             if not _holds(listings, p)]  # pages are not hashable
        for page in listings:  # read again: rendering a listing adds to its table of contents
            _populate_page(page, config, files)
        for page in [*essays, *listings]:
            _build_page(page, config, doc_files, nav, env,
                        excluded=page.file.inclusion.is_excluded())
        return len(essays) + len(listings)

    def _update_indexes(self, built: Built) -> None:
        try:
            self.plugin.update_indexes(built.config, built.files)
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


def _reset_post(page) -> None:
    # The blog appends the post's authors to it each time the post is rendered
    # (material/plugins/blog/plugin.py, on_page_markdown): start again from none.
    if hasattr(page, "authors") and hasattr(page, "excerpt"):
        page.authors = []


def _listings(config, doc_files, post) -> list:
    """The blog's listing pages (views) whose page of excerpts shows `post`."""
    blog = config.plugins.get("material/blog")
    if blog is None or post not in getattr(blog.blog, "posts", []):
        return []
    from material.plugins.blog.structure import View

    found = []
    for file in doc_files:
        page = file.page
        if not isinstance(page, View):
            continue
        view = blog._resolve_original(page)
        if not _holds(view.posts, post):
            continue
        if blog._config_pagination(view):
            step = blog._config_pagination_per_page(view)
            at = view.pages.index(page)
            if not _holds(view.posts[at * step:at * step + step], post):
                continue
        found.append(page)
    return found


def _holds(posts: list, post) -> bool:
    # by identity: `in` compares every post's title (Page.__eq__), thousands per view
    return any(p is post for p in posts)
