"""The glossary: `docs/glossary.yml`, a list of terms, each an English term, its approved
Chinese translations (the first preferred), forbidden variants and a note.

    - en: on-policy
      zh: [基于自身策略]
      forbidden: [在策略]
      note: learning from one's own actions, as opposed to imitation

English matches by the search's own stems (`policies` finds `policy`), as words in order;
Chinese by substring. Every problem is a `glossary.yml:line` error; TBX (ISO 30042) and CSV
are read and written for translation tools (tbx.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Finding
from ..search.analysis import stem

GLOSSARY_FILE = "glossary.yml"
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
PATTERN_CHARS = re.compile(r"[*?\[\]{}()\\|^$+]")


@dataclass(frozen=True)
class Term:
    en: str
    zh: tuple[str, ...]  # approved, the first preferred
    forbidden: tuple[str, ...] = ()
    note: str = ""
    line: int = 1  # of its entry in the glossary file

    @property
    def stems(self) -> tuple[str, ...]:
        return words(self.en)

    @property
    def slug(self) -> str:
        return "-".join(w.lower() for w in WORD.findall(self.en)) or "term"


def words(text: str) -> tuple[str, ...]:
    """Stems of the English words of `text`, lower-cased, as search stems them."""
    found = WORD.findall(text)
    if "’" in text:
        found = [w.replace("’", "'") for w in found]
    return tuple(map(stem, map(str.lower, found)))


class GlossaryError(Exception):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(map(str, findings)))


def read_glossary(path: Path, display: str) -> list[Term]:
    """The glossary at `path` ([] when there is none). Raises GlossaryError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError([Finding(display, 1, "glossary-invalid", f"cannot read it ({error}) "
                                     "— save it as UTF-8 text")]) from None
    return parse_glossary(text, display)


def parse_glossary(text: str, display: str) -> list[Term]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GlossaryError([Finding(display, (mark.line + 1) if mark else 1, "glossary-invalid",
                                     f"not valid YAML ({getattr(error, 'problem', error)}) — "
                                     "write a list of '- en: …' entries")]) from None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise GlossaryError([Finding(display, node.start_mark.line + 1, "glossary-invalid",
                                     "the glossary is not a list — write one '- en: <term>' entry "
                                     "per term")])
    terms, problems, seen = [], [], {}
    for item in node.value:
        line = item.start_mark.line + 1
        term = _term(yaml.safe_load(yaml.serialize(item)), line, display, problems)
        if term is None:
            continue
        if term.stems in seen:
            problems.append(Finding(display, line, "glossary-duplicate", f"'{term.en}' is already "
                                    f"an entry at line {seen[term.stems]} — merge the two"))
            continue
        seen[term.stems] = line
        terms.append(term)
    if problems:
        raise GlossaryError(problems)
    return terms


def _term(data, line: int, display: str, problems: list[Finding]) -> Term | None:
    def bad(message: str) -> None:
        problems.append(Finding(display, line, "glossary-invalid", message))

    if not isinstance(data, dict) or not isinstance(data.get("en"), str) or not data["en"].strip():
        return bad("an entry without an English term — write '- en: <term>'")
    en = data["en"].strip()
    if PATTERN_CHARS.search(en) or not WORD.search(en):
        return bad(f"'{en}' is not a term: terms are matched as words, not patterns — write the "
                   "words themselves")
    zh = _strings(data.get("zh"))
    if not zh:
        return bad(f"'{en}' has no translation — add 'zh: [<approved translation>]'")
    forbidden = _strings(data.get("forbidden")) if data.get("forbidden") is not None else ()
    if forbidden is None or set(forbidden) & set(zh):
        return bad(f"'{en}': 'forbidden' must be a list of variants, none of them approved")
    note = data.get("note") or ""
    if not isinstance(note, str):
        return bad(f"'{en}': 'note' must be text")
    unknown = set(data) - {"en", "zh", "forbidden", "note"}
    if unknown:
        return bad(f"'{en}': unknown key {', '.join(sorted(unknown))} — the keys are en, zh, "
                   "forbidden, note")
    return Term(en, zh, forbidden, note.strip(), line)


def _strings(value) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return tuple(v.strip() for v in value)


def format_glossary(terms: list[Term]) -> str:
    """The YAML the glossary file holds (for an import from TBX or CSV)."""
    entries = []
    for t in terms:
        entry = {"en": t.en, "zh": list(t.zh)}
        if t.forbidden:
            entry["forbidden"] = list(t.forbidden)
        if t.note:
            entry["note"] = t.note
        entries.append(entry)
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
