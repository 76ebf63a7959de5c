"""A TMX file -> the essays it holds (`essays import --tmx FILE`).

An export of ours (`essays export --format tmx`) carries each essay's front matter and the
blocks between its pairs as properties: it imports back to the same essays. A TMX from a
translation tool (OmegaT, Trados, memoQ, Weblate) holds pairs only: it becomes one essay, its
units in order, which needs a title (`--title`). Parsed with lxml, without entities or
network (a TMX is outside input); every problem names the element and its line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from lxml import etree

from ..importers import Draft
from ..model import EssayError, Finding
from ..text import frontmatter
from . import AFTER, BEFORE, ESSAY, FRONT_MATTER

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read_tmx(data: bytes, display: str) -> list[tuple[str, Draft]]:
    """(file name stem, draft) per essay, in the order the file first names them."""
    root = _parse(data, display)
    header, body = root.find("header"), root.find("body")
    if body is None:
        raise _error(display, root, "<tmx> has no <body> — is this a TMX file?")
    fronts, after = _header(header, display)
    essays: dict[str | None, list[str]] = {}
    for tu in body.iter("tu"):
        path = _prop(tu, ESSAY)
        blocks = essays.setdefault(path, [])
        blocks.extend(p.text or "" for p in tu.iter("prop") if p.get("type") == BEFORE)
        en, zh = _halves(tu, display)
        blocks += [en, zh]
    if not essays:
        raise _error(display, body, "<body> holds no <tu> — export some pairs first")
    return [(_stem(path, display), _draft(path, blocks + after.get(path, []), fronts.get(path)))
            for path, blocks in essays.items()]


def _parse(data: bytes, display: str) -> etree._Element:
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER))
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        raise EssayError([Finding(display, line, "tmx-invalid", f"not well-formed XML "
                                  f"({error.msg}) — fix the file, or export it again")]) from None
    if root.tag != "tmx":
        raise _error(display, root, f"the root element is <{root.tag}>, not <tmx> — give a TMX "
                     "file (XLIFF is for export only)")
    return root


def _header(header, display: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Our properties: each essay's front matter, and its blocks after its last pair."""
    fronts: dict[str, str] = {}
    after: dict[str, list[str]] = {}
    for prop in header.iter("prop") if header is not None else ():
        path, _, rest = (prop.text or "").partition("\n")
        if prop.get("type") == FRONT_MATTER:
            fronts[path] = rest
        elif prop.get("type") == AFTER:
            after.setdefault(path, []).append(rest.removeprefix("\n"))
    return fronts, after


def _halves(tu, display: str) -> tuple[str, str]:
    found: dict[str, str] = {}
    for tuv in tu.iter("tuv"):
        lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
        side = "en" if lang.split("-")[0] == "en" else "zh" if lang.split("-")[0] == "zh" else None
        if side is None:
            raise _error(display, tuv, f'<tuv xml:lang="{lang}"> is neither English nor Chinese — '
                         "an essay pairs English (en) with Chinese (zh, zh-Hans, zh-CN); export "
                         "only those two languages")
        if side in found:
            raise _error(display, tuv, f"<tu> has a second {side} <tuv> — keep one per language")
        seg = tuv.find("seg")
        found[side] = "".join(seg.itertext()).strip() if seg is not None else ""
    for side, name in (("en", "English"), ("zh", "Chinese")):
        if not found.get(side):
            raise _error(display, tu, f"<tu> has no {name} <tuv> with text — every unit must "
                         "hold both languages")
    return found["en"], found["zh"]


def _draft(path: str | None, blocks: list[str], front: str | None) -> Draft:
    if front is None:  # a translation tool's TMX: the title and date come from options
        return Draft(title="", date=dt.date.today(), blocks=blocks)
    meta = frontmatter.mapping(front) or {}
    return Draft(title=str(meta.get("title") or ""), date=dt.date.today(), blocks=blocks,
                 front=front, ours=True)


def _stem(path: str | None, display: str) -> str:
    return PurePosixPath(path).stem if path else PurePosixPath(display).stem


def _prop(tu, kind: str) -> str | None:
    return next((p.text for p in tu.iter("prop") if p.get("type") == kind), None)


def _error(display: str, element, message: str) -> EssayError:
    return EssayError([Finding(display, element.sourceline or 1, "tmx-invalid", message)])
