"""The check of an essay: the one `check_essay`, and `check_files` for many into one report.

check_essay = the front matter's findings (parse) + the slips in the sequence (slips.py) + the
checks of each pair (pairs.py), in line order. Every command and the build call this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import series_findings
from ..model import Essay, Finding, Series
from ..parse import parse_text
from ..text.reading import Unreadable, read_essay
from .pairs import check_pairs
from .slips import diagnose


@dataclass
class CheckReport:
    essays: int = 0
    pairs: int = 0
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    parsed: list[Essay | None] = field(default_factory=list, repr=False)  # for the build (None: unreadable)
    drafts: set[str] = field(default_factory=set)  # paths of essays marked `draft: true`
    series: list[tuple[str, Series]] = field(default_factory=list, repr=False)  # (path, its)

    def unreadable(self, finding: Finding, keep: bool) -> None:
        if keep:
            self.parsed.append(None)
        self.essays += 1
        self.errors.append(finding)

    def add(self, essay: Essay, findings: Iterable[Finding], keep: bool = True) -> None:
        if keep:
            self.parsed.append(essay)
        if essay.meta and essay.meta.draft:
            self.drafts.add(essay.path)
        if essay.meta and essay.meta.series:
            self.series.append((essay.path, essay.meta.series))
        self.essays += 1
        self.pairs += len(essay.pairs)
        self.found(findings)

    def found(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            (self.errors if finding.severity == "error" else self.warnings).append(finding)

    @property
    def blocking(self) -> list[Finding]:
        """The errors that stop a build: a draft's errors are the translator's to-do list."""
        return [f for f in self.errors if f.path not in self.drafts]

    def to_json(self) -> dict:
        return {
            "essays": self.essays,
            "pairs": self.pairs,
            "errors": [f.to_json() for f in self.errors],
            "warnings": [f.to_json() for f in self.warnings],
            "drafts": sorted(self.drafts),
        }


def check_essay(essay: Essay, punctuation: bool = False) -> list[Finding]:
    """Every finding for one parsed essay, in line order."""
    slips = diagnose(essay.path, essay.written, _pair_numbers(essay)) if essay.written else []
    blamed = _blamed_lines(slips, essay)
    pairs = check_pairs(essay.path, essay.pairs, blamed, punctuation)
    return sorted([*essay.findings, *slips, *pairs], key=lambda f: (f.line, f.code))


def _blamed_lines(slips: list[Finding], essay: Essay) -> set[int]:
    """Lines the slips explain: each error's own, and for a swap also the second pair's
    Chinese, whose numbers and links the swap put out of step too."""
    lines = {f.line for f in errors(slips)}
    swapped = {f.pair + 1 for f in slips if f.code == "swapped-zh" and f.pair}
    return lines | {p.zh.line for p in essay.pairs if p.number in swapped}


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def _pair_numbers(essay: Essay):
    """Block -> the number of the pair it is a half of (None for a block without a partner)."""
    numbers = {id(half): pair.number for pair in essay.pairs for half in (pair.en, pair.zh)}
    return lambda block: numbers.get(id(block))


class CheckCache:
    """Essays already checked, by content: under `mkdocs serve`, a rebuild parses and checks
    again only the essays that changed since the last one. Holds the last run's essays only."""

    def __init__(self) -> None:
        self._entries: dict[tuple, tuple[Essay, list[Finding]]] = {}
        self._seen: dict[tuple, tuple[Essay, list[Finding]]] = {}

    def lookup(self, key: tuple) -> tuple[Essay, list[Finding]] | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._seen[key] = entry
        return entry

    def store(self, key: tuple, entry: tuple[Essay, list[Finding]]) -> None:
        self._seen[key] = entry

    def end_run(self) -> None:
        self._entries, self._seen = self._seen, {}


def check_files(files: Iterable[tuple[Path, str]], punctuation: bool = False,
                cache: CheckCache | None = None, keep: bool = True,
                authors: set[str] | None = None,
                more: Callable[[Essay, Path], list[Finding]] | None = None) -> CheckReport:
    """`files` are (path on disk, path as reports print it); `keep=False` drops each parsed
    essay once checked (the CLI reports findings only: memory stays flat however many).
    `authors`: the ids `.authors.yml` describes, when the caller knows them. `more`: findings
    that are not the text's alone (its lock, stale translations from history), asked of each
    essay that checks clean (a broken text's pairs are not the pairs to link or date), never
    cached: history moves while the text stays. A file that cannot be read is an
    error finding (its `parsed` entry None), never an exception."""
    report = CheckReport()
    for path, display in files:
        try:
            text = read_essay(Path(path), display)
        except Unreadable as problem:
            report.unreadable(problem.finding, keep)
            continue
        key = (display, punctuation, hashlib.sha1(text.encode()).digest())
        entry = cache.lookup(key) if cache is not None else None
        if entry is None:
            essay = parse_text(text, display)
            entry = (essay, check_essay(essay, punctuation=punctuation))
            if cache is not None:
                cache.store(key, entry)
        essay, findings = entry
        extra = more(essay, Path(path)) if more is not None and not errors(findings) else []
        report.add(essay, [*findings, *unknown_authors(essay, authors), *extra], keep=keep)
    report.found(series_findings(report.series))  # across essays: duplicate parts, gaps
    if cache is not None:
        cache.end_run()
    return report


def unknown_authors(essay: Essay, known: set[str] | None) -> list[Finding]:
    """Author ids the authors file does not describe (Material's blog would fail on them)."""
    if known is None or essay.meta is None:
        return []
    lines = essay.front_matter.split("\n")
    line = next((k for k, text in enumerate(lines, 2) if text.startswith("authors:")), 1)
    return [Finding(essay.path, line, "author-unknown", f"the author '{name}' is not in "
                    ".authors.yml — describe it there (name, description, avatar), or fix the id")
            for name in essay.meta.authors if name not in known]
