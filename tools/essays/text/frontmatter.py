"""Front matter: the one reader of the `---` YAML header, and the validation of an essay's fields.

Every reader of front matter (the parser, the importers) splits it off here, so they agree on
what a header is. Validation is a table: each field with how it is read and what a bad value
makes us say; nothing here raises on bad content.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import yaml

from ..model import Finding, Meta, Series, Source
from .safety import web_url

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)
LANGUAGES = ("en", "zh")
# Keys that mkdocs, Material or its blog plugin read; allowed so authors can use them.
PASSTHROUGH_KEYS = {
    "pin", "links", "readtime", "description", "hide", "template",
    "search", "tags", "comments", "status", "icon", "subtitle",
}


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader (libyaml's when installed: parsing front matter is most of a clean
    essay's check time), with dates left as text: YAML reads `2025-02-30` as a date and Python
    then raises; our own check of the text says which key and how to fix it."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_str)


@dataclass(frozen=True)
class Header:
    front: str | None  # the YAML between the '---' lines; None when the file has no header
    body: str  # everything after it
    body_line: int  # the file line the body starts on


def split(text: str) -> Header:
    """The front matter and the body of a Markdown file (newlines already '\\n')."""
    match = FRONT_MATTER.match(text)
    if not match:
        return Header(None, text, 1)
    return Header(match.group(1) or "", text[match.end():], text[: match.end()].count("\n") + 1)


def mapping(front: str | None) -> dict:
    """The header as a mapping, or {} when it is missing or not valid YAML (for importers,
    which read pages written for other sites and take what they can)."""
    try:
        data = yaml.load(front or "", Loader=Loader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# -- validation of an essay's header ---------------------------------------------------------

INVALID = object()  # what a field reader returns for a value it cannot use


def _text(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # `title: 2046` is a title, whatever YAML made of it
    return value.strip() if isinstance(value, str) and value.strip() else INVALID


def _optional_text(value: Any) -> Any:
    return (value.strip() or None) if isinstance(value, str) else INVALID


def _date(value: Any) -> Any:
    return parse_date(value) or INVALID


def parse_date(value: Any) -> dt.date | None:
    """A date written `YYYY-MM-DD` (or with a time after it), or None."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return INVALID


SLUG = re.compile(r"^[\w][\w.-]*$")


def _slug(value: Any) -> Any:
    """A URL's last part, never a path: `slug: ../../x` would write a page outside site/."""
    return value if isinstance(value, str) and SLUG.match(value) and ".." not in value else INVALID


def _flag(value: Any) -> Any:
    return value if isinstance(value, bool) else INVALID


def _languages(value: Any) -> Any:
    found = _strings(value)
    if found is INVALID or not found or len(set(found)) != len(found):
        return INVALID
    return found if all(lang in LANGUAGES for lang in found) else INVALID


def _original(value: Any) -> Any:
    return value if value in LANGUAGES else INVALID


def _source(value: Any) -> Any:
    if not isinstance(value, dict) or not isinstance(value.get("title"), str):
        return INVALID
    fields = {k: value.get(k) for k in ("url", "author", "license")}
    if not all(v is None or isinstance(v, str) for v in fields.values()):
        return INVALID
    return Source(title=value["title"], **fields)


def _series(value: Any) -> Any:
    """`series: {name: <text>, part: <1, 2, ...>}`; YAML's `part: 3` is an int, `true` is not."""
    if not isinstance(value, dict) or set(value) - {"name", "part"}:
        return INVALID
    name, part = _text(value.get("name")), value.get("part")
    if name is INVALID or isinstance(part, bool) or not isinstance(part, int) or part < 1:
        return INVALID
    return Series(name=name, part=part)


@dataclass(frozen=True)
class Rule:
    """A check of a value its field could read: `bad(value)` names the part at fault, or None."""

    bad: Callable[[Any], str | None]
    code: str
    message: str  # "what is wrong — how to fix it", with {shown}: what `bad` named
    key: str | None = None  # the nested key whose line the finding names


def _unsafe_source_url(source: Source) -> str | None:
    return source.url if source.url is not None and not web_url(source.url) else None


@dataclass(frozen=True)
class Field:
    read: Callable[[Any], Any]
    code: str  # of the finding when the value is bad
    message: str  # "what is wrong — how to fix it"
    required: bool = False
    default: Any = None
    rules: tuple[Rule, ...] = ()


