"""Essay -> the Markdown that mkdocs renders: each pair one unit, each half tagged with its language.

The output is still Markdown (md_in_html divs around the author's own blocks), so every
extension the site enables — footnotes, reference links, tables, code — works unchanged
across the whole essay.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from markdown.extensions.toc import slugify

from .catalogue import cut, opening
from .model import SOLO, Block, Essay, Finding, Gone, Lag, Meta, Pair
from .text.blocks import heading_id, solo_blocks, without_heading_id
from .text.conversion import DEFAULT_TO_TRADITIONAL, LANG_OF_SCRIPT, Twins
from .text.plain import plain_text
from .text.safety import html_text, markdown_literal, web_url, without_raw_html
from .text.scripts import join_cjk_lines

EXCERPT_SEPARATOR = "<!-- more -->"
ATX_MARKS = re.compile(r"^ {0,3}#{1,6}[ \t]*|[ \t]+#+[ \t]*$")


def render_markdown(essay: Essay, raw_html: bool = True,
                    to_traditional: str = DEFAULT_TO_TRADITIONAL) -> str:
    """The page body for a valid essay (its meta must be set).

    Front matter is always written as text. The author's blocks keep their raw HTML, as
    mkdocs renders it, unless `raw_html` is False: then it shows as text too (sites whose
    contributors are not trusted), and our own wrappers around the blocks still work.

    Every piece of Chinese is written twice, in Simplified and in Traditional (one of them as
    the author wrote it, the other converted with OpenCC: `to_traditional`, or t2s), each with
    its `lang` and `data-script`; the page's stylesheet shows the one the reader chose.
    """
    assert essay.meta is not None, "render only essays that parsed cleanly"
    if not raw_html:
        essay = _without_raw_html(essay)
    zh = _Chinese(Twins.of(_chinese_text(essay), to_traditional))
    parts = [_title(essay.meta, zh), *_source(essay.meta), *_lag_count(essay, zh)]
    if essay.meta.bilingual:
        parts.extend(_bilingual_body(essay, zh))
    elif essay.meta.languages[0] == "zh":
        body = [_standalone(block, zh) for block in essay.body if isinstance(block, Block)]
        parts.append("\n\n".join(zh.blocks("essay-mono", "\n\n".join(body))))
    else:
        parts.append('<div class="essay-mono" lang="en" markdown>')
        parts.extend(_standalone(block, zh) for block in essay.body if isinstance(block, Block))
        parts.append("</div>")
    return "\n\n".join(parts) + "\n"


# Blocks whose text Python-Markdown never reads as HTML (fences, math), left as written.
_VERBATIM_KINDS = frozenset({"code", "math"})


def _without_raw_html(essay: Essay) -> Essay:
    """The essay with the raw HTML of every author's block (pair halves, shared and
    one-language blocks) made text, before our wrappers are put around them."""
    def block(b: Block) -> Block:
        if b.kind == SOLO:
            return replace(b, text=_solo_without_raw_html(b))
        return b if b.kind in _VERBATIM_KINDS else replace(b, text=without_raw_html(b.text))

    body = [replace(item, en=block(item.en), zh=block(item.zh)) if isinstance(item, Pair)
            else block(item) for item in essay.body]
    return replace(essay, body=body)


def _solo_without_raw_html(block: Block) -> str:
    """A one-language container's text with its inner blocks' raw HTML made text, its code
    blocks left as written."""
    text, at = block.text, 0
    for inner in solo_blocks(block):
        start = text.index(inner.text, at)
        done = inner.text if inner.kind in _VERBATIM_KINDS else without_raw_html(inner.text)
        text = text[:start] + done + text[start + len(inner.text):]
        at = start + len(done)
    return text


def describe(essay: Essay, length: int = 300) -> str:
    """The essay in a sentence or two of plain text, for feeds and search engines: its first
    paragraph, English then Chinese, each cut to its share of `length` (two thirds for the
    English: a Han character says about what two Latin letters do), or the one language it has."""
    en, zh = opening(essay)
    if en and zh:
        return f"{cut(en, length * 2 // 3)} {cut(zh, length // 3)}"
    return cut(en or zh, length) if en or zh else (essay.meta.display_title if essay.meta else "")


def excerpt_markdown(markdown: str) -> str:
    """A rendered essay cut after its excerpt, for Material's blog listings.

    The blog converts a post's whole Markdown again for each listing that shows it (home,
    archive, topics, authors), then keeps what comes before the separator. Once the page
    itself is rendered, the rest is wasted work. The word after the separator keeps the
    excerpt's `more` non-empty, so listings still link "Continue reading". The excerpt is the
    card's (`_as_card`), not the page's.
    """
    head, separator, rest = markdown.partition(EXCERPT_SEPARATOR)
    if not separator:
        return markdown
    return f"{_as_card(head)}{separator}" + ("\n\n…\n" if rest.strip() else "")


# A listing shows many essays' first pairs on one page: their #pN would repeat there (and their
# ¶ links point at the listing), and a heading pair under the card's title (Material's h2)
# keeps one level below it, whatever its level in the essay.
_PAIR_ID = re.compile(r'^(<div class="pair[^"]*") id="p[^"]+"', re.MULTILINE)
_PAIR_TOOLS = re.compile(r'^<div class="pair__tools">.*?</div>\n', re.MULTILINE)
_PAIR_HEADING = re.compile(r'^(<div class="pair pair--heading"[^\n]*\n\n)#{1,6} ', re.MULTILINE)


def _as_card(excerpt: str) -> str:
    """The excerpt as a listing shows it: no anchors, no permalinks, headings under the title."""
    excerpt = _PAIR_TOOLS.sub("", _PAIR_ID.sub(r"\1", excerpt))
    return _PAIR_HEADING.sub(r"\1## ", excerpt)


def stale_notice(findings: list[Finding]) -> str:
    """Shown by `mkdocs serve` above an essay whose current text has errors."""
    if not findings:
        return ""
    items = "".join(f"<li><code>{html.escape(str(f))}</code></li>" for f in findings)
    return ('<div class="essay-stale" role="alert"><p>This essay has errors; you are reading '
            f"its last good version. Fix these and save:</p><ul>{items}</ul></div>\n\n")


def _chinese_text(essay: Essay) -> str:
    """All of the essay's Chinese, to tell which script it is written in."""
    halves = [p.zh.text for p in essay.pairs]
    solos = [b.text for b in essay.body if isinstance(b, Block) and b.lang == "zh"]
    return "\n".join([essay.meta.title_zh or "", *halves, *solos])


