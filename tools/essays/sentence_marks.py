"""Each linked sentence of a rendered pair wrapped in `<span data-s="G">`.

A Python-Markdown treeprocessor (it runs on the page's tree once inline Markdown is done), so
emphasis, links and code are elements, never markers to guess at. For every text pair
(`div.pair`, not a heading pair), each paragraph and list item of its halves (English, and
the Chinese in both scripts) is split into sentences (text/sentences.py); when both halves
have as many, the English and the Simplified sentences of each are aligned (align/sentences.py), and each link the aligner is sure of becomes a
group number G, shared by its sentences on both sides; sentences of unsure links are left
unwrapped. The Traditional copy is split on its own and must give the same sentences, or
the pair gets no marks.

The inline rule: a sentence break that falls inside an inline element (emphasis, a link,
inline code) is no break; the sentences it would cut are one. Footnote references,
images and line breaks take no room: at a break, they stay with the sentence before it.
A paragraph holding raw inline HTML gets no marks (its tags are opaque here, and a span
could not nest with them).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .align.sentences import Link, align
from .text.sentences import starts

_ZERO_WIDTH = frozenset({"sup", "img", "br"})
_RAW_HTML = re.compile("\x02wzxhzdk:\\d+\x03")
_SKIP = frozenset({"dl", "table", "pre", "details", "h1", "h2", "h3", "h4", "h5", "h6", "script",
                   "style"})
_BLOCKS = frozenset({"p", "ul", "ol", "dl", "div", "pre", "table", "blockquote", "details"})


@dataclass
class Paragraph:
    """One `<p>` (or list item) as the splitter reads it: its pieces, their text and where it
    breaks."""

    element: etree.Element
    pieces: list  # str (text at the paragraph's own level) or a child element, in order
    text: str
    cuts: list[int]  # where each sentence starts (the first at 0)

    @classmethod
    def of(cls, element: etree.Element, lang: str) -> Paragraph:
        pieces = [element.text or ""]
        for child in element:
            pieces += [child, child.tail or ""]
        text, inside = "", []
        for piece in pieces:
            width = _width(piece)
            if not isinstance(piece, str) and width:
                inside.append((len(text), len(text) + len(width)))
            text += width
        found = [s for s in starts(text, lang) if not any(a < s < b for a, b in inside)]
        return cls(element, pieces, text, [0, *found])

    @property
    def sentences(self) -> list[str]:
        ends = [*self.cuts[1:], len(self.text)]
        return [_readable(self.text[a:b]).strip() for a, b in zip(self.cuts, ends)]

    def wrap(self, groups: list[int | None]) -> None:
        """Put sentence k in a span of group groups[k] (None: leave it as it is)."""
        parts = _split(self.pieces, self.cuts)
        self.element.text = None
        for child in list(self.element):
            self.element.remove(child)
        out = _Appender(self.element)
        for group, content in zip(groups, parts):
            if group is None:
                out.extend(content)
                continue
            content, trailing = _without_trailing_space(content)
            span = etree.Element("span", {"data-s": str(group)})
            _Appender(span).extend(content)
            out.element(span)
            out.text(trailing)


def _width(piece) -> str:
    """The text a piece adds to the paragraph's, for the splitter."""
    if isinstance(piece, str):
        return piece
    if piece.tag in _ZERO_WIDTH:
        return ""
    return "".join(piece.itertext())


def _readable(text: str) -> str:
    return text.replace(AMP_SUBSTITUTE, "&")


def _split(pieces: list, cuts: list[int]) -> list[list]:
    """The pieces cut into one list per sentence; a piece of no width at a cut goes before it."""
    parts: list[list] = [[] for _ in cuts]
    at, k = 0, 0
    for piece in pieces:
        width = _width(piece)
        if isinstance(piece, str):
            while piece:
                while k + 1 < len(cuts) and cuts[k + 1] <= at:
                    k += 1
                end = cuts[k + 1] - at if k + 1 < len(cuts) else len(piece)
                parts[k].append(piece[:end])
                piece, at = piece[end:], at + len(piece[:end])
            continue
        while width and k + 1 < len(cuts) and cuts[k + 1] <= at:
            k += 1
        parts[k].append(piece)
        at += len(width)
    return parts


def _without_trailing_space(content: list) -> tuple[list, str]:
    if content and isinstance(content[-1], str):
        stripped = content[-1].rstrip()
        return [*content[:-1], stripped], content[-1][len(stripped):]
    return content, ""


class _Appender:
    """Appends text and elements to an element, as ElementTree keeps them (text, tails)."""

    def __init__(self, parent: etree.Element):
        self.parent = parent

    def extend(self, content: list) -> None:
        for piece in content:
            self.text(piece) if isinstance(piece, str) else self.element(piece)

    def element(self, child: etree.Element) -> None:
        child.tail = None
        self.parent.append(child)

    def text(self, text: str) -> None:
        if not text:
            return
        if len(self.parent):
            last = self.parent[-1]
            last.tail = (last.tail or "") + text
        else:
            self.parent.text = (self.parent.text or "") + text


# -- pairs ----------------------------------------------------------------------------------

Collect = Callable[[str, list[str], list[str], list[Link]], None]


