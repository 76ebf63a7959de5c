"""Shared test helpers: fixture paths, real temporary sites, golden files."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from helpers import (SEED_CHINESE_ONLY, MINIMAL_MKDOCS_YML, ONE_LANGUAGE, build_site, check_golden,
                     copy_project_site, free_port)

def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files from the current output instead of comparing.")


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/<name>; with --update-golden, (re)write the file instead."""

    def check(name: str, actual: str) -> None:
        check_golden(name, actual, update=request.config.getoption("--update-golden"))

    return check


@pytest.fixture
def make_site(tmp_path):
    """A real site folder: mkdocs.yml plus the given files under it (paths relative to it)."""

    def make(files: dict[str, str], mkdocs_yml: str = MINIMAL_MKDOCS_YML) -> Path:
        (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        (tmp_path / "docs" / "posts").mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            target = tmp_path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(content) if content.startswith("\n") else content,
                              encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def site(make_site, monkeypatch):
    """An empty site of its own to import into, as the current directory."""
    root = make_site({})
    monkeypatch.chdir(root)
    return root


@pytest.fixture(scope="session")
def site_port() -> int:
    """A free local port, chosen before the build: Material's instant navigation needs the
    site built for the origin it is served from (site_url)."""
    return free_port()


@pytest.fixture(scope="session")
def one_language_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def one_language_site(tmp_path_factory, one_language_port) -> Path:
    """The repository's site plus tests/fixtures/one-language (an essay with a zh-only note,
    an en-only byline, an image pair and an admonition pair), built once per session."""
    root = copy_project_site(tmp_path_factory.mktemp("one-language"))
    for source in ONE_LANGUAGE.iterdir():
        shutil.copy(source, root / "docs" / "posts" / source.name)
    result = build_site(root, site_url=f"http://127.0.0.1:{one_language_port}/")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def project_site(tmp_path_factory, site_port) -> Path:
    """The repository's site, built once per test session; returns the folder holding site/."""
    root = copy_project_site(tmp_path_factory.mktemp("project"))
    result = build_site(root, site_url=f"http://127.0.0.1:{site_port}/")
    assert result.returncode == 0, result.stderr
    return root



@pytest.fixture(scope="session")
def chrome_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def chrome_site(tmp_path_factory, chrome_port) -> Path:
    """The repository's site plus a Chinese-only essay of the seed's (SEED_CHINESE_ONLY) and
    its author, built once per session: the essays' chrome with a one-language card in it."""
    root = copy_project_site(tmp_path_factory.mktemp("chrome"))
    (root / "docs" / "posts" / "pop-toys-psychology.md").write_text(SEED_CHINESE_ONLY, encoding="utf-8")
    with (root / "docs" / ".authors.yml").open("a", encoding="utf-8") as authors:
        authors.write("  wang-ning:\n    name: 王宁\n    description: Author · 作者\n"
                      "    avatar: assets/images/avatar.svg\n")
    result = build_site(root, site_url=f"http://127.0.0.1:{chrome_port}/")
    assert result.returncode == 0, result.stderr
    return root
