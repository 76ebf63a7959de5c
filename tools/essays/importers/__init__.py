"""Outside material -> essay files. One module per source form, one `Draft` they all build.

    raw.py        a raw page in the sample's shape (`essays import PAGE.txt`)
    aligned.py    two single-language files (`--en FILE --zh FILE`)
    commented.py  Chinese with the English in HTML comments (`--commented FILE`)
    authors.py    docs/.authors.yml, which imports add authors to

    commonmark.py the blocks of a CommonMark source, as its own renderer sees them
    compose.py    aligned blocks -> the essay's blocks, and the breaks where they part
    trees.py      the pages of two translated folders, paired by path
    run.py        one import onto disk: checked as the build checks, images carried

Every importer builds a `Draft` in memory; run.py writes it only if all of it can be
written, through a temporary file renamed into place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from ..model import Finding
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
    origins: list | None = None  # compose.Piece per block: where each comes from
    breaks: list[Finding] = field(default_factory=list)  # where the sources do not correspond
    notes: list[Finding] = field(default_factory=list)  # what was left out, as info
    title_at: tuple[str, int] | None = None  # where the English title would come from
    draft: bool = False  # written with breaks: Material's `draft: true`, not published
    front: str | None = None  # the front matter as written, when the source carries it whole
    ours: bool = False  # an essay exported by a site like this one: its page links are its own


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
        if self.draft:
            data["draft"] = True
        return data

    def render(self) -> str:
        if self.front is not None:  # kept as written (a TMX export's), `draft` added if due
            flag = "draft: true\n" if self.draft and not re.search(r"^draft:", self.front, re.M) else ""
            meta = self.front.rstrip("\n") + "\n" + flag
        else:
            meta = yaml.safe_dump(self.front_matter(), allow_unicode=True, sort_keys=False,
                                  width=1000)
        return f"---\n{meta}---\n\n" + "\n\n".join(self.blocks) + "\n"


def slugify(text: str) -> str:
    """A file name from a title: lower-case ASCII words joined by '-' (Han titles keep Han)."""
    words = re.findall(rf"[A-Za-z0-9]+|[{HAN_CHARS}]+", text)
    return "-".join(w.lower() for w in words)[:80].strip("-") or "essay"


def author_id(name: str) -> str:
    return slugify(name) or "author"
