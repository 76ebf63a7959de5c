"""Outside material -> essay files. One module per source form, one `Draft` they all build.

    raw.py        a raw page in the sample's shape (`essays import PAGE.txt`)
    aligned.py    two single-language files (`--en FILE --zh FILE`)
    commented.py  Chinese with the English in HTML comments (`--commented FILE`)
    authors.py    docs/.authors.yml, which imports add authors to

Every importer builds the essay text in memory; `write_essay` checks it as the build would
and writes it only if it checks clean, through a temporary file renamed into place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..align.check import check_essay, errors
from ..fsutil import write_atomic
from ..model import EssayError, Finding
from ..parse import parse_text
from ..text.scripts import HAN_CHARS
@dataclass
class Draft:
    """An essay about to be written: front matter fields and body blocks (Markdown)."""

    title: str
    date: dt.date
    title_zh: str | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    source: dict | None = None
    blocks: list[str] = field(default_factory=list)

    def front_matter(self) -> dict:
        data: dict = {"title": self.title}
        if self.title_zh:
            data["title_zh"] = self.title_zh
        data["date"] = self.date
        data["authors"] = self.authors
        if self.categories:
            data["categories"] = self.categories
        if self.source:
            data["source"] = self.source
        return data

    def render(self) -> str:
        meta = yaml.safe_dump(self.front_matter(), allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{meta}---\n\n" + "\n\n".join(self.blocks) + "\n"


def slugify(text: str) -> str:
    """A file name from a title: lower-case ASCII words joined by '-' (Han titles keep Han)."""
    words = re.findall(rf"[A-Za-z0-9]+|[{HAN_CHARS}]+", text)
    return "-".join(w.lower() for w in words)[:80].strip("-") or "essay"


def author_id(name: str) -> str:
    return slugify(name) or "author"


def write_essay(draft: Draft, target: Path, display: str, force: bool = False) -> Path:
    """Check the draft as the build would, then write it atomically; never a half-written file."""
    if target.exists() and not force:
        raise EssayError([Finding(display, 1, "exists",
                                  f"{display} already exists — pass --force to replace it, or "
                                  "choose another name with --slug")])
    text = draft.render()
    found = errors(check_essay(parse_text(text, display)))
    if found:
        raise EssayError(found)
    write_atomic(target, text)
    return target
