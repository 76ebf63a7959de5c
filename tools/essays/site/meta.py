"""Each page's own `<meta name="description">` (and link preview), for the pages that are not
essays: Material prints the site's description on every page that has none of its own.

An essay's description is its first pair (build.py, `describe`); a topic, an archive year and
an author's page say what they list, in both languages; any other page (About, the glossary)
is described by its first English and first Chinese paragraph. The result is HTML-escaped
text, as Material prints `page.meta.description` as it is.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..text.scripts import language
from .material import blog_listing

LONGEST = 150  # characters of each language's paragraph: what a search result or preview shows
_SPACE = re.compile(r"\s+")
BILINGUAL = re.compile(r"^[^·]*[A-Za-z][^·]* · [^·]*[\u4e00-\u9fff]")  # "English · 中文"


def page_description(page) -> str | None:
    """A description of its own for `page`, or None for the home page (the site's is its own)."""
    if page.is_homepage:
        return None
    listed = _listing(page)
    if listed:
        return html.escape(listed, quote=True)
    paragraphs = first_paragraphs(page.content or "")
    if not paragraphs:
        return None
    return html.escape(" ".join(_shorten(p) for p in paragraphs), quote=True)


LISTINGS = {  # what a listing of the blog's lists, in both languages
    "topic": "Essays on {name}, in English and Chinese · 主题“{name}”下的中英文章",
    "archive": "Essays of {name}, in English and Chinese · {name} 年的中英文章",
    "author": "Essays by {name}, in English and Chinese · {name} 的中英文章",
}


def _listing(page) -> str | None:
    listing = blog_listing(page)
    if listing is None:
        return None
    kind, name = listing
    name = html.unescape(_SPACE.sub(" ", re.sub(r"<[^>]+>", "", name))).strip()  # a name may be HTML
    return LISTINGS[kind].format(name=name)


def first_paragraphs(content: str) -> list[str]:
    """The text of the first English paragraph and of the first Chinese one (text.scripts);
    a first paragraph written "English · 中文" is both."""
    reader = _Paragraphs()
    reader.feed(content)
    if reader.paragraphs and BILINGUAL.match(reader.paragraphs[0]):
        return reader.paragraphs[:1]
    english = next((p for p in reader.paragraphs if language(p) == "en"), None)
    chinese = next((p for p in reader.paragraphs if language(p) == "zh"), None)
    return [p for p in (english, chinese) if p]


def _shorten(text: str) -> str:
    return text if len(text) <= LONGEST else text[:LONGEST - 1].rstrip() + "…"


class _Paragraphs(HTMLParser):
    """The text of every top-level <p> of a page's content, spaces collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "p":
            self._depth += 1

    def handle_endtag(self, tag) -> None:
        if tag == "p" and self._depth:
            self._depth -= 1
            if not self._depth:
                text = _SPACE.sub(" ", "".join(self._text)).strip()
                if text:
                    self.paragraphs.append(text)
                self._text = []

    def handle_data(self, data) -> None:
        if self._depth:
            self._text.append(data)