def _title(meta: Meta, zh: Twins) -> str:
    # the label a table of contents shows (the home page's lists the cards' titles): one text,
    # as a heading pair's, not the spans run together with both scripts of the Chinese
    if meta.bilingual and meta.title_zh:
        label = _toc_label(f"{meta.title} · {meta.title_zh}")
        return (f'# <span lang="en">{markdown_literal(meta.title)}</span> '
                f'{zh.spans(markdown_literal(meta.title_zh))} {{ .bilingual {label} }}')
    if meta.languages == ("zh",):
        return f"# {zh.spans(markdown_literal(meta.title))} {{ {_toc_label(meta.title)} }}"
    return f"# {markdown_literal(meta.title)}"


def _toc_label(text: str) -> str:
    return f'data-toc-label="{html_text(text)}"'


def _source(meta: Meta) -> list[str]:
    """The "Refer To" credit: where the essay comes from, who holds it, under what licence."""
    source = meta.source
    if source is None:
        return []
    title = html_text(source.title)
    # `essays check` refuses any other URL (url-unsafe); never a link to one, all the same
    linked = source.url and web_url(source.url)
    cite = f'<a href="{html_text(source.url)}">{title}</a>' if linked else title
    extra = "".join(f" · {html_text(v)}" for v in (source.author, source.license) if v)
    return [f'<p class="essay-source"><span class="essay-source__label">Source · 原文</span> '
            f"<cite>{cite}</cite>{extra}</p>"]


