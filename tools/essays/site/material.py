"""Every private mkdocs and Material API the site layer touches, and nothing else.

Each is pinned by requirements.lock and has a test in tests/test_material_api.py that fails
loudly, naming the API, when an upgrade changes it. Keep it that way: anything here is a
promise mkdocs and Material never made.

- mkdocs `commands.build._populate_page` / `_build_page`: render one page again (quick rebuilds
  under serve, serve.py).
- mkdocs `LiveReloadServer.builder`: the callable `mkdocs serve` runs on a change.
- mkdocs' `_build_page` reading `page.content` only before `on_post_page` (we drop it after),
  and its build rendering every page (`_populate_page`) before writing any, so `pack_content`
  holds an essay's HTML compressed in between; Material's search reads it in on_page_context.
- Material's blog `Excerpt`: its own Markdown parser (`md`, with the tree processors `excerpt`
  and `relpath`), converted again for every listing, never reset: `ExcerptParsers` and
  `forget_excerpts`.
- Material's blog: `blog.posts` (its post list, asked `page in posts` for every page), the
  views and their pagination (`_resolve_original`, `_config_pagination`,
  `_config_pagination_per_page`, `View.posts`, `View.pages`), `Post.authors` (appended to on
  every render), and `page.markdown` being what its excerpts convert again.
- Material's blog ordering its posts (`blog.posts`, sorted in its on_files by
  `(post.config.pin, post.config.date.created)`, newest first) and each view's own list
  (`blog.views`, `View.views`, `View.posts`, shared by the pages of a paginated view), which
  `order_posts` sorts again after it, in place, so equal dates follow a series' parts; a
  category view's `Category.name` and `url` (`topic_urls`, for the essays' popular topics).
- mkdocs-rss-plugin's feed entries: `pages_to_filter`, one `PageInformation` appended per page
  in its on_page_content (`title` from `page.title`, `_mkdocs_page_ref.src_uri`), and the two
  feeds it makes in its on_config (`feed_created`, `feed_updated`, each with a `language` it
  takes from the theme's), which `feed_title` and `feed_language` set after it.
- Material's blog views `Category`, `Archive`, `Profile` and their `name`: what a listing lists
  (its own description, meta.py).
- Material's blog printing author names, descriptions and category titles as HTML: its
  authors (`blog.authors`, read in its on_config, each an `Author` config with `name`,
  `description`, `url`), written into the author's page as `# {author.name}` in its on_files;
  a category's page written as `# {name}` (`Category.name`), whose rendered heading becomes
  the category's title.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.utils import get_relative_url

from ..text.safety import html_text, label_html, web_url

POPULATE_PAGE = _populate_page  # (page, config, files, dirty=False)
BUILD_PAGE = _build_page  # (page, config, doc_files, nav, env, dirty=False, excluded=False)


def replace_builder(server, builder) -> None:
    """Make `mkdocs serve` call `builder` on every change instead of its full build."""
    server.builder = builder


def render_again(page, config, files) -> None:
    """Read and convert one page again, as a build does."""
    POPULATE_PAGE(page, config, files)


def write_again(page, config, doc_files, nav, env) -> None:
    """Write one rendered page to the site again, as a build does."""
    BUILD_PAGE(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())


def hand_excerpt_to_blog(page, markdown: str) -> None:
    """Material's blog converts `page.markdown` again for every listing that shows the post,
    and keeps what comes before the separator: after the page itself is rendered, it needs
    only that."""
    page.markdown = markdown


def forget_content(page) -> None:
    """Drop a written page's HTML: mkdocs keeps every page's content to the end of the build
    (a tenth of a 10,000-essay build's memory), and after `on_post_page` nothing reads it:
    feeds take theirs in `on_page_content`, listings convert the excerpt again."""
    page.content = None


def pack_content(page) -> bytes | None:
    """Compress a rendered page's HTML until its template needs it, and drop the text.

    mkdocs renders every page's Markdown first (`_populate_page`, each ending with its
    on_page_content), then writes them all (`_build_page`): every page's HTML is alive at once
    when the first is written, about 75 KB an essay (its Chinese twice, Simplified and
    Traditional), most of a large build's peak. zlib at level 1 keeps a fifth of it."""
    if page.content is None:
        return None
    packed = zlib.compress(page.content.encode("utf-8"), 1)
    page.content = None
    return packed


