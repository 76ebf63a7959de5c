"""Helpers the tests import: fixture paths, real essays from the fixtures, real site builds."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from essays.importers.aligned import read_aligned_files
from essays.importers.commented import read_commented
from essays.importers.raw import read_raw_page
from essays.align.check import check_essay, errors
from essays.parse import parse_text
from essays.search.documents import essay_documents

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent
PROJECT_POSTS = sorted((REPO / "docs" / "posts").glob("*.md"))
SCREENSHOTS = REPO / "test-output" / "screenshots"
SAMPLE_PAGE = FIXTURES / "sample" / "000_a85ce41785e095e1.txt"
TWELVE_FACTOR = FIXTURES / "12factor"
ONE_LANGUAGE = FIXTURES / "one-language"  # an essay with one-language blocks, and its images

SNOWBALL = FIXTURES / "snowball"  # Snowball's English vocabulary and its stems (SOURCE.md)

BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=#)")  # a blank line, or a heading line's start

# A real Chinese-only essay (languages: [zh]): no pairs, one plain page.
CHINESE_ONLY = """---
title: 潮流玩具风靡背后的心理学
date: 2020-12-10
languages: [zh]
---

泡泡玛特其实已经有十年历史。

“我们是创业老兵了，单泡泡玛特这个品牌就有9年。”
"""

# The smallest mkdocs.yml our plugin runs in (Material + md_in_html, no blog).
MINIMAL_MKDOCS_YML = """\
site_name: Test essays
theme:
  name: material
markdown_extensions:
  - attr_list
  - md_in_html
  - toc
plugins:
  - essays:
      search_index: false
"""


def sample_essay_text() -> str:
    """The sample page imported as the site ships it (with its Chinese title)."""
    draft = read_raw_page(SAMPLE_PAGE.read_text(encoding="utf-8"), str(SAMPLE_PAGE))
    draft.title_zh = "强化学习带给我的人生启示"
    draft.authors = ["jason-wei"]
    return draft.render()


def twelve_factor_text(name: str) -> str:
    en, zh = TWELVE_FACTOR / "en" / f"{name}.md", TWELVE_FACTOR / "zh_cn" / f"{name}.md"
    draft = read_aligned_files(en.read_text(encoding="utf-8"), str(en),
                               zh.read_text(encoding="utf-8"), str(zh))
    return draft.render()


def raw_page_pair_count(path: Path = SAMPLE_PAGE) -> int:
    """Pairs of a raw page counted without the importer: its paragraphs (an English line, then
    a Chinese line) between the title, given twice, and the old site's chrome (热门主题)."""
    text = path.read_text(encoding="utf-8").split("热门主题")[0]
    return len([block for block in text.split("\n\n") if block.strip()]) - 2


SAMPLE_PAIR_COUNT = raw_page_pair_count()


def twelve_factor_pair_count(name: str) -> int:
    """Pairs of a twelve-factor page with no code or image (blocks both halves share), counted
    without the importer: the blocks of each file less its title, the same in both."""
    en, zh = (block_count(TWELVE_FACTOR / lang / f"{name}.md") - 1 for lang in ("en", "zh_cn"))
    assert en == zh, f"{name}: {en} English blocks but {zh} Chinese ones"
    return en


def block_count(path: Path) -> int:
    """Blocks of a Markdown file without our parser: text between blank lines, a heading line
    one block of its own."""
    return len([b for b in BLOCK_BREAK.split(path.read_text(encoding="utf-8")) if b.strip()])


def posts_saying(word: str) -> list[Path]:
    """The project's essays whose text, front matter left out, contains `word`."""
    return [post for post in PROJECT_POSTS
            if word in post.read_text(encoding="utf-8").split("\n---\n", 1)[1]]


def snowball_vocabulary() -> dict[str, str]:
    """Each word of Snowball's English test vocabulary and its stem by the current algorithm."""
    words = (SNOWBALL / "voc.txt").read_text(encoding="utf-8").splitlines()
    stems = (SNOWBALL / "output.txt").read_text(encoding="utf-8").splitlines()
    assert len(words) == len(stems)
    return dict(zip(words, stems))


def essay_from(text: str, path: str = "docs/posts/essay.md"):
    return parse_text(text, path)


