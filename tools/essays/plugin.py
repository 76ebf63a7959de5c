"""The `essays` mkdocs plugin: check every essay before the build touches site/, render pairs.

Thin handlers; the work is in the core (parse, check, render, index).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel

from .browser_index import BrowserIndexReport
from .check import CheckCache, check_essay, check_files
from .config import EssaysConfig
from .index import BuildReport
from .jobs import Job, update_indexes
from .live import Built, Rebuild, snapshot
from .model import Essay, Finding
from .parse import parse_file
from .render import excerpt_markdown, render_markdown, stale_notice

log = logging.getLogger("mkdocs.plugins.essays")


class EssaysPlugin(BasePlugin[EssaysConfig]):
    def __init__(self) -> None:
        self.essays: dict[Path, Essay] = {}  # the last essays that checked clean
        self.broken: dict[Path, list[Finding]] = {}  # serve only: errors of essays shown stale
        self.root = Path.cwd()
        self.serving = False
        self.index_job: Job | None = None  # the search indexes, built beside mkdocs
        self.check_cache = CheckCache()  # kept across `mkdocs serve` rebuilds, like the instance
        # serve only: each essay's front matter as the last full build read it, and what
        # that build made, for quick rebuilds of edited essays (live.py)
        self.front_matter: dict[Path, str] = {}
        self.built: Built | None = None
        self._build: dict = {}

    def on_startup(self, *, command, dirty) -> None:
        # Declaring on_startup also keeps this instance (and its last good essays) across
        # the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"

    # on_pre_build runs before mkdocs cleans site/: a bad essay stops `mkdocs build` while
    # the last good site is still there.
    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        self.root = Path(config.config_file_path).resolve().parent
        if self.serving:  # before anything is read: a change from now on is seen
            self._build = {"stamps": snapshot(_watched(config))}
        essays_dir = Path(config.docs_dir) / self.config.essays_dir
        files = sorted(p.resolve() for p in essays_dir.rglob("*.md") if not p.name.startswith("."))
        report = check_files(((p, self.display(p)) for p in files),
                             punctuation=self.config.punctuation, cache=self.check_cache)
        self.front_matter = {p: e.front_matter for p, e in zip(files, report.parsed)}
        for finding in report.warnings:
            log.info(str(finding))
        for finding in report.errors:
            log.error(str(finding))
        parsed = dict(zip(files, report.parsed))
        if report.errors and not self._keep_serving(parsed, report.errors):
            raise PluginError(f"{len(report.errors)} error(s) in the essays; nothing was "
                              "published — fix them (see `essays check`) and build again")
        self.essays = parsed

    def _keep_serving(self, parsed: dict[Path, Essay], errors: list[Finding]) -> bool:
        """Under `mkdocs serve`, show each broken essay as it last checked clean.

        A failed rebuild would leave the dev server hanging until the error is fixed; the
        reader keeps the last good page instead, with the errors on it and in the log.
        """
        if not self.serving or not self.essays:
            return False
        self.broken = {}
        for finding in errors:
            self.broken.setdefault((self.root / finding.path).resolve(), []).append(finding)
        for path in self.broken:
            if path in self.essays:
                parsed[path] = self.essays[path]
            else:
                parsed.pop(path, None)  # never checked clean: mkdocs shows its raw text
        return True

    def on_page_markdown(self, markdown, *, page, config, files):
        path = Path(page.file.abs_src_path).resolve()
        essay = self.essays.get(path)
        if essay is None:
            return markdown
        if essay.meta and essay.meta.title_zh:
            page.meta["title_zh"] = essay.meta.title_zh
        return stale_notice(self.broken.get(path, [])) + render_markdown(essay)

    # Last, when every plugin has seen the page's Markdown: the blog re-renders it for each
    # listing of the essay, and needs only the excerpt there (see excerpt_markdown).
    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        if Path(page.file.abs_src_path).resolve() in self.essays:
            page.markdown = excerpt_markdown(page.markdown)
        return html

    # After Material's search plugin has added the page's entries: the browser searches the
    # essays in the sharded index (browser_index.py), so Material's own index keeps none of them.
    @event_priority(-100)
    def on_page_context(self, context, *, page, config, nav):
        search = config.plugins.get("material/search")
        if search is not None and Path(page.file.abs_src_path).resolve() in self.essays:
            entries = search.search_index.entries
            entries[:] = [e for e in entries if e["location"].split("#")[0] != page.url]
        return context

    # Both search indexes need only the essays and their URLs: they are built in a process of
    # their own, on the other core while mkdocs renders, started once the blog has given every
    # essay its URL and drafts are known (mkdocs has cleaned site/ by then).
    @event_priority(-100)
    def on_nav(self, nav, *, config, files):
        _index_blog_posts(config)
        self.index_job = self._index_job(config, files)
        self._build.update(files=files, nav=nav)
        return nav

    def _index_job(self, config, files) -> Job | None:
        index_dir = self.root / self.config.index_dir if self.config.search_index else None
        site_dir = Path(config.site_dir) if self.config.pair_search_entries else None
        if index_dir is None and site_dir is None:
            return None
        return Job(update_indexes, self._published(files), index_dir, site_dir,
                   name="essays-indexes")

    def on_env(self, env, *, config, files):
        self._build["env"] = env
        return env

    def _published(self, files) -> list[tuple[Essay, str]]:
        """(essay, page URL) of every essay this build renders."""
        built = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        urls = {Path(f.abs_src_path).resolve(): f.url for f in files.documentation_pages(inclusion=built)}
        return [(essay, urls[path]) for path, essay in self.essays.items() if path in urls]

    def on_post_build(self, *, config) -> None:
        job, self.index_job = self.index_job, None
        if job is not None:
            self._join(job)
        if self.serving:
            self.built = Built(config=config, watched=_watched(config), **self._build)

    def _join(self, job: Job) -> None:
        try:
            reports = job.join()
        except Exception as error:
            raise PluginError(f"essays: the search indexes were not built: {error}") from error
        for report in reports:
            _log_report(report)

    def on_build_error(self, *, error) -> None:
        job, self.index_job = self.index_job, None
        if job is not None:
            job.cancel()
        self.built = None  # the site may be half written: the next change rebuilds it all

    # -- `mkdocs serve`: an edited essay rebuilds its own pages only (live.py) ---------------

    def on_serve(self, server, *, config, builder):
        server.builder = Rebuild(self, builder)
        return server

    def reload(self, path: Path) -> bool:
        """Read an edited essay again for a quick rebuild: False if its front matter changed
        (the site's listings, URLs or feeds may change: a full build is needed)."""
        essay = parse_file(path, self.display(path))
        if essay.front_matter != self.front_matter.get(path):
            return False
        findings = check_essay(essay, punctuation=self.config.punctuation)
        for finding in findings:
            (log.error if finding.severity == "error" else log.info)(str(finding))
        errors = [f for f in findings if f.severity == "error"]
        if errors:  # the page keeps its last good version and shows why
            self.broken[path] = errors
        else:
            self.essays[path] = essay
            self.broken.pop(path, None)
        return True

    def update_indexes(self, config, files) -> None:
        """Both search indexes anew, in a process of their own (after a quick rebuild)."""
        job = self._index_job(config, files)
        if job is not None:
            self._join(job)

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _log_report(report: BrowserIndexReport | BuildReport) -> None:
    if isinstance(report, BrowserIndexReport):
        log.info(f"essays: wrote the browser search index, {report.docs} pairs in "
                 f"{report.files} files ({report.gzip_bytes / 1e6:.1f} MB gzipped), "
                 f"in {report.seconds:.1f} s")
    else:
        log.info(f"essays: indexed {report.pairs} pairs of {report.essays} essays for "
                 f"`essays search` in {report.seconds:.1f} s")


def _watched(config) -> list[Path]:
    """What `mkdocs serve` rebuilds on: the docs, mkdocs.yml, the theme's overrides, `watch:`."""
    paths = [config.docs_dir, config.config_file_path, config.theme.custom_dir, *config.watch]
    return [Path(p) for p in paths if p]


class _Posts(list):
    """Material's blog asks `page in posts` of every page it sees, twice: a scan of every post
    comparing titles (Page.__eq__), so quadratic in the archive (41% of a 10,000-essay build,
    py-spy). The same list, answering `in` by identity: each post is one Page object."""

    def __contains__(self, page) -> bool:
        if len(self._ids) != len(self):  # appended to since: count again
            self._ids = {id(post) for post in self}
        return id(page) in self._ids

    _ids: set = frozenset()


def _index_blog_posts(config) -> None:
    blog = config.plugins.get("material/blog")
    posts = getattr(getattr(blog, "blog", None), "posts", None)
    if isinstance(posts, list) and not isinstance(posts, _Posts):
        blog.blog.posts = _Posts(posts)