def unpack_content(page, packed: bytes) -> None:
    """The page's HTML again, before anything of its template's step reads it (on_page_context
    first: Material's search plugin reads `page.content` there)."""
    page.content = zlib.decompress(packed).decode("utf-8")


def reset_post(page) -> None:
    """The blog appends the post's authors each time the post is rendered
    (material/plugins/blog/plugin.py, on_page_markdown): start again from none."""
    if hasattr(page, "authors") and hasattr(page, "excerpt"):
        page.authors = []


class _Posts(list):
    """Material's blog asks `page in posts` of every page it sees, twice: a scan of every post
    comparing titles (Page.__eq__), so quadratic in the archive (41% of a 10,000-essay build,
    py-spy). The same list, answering `in` by identity: each post is one Page object."""

    def __contains__(self, page) -> bool:
        if len(self._ids) != len(self):  # appended to since: count again
            self._ids = {id(post) for post in self}
        return id(page) in self._ids

    _ids: set = frozenset()


def posts_by_identity(config) -> None:
    """Hand the blog its post list with membership by identity (see _Posts)."""
    blog = config.plugins.get("material/blog")
    posts = getattr(getattr(blog, "blog", None), "posts", None)
    if isinstance(posts, list) and not isinstance(posts, _Posts):
        blog.blog.posts = _Posts(posts)


def order_posts(config, within_date) -> None:
    """Sort the blog's posts, and every listing's (home, archive, topics, authors), as the
    blog does, newest first and pinned posts on top, with `within_date(post)` ordering posts
    of one date: the blog leaves them in file order. After the blog's on_files, which makes
    the lists; in place, as the views and their pages share them."""
    blog = config.plugins.get("material/blog")
    if blog is None or getattr(blog, "blog", None) is None:
        return
    for posts in [blog.blog.posts, *(view.posts for view in _views(blog.blog))]:
        posts[:] = sorted(sorted(posts, key=within_date),
                          key=lambda post: (post.config.pin, post.config.date.created),
                          reverse=True)


def _views(view):
    for child in view.views:
        yield child
        yield from _views(child)


def topic_urls(config) -> dict[str, str]:
    """Each category's name -> the URL of its page (`topic/<slug>/`), as the blog made them."""
    blog = config.plugins.get("material/blog")
    if blog is None or getattr(blog, "blog", None) is None:
        return {}
    from material.plugins.blog.structure import Category

    return {view.name: view.url for view in _views(blog.blog) if isinstance(view, Category)}


def listings_showing(config, doc_files, post) -> list:
    """The blog's listing pages (views) whose page of excerpts shows `post`."""
    blog = config.plugins.get("material/blog")
    if blog is None or post not in getattr(blog.blog, "posts", []):
        return []
    return [file.page for file in doc_files if _holds(_shown_on(blog, file.page), post)]


def _shown_on(blog, page) -> list:
    """The posts whose excerpts the listing page `page` shows (none for any other page)."""
    from material.plugins.blog.structure import View

    if not isinstance(page, View):
        return []
    view = blog._resolve_original(page)
    shown = view.posts
    if blog._config_pagination(view):
        step = blog._config_pagination_per_page(view)
        at = view.pages.index(page)
        shown = shown[at * step:at * step + step]
    return shown


