"""Essay file -> Essay: front matter validated, body split into blocks and paired.

Pure Python: no mkdocs import, so `essays check` starts fast and the core is testable alone.
Parsing never raises on bad content; every problem becomes a Finding with a line number.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .aligner import Written, diagnose
from .blocks import EXCERPT_CHARS, HAN, LATIN, excerpt, has_han, prose, split_blocks  # noqa: F401
from .model import SHARED_KINDS, Block, Essay, Finding, Meta, Pair, Source

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
LANGUAGES = {"en", "zh"}
# Keys that mkdocs, Material or its blog plugin read; allowed so authors can use them.
PASSTHROUGH_KEYS = {
    "slug", "draft", "pin", "links", "readtime", "description", "hide", "template",
    "search", "tags", "comments", "status", "icon", "subtitle",
}
# libyaml's loader when installed: parsing front matter is most of a clean essay's check time.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OUR_KEYS = {"title", "title_zh", "date", "authors", "categories", "languages", "source"}


def parse_file(path: str | Path, display: str | None = None) -> Essay:
    """Parse the essay at `path`; reports name it `display` (default: the path as given)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return parse_text(text, display or str(path))


def parse_text(text: str, path: str) -> Essay:
    text = text.replace("\r\n", "\n")
    findings: list[Finding] = []
    match = FRONT_MATTER.match(text)
    if not match:
        findings.append(Finding(path, 1, "front-matter-missing",
                                "no front matter — start the file with a '---' line, the "
                                "title, date and authors in YAML, and a closing '---' line"))
        meta, body, body_line, front = None, text, 1, ""
    else:
        front = match.group(1) or ""
        meta = _read_meta(front, path, findings)
        body = text[match.end():]
        body_line = text[: match.end()].count("\n") + 1
    blocks = split_blocks(body, body_line)
    essay = Essay(path=path, meta=meta, blocks=blocks, findings=findings, body_line=body_line,
                  front_matter=front)
    if meta is None or meta.bilingual:
        essay.body = pair_blocks(essay)
    else:
        essay.body = list(blocks)
    return essay


# -- front matter ----------------------------------------------------------------------------


def _read_meta(source: str, path: str, findings: list[Finding]) -> Meta | None:
    try:
        data = yaml.load(source, Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        findings.append(Finding(path, line, "front-matter-yaml",
                                f"front matter is not valid YAML ({problem}) — fix the YAML "
                                "syntax; quote values that contain ':' or start with '['"))
        return None
    if not isinstance(data, dict):
        findings.append(Finding(path, 2, "front-matter-yaml",
                                "front matter is not a mapping — write 'key: value' lines"))
        return None
    lines = _key_lines(source)
    return _validate(data, path, lines, findings)


def _key_lines(source: str) -> dict[str, int]:
    """File line of each top-level key (the front matter starts on line 2)."""
    found = {}
    for offset, line in enumerate(source.split("\n")):
        key = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if key:
            found.setdefault(key.group(1), offset + 2)
    return found


def _validate(data: dict[str, Any], path: str, lines: dict[str, int], findings: list[Finding]) -> Meta | None:
    def fail(key: str, code: str, message: str, severity: str = "error") -> None:
        findings.append(Finding(path, lines.get(key, 1), code, message, severity))  # type: ignore[arg-type]

    before = len(findings)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        fail("title", "title-missing", "the essay has no title — add 'title: <English title>' "
             "(and 'title_zh: <中文标题>') to the front matter")
    title_zh = data.get("title_zh")
    if title_zh is not None and not isinstance(title_zh, str):
        fail("title_zh", "field-invalid", "'title_zh' must be text — write 'title_zh: <中文标题>'")
    date = _date(data.get("date"))
    if date is None:
        code = "date-missing" if "date" not in data else "date-invalid"
        fail("date", code, f"{'no' if code == 'date-missing' else 'invalid'} date — write "
             "'date: YYYY-MM-DD', e.g. 'date: 2025-07-16'")
    languages = _strings(data.get("languages", ["en", "zh"]))
    unknown = [lang for lang in (languages or []) if lang not in LANGUAGES]
    if languages is None or unknown or not languages or len(set(languages)) != len(languages):
        shown = ", ".join(map(str, unknown)) or repr(data.get("languages"))
        fail("languages", "language-unknown", f"unknown language {shown} — write "
             "'languages: [en, zh]', '[en]' or '[zh]'")
        languages = ["en", "zh"]
    authors = _strings(data.get("authors", []))
    if authors is None:
        fail("authors", "field-invalid", "'authors' must be a list of author ids — write "
             "'authors: [jason-wei]' and describe each id in docs/.authors.yml")
    categories = _strings(data.get("categories", []))
    if categories is None:
        fail("categories", "field-invalid", "'categories' must be a list of topics — write "
             "'categories: [AI, Life]'")
    source = _source(data.get("source"))
    if source is False:
        fail("source", "field-invalid", "'source' must have a 'title' and may have 'url', "
             "'author', 'license' — write them as an indented mapping under 'source:'")
    for key in sorted(set(data) - OUR_KEYS - PASSTHROUGH_KEYS):
        fail(key, "field-unknown", f"unknown front matter key '{key}' — remove it or fix its "
             f"spelling (known: {', '.join(sorted(OUR_KEYS))})", "warning")
    if any(f.severity == "error" for f in findings[before:]):
        return None
    return Meta(title=title.strip(), date=date, title_zh=(title_zh or "").strip() or None,
                authors=tuple(authors), categories=tuple(categories),
                languages=tuple(languages), source=source or None)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _source(value: Any) -> Source | None | bool:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("title"), str):
        return False
    fields = {k: value.get(k) for k in ("url", "author", "license")}
    if not all(v is None or isinstance(v, str) for v in fields.values()):
        return False
    return Source(title=value["title"], **fields)


