"""Aligned source blocks -> the blocks of an essay file, and the breaks where they part.

A break is a stretch where the two sources do not correspond: English with no translation,
Chinese with no original, one block translating two. Each is reported once, at its first
line in the file that has it, naming the place in the other file, in reading order. With
--draft the essay is written anyway: matched pairs paired, each unmatched block kept where
it stands, for `essays check` to point at in our format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..align.sources import Match
from ..model import Block, Finding
from ..text.blocks import kind_of
from ..text.scripts import HAN, has_han, language
from .commonmark import HEADING_ID, HEADINGS, ZH_TITLES, admonition

# A Chinese block only a translation has: its translator's credit or note.
TRANSLATOR_NOTE = re.compile(r"^[\s>*_#\[（(]*(?:作者|译者注|译注|译者|翻译|校对|审校|译文|本文译自|原文)")
# A translation's link to the original file it was made from, alone in its paragraph:
# trpl-zh-cn's `[ch03-04-comments.md](https://github.com/rust-lang/book/blob/<commit>/src/…)`.
SOURCE_LINK = re.compile(r"^\[[^\]\n]+\]\(https?://[^)\s]+/blob/[0-9a-f]{7,40}/[^)\s]+\)$")
LONE = {(1, 0), (0, 1)}
SEPARATOR = "<!-- -->"
NOTE_TITLE = 12  # characters: "__译者注__" alone on its line titles the blocks after it
ADMONITION_HEAD = re.compile(r"^(!!!|\?\?\?) (\w+)(?: \"[^\"]*\")?\n")


@dataclass(frozen=True)
class Sources:
    en_path: str
    zh_path: str

    @property
    def commented(self) -> bool:
        """One file holding both languages (--commented): text that needs no translation
        is written once there, outside the comments."""
        return self.en_path == self.zh_path


def solo(lang: str, text: str) -> str:
    """A one-language block of the essay format."""
    return f"::: {lang}\n{text}\n:::"


@dataclass(frozen=True)
class Piece:
    """A block of the essay to write, and the source line it comes from (for findings)."""

    text: str
    path: str
    line: int


def compose(matches: list[Match], sources: Sources) -> tuple[list[Piece], list[Finding], list[Finding]]:
    """The essay's body blocks in order, one finding per break, and notes (info) on what
    was written as one-language text."""
    pieces: list[Piece] = []
    breaks: list[Finding] = []
    notes: list[Finding] = []
    run: list[int] = []  # indices of the unmatched text matches of the current break
    in_note = False

    def emit(texts: list[str], blocks, match: Match) -> None:
        for text, block in zip(texts, blocks):
            path = sources.en_path if any(block is b for b in match.en) else sources.zh_path
            pieces.append(Piece(text, path, block.line))

    for k, match in enumerate(matches):
        both = (*match.en, *match.zh)
        if match.shared:
            texts = _shared(match)
            emit(texts, [*both, *both][: len(texts)], match)
            continue
        lone = match.zh[0] if match.shape == (0, 1) else None
        noted = lone is not None and (
            bool(TRANSLATOR_NOTE.match(lone.text) or SOURCE_LINK.match(lone.text.strip()))
            or (in_note and lone.kind != "heading"))
        in_note = noted and len(lone.text) <= NOTE_TITLE  # a title: what follows is the note
        if noted:  # a translator's note or credit, and the Chinese-only blocks after its title
            emit([solo("zh", match.zh[0].text)], match.zh, match)
            notes.append(Finding(sources.zh_path, match.zh[0].line, "import-chinese-only",
                                 "a translator's note or credit: written as a Chinese-only block "
                                 "('::: zh')", "info"))
            continue
        if match.shape == (1, 1):
            _close(run, matches, sources, breaks)
            emit(_pair(*match.en, *match.zh), both, match)
            continue
        if lone is not None and (original := _neutral(lone, sources)) is not None:
            _close(run, matches, sources, breaks)
            emit([original, lone.text], (lone, lone), match)
            continue
        if run and {matches[run[-1]].shape, match.shape} - LONE:
            _close(run, matches, sources, breaks)  # a merge or a split stands alone
        run.append(k)
        emit([b.text for b in both], both, match)
    _close(run, matches, sources, breaks)
    return _kept_apart(pieces), breaks, notes


def _kept_apart(pieces: list[Piece]) -> list[Piece]:
    """A comment between two lists (or quotes) of one language that follow each other: a
    CommonMark renderer shows two lists there, Python-Markdown would join them into one (an
    unmatched block kept in a draft, or a translation that ended a list early)."""
    kept: list[Piece] = []
    for piece in pieces:
        if kept and _joins(kept[-1].text, piece.text):
            kept.append(Piece(SEPARATOR, piece.path, piece.line))
        kept.append(piece)
    return kept


def _joins(before: str, after: str) -> bool:
    kinds = kind_of(before.split("\n"))[0], kind_of(after.split("\n"))[0]
    return kinds[0] == kinds[1] in ("list", "quote") and has_han(before) == has_han(after)


def _neutral(block: Block, sources: Sources) -> str | None:
    """The English of a Chinese-side block that needs no translation: text with no Chinese in
    it (a list of field names, a command), which a commented page writes once, outside the
    comments; or a site heading (`{{% heading "whatsnext" %}}`), whose English is known."""
    if block.kind != "heading":
        plain = sources.commented and not HAN.search(block.text) and language(block.text) != "zh"
        return block.text if plain else None
    marks, _, text = block.text.partition(" ")
    english = {zh: en for en, zh in HEADINGS.values()}.get(text.strip())
    return f"{marks} {english}" if block.kind == "heading" and english else None


def _pair(en: Block, zh: Block) -> list[str]:
    """A pair; a note on one side only (Hugo puts the English comment outside the note)
    becomes a note on both, so the two halves are the same kind of block. A heading id is
    written once, on the English."""
    if en.kind == "admonition" and zh.kind != "admonition":
        return [en.text, admonition(_head(en.text, "zh"), zh.text)]
    if zh.kind == "admonition" and en.kind != "admonition":
        return [admonition(_head(zh.text, "en"), en.text), zh.text]
    if en.kind == zh.kind == "heading":
        ids = HEADING_ID.search(en.text), HEADING_ID.search(zh.text)
        if ids[1] and (ids[0] is None or ids[0].group(1) == ids[1].group(1)):
            en_text = en.text if ids[0] else f"{en.text} {{#{ids[1].group(1)}}}"
            return [en_text, HEADING_ID.sub("", zh.text)]
    return [en.text, zh.text]


def _head(text: str, lang: str) -> str:
    kind = ADMONITION_HEAD.match(text + "\n")
    name = kind.group(2) if kind else "note"
    title = ZH_TITLES.get(name, "") if lang == "zh" else ""
    return f'!!! {name} "{title}"' if title else f"!!! {name}"


def _shared(match: Match) -> list[str]:
    """Written once; where the two differ, each language gets its own (a localised image is
    an image pair; code whose comments were translated, one block per language)."""
    present = [*match.en, *match.zh]
    if len(present) == 1 or present[0].text == present[1].text:
        return [present[0].text]
    en, zh = present
    if en.kind == "image":
        return [en.text, solo("zh", zh.text)]
    if en.kind == "refs":
        seen = en.text.split("\n")
        return ["\n".join([*seen, *(row for row in zh.text.split("\n") if row not in seen)])]
    if en.kind == "markup":
        return [en.text]
    return [solo("en", en.text), solo("zh", zh.text)]


def _close(run: list[int], matches: list[Match], sources: Sources, breaks: list[Finding]) -> None:
    if run:
        breaks.append(_break([matches[k] for k in run], _neighbour(matches, run), sources))
        run.clear()


def _neighbour(matches: list[Match], run: list[int]) -> tuple[Block | None, Block | None]:
    """The paired English and Chinese blocks right after the break (or before, at the end)."""
    after = [m for m in matches[run[-1] + 1:] if m.shape == (1, 1) and not m.shared]
    before = [m for m in matches[: run[0]] if m.shape == (1, 1) and not m.shared]
    near = after[0] if after else (before[-1] if before else None)
    return (near.en[0], near.zh[0]) if near else (None, None)


def _break(run: list[Match], near: tuple[Block | None, Block | None], sources: Sources) -> Finding:
    shape = run[0].shape
    en = [b for m in run for b in m.en]
    zh = [b for m in run for b in m.zh]
    en_near, zh_near = near
    if {m.shape for m in run} == LONE:  # English and Chinese side by side, neither the other's
        return Finding(sources.en_path, en[0].line, "import-mismatch",
                       f"{_count(en, 'English block')} {_lines(en)} and {sources.zh_path} "
                       f"{_lines(zh)} do not translate each other — make the Chinese translate "
                       f"the English (or the English match the Chinese), or import with --draft "
                       "and fix them in the essay", en=en[0].text[:80], zh=zh[0].text[:80])
    if shape == (1, 0):
        where = f" (the Chinese goes on at {sources.zh_path}:{zh_near.line})" if zh_near else ""
        return Finding(sources.en_path, en[0].line, "import-missing-zh",
                       f"{_count(en, 'English block')} {_lines(en)} {_have(en)} no translation"
                       f"{where} — translate {_them(en)} in {sources.zh_path}, or import with "
                       f"--draft and write {_them(en)} as '::: en' if English only",
                       en=en[0].text[:80])
    if shape == (0, 1):
        where = f" (the English goes on at {sources.en_path}:{en_near.line})" if en_near else ""
        return Finding(sources.zh_path, zh[0].line, "import-missing-en",
                       f"{_count(zh, 'Chinese block')} {_lines(zh)} {_have(zh)} no English original"
                       f"{where} — add the English to {sources.en_path}, or import with --draft "
                       f"and write {_them(zh)} as '::: zh' if Chinese only (a translator's note)",
                       zh=zh[0].text[:80])
    if shape == (2, 1):
        return Finding(sources.zh_path, zh[0].line, "import-merged",
                       f"one Chinese block translates two English blocks ({sources.en_path}:"
                       f"{en[0].line} and {en[1].line}) — split it in two, or join the English",
                       en=en[0].text[:80], zh=zh[0].text[:80])
    return Finding(sources.zh_path, zh[0].line, "import-split",
                   f"two Chinese blocks (lines {zh[0].line} and {zh[1].line}) translate one "
                   f"English block ({sources.en_path}:{en[0].line}) — join them, or split the English",
                   en=en[0].text[:80], zh=zh[0].text[:80])


def _count(blocks: list[Block], noun: str) -> str:
    return f"{len(blocks)} {noun}s" if len(blocks) > 1 else f"the {noun}"


def _lines(blocks: list[Block]) -> str:
    last = blocks[-1].end_line
    return f"(line {blocks[0].line})" if last == blocks[0].line else f"(lines {blocks[0].line}–{last})"


def _have(blocks: list[Block]) -> str:
    return "have" if len(blocks) > 1 else "has"


def _them(blocks: list[Block]) -> str:
    return "them" if len(blocks) > 1 else "it"