class ExcerptParsers:
    """One Markdown parser for every excerpt of a build, in place of one per post.

    The blog makes each post's excerpt a parser of its own, with every extension's processors
    (blog/structure Excerpt.__init__), and keeps it to the end of the build: about 28 KB a post,
    280 MB at 10,000 essays. `share(post)`, once the blog has made the excerpt, gives the
    excerpt a stand-in (_OwnParser) that converts with the build's first excerpt parser,
    given the excerpt's own two tree processors and reset first, as its own parser would be
    at its first conversion. Make one per full build: a parser holds its configuration."""

    def __init__(self) -> None:
        self.shared = None

    def share(self, post) -> None:
        excerpt = getattr(post, "excerpt", None)
        md = getattr(excerpt, "md", None)
        if md is None or isinstance(md, _OwnParser):
            return
        if self.shared is None:
            self.shared = md
        excerpt.md = _OwnParser(self.shared, md)


# The excerpt's tree processors that are its own (blog/structure Excerpt.__init__), by name
# and priority: the blog's, which makes anchors point at the post from a listing (Excerpt.render
# looks it up by name to set its base), and mkdocs' relative links from the post's file.
OWN_PROCESSORS = (("excerpt", 0), ("relpath", 1))


class _OwnParser:
    """A post's excerpt parser, converting with the shared one (ExcerptParsers).

    A post is shown on several listings, and its excerpt is converted again for each. Its HTML
    depends on the listing only through the links the two own tree processors make relative to
    it: `excerpt` points the excerpt's anchors at the post, `relpath` every other link. So an
    excerpt whose only relative links point at its post converts to the same HTML on every
    listing from which the post's URL is the same (`../../essay/` from page 2 of the index, the
    archive and every topic): that HTML is kept, compressed, and given again. An excerpt with
    any other relative link (or image) is converted every time, as the blog does."""

    def __init__(self, shared, md) -> None:
        from markdown.util import Registry

        self.shared = shared
        self.own = [(md.treeprocessors[name], name, priority) for name, priority in OWN_PROCESSORS]
        self.treeprocessors = Registry()  # where Excerpt.render finds its own processor
        for processor, name, priority in self.own:
            self.treeprocessors.register(processor, name, priority)
        self.toc_tokens: list = []
        self.kept: dict[str, tuple[str, bytes, list]] = {}  # post's URL from the listing → HTML

    def convert(self, markdown: str) -> str:
        to_post = self._to_post()
        kept = self.kept.get(to_post)
        if kept is not None and kept[0] == markdown:
            self.toc_tokens = kept[2]
            return zlib.decompress(kept[1]).decode("utf-8")
        for processor, name, priority in self.own:
            self.shared.treeprocessors.register(processor, name, priority)
        html = self.shared.reset().convert(markdown)
        self.toc_tokens = getattr(self.shared, "toc_tokens", [])
        self.shared.reset()  # nothing of this excerpt stays in the shared parser
        if _links_only_to(html, to_post):
            self.kept[to_post] = (markdown, zlib.compress(html.encode("utf-8"), 1),
                                  self.toc_tokens)
        return html

    def _to_post(self) -> str:
        excerpt = self.treeprocessors["excerpt"]  # its `page` is the post, `base` the listing
        return get_relative_url(excerpt.page.url, excerpt.base.url)

    def reset(self) -> "_OwnParser":
        self.toc_tokens = []
        return self


# Every link and image address in HTML written by Python-Markdown (double-quoted attributes).
_ADDRESS = re.compile(r'\s(?:href|src)="([^"]*)"')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def _links_only_to(html: str, to_post: str) -> bool:
    """No address in `html` is relative to the listing but the post's own (with an anchor)."""
    for address in _ADDRESS.findall(html):
        if address == to_post or address.startswith(to_post + "#") or _ABSOLUTE.match(address):
            continue
        return False
    return True


