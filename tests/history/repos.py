"""Real git histories of small real essays for tests/history/: the pairs of 12factor's
*Config* (MIT licence, tests/fixtures/12factor/LICENSE), committed with fixed dates in a
temporary repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import MINIMAL_MKDOCS_YML, twelve_factor_text

from essays.parse import parse_file, parse_text
from essays.history.stale import read_histories

CONFIG = [(p.en.text, p.zh.text) for p in parse_text(twelve_factor_text("config"), "c").pairs]


def essay_text(pairs: list[tuple[str, str]], original: str = "en") -> str:
    front = "---\ntitle: Config\ndate: 2012-01-01\n" + (f"original: {original}\n" if original != "en" else "")
    return front + "---\n\n" + "".join(f"{en}\n\n{zh}\n\n" for en, zh in pairs)


def edited(pairs: list[tuple[str, str]], number: int, en: tuple[str, str] | None = None,
           zh: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    """The pairs with pair `number` (1-based) edited: (old, new) replaced in a half."""
    changed = list(pairs)
    first, second = changed[number - 1]
    if en:
        assert en[0] in first, en[0]
        first = first.replace(*en)
    if zh:
        assert zh[0] in second, zh[0]
        second = second.replace(*zh)
    changed[number - 1] = (first, second)
    return changed


class GitSite:
    """A site folder that is a git repository; `commit` stamps a fixed date."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, encoding="utf-8")
        (root / "docs" / "posts").mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Translator")
        self.git("config", "user.email", "translator@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, day: str = "2026-01-01") -> str:
        stamp = day if "T" in day else f"{day}T12:00:00+00:00"  # a day, or a whole ISO date
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True,
                              text=True, check=True)
        return done.stdout.strip()

    def path(self, name: str = "config.md") -> Path:
        return self.root / "docs" / "posts" / name

    def write(self, pairs: list[tuple[str, str]], name: str = "config.md", original: str = "en") -> None:
        self.path(name).write_text(essay_text(pairs, original), encoding="utf-8")

    def commit(self, subject: str, day: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", subject, day=day)
        return self.git("rev-parse", "HEAD")

    def save(self, pairs, subject: str, day: str, name: str = "config.md", original: str = "en") -> str:
        self.write(pairs, name, original)
        return self.commit(subject, day)

    def stale(self, name: str = "config.md", confirmed=None, root: Path | None = None):
        file = self.path(name)
        histories = read_histories(root or self.root, [file])
        essay = parse_file(file, f"docs/posts/{name}")
        return histories.stale(essay, file, confirmed or {}), histories

