"""The corpus as a git history, for timing `essays stale`: three commits per essay.

1. the essay is added;
2. the English of EDITED of its paragraph pairs is edited, and a new pair is inserted;
3. the Chinese of the first of those is edited too.

So each essay has EDITED - 1 stale pairs, known by construction. The history is written with
one `git fast-import` (thousands of `git commit` runs would take minutes), into a site folder
of its own (`.bench/stale/`), so the other steps read no history.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..parse import parse_text
from .corpus import GeneratedEssay

EDITED = 3
EN_EDIT = " This sentence was added in a later revision."
ZH_EDIT = "这句话是后来修订时加上的。"
NEW_PAIR = ("This paragraph was added in a later revision of the essay.",
            "这一段是在文章后来的一次修订中加上的。")
START = 1_700_000_000  # the first commit's time (2023-11-14); each next one a minute later
SITE_YML = "site_name: Stale bench\n"
PROSE = re.compile(r"^[A-Za-z]")


@dataclass(frozen=True)
class History:
    commits: int
    stale: int  # pairs stale at the end, by construction


def write_history(folder: Path, essays: list[GeneratedEssay], seed: int = 1) -> History:
    """A new git repository in `folder` holding `essays` as 3 commits each, checked out."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docs" / "posts").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    _git(folder, "init", "-q", "-b", "main")
    rng = random.Random(seed)
    stream, stale = bytearray(), 0
    for number, essay in enumerate(essays):
        versions, stale_here = revisions(essay.text, rng)
        stale += stale_here
        for step, (subject, text) in enumerate(versions):
            stream += _commit(f"docs/posts/{essay.slug}.md", text, subject,
                              START + 60 * (3 * number + step))
    _git(folder, "fast-import", "--quiet", stdin=bytes(stream))
    _git(folder, "checkout", "-q", "-f", "main")
    return History(3 * len(essays), stale)


def revisions(text: str, rng: random.Random) -> tuple[list[tuple[str, str]], int]:
    """The essay's three versions (subject, text), and how many pairs the last leaves stale."""
    essay = parse_text(text, "bench.md")
    pairs = [(p.en.text, p.zh.text) for p in essay.pairs]
    prose = [i for i, (en, _) in enumerate(pairs) if PROSE.match(en) and "\n" not in en]
    chosen = rng.sample(prose, min(EDITED, len(prose)))
    english = [(en + EN_EDIT, zh) if i in chosen else (en, zh) for i, (en, zh) in enumerate(pairs)]
    english.insert(1, NEW_PAIR)
    first = chosen[0] + (chosen[0] >= 1) if chosen else None  # its place after the insertion
    chinese = [(en, zh + ZH_EDIT) if i == first else (en, zh) for i, (en, zh) in enumerate(english)]
    head = text[:text.index("\n---\n", 4) + 5]
    return [("Add the essay", text), ("Revise the English, add a pair", _essay(head, english)),
            ("Translate one revision", _essay(head, chinese))], max(len(chosen) - 1, 0)


def _essay(front_matter: str, pairs: list[tuple[str, str]]) -> str:
    return front_matter + "\n" + "".join(f"{en}\n\n{zh}\n\n" for en, zh in pairs)


def _commit(path: str, text: str, subject: str, when: int) -> bytes:
    """One fast-import commit on main (it follows the previous one) that writes `path`."""
    message, content = subject.encode(), text.encode()
    return (b"commit refs/heads/main\n"
            + f"committer Bench <bench@example.org> {when} +0000\n".encode()
            + f"data {len(message)}\n".encode() + message + b"\n"
            + f"M 100644 inline {path}\n".encode()
            + f"data {len(content)}\n".encode() + content + b"\n")


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> None:
    subprocess.run(["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args],
                   cwd=folder, input=stdin, check=True, capture_output=True)
