"""Measure the alignment checker: warnings on intact corpora, detection of corruptions, speed.

    .venv/bin/python tests/measure_align.py [--essays 1000] [--pairs 20]

Not a test (nothing here asserts): it prints the figures the README quotes.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corruptions import (CORRUPTIONS, FIXTURES, Doc, change_link, change_number, prose_pairs,  # noqa: E402
                         real_essays, repeat_number)
from essays.align.check import check_essay  # noqa: E402
from essays.bench.fixtures import matching_sections  # noqa: E402
from essays.parse import parse_text  # noqa: E402

HEAD = "---\ntitle: {title}\ndate: 2024-01-01\n---\n\n"


def primer_essay() -> str:
    """system-design-primer's matching sections, interleaved as one essay."""
    root = FIXTURES / "system-design-primer"
    pairs = matching_sections((root / "README.md").read_text(encoding="utf-8"),
                              (root / "README-zh-Hans.md").read_text(encoding="utf-8"))
    return HEAD.format(title="Primer") + "\n\n".join(f"{en}\n\n{zh}" for en, zh in pairs) + "\n"


def warning_rate(essays: dict[str, str]) -> None:
    for punctuation in (False, True):
        pairs, codes, errors = 0, Counter(), Counter()
        for name, text in essays.items():
            essay = parse_text(text, name)
            pairs += len(essay.pairs)
            for f in check_essay(essay, punctuation=punctuation):
                (codes if f.severity == "warning" else errors)[f.code] += 1
        total = sum(codes.values())
        print(f"intact, punctuation={punctuation}: {len(essays)} essays, {pairs} pairs, "
              f"errors {dict(errors)}, {total} warnings = {100 * total / pairs:.1f} per 100 pairs "
              f"{dict(codes)}")


def detection_rate(essays: dict[str, str]) -> None:
    """Every corruption at every eligible pair of every essay: exact, detected, missed."""
    results: dict[str, Counter] = {}
    for name, text in essays.items():
        before = {(f.code, f.zh) for f in check_essay(parse_text(text, name)) if f.severity == "error"}
        _, essay = Doc.of(text)
        for how, corruption in CORRUPTIONS.items():
            for n in prose_pairs(essay):
                doc, fresh = Doc.of(text)
                expected = corruption(doc, fresh, n)
                if expected is not None:
                    results.setdefault(how, Counter())[_grade(doc, expected, before)] += 1
        for change in (change_number, repeat_number, change_link):
            doc, fresh = Doc.of(text)
            expected = change(doc, fresh)
            if expected is not None:
                known = {(f.code, f.zh) for f in check_essay(fresh)}
                results.setdefault(change.__name__, Counter())[_grade(doc, expected, known)] += 1
    exact = sum(c["exact"] for c in results.values())
    found = exact + sum(c["detected"] for c in results.values())
    total = sum(sum(c.values()) for c in results.values())
    for how, counts in sorted(results.items()):
        print(f"  {how:14} {dict(counts)}")
    print(f"corruptions: {total}; right code, line and pair, one error: {exact} "
          f"({100 * exact / total:.1f} %); flagged at all: {found} ({100 * found / total:.1f} %)")


def _grade(doc: Doc, expected, before: set) -> str:
    findings = check_essay(parse_text(doc.text(), "x.md"))
    new = [f for f in findings if (f.code, f.zh) not in before
           and (f.severity == "error" or f.code == expected.code)]
    if [(f.code, f.line, f.pair) for f in new] == [(expected.code, doc.line(expected.block), expected.pair)]:
        return "exact"
    return "detected" if new else "missed"


def benchmark(essays: dict[str, str], count: int, per_essay: int) -> None:
    """`essays check` over `count` generated essays of `per_essay` real pairs each."""
    pool = [(p.en.text, p.zh.text) for text in essays.values() for p in parse_text(text, "x").pairs]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "mkdocs.yml").write_text("site_name: Bench\n", encoding="utf-8")
        posts = site / "docs" / "posts"
        posts.mkdir(parents=True)
        for k in range(count):
            body = "\n\n".join(f"{en}\n\n{zh}" for en, zh in rng.sample(pool, per_essay))
            (posts / f"e{k:04}.md").write_text(HEAD.format(title=f"E{k}") + body + "\n", encoding="utf-8")
        essays_bin = Path(sys.executable).with_name("essays")
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run([str(essays_bin), "check", "--format", "json"], cwd=site,
                                  capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            report = json.loads(done.stdout)
            print(f"essays check: {report['essays']} essays, {report['pairs']} pairs, "
                  f"{len(report['errors'])} errors, {len(report['warnings'])} warnings, "
                  f"exit {done.returncode}, {elapsed:.2f} s wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=20)
    args = parser.parse_args()
    essays = real_essays()
    warning_rate(essays)
    warning_rate({**essays, "system-design-primer": primer_essay()})
    detection_rate(essays)
    benchmark(essays, args.essays, args.pairs)


if __name__ == "__main__":
    main()
