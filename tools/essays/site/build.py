"""What the plugin does in a build, in the order mkdocs asks: check, render, index.

The plugin's handlers (plugin.py) are one to three lines each and call this. Data flows one
way: every essay file is parsed and checked once (`check`, before mkdocs cleans site/); the
clean ones are rendered from that parse (`page_markdown`); their search documents are made
from it once and handed to the index process (`start_indexes`), which builds both indexes
while mkdocs renders.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from ..align.check import CheckCache, check_essay, check_files, errors
from ..history.links import link_site
from ..history.stale import read_histories
from ..history.status import PAGE as STATUS_PAGE, Lagging, status_markdown
from ..importers.authors import AUTHORS_FILE, author_names, known_authors
from ..terms.check import TermIndex, term_findings
from ..terms.page import PAGE as GLOSSARY_PAGE, glossary_markdown
from ..terms.glossary import GLOSSARY_FILE, GlossaryError, read_glossary
from ..catalogue import series_key
from ..model import Essay, Finding, Lag
from ..parse import parse_file
from ..text.reading import Unreadable
from ..paths import serve_index_dir
from ..render import describe, excerpt_markdown, render_markdown, stale_notice
from ..sentence_marks import SentenceMarksExtension
from ..search.browser_index import BrowserIndexReport
from ..search.documents import EssayDocuments, essay_documents
from ..search.jobs import Job, update_indexes
from ..search.spool import Spool
from ..text.safety import SafeAttributesExtension, html_text, markdown_literal
from . import material
from .chrome import Chrome
from .meta import page_description
from .publish import generation_index, is_published

log = logging.getLogger("mkdocs.plugins.essays")
AUTHOR_DESCRIPTION = re.compile(r"^description\s*:", re.M)


class Build:
    def __init__(self, options, serving: bool = False) -> None:
        self.options = options  # EssaysConfig
        self.root = Path.cwd()
        self.serving = serving
        self.essays: dict[Path, Essay] = {}  # the last essays that checked clean
        self.broken: dict[Path, list[Finding]] = {}  # serve only: errors of essays shown stale
        self.front_matter: dict[Path, str] = {}  # as the last full build read it (serve)
        self.check_cache = CheckCache()  # kept across `mkdocs serve` rebuilds
        self.documents: dict[Path, tuple[Essay, str, EssayDocuments]] = {}  # by essay and URL
        self.index_job: Job | None = None
        self.snapshots: Path | None = None  # serve: last good front matter Material reads
        self.read_as: dict[Path, Path] = {}  # that copy -> the essay file
        self.terms = TermIndex([])  # the site's glossary, as the last check read it
        self.lock_errors: list[Finding] = []  # pairs/*.lock files that cannot be read
        self.config = None  # serve: the last full build's, for a quick rebuild's links
        self.confirmed: dict[Path, dict[int, str]] = {}  # per essay: translations checked
        self.lagging: dict[Path, Lagging] = {}  # per essay: its pairs whose translation lags
        self.history_notice: str | None = None
        self.chrome = Chrome()  # topics, newest essays, series links: once per full build
        self.excerpt_parsers = material.ExcerptParsers()  # once per full build: one parser
        self.rendered: list = []  # essay pages whose HTML mkdocs has set, not packed yet
        self.packed: dict[str, bytes] = {}  # by src_uri: their HTML until their template

    # -- check (on_pre_build) ---------------------------------------------------------------

    def check(self, config) -> None:
        """Parse and check every essay; stop the build on an error (unless serving)."""
        self.root = Path(config.config_file_path).resolve().parent
        self.config = config
        self.excerpt_parsers = material.ExcerptParsers()  # of this configuration
        self._refuse_published(config)
        essays_dir = Path(config.docs_dir) / self.options.essays_dir
        files = sorted(p.resolve() for p in essays_dir.rglob("*.md") if not p.name.startswith("."))
        terms, glossary = self._glossary(config)
        self.terms = terms  # for the glossary page
        report = check_files(((p, self.display(p)) for p in files),
                             punctuation=self.options.punctuation, cache=self.check_cache,
                             authors=known_authors(Path(config.docs_dir) / AUTHORS_FILE),
                             more=lambda essay, _: term_findings(essay, terms, glossary))
        read = [(p, e) for p, e in zip(files, report.parsed) if e is not None]
        self.front_matter = {p: e.front_matter for p, e in read}
        for finding in report.warnings:
            log.info(str(finding))
        found = report.blocking
        for finding in report.errors:
            (log.error if finding in found else log.info)(str(finding))
        wrong = {f.path for f in report.errors}  # a draft with errors: not rendered, not indexed
        parsed = {p: e for p, e in read if e.path not in wrong & report.drafts}
        # only essays that check clean are linked: a lock never records a broken version
        parsed.update(self._link({p: e for p, e in parsed.items() if e.path not in wrong}, config))
        found = found + [f for f in self.lock_errors if f not in found]
        if found and not self._keep_serving(parsed, found):
            raise PluginError(f"{len(found)} error(s) in the essays; nothing was "
                              "published — fix them (see `essays check`) and build again")
        if not found:
            self.broken = {}  # every essay checks clean again: no page keeps a notice
        self.essays = parsed

    def _glossary(self, config) -> tuple[TermIndex, str]:
        """The site's glossary, whose findings are warnings; one with errors stops the build."""
        path = Path(config.docs_dir) / GLOSSARY_FILE
        try:
            return TermIndex(read_glossary(path, self.display(path))), self.display(path)
        except GlossaryError as error:
            for finding in error.findings:
                log.error(str(finding))
            raise PluginError(f"{self.display(path)} has {len(error.findings)} error(s); nothing "
                              "was published — fix it (see above) and build again") from None

    def _link(self, essays: dict[Path, Essay], config) -> dict[Path, Essay]:
        """Each essay with its pairs' stable anchors; the locks that changed are written."""
        linked = link_site(essays, self.root / self.options.pairs_dir,
                           Path(config.docs_dir) / self.options.essays_dir, self.display,
                           write=True)
        self.lock_errors = linked.findings
        for finding in linked.findings:
            log.error(str(finding))
        for path in linked.written:
            log.info(f"essays: recorded the anchors of its pairs in {self.display(path)}")
        self.confirmed.update(linked.confirmed)
        return self._lag(linked.essays, config)

    def _lag(self, essays: dict[Path, Essay], config) -> dict[Path, Essay]:
        """Mark the pairs whose translation lags behind their original, from git history
        (one read for all the essays); outside git, or without it, nothing is marked."""
        bilingual = [p for p, e in essays.items() if e.meta and e.meta.bilingual]
        histories = read_histories(self.root, bilingual)
        if histories.notice and histories.notice != self.history_notice:
            log.info(f"essays: {histories.notice}")  # once, not on every rebuild
        self.history_notice = histories.notice
        docs = Path(config.docs_dir).resolve()
        for path in bilingual:
            essay = essays[path]
            stale = histories.stale(essay, path, self.confirmed.get(path, {}))
            essay.lags = {s.anchor: Lag(s.side, s.changed.date.date() if s.changed.date else None)
                          for s in stale}
            self.lagging[path] = Lagging(essay, path.relative_to(docs).as_posix(), stale)
        return essays

    def glossary_page(self, files, config) -> None:
        """The readers' glossary and its concordance (`glossary/`), unless the site has a
        page of that name of its own."""
        if files.get_file_from_path(GLOSSARY_PAGE) is not None:
            return
        docs = Path(config.docs_dir).resolve()
        essays = [(e, p.relative_to(docs).as_posix()) for p, e in self.essays.items()
                  if e.meta and e.meta.bilingual]
        files.append(File.generated(config, GLOSSARY_PAGE, content=glossary_markdown(self.terms, essays)))

    def status_page(self, files, config) -> None:
        """The operator's page of translations out of date (`translations/`), unless the
        site has a page of that name of its own."""
        if not self.options.status_page or files.get_file_from_path(STATUS_PAGE) is not None:
            return
        lagging = [self.lagging[p] for p in self.essays if p in self.lagging]
        files.append(File.generated(config, STATUS_PAGE,
                                    content=status_markdown(lagging, self.history_notice)))

    def _refuse_published(self, config) -> None:
        """A plain `mkdocs build` would rewrite what `essays build` published, in place."""
        if self.serving or generation_index(Path(config.site_dir)) is not None:
            return
        index_dir = self.root / self.options.index_dir if self.options.search_index else None
        for path in (Path(config.site_dir), index_dir):
            if path is not None and is_published(path):
                raise PluginError(f"{self.display(path)} is what `essays build` published: a "
                                  "plain `mkdocs build` would rewrite it in place — run "
                                  "`make build` (or `essays build`)")

    def _keep_serving(self, parsed: dict[Path, Essay], found: list[Finding]) -> bool:
        """Under `mkdocs serve`, show each broken essay as it last checked clean.

        A failed rebuild would leave the dev server hanging until the error is fixed; the
        reader keeps the last good page instead, with the errors on it and in the log.
        """
        if not self.serving or not self.essays:
            return False
        self.broken = {}
        for finding in found:
            self.broken.setdefault((self.root / finding.path).resolve(), []).append(finding)
        for path in self.broken:
            if path in self.essays:
                parsed[path] = self.essays[path]
            else:
                parsed.pop(path, None)  # never checked clean: mkdocs shows its raw text
        return True

    def read_last_good(self, files) -> None:
        """Under serve, a broken essay is read from its last good front matter: Material's
        blog reads every post's metadata itself, and a date YAML reads but Python rejects
        (2025-02-30) would stop the rebuild and leave the server stuck until it is fixed."""
        if not self.serving or not self.broken:
            return
        for file in files.documentation_pages():
            path = Path(file.abs_src_path).resolve()
            if path in self.broken and path in self.essays:
                copy = self._last_good(path)
                self.read_as[copy] = path
                material.read_from(file, copy)

    def source(self, file) -> Path:
        """The essay file a page comes from (under serve, not the copy it may be read from)."""
        if file.abs_src_path is None:  # a page a plugin generated (our translations page)
            return Path(file.src_uri)
        path = Path(file.abs_src_path).resolve()
        return self.read_as.get(path, path)

    def _last_good(self, path: Path) -> Path:
        if self.snapshots is None:
            self.snapshots = Path(tempfile.mkdtemp(prefix="essays-serve-"))
        copy = self.snapshots / f"{hashlib.sha1(str(path).encode()).hexdigest()[:16]}.md"
        copy.write_text(f"---\n{self.essays[path].front_matter.rstrip()}\n---\n", encoding="utf-8")
        return copy

    def reload(self, path: Path) -> bool:
        """Read an edited essay again for a quick rebuild: False if its front matter changed
        (the site's listings, URLs or feeds may change: a full build is needed), or if it
        cannot be read (the full build's check says why, at its line)."""
        try:
            essay = parse_file(path, self.display(path))
        except Unreadable:
            return False
        if essay.front_matter != self.front_matter.get(path):
            return False
        findings = check_essay(essay, punctuation=self.options.punctuation)
        for finding in findings:
            (log.error if finding.severity == "error" else log.info)(str(finding))
        if errors(findings):  # the page keeps its last good version and shows why
            self.broken[path] = errors(findings)
            return True
        linked = self._link({path: essay}, self.config)
        if path not in linked:  # its lock cannot be read: the full build says so
            return False
        self.essays[path] = linked[path]
        self.broken.pop(path, None)
        return True

    # -- render (on_config, on_page_markdown, on_page_content, on_page_context) -------------

    def configure_markdown(self, config) -> None:
        """Every page's Markdown (and the blog's excerpts of it) marks the linked sentences of
        its pairs; without raw HTML, it also drops the event handlers and script links that
        Markdown alone can write."""
        extensions = config.markdown_extensions
        if not any(isinstance(e, SentenceMarksExtension) for e in extensions):
            extensions.append(SentenceMarksExtension())  # each pair's sentence links
        if not self.options.raw_html and not any(isinstance(e, SafeAttributesExtension)
                                                 for e in extensions):
            extensions.append(SafeAttributesExtension())

    def essay_of(self, page) -> Essay | None:
        return self.essays.get(self.source(page.file))

    def listing_order(self, page) -> tuple[str, int]:
        """Where a post goes among posts of its date: its series, then its part."""
        essay = self.essay_of(page)
        return series_key(essay.meta if essay else None)

    def page_markdown(self, page, markdown: str) -> str:
        """An essay's page: its pairs rendered. Every page is kept out of Material's own search
        index: the browser searches the essays in our shards, nothing loads Material's index,
        and building it would parse every page's HTML and load jieba's dictionary."""
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        essay = self.essay_of(page)
        if essay is None:
            return material.category_heading_as_text(page, markdown, markdown_literal)
        if not AUTHOR_DESCRIPTION.search(essay.front_matter):  # feeds, <meta name=description>
            page.meta["description"] = describe(essay)  # again on every rebuild: the text changes
        return (stale_notice(self.broken.get(self.source(page.file), []))
                + render_markdown(essay, raw_html=self.options.raw_html,
                                  to_traditional=self.options.traditional))

    def page_rendered(self, page) -> None:
        if self.essay_of(page) is not None:
            material.hand_excerpt_to_blog(page, excerpt_markdown(page.markdown))
            self.excerpt_parsers.share(page)
            self.rendered.append(page)  # mkdocs sets its HTML once this event returns

    def pack_rendered(self) -> None:
        """The HTML of the essay pages rendered so far, compressed until written (see
        material.pack_content): at the next page's Markdown, and once all are rendered."""
        for page in self.rendered:
            packed = material.pack_content(page)
            if packed is not None:
                self.packed[page.file.src_uri] = packed
        self.rendered = []

    def unpack(self, page) -> None:
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            material.unpack_content(page, packed)

    def feed_entry(self, page, config) -> None:
        """An essay's feed entry is titled with both titles, "English · 中文"."""
        essay = self.essay_of(page)
        if essay is not None:
            material.feed_title(config, page, essay.meta.display_title)

    def page_context(self, page) -> None:
        essay = self.essay_of(page)
        if essay is not None:
            _meta_as_html(page.meta, essay)
        elif not page.meta.get("description"):  # not the site's description on every page
            page.meta["description"] = page_description(page)

    def make_chrome(self, config, files) -> None:
        """What every essay page lists beside itself, from every published essay at once."""
        built = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        published = [(essay, file.url) for file in files.documentation_pages(inclusion=built)
                     if (essay := self.essays.get(self.source(file))) is not None and essay.meta]
        self.chrome.make(published, material.topic_urls(config),
                         author_names(Path(config.docs_dir) / AUTHORS_FILE), self.options.traditional)

    def page_written(self, page, config) -> None:
        if self.essay_of(page) is not None:
            material.forget_content(page)
        else:  # a listing: the excerpts it rendered
            material.forget_excerpts(config, page)

    # -- index (on_nav .. on_post_build) -----------------------------------------------------

    def start_indexes(self, config, files) -> None:
        """Both search indexes, in a process of their own, beside mkdocs' rendering."""
        self._refuse_shared_urls(files)
        self.index_job = self._index_job(config, files)

    def _refuse_shared_urls(self, files) -> None:
        """Two essays at one URL (the same title, or the same `slug:`): mkdocs would write
        one over the other without a word."""
        by_url: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            by_url.setdefault(file.url, []).append(self.display(self.source(file)))
        found = [Finding(paths[1], 1, "slug-duplicate", f"{paths[1]} and {paths[0]} are both "
                         f"published at /{url} — give one a different title, or a 'slug:' of its own")
                 for url, paths in sorted(by_url.items()) if len(paths) > 1]
        for finding in found:
            log.error(str(finding))
        if found and not self.serving:
            raise PluginError(f"{len(found)} error(s) in the essays; nothing was published — fix "
                              "them (see above) and build again")

    def _index_job(self, config, files) -> Job | None:
        index_dir = self._index_dir(config) if self.options.search_index else None
        site_dir = Path(config.site_dir) if self.options.pair_search_entries else None
        if index_dir is None and site_dir is None:
            return None
        glossary = [(t.en, list(t.zh), list(t.forbidden)) for t in self.terms.terms]
        Spool.sweep()  # what a build killed outright left behind
        spool = Spool.write(self._published(files))
        return Job(update_indexes, spool, index_dir, site_dir, glossary,
                   name="essays-indexes", cleanup=spool.remove)

    def _index_dir(self, config) -> Path:
        """The whoosh index this build writes: its generation's under `essays build`, one of
        its own under `mkdocs serve` (`essays search --serve`), else the configured one."""
        index_dir = self.root / self.options.index_dir
        if self.serving:
            return serve_index_dir(index_dir)
        return generation_index(Path(config.site_dir)) or index_dir

    def _published(self, files) -> Iterator[EssayDocuments]:
        """The search documents of every essay this build renders, each made once, one at a
        time (kept only under serve, where an essay unchanged since the last build keeps its
        documents)."""
        built = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        urls = {self.source(f): f.url for f in files.documentation_pages(inclusion=built)}
        made = {}
        for path, essay in self.essays.items():
            if path in urls:
                known = self.documents.get(path)
                if known is None or known[0] is not essay or known[1] != urls[path]:
                    known = (essay, urls[path],
                             essay_documents(essay, urls[path], self.options.traditional))
                if self.serving:
                    made[path] = known
                yield known[2]
        self.documents = made

    def finish_indexes(self) -> None:
        job, self.index_job = self.index_job, None
        if job is not None:
            self._join(job)

    def update_indexes(self, config, files) -> None:
        """Both search indexes anew, in a process of their own (after a quick rebuild)."""
        job = self._index_job(config, files)
        if job is not None:
            self._join(job)

    def _join(self, job: Job) -> None:
        try:
            reports = job.join()
        except Exception as error:
            raise PluginError(f"essays: the search indexes were not built: {error}") from error
        for report in reports:
            log.info(_describe(report))

    def cancel_indexes(self) -> None:
        job, self.index_job = self.index_job, None
        if job is not None:
            job.cancel()

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _meta_as_html(meta: dict, essay: Essay) -> None:
    """The front matter values mkdocs and Material print into pages, as HTML showing their text.

    mkdocs' own titles are HTML (a title from a page's heading keeps its entities), and its
    templates and Material's print `page.title`, `page.meta.title` and `description` as they
    are: a title's `<img onerror=…>` would run on every page that shows it. Done just before
    the page's template, once feeds (which escape their own) have read the text.
    """
    meta["title"] = html_text(essay.meta.title)
    if essay.meta.title_zh:
        meta["title_zh"] = html_text(essay.meta.title_zh)
    for key in ("description", "subtitle"):
        if isinstance(meta.get(key), str):
            meta[key] = html_text(meta[key])



def _describe(report) -> str:
    if isinstance(report, BrowserIndexReport):
        return (f"essays: wrote the browser search index, {report.docs} pairs in "
                f"{report.files} files ({report.bytes / 1e6:.1f} MB), "
                f"in {report.seconds:.1f} s")
    return (f"essays: indexed {report.pairs} pairs of {report.essays} essays for "
            f"`essays search` in {report.seconds:.1f} s")
