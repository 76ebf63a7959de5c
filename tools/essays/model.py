"""The data of an essay: blocks, pairs, front matter and findings. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["en", "zh", "shared"]
Severity = Literal["error", "warning", "info"]

# Block kinds. "Text" kinds carry language and must be paired; the shared ones are written
# once and shown to readers of both languages ("markup": HTML that is only tags, a wrapper's
# opening or closing line). A "solo" block (`::: en` or `::: zh` ... `:::`) is in one language
# and shown to its readers only: never paired, never numbered.
TEXT_KINDS = frozenset({"paragraph", "heading", "list", "quote", "table", "html", "admonition"})
SHARED_KINDS = frozenset({"code", "math", "image", "rule", "comment", "refs", "markup"})
SOLO = "solo"


@dataclass(frozen=True)
class Block:
    """A blank-line separated Markdown block, as the author wrote it."""

    text: str
    line: int  # 1-based line of the block's first line in its file
    kind: str  # one of TEXT_KINDS | SHARED_KINDS, or SOLO
    lang: Lang  # a solo block's is the one its opening line names
    level: int = 0  # heading level, 0 for every other kind

    @property
    def end_line(self) -> int:
        return self.line + self.text.count("\n")


@dataclass(frozen=True)
class Pair:
    """An English block and its Chinese translation.

    `number` is its place in reading order ("pair N" in reports); `anchor` is N of its page
    anchor `#pN`, which stays with the pair when others are inserted, deleted or moved
    (history/links.py sets it; until then it is the number). An image pair's halves are two
    images (kind "image"): the English one, then a `::: zh` container holding the Chinese one."""

    number: int
    en: Block
    zh: Block
    link: int = 0  # the stable anchor's N, once known

    @property
    def anchor(self) -> int:
        return self.link or self.number

    @property
    def line(self) -> int:
        return self.en.line

    @property
    def kind(self) -> str:
        return self.en.kind


@dataclass(frozen=True)
class Source:
    """Where the essay comes from: the sample's "Refer To" line."""

    title: str
    url: str | None = None
    author: str | None = None
    license: str | None = None


@dataclass(frozen=True)
class Series:
    """The essay's place in a series: `part` N of the essays sharing `name` (1, 2, 3, ...).
    Listings show a series' essays of one date in part order; each links its neighbours."""

    name: str
    part: int
    line: int = field(default=0, compare=False)  # of `part:` in the file, for findings


@dataclass(frozen=True)
class Meta:
    """Validated front matter."""

    title: str
    date: dt.date
    title_zh: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en", "zh")
    source: Source | None = None
    original: Lang = "en"  # the language written first; the other is the translation
    draft: bool = False  # Material's `draft: true`: checked, never published
    slug: str | None = None  # the URL's last part, when not made from the title
    series: Series | None = None

    @property
    def bilingual(self) -> bool:
        return len(self.languages) == 2

    @property
    def display_title(self) -> str:
        """Both titles, for places that hold only text (<title>, feeds, search results)."""
        if self.title_zh and self.title_zh != self.title:
            return f"{self.title} · {self.title_zh}"
        return self.title


@dataclass(frozen=True)
class Finding:
    """One problem in one essay. `message` reads "what is wrong — how to fix it"."""

    path: str
    line: int
    code: str
    message: str
    severity: Severity = "error"
    pair: int | None = None
    en: str | None = None
    zh: str | None = None

    def __str__(self) -> str:
        where = f" (pair {self.pair})" if self.pair is not None else ""
        return f"{self.path}:{self.line}: {self.severity} {self.code}{where}: {self.message}"

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "pair": self.pair,
            "code": self.code,
            "message": self.message,
            "en": self.en,
            "zh": self.zh,
        }


@dataclass(frozen=True)
class Gone:
    """The anchor of a pair deleted from the essay, and the pair its links land on now."""

    anchor: int
    lands: int  # anchor of the live pair in its place
    before: bool  # True: it stood just before `lands`; False: just after it (it was last)


@dataclass(frozen=True)
class Lag:
    """A pair whose translation may be out of date: its `side` lags behind the original,
    which last changed on `changed` (history/stale.py)."""

    side: Lang  # "zh" (stale-zh) or "en" (stale-en)
    changed: dt.date | None  # None: in edits not committed yet


# The pairs as the author wrote them, in order, with every block left without a partner:
# (English, Chinese), (English, None) or (None, Chinese). The checker diagnoses it.
Written = list[tuple[Block | None, Block | None]]


@dataclass
class Essay:
    """One parsed essay file. `body` is the reading order: pairs and shared blocks."""

    path: str  # as given to the parser; reports print it unchanged
    meta: Meta | None
    blocks: list[Block]  # every body block in file order, before pairing
    body: list[Pair | Block] = field(default_factory=list)
    written: Written = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the front matter's; see align.check
    body_line: int = 1  # line where the body starts (after the front matter)
    front_matter: str = ""  # as written, between the '---' lines
    gone: tuple[Gone, ...] = ()  # anchors of deleted pairs (history/links.py)
    lags: dict[int, Lag] = field(default_factory=dict)  # by anchor: translations out of date

    @property
    def pairs(self) -> list[Pair]:
        return [item for item in self.body if isinstance(item, Pair)]


class EssayError(Exception):
    """Raised at the edges (import, build) when an essay cannot be used; carries its findings."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))