def _bilingual_body(essay: Essay, zh: Twins) -> list[str]:
    parts: list[str] = []
    slugs: set[str] = set()
    levels = _heading_levels(essay)
    excerpt_done = False
    before = {g.lands: [] for g in essay.gone}
    after = {g.lands: [] for g in essay.gone}
    for g in essay.gone:
        (before if g.before else after)[g.lands].append(g)
    for item in essay.body:
        if isinstance(item, Block):
            parts.append(_standalone(item, zh))
            continue
        parts.extend(_gone(g, zh) for g in before.get(item.anchor, ()))
        lag = essay.lags.get(item.anchor)
        parts.append(_heading_pair(item, slugs, lag, zh, levels) if item.kind == "heading"
                     else _text_pair(item, lag, zh))
        parts.extend(_gone(g, zh) for g in after.get(item.anchor, ()))
        if not excerpt_done and item.kind != "heading":
            parts.append(EXCERPT_SEPARATOR)  # Material's blog lists the essay up to here
            excerpt_done = True
    return parts


def _heading_levels(essay: Essay) -> dict[int, int]:
    """Each heading pair's level in the source -> on the page: the page's title is its h1, so
    the essay's levels, in order, become 2, 3, … with none skipped (a 12factor chapter's `###`
    under the title would skip h2: the HTML checker and axe's heading-order report it)."""
    used = sorted({p.en.level for p in essay.pairs if p.kind == "heading"})
    return {level: n for n, level in enumerate(used, start=2)}


def _standalone(block: Block, zh: Twins) -> str:
    """A block outside any pair: shared ones as written, a one-language one in its div."""
    return _solo(block, zh) if block.kind == SOLO else block.text


def _solo(block: Block, zh: Twins) -> str:
    """`::: zh` ... `:::` as a div in its language, which the reading modes show or hide as
    they do that language's halves; its blocks are rendered as those of a half."""
    if block.lang == "zh":
        inner = "\n\n".join(_chinese(b) for b in solo_blocks(block))
        return "\n\n".join(zh.blocks("solo", inner))
    return ('<div class="solo" lang="en" markdown>\n\n'
            + "\n\n".join(b.text for b in solo_blocks(block)) + "\n\n</div>")


def _text_pair(pair: Pair, lag: Lag | None, zh: Twins) -> str:
    marks = {"en": _lag_mark(lag, zh) if lag and lag.side == "en" else "",
             "zh": _lag_mark(lag, zh) if lag and lag.side == "zh" else ""}
    return "\n".join([
        f'<div class="pair" id="p{pair.anchor}"{_lag_attributes(lag)} markdown>',
        f'<div class="pair__half" lang="en" markdown>\n\n{pair.en.text}\n\n{marks["en"]}</div>',
        *zh.blocks("pair__half", _chinese(pair.zh), marks["zh"]),
        _permalink(pair),
        "</div>",
    ])


def _lag_attributes(lag: Lag | None) -> str:
    if lag is None:
        return ""
    day = lag.changed.isoformat() if lag.changed else "uncommitted"
    return f' data-stale="{lag.side}" data-changed="{day}"'


def _lag_mark(lag: Lag, zh: Twins) -> str:
    """The marker on a half that may lag behind its original, in both languages (it shows
    wherever that half shows), with the day the original changed."""
    original = "English" if lag.side == "zh" else "Chinese"
    if lag.changed:
        day = lag.changed.isoformat()
        when = f'{original} changed <time datetime="{day}">{day}</time>'
    else:
        when = f"{original} changed since the last commit"
    if lag.side == "zh":
        text = (f'{zh.ours("译文可能未同步")} · <span lang="en">translation '
                f"may be out of date ({when})</span>")
    else:
        text = (f'<span lang="en">translation may be out of date ({when})'
                f'</span> · {zh.ours("译文可能未同步")}')
    return f'<div class="pair__stale" role="note">{text}</div>\n\n'


def _lag_count(essay: Essay, zh: Twins) -> list[str]:
    """Under the title: how many pairs lag, linking to the first."""
    if not essay.lags:
        return []
    lagging = [p for p in essay.pairs if p.anchor in essay.lags]
    n, total = len(lagging), len(essay.pairs)
    return [f'<p class="essay-lag" role="note"><a href="#p{lagging[0].anchor}">'
            f'<span lang="en">{n} of {total} translations may be out of date</span> · '
            f'{zh.ours(f"{total} 段中有 {n} 段译文可能未同步")}</a></p>']


