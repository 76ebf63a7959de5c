"""Check many essays: parse each, run the alignment checks, gather one report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import align
from .model import Essay, Finding
from .parse import parse_file


@dataclass
class Report:
    essays: int = 0
    pairs: int = 0
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    parsed: list[Essay] = field(default_factory=list, repr=False)  # for the build to render

    def add(self, essay: Essay, findings: Iterable[Finding]) -> None:
        self.parsed.append(essay)
        self.essays += 1
        self.pairs += len(essay.pairs)
        for finding in findings:
            (self.errors if finding.severity == "error" else self.warnings).append(finding)

    def to_json(self) -> dict:
        return {
            "essays": self.essays,
            "pairs": self.pairs,
            "errors": [f.to_json() for f in self.errors],
            "warnings": [f.to_json() for f in self.warnings],
        }


def check_essay(essay: Essay, punctuation: bool = False) -> list[Finding]:
    """Every finding for one parsed essay: parsing's own, then the alignment checks."""
    return sorted([*essay.findings, *align.check_essay(essay, punctuation=punctuation)],
                  key=lambda f: (f.line, f.code))


def check_files(files: Iterable[tuple[Path, str]], punctuation: bool = False) -> Report:
    """`files` are (path on disk, path as reports print it)."""
    report = Report()
    for path, display in files:
        essay = parse_file(path, display)
        report.add(essay, check_essay(essay, punctuation=punctuation))
    return report
