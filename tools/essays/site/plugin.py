"""The `essays` mkdocs plugin (`plugins: - essays`): handlers of one to three lines.

The work is in build.py (check, render, index) and serve.py (quick rebuilds under
`mkdocs serve`); every private mkdocs/Material API they use is in material.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from . import csp, material
from .build import Build
from .config import EssaysConfig
from .serve import Built, Rebuild, snapshot


FEED_IMAGE = "assets/images/feed.png"  # in docs/: the feeds' <image>
# The feeds' <language> (RSS) and "language" (JSON Feed): one code for a channel in two
# languages. "mul" is BCP 47's (and ISO 639-2's) "multiple languages": "en" made readers take
# the Chinese for English (and offer to translate the English).
FEED_LANGUAGE = "mul"


class EssaysPlugin(BasePlugin[EssaysConfig]):
    def __init__(self) -> None:
        self.build: Build | None = None
        self.built: Built | None = None  # serve only: what the last full build made
        self._made: dict = {}

    def on_startup(self, *, command, dirty) -> None:
        # Declaring on_startup also keeps this instance (and its last good essays) across
        # the rebuilds of `mkdocs serve`.
        self.build = Build(self.config, serving=command == "serve")

    def _config(self, config):
        self.build.options = self.config  # read again on every rebuild of `mkdocs serve`
        self.build.configure_markdown(config)
        material.feed_image(config, FEED_IMAGE)

    # Once the rss plugin has made its feeds from the configuration.
    @event_priority(-100)
    def _config_after_feeds(self, config):
        material.feed_language(config, FEED_LANGUAGE)

    on_config = CombinedEvent(_config, _config_after_feeds)

    # Before mkdocs cleans site/: a bad essay stops `mkdocs build` while the last good site
    # is still there. Under serve, the snapshot comes first: a change from now on is seen.
    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        self._made = {"stamps": snapshot(_watched(config))} if self.build.serving else {}
        self.build.check(config)

    # Before the blog reads the posts' front matter and writes each author's page from
    # their name.
    @event_priority(50)
    def _files_before_blog(self, files, *, config):
        material.authors_as_html(config)
        self.build.read_last_good(files)
        self.build.status_page(files, config)
        self.build.glossary_page(files, config)

    # After the blog has sorted its posts by date (and made every listing from them): essays
    # of one date in their series' order.
    @event_priority(-60)
    def _files_after_blog(self, files, *, config):
        material.order_posts(config, self.build.listing_order)

    on_files = CombinedEvent(_files_before_blog, _files_after_blog)

    def on_page_markdown(self, markdown, *, page, config, files):
        self.build.pack_rendered()  # the pages before this one
        return self.build.page_markdown(page, markdown)

    # Last, when every plugin has seen the page's Markdown (the blog re-renders it for its
    # listings, and needs only the excerpt).
    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        self.build.page_rendered(page)
        self.build.feed_entry(page, config)
        return html

    # First: the page's HTML back before any plugin reads it (Material's search does).
    @event_priority(100)
    def _context_first(self, context, *, page, config, nav):
        self.build.unpack(page)

    # Last, once feeds have read the page's titles: those its template prints become HTML.
    @event_priority(-100)
    def _context_last(self, context, *, page, config, nav):
        self.build.page_context(page)
        context["essay_chrome"] = self.build.chrome.for_page(page.url)  # partials/essay-*.html
        return context

    on_page_context = CombinedEvent(_context_first, _context_last)

    # Last, once the blog has given every essay its URL and drafts are known.
    @event_priority(-100)
    def on_nav(self, nav, *, config, files):
        material.posts_by_identity(config)
        self.build.make_chrome(config, files)
        self.build.start_indexes(config, files)
        self._made.update(files=files, nav=nav)

    def on_post_page(self, output, *, page, config):
        self.build.page_written(page, config)

    def on_env(self, env, *, config, files):
        self.build.pack_rendered()  # the last page's: every page is rendered now
        csp.install(env, enforce=not self.build.serving)
        self._made["env"] = env

    def on_post_build(self, *, config) -> None:
        self.build.finish_indexes()
        if self.build.serving:
            self.built = Built(config=config, watched=_watched(config), **self._made)

    def on_build_error(self, *, error) -> None:
        self.build.cancel_indexes()
        self.built = None  # the site may be half written: the next change rebuilds it all

    def on_serve(self, server, *, config, builder):
        material.replace_builder(server, Rebuild(self, builder))


def _watched(config) -> list[Path]:
    """What `mkdocs serve` rebuilds on: the docs, mkdocs.yml, the theme's overrides, `watch:`."""
    paths = [config.docs_dir, config.config_file_path, config.theme.custom_dir, *config.watch]
    return [Path(p) for p in paths if p]
