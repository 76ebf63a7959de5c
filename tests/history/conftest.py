"""The `repo` fixture: a site that is a real git repository (repos.py)."""

from __future__ import annotations

import pytest
from repos import GitSite


@pytest.fixture
def repo(tmp_path) -> GitSite:
    return GitSite(tmp_path / "site")