def _gone(gone: Gone, zh: Twins) -> str:
    """Where a deleted pair stood: its anchor still lands there, on the pair now in its
    place, and a notice (shown only when it is the link's target) says so."""
    return (f'<div class="pair-gone" id="p{gone.anchor}" data-lands="p{gone.lands}">'
            '<p class="pair-gone__notice" role="status"><span lang="en">The paragraph this '
            "link pointed to has been removed; this is the nearest one.</span> · "
            f'{zh.ours("链接指向的段落已删除，这是离它最近的一段。")}</p></div>')


def _heading_pair(pair: Pair, slugs: set[str], lag: Lag | None, zh: Twins,
                  levels: dict[int, int]) -> str:
    """One heading holding both languages; it keeps a slug id, its pair div carries #pN."""
    en, zh_text = heading_text(pair.en), heading_text(pair.zh)
    given = heading_id(pair.en.text) or heading_id(pair.zh.text)
    slug = _unique(given or slugify(plain_text(en), "-") or f"h{pair.anchor}", slugs)
    # the toc prints the label as HTML: text, whether the heading wrote `&lt;` or `<`
    label = html_text(html.unescape(f"{plain_text(en)} · {plain_text(zh_text)}"))
    marks = "#" * levels[pair.en.level]
    mark = _lag_mark(lag, zh).replace('class="pair__stale"', f'class="pair__stale" '
                                  f'lang="{zh.lang if lag.side == "zh" else "en"}"', 1) if lag else ""
    return "\n".join([
        f'<div class="pair pair--heading" id="p{pair.anchor}"{_lag_attributes(lag)} markdown>',
        "",
        f'{marks} <span lang="en">{en}</span> {zh.spans(zh_text)} '
        f'{{ #{slug} data-toc-label="{label}" }}',
        "",
        mark + _permalink(pair),
        "</div>",
    ])


class _Chinese:
    """One essay's Chinese as the page writes it: each piece twice, one per script, each
    with its `lang` and `data-script` (the stylesheet shows the reader's choice), the
    Simplified first."""

    def __init__(self, twins: Twins) -> None:
        self.twins = twins
        self.lang = LANG_OF_SCRIPT[twins.written]

    def spans(self, inline: str) -> str:
        return _spans(self.twins.both(inline))

    def ours(self, simplified: str) -> str:
        return _spans(self.twins.ours(simplified))

    def blocks(self, css_class: str, markdown: str, tail: str = "") -> list[str]:
        """Two divs of one class around a block of the author's Markdown; `tail` (our own
        marker, already in both scripts) ends each."""
        return [f'<div class="{css_class}" lang="{LANG_OF_SCRIPT[script]}" data-script="{script}"'
                f' markdown>\n\n{text}\n\n{tail}</div>'
                for script, text in self.twins.both(markdown).items()]


def _spans(texts: dict[str, str]) -> str:
    return "".join(f'<span lang="{LANG_OF_SCRIPT[script]}" data-script="{script}">{text}</span>'
                   for script, text in texts.items())


def _chinese(block: Block) -> str:
    """A Chinese half as rendered: a line break inside Chinese prose would show as a space.
    (Its Latin compounds are kept on one line in the page's tree: sentence_marks.py.)"""
    prose = ("paragraph", "quote", "admonition")
    return join_cjk_lines(block.text) if block.kind in prose else block.text


def _permalink(pair: Pair) -> str:
    """The pair's link: its stable anchor; its label says its place in the essay."""
    # Wrapped in a block element so md_in_html keeps it raw instead of making it a paragraph.
    n = pair.number
    return (f'<div class="pair__tools"><a class="pair__link" href="#p{pair.anchor}" '
            f'aria-label="Link to paragraph {n} · 第 {n} 段链接">¶</a></div>')


def heading_text(block: Block) -> str:
    """The inline Markdown of a heading block, ATX or setext."""
    first = without_heading_id(block.text).split("\n")[0]
    return ATX_MARKS.sub("", first).strip()


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        candidate = f"{slug}_{n}"
        n += 1
    taken.add(candidate)
    return candidate