def mark_pair(pair: etree.Element, collect: Collect | None = None) -> None:
    """Wrap the linked sentences of one `div.pair`'s halves; `collect(pair_id, en, zh, links)`
    sees every paragraph aligned, shown links or not (tests/measure_sentences.py)."""
    halves = {_half_key(h): h for h in pair if "pair__half" in h.get("class", "").split()}
    en, hans, hant = (_paragraphs(halves.get(k), lang) for k, lang in
                      (("en", "en"), ("hans", "zh"), ("hant", "zh")))
    if hans is None:  # no Chinese half under the pair (HTML that closed it early): nothing to link
        return
    if not en or len(en) != len(hans) or (hant is not None and len(hant) != len(hans)):
        return
    if hant and any(len(a.cuts) != len(b.cuts) for a, b in zip(hans, hant)):
        return
    group = 0
    for k, (e, z) in enumerate(zip(en, hans)):
        links = align(e.sentences, z.sentences)
        if collect:
            collect(pair.get("id", ""), e.sentences, z.sentences, links)
        en_groups, zh_groups = [None] * len(e.cuts), [None] * len(z.cuts)
        for link in links:
            if link.sure:
                group += 1
                for i in link.en:
                    en_groups[i] = group
                for j in link.zh:
                    zh_groups[j] = group
        e.wrap(en_groups)
        for copy in (hans, hant or []):
            copy[k].wrap(zh_groups)


def _half_key(half: etree.Element) -> str:
    return "en" if half.get("lang") == "en" else half.get("data-script", "hans")


def _paragraphs(half: etree.Element | None, lang: str) -> list[Paragraph] | None:
    """The half's paragraphs as the splitter reads them; None without such a half; [] when
    one of them cannot be marked (raw inline HTML)."""
    if half is None:
        return None
    found = [Paragraph.of(p, lang) for p in _prose(half)]
    # an HTML block, or an image alone (an image pair): no sentence to mark
    found = [p for p in found if p.text.strip() and not _RAW_HTML.fullmatch(p.text.strip())]
    if any(_RAW_HTML.search(p.text) for p in found):
        return []
    return found


def _prose(element: etree.Element):
    """The running text of a half, in order: its `<p>`, and each list item that holds only
    inline text (a loose item's paragraphs come as `<p>`; an item holding a nested list
    gives its nested items only). Not tables, code, headings or an admonition's title."""
    for child in element:
        if child.tag == "p" and "admonition-title" not in child.get("class", ""):
            yield child
        elif child.tag == "li" and not any(c.tag in _BLOCKS for c in child):
            yield child
        elif child.tag not in _SKIP:
            yield from _prose(child)


class SentenceMarks(Treeprocessor):
    def __init__(self, md, collect: Collect | None = None):
        super().__init__(md)
        self.collect = collect

    def run(self, root: etree.Element) -> None:
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if "pair" in classes and "pair--heading" not in classes:
                mark_pair(div, self.collect)


# "12-Factor", "one-off": between Han characters the browser breaks after a hyphen ("12-" at
# the end of one line, "Factor" on the next), which English text may do but Chinese does not.
# Wrapped here, in the tree, after the sentences: as raw HTML in the Markdown, the span would
# make its paragraph opaque to the sentence marks.
_COMPOUND = re.compile(r"(?<![0-9A-Za-z_-])[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+(?![0-9A-Za-z_-])")
_NO_COMPOUNDS = frozenset({"code", "pre", "script", "style", "time"})


class ChineseCompounds(Treeprocessor):
    """Each Latin compound in a Chinese half (`lang="zh-…"`) in `<span class="nobreak">`."""

    def run(self, root: etree.Element) -> None:
        for child in root:
            if child.get("lang", "").startswith("zh"):
                _unbroken(child)
            elif child.tag not in _NO_COMPOUNDS:
                self.run(child)


def _unbroken(element: etree.Element) -> None:
    # Text holding raw HTML (placeholders of md_in_html's stash: a stale marker's markup) is
    # opaque: the English inside its tags would be wrapped as if it were Chinese.
    raw = any(_RAW_HTML.search(text or "") for text in [element.text, *(c.tail for c in element)])
    for index, child in reversed(list(enumerate(element))):  # inserting shifts what follows
        if child.tag not in _NO_COMPOUNDS and child.get("lang", "zh").startswith("zh"):
            _unbroken(child)  # not an English element inside a Chinese half
        if not raw:
            child.tail, spans = _compounds(child.tail)
            element[index + 1:index + 1] = spans
    if not raw:
        element.text, spans = _compounds(element.text)
        element[0:0] = spans


def _compounds(text: str | None) -> tuple[str | None, list[etree.Element]]:
    """`text` up to its first compound, and a span for each compound (its tail: the text up to
    the next one)."""
    matches = list(_COMPOUND.finditer(text or ""))
    if not matches:
        return text, []
    spans = []
    for match, following in zip(matches, [*matches[1:], None]):
        span = etree.Element("span", {"class": "nobreak"})
        span.text = match.group(0)
        span.tail = text[match.end():following.start() if following else None]
        spans.append(span)
    return text[:matches[0].start()], spans


class SentenceMarksExtension(Extension):
    """`markdown.Markdown(extensions=[SentenceMarksExtension()])`; `collect` for measuring."""

    def __init__(self, collect: Collect | None = None, **kwargs):
        self.collect = collect
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # after the inline patterns (20), attr_list (8) and unescape (0): the text is final
        md.treeprocessors.register(SentenceMarks(md, self.collect), "essays_sentences", -5)
        md.treeprocessors.register(ChineseCompounds(md), "essays_compounds", -6)