def forget_excerpts(config, page) -> None:
    """Once a listing page is written, release what rendering its excerpts left behind.

    Each post's excerpt keeps a Markdown parser of its own (blog/structure Excerpt.__init__)
    that converts again for every listing showing it without `reset()`: its stash of raw
    HTML grows by one copy of the excerpt per listing, and its last HTML, table of contents
    and lines stay to the end of the build (a quarter of a build's growth while it renders).
    `Excerpt.render` sets them again before they are read: a reset parser converts to
    the same HTML (no state of one conversion reaches the next but footnote ids, and an
    essay's excerpt is its first pair: `render.excerpt_markdown`)."""
    blog = config.plugins.get("material/blog")
    if blog is None or getattr(blog, "blog", None) is None:
        return
    for post in _shown_on(blog, page):
        excerpt = getattr(post, "excerpt", None)
        if excerpt is not None:
            excerpt.md.reset()
            excerpt.content = excerpt.more = None


def _holds(posts: list, post) -> bool:
    # by identity: `in` compares every post's title (Page.__eq__), thousands per view
    return any(p is post for p in posts)


def read_from(file, path: Path) -> None:
    """Make mkdocs and Material's blog read `file` from `path` (the blog opens
    `file.abs_src_path` itself to read a post's metadata: blog/structure Post.__init__)."""
    file.abs_src_path = str(path)


def authors_as_html(config) -> None:
    """Material prints an author's name and description (docs/.authors.yml) as HTML, and links
    their `url` whatever its scheme: make each HTML showing its text, and drop a `url` that is
    no web address. Before the blog's on_files, which writes `# {name}` as the author's page."""
    blog = config.plugins.get("material/blog")
    for author in (getattr(blog, "authors", None) or {}).values():
        if isinstance(author.get("name"), str):
            author["name"] = html_text(author["name"])
        if isinstance(author.get("description"), str):  # "Author · 作者": one shown per mode
            author["description"] = label_html(author["description"])
        if isinstance(author.get("url"), str) and not web_url(author["url"]):
            author["url"] = None


def category_heading_as_text(page, markdown: str, literal) -> str:
    """A category's page as the blog writes it, `# {name}`, with the name as text (`literal`
    makes text Markdown): the rendered heading is also the title every listing prints."""
    from material.plugins.blog.structure import Category

    if isinstance(page, Category) and markdown.strip() == f"# {page.name}":
        return f"# {literal(page.name)}\n"
    return markdown


def feed_image(config, image: str) -> None:
    """Give mkdocs-rss-plugin the feed's image, absolute, when the site sets none: without
    one its template writes `<image><url>None</url>` (it tests `logo_url is defined`, and the
    attribute always is)."""
    rss = config.plugins.get("rss")
    if rss is not None and not rss.config.get("image") and config.site_url:
        rss.config["image"] = urljoin(config.site_url, image)


def feed_title(config, page, title: str) -> None:
    """The title of the page's feed entry (mkdocs-rss-plugin takes `page.title`, the English
    one), after the plugin's on_page_content has made the entry."""
    rss = config.plugins.get("rss")
    for entry in reversed(getattr(rss, "pages_to_filter", None) or []):
        ref = getattr(entry, "_mkdocs_page_ref", None)
        if ref is not None and ref.src_uri == page.file.src_uri:
            entry.title = title
            return


def feed_language(config, language: str) -> None:
    """Both feeds' language (the plugin has no option for it and copies the theme's), after
    its on_config."""
    rss = config.plugins.get("rss")
    for feed in (getattr(rss, "feed_created", None), getattr(rss, "feed_updated", None)):
        if feed is not None:
            feed.language = language


def blog_listing(page) -> tuple[str, str] | None:
    """("topic" | "archive" | "author", the name it lists) for the blog's views of those
    (Material's `Category`, `Archive`, `Profile`, each with `View.name`), else None."""
    from material.plugins.blog.structure import Archive, Category, Profile

    for kind, view in (("topic", Category), ("archive", Archive), ("author", Profile)):
        if isinstance(page, view):
            return kind, str(page.name or "")
    return None