FIELDS: dict[str, Field] = {
    "title": Field(_text, "title-missing", "the essay has no title — add 'title: <English "
                   "title>' (and 'title_zh: <中文标题>') to the front matter", required=True),
    "title_zh": Field(_optional_text, "field-invalid", "'title_zh' must be text — write "
                      "'title_zh: <中文标题>'"),
    "date": Field(_date, "date-invalid", "invalid date — write 'date: YYYY-MM-DD', e.g. "
                  "'date: 2025-07-16'", required=True),
    "authors": Field(_strings, "field-invalid", "'authors' must be a list of author ids — "
                     "write 'authors: [jason-wei]' and describe each id in docs/.authors.yml",
                     default=()),
    "categories": Field(_strings, "field-invalid", "'categories' must be a list of topics — "
                        "write 'categories: [AI, Life]'", default=()),
    "languages": Field(_languages, "language-unknown", "unknown language {shown} — write "
                       "'languages: [en, zh]', '[en]' or '[zh]'", default=LANGUAGES),
    "original": Field(_original, "field-invalid", "'original' must be en or zh, the language "
                      "the essay was written in — write 'original: zh' for an essay translated "
                      "into English", default="en"),
    "slug": Field(_slug, "field-invalid", "'slug' must be one plain name (letters, digits, "
                  "'-', '_', '.'), no '/' or '..' — write e.g. 'slug: my-essay'"),
    "draft": Field(_flag, "field-invalid", "'draft' must be true or false — write "
                   "'draft: true' until the essay is ready", default=False),
    "source": Field(_source, "field-invalid", "'source' must have a 'title' and may have "
                    "'url', 'author', 'license' — write them as an indented mapping under "
                    "'source:'",
                    rules=(Rule(_unsafe_source_url, "url-unsafe", "'source.url' {shown!r} is "
                                "not a web address, and a link to it could run script — write an "
                                "http:// or https:// URL, or a path on this site", key="url"),)),
    "series": Field(_series, "field-invalid", "'series' must be a mapping of 'name' (the "
                    "series' title) and 'part' (this essay's place in it: 1, 2, 3, ...) — write "
                    "'series:' then indented 'name: The Twelve-Factor App' and 'part: 3'"),
}
MISSING = {
    "title": FIELDS["title"].message,
    "date": "no date — write 'date: YYYY-MM-DD', e.g. 'date: 2025-07-16'",
}
MISSING_CODES = {"title": "title-missing", "date": "date-missing"}


def read_meta(front: str, path: str, findings: list[Finding]) -> Meta | None:
    """The validated fields of a header, or None (with findings) when any is wrong."""
    meta, found = _read_meta(front, path)
    findings.extend(found)
    return meta


@lru_cache(maxsize=256)
def _read_meta(front: str, path: str) -> tuple[Meta | None, tuple[Finding, ...]]:
    """read_meta of the header's text alone, so cached (Meta and Finding are frozen): the
    versions `essays stale` parses of an essay mostly share their front matter."""
    findings: list[Finding] = []
    return _validated(front, path, findings), tuple(findings)


def _validated(front: str, path: str, findings: list[Finding]) -> Meta | None:
    data = _load(front, path, findings)
    if data is None:
        return None
    lines = {match.group(1): front[: match.start()].count("\n") + 2
             for match in reversed(list(KEY_LINE.finditer(front)))}
    before = len(findings)
    values = {key: _field(key, spec, data, front, path, lines.get(key, 1), findings)
              for key, spec in FIELDS.items()}
    for key in sorted(set(data) - set(FIELDS) - PASSTHROUGH_KEYS):
        findings.append(Finding(path, lines.get(key, 1), "field-unknown",
                                f"unknown front matter key '{key}' — remove it or fix its "
                                f"spelling (known: {', '.join(sorted(FIELDS))})", "warning"))
    if any(f.severity == "error" for f in findings[before:]):
        return None
    if values["series"] is not None:  # cross-essay findings (duplicates, gaps) name this line
        values["series"] = replace(values["series"],
                                   line=_nested_line(front, lines["series"], "part"))
    return Meta(**values)


def _load(front: str, path: str, findings: list[Finding]) -> dict | None:
    try:
        data = yaml.load(front, Loader=Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        findings.append(Finding(path, 2 + (mark.line if mark else 0), "front-matter-yaml",
                                f"front matter is not valid YAML ({problem}) — fix the YAML "
                                "syntax; quote values that contain ':' or start with '['"))
        return None
    if not isinstance(data, dict):
        findings.append(Finding(path, 2, "front-matter-yaml",
                                "front matter is not a mapping — write 'key: value' lines"))
        return None
    return data


def _field(key: str, spec: Field, data: dict, front: str, path: str, line: int,
           findings: list[Finding]) -> Any:
    if key not in data or data[key] is None:
        if spec.required:
            findings.append(Finding(path, line, MISSING_CODES[key], MISSING[key]))
        return spec.default
    value = spec.read(data[key])
    if value is INVALID:
        shown = _unknown_languages(data[key]) if key == "languages" else ""
        if key == "title" and not isinstance(data[key], str):  # there, but not text
            findings.append(Finding(path, line, "field-invalid", f"'{key}' must be text, not "
                                    f"{type(data[key]).__name__} — write '{key}: <text>'"))
        else:
            findings.append(Finding(path, line, spec.code, spec.message.format(shown=shown)))
        return spec.default
    broken = [(rule, shown) for rule in spec.rules if (shown := rule.bad(value)) is not None]
    for rule, shown in broken:
        at = _nested_line(front, line, rule.key) if rule.key else line
        findings.append(Finding(path, at, rule.code, rule.message.format(shown=shown)))
    return spec.default if broken else value


def _nested_line(front: str, line: int, key: str) -> int:
    """The line of `key:` indented under the top-level key on `line` (or `line` itself)."""
    lines = front.split("\n")[line - 2:]  # front's first line is the file's line 2
    for offset, text in enumerate(lines[1:], start=1):
        if not text.startswith((" ", "\t")):
            break
        if text.strip().startswith(f"{key}:"):
            return line + offset
    return line


def _unknown_languages(value: Any) -> str:
    unknown = [str(v) for v in value if v not in LANGUAGES] if isinstance(value, list) else []
    return ", ".join(unknown) or repr(value)