def essay_errors(essay) -> list:
    """The errors `essays check` reports for a parsed essay."""
    return errors(check_essay(essay))


def documents(items):
    """Search documents of (essay, page URL) items, as the build hands them to the indexes."""
    return [essay_documents(essay, url) for essay, url in items]


def build_site(source: Path, *args: str, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in `source` (a folder holding mkdocs.yml)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                          cwd=source, env=env, capture_output=True, text=True)


def free_port() -> int:
    """A free local port, for a site built for the origin it will be served from (Material's
    instant navigation needs site_url to be that origin)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_project_site(target: Path) -> Path:
    """The repository's own site (mkdocs.yml, docs/, overrides/, the pairs' locks) copied
    to `target`."""
    for name in ("mkdocs.yml", "docs", "overrides", "pairs"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def screenshot(page, name: str) -> Path:
    """Save what the page shows now as test-output/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def check_golden(name: str, actual: str, update: bool, root: Path = GOLDEN) -> None:
    """Compare `actual` with the golden file root/name; with `update`, (re)write it instead.

    A missing golden file fails: a test that writes what it compares against passes whatever
    the code does."""
    path = root / name
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    elif not path.exists():
        pytest.fail(f"{shown} is missing — run pytest --update-golden to create it", pytrace=False)
    assert actual == path.read_text(encoding="utf-8"), (
        f"differs from {shown} — if the new text is right, run pytest --update-golden and review the diff")


TRANSLATED = FIXTURES / "translated"


def translated_documents() -> list[tuple[str, list[Path]]]:
    """(name, sources) of each real page pair under tests/fixtures/translated: (English,
    Chinese) for the seven projects kept as two trees, (Chinese,) for kubernetes/website's
    commented pages. The trees pair by path, with the language taken out of the name."""
    found = []
    for project in ("react", "vue", "ant-design", "opentelemetry", "fastapi", "rust-book", "tauri"):
        en_root = TRANSLATED / project / "en"
        for en in sorted([*en_root.rglob("*.md"), *en_root.rglob("*.mdx")]):
            zh = Path(str(en).replace(f"/{project}/en/", f"/{project}/zh/")
                      .replace("/content/en/", "/content/zh/").replace(".en-US.md", ".zh-CN.md")
                      .replace("/docs/en/docs/", "/docs/zh/docs/")  # fastapi
                      .replace("/content/docs/", "/content/docs/zh-cn/"))  # tauri (Starlight)
            found.append((f"{project}/{en.relative_to(TRANSLATED / project / 'en')}", [en, zh]))
    for zh in sorted((TRANSLATED / "kubernetes" / "zh").rglob("*.md")):
        found.append((f"kubernetes/{zh.name}", [zh]))
    return found


def translated_essay(sources: list[Path]) -> str:
    """The essay the import writes from a document pair (with its breaks, as --draft keeps them)."""
    if len(sources) == 1:
        draft = read_commented(sources[0].read_text(encoding="utf-8"), str(sources[0]))
    else:
        en, zh = sources
        draft = read_aligned_files(en.read_text(encoding="utf-8"), str(en),
                                   zh.read_text(encoding="utf-8"), str(zh))
    draft.title = draft.title or sources[0].stem.capitalize()  # as --title would give it
    return draft.render()


def run_essays(*args):
    """`essays ARGS...` in this process, as a user types it (paths may be Path objects)."""
    from click.testing import CliRunner
    from essays.cli import main

    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


# A Chinese-only essay of the seed site's own (its Recent Articles list it: 2020-12-10 王宁,
# 《泡泡玛特王宁：潮流玩具风靡背后的心理学》), its opening as the sample page quotes it.
SEED_CHINESE_ONLY = """---
title: 潮流玩具风靡背后的心理学
date: 2020-12-10
slug: pop-toys-psychology
languages: [zh]
authors: [wang-ning]
categories: [Business]
source:
  title: 泡泡玛特王宁：潮流玩具风靡背后的心理学
---

于近年来以Molly、Pucky、Dimoo等各类IP受到Z世代消费者欢迎的泡泡玛特，其实已经有十年历史。

“我从自己刷墙，开第一家实体店，做零售业，是在2008年5月13号，到这周末就是整整11年了。”
"""