# -- pairing ---------------------------------------------------------------------------------

# What translators leave in a slot they have not filled yet.
PLACEHOLDER = re.compile(r"^\W*(?:待译|待翻译|未翻译|翻译中|TODO|TBD|TK)\W*$", re.I)


def pair_blocks(essay: Essay) -> list[Pair | Block]:
    """Pair each English block with the block after it that fills its translation slot.

    Shared blocks (code, images, formulas...) stand between pairs, never inside one. Blocks
    left without a partner, and pairs whose halves do not match, are handed to the aligner,
    which reports each slip once, however many pairs it shifted.
    """
    body, written = _pair_in_order(essay.blocks)
    numbers = {id(item.en): item.number for item in body if isinstance(item, Pair)}
    numbers.update({id(item.zh): item.number for item in body if isinstance(item, Pair)})
    pair_of = lambda block: numbers.get(id(block))  # noqa: E731
    essay.findings.extend(diagnose(essay.path, written, pair_of))
    return body


def _pair_in_order(blocks: list[Block]) -> tuple[list[Pair | Block], Written]:
    body: list[Pair | Block] = []
    written: Written = []
    pending: Block | None = None  # an English block waiting for its translation
    for k, block in enumerate(blocks):
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        if pending is not None and _fills_slot(pending, block, following):
            written.append((pending, block))
            body.append(Pair(sum(1 for en, zh in written if en and zh), pending, block))
            pending = None
            continue
        if pending is not None:
            written.append(_unpaired(pending))
            pending = None
        if block.lang == "en":
            pending = block
        elif block.lang == "zh":
            written.append((None, block))
        else:
            body.append(block)
    if pending is not None:
        written.append(_unpaired(pending))
    return body, written


def _unpaired(block: Block) -> tuple[Block | None, Block | None]:
    """A lone block with Han in it is a Chinese block (a translator's note), not an English one."""
    return (None, block) if has_han(block.text) else (block, None)


def _fills_slot(en: Block, block: Block, following: Block | None) -> bool:
    """Whether `block` stands in the translation slot of the English block `en` before it.

    Chinese that is mostly names and code (a table of libraries, say) has more Latin letters
    than Han characters; after an English block, any Han text is taken as its translation. So
    are the English itself copied unchanged (unless a translation follows: then the English
    was duplicated) and an empty or placeholder slot: the checker then reports them as
    untranslated, which is the slip, rather than as a missing translation.
    """
    if block.kind in SHARED_KINDS:
        return False
    if _is_translation(block):
        return True
    if " ".join(block.text.split()) == " ".join(en.text.split()):
        return following is None or not _is_translation(following)
    words = prose(block.text)
    empty = block.kind == en.kind and not (HAN.search(words) or LATIN.search(words))
    return empty or bool(PLACEHOLDER.match(block.text.lstrip("#>*- ")))


def _is_translation(block: Block) -> bool:
    return block.kind not in SHARED_KINDS and (block.lang == "zh" or has_han(block.text))


def essay_pairs(body: list[Pair | Block]) -> list[Pair]:
    return [item for item in body if isinstance(item, Pair)]
