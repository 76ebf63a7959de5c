"""The glossary page for readers (`glossary/`, built with the site): every term, its
translations and note, and the concordance: each paragraph where it occurs, in each essay,
English and Chinese side by side, the term marked in both.

Each term has an anchor, its slug (`glossary/#on-policy`), so an essay can link a term to
it: `[on-policy](../glossary.md#on-policy)`. Links name the essays' source files; mkdocs turns
them into the pages' URLs.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..model import Essay
from ..text.plain import plain_text
from ..text.safety import markdown_literal
from .check import TermIndex
from .glossary import WORD, Term, words

PAGE = "glossary.md"
EXCERPT = 160  # characters of each half shown around the term


def glossary_markdown(index: TermIndex, essays: Sequence[tuple[Essay, str]]) -> str:
    """`essays`: (essay, its path under docs/ as a link names it)."""
    lines = ["# Glossary · 术语表", "",
             "The terms these essays translate one way, and every paragraph that uses each, in "
             "both languages. · 本站译文统一使用的术语，以及用到每个术语的全部段落（中英对照）。", ""]
    if not index:
        return "\n".join([*lines, "The site has no glossary yet (`docs/glossary.yml`). · 本站尚无术语表。", ""])
    places = _concordance(index, essays)
    for term in sorted(index.terms, key=lambda t: t.en.lower()):
        lines += _term(term, places.get(term.en, []))
    return "\n".join(lines)


def _concordance(index: TermIndex, essays) -> dict[str, list[tuple[Essay, str, object]]]:
    found: dict[str, list] = {}
    for essay, source in essays:
        for pair in essay.pairs:
            for term in index.found_in(plain_text(pair.en.text)):
                found.setdefault(term.en, []).append((essay, source, pair))
    return found


def _term(term: Term, places: list) -> list[str]:
    zh = " · ".join(f'<span lang="zh-Hans">{html.escape(v)}</span>' for v in term.zh)
    out = [f'<h2 id="{term.slug}"><span lang="en">{html.escape(term.en)}</span> · {zh}</h2>', ""]
    if term.note:
        out += [f'<p class="glossary-note">{html.escape(term.note)}</p>', ""]
    if term.forbidden:
        avoid = "、".join(html.escape(v) for v in term.forbidden)
        out += [f'<p class="glossary-avoid">Not · 不用：<span lang="zh-Hans">{avoid}</span></p>', ""]
    if not places:
        return out + ["<p>No paragraph uses it yet. · 尚无段落用到。</p>", ""]
    out += [f"{len(places)} paragraph{'s' if len(places) != 1 else ''} · {len(places)} 段", ""]
    for essay, source, pair in places:
        title = markdown_literal(essay.meta.display_title if essay.meta else essay.path)
        en = _marked_english(plain_text(pair.en.text), term)
        zh_text = _marked_chinese(plain_text(pair.zh.text), term)
        # a Markdown link, which mkdocs resolves to the page's URL wherever the blog puts it
        out.append(f"- [{title}, ¶{pair.number}]({source}#p{pair.anchor}) "
                   f'<span class="glossary-pair"><span lang="en">{en}</span> '
                   f'<span lang="zh-Hans">{zh_text}</span></span>')
    return out + [""]


def _marked_english(text: str, term: Term) -> str:
    """The English around the term's first occurrence, the term in <mark>."""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    stems = words(text)
    n = len(term.stems)
    for i in range(len(stems) - n + 1):
        if stems[i:i + n] == term.stems:
            start, end = spans[i][0], spans[i + n - 1][1]
            return _window(text, start, end)
    return html.escape(text[:EXCERPT])


def _marked_chinese(text: str, term: Term) -> str:
    for rendering in (*term.zh, *term.forbidden):
        at = text.find(rendering)
        if at >= 0:
            return _window(text, at, at + len(rendering))
    return html.escape(text[:EXCERPT]) + ' <span class="glossary-missing">(not translated as the glossary says · 未按术语表翻译)</span>'


def _window(text: str, start: int, end: int) -> str:
    left = max(0, start - EXCERPT // 2)
    right = min(len(text), end + EXCERPT // 2)
    before = ("…" if left else "") + html.escape(text[left:start])
    after = html.escape(text[end:right]) + ("…" if right < len(text) else "")
    return f"{before}<mark>{html.escape(text[start:end])}</mark>{after}"
