"""What the import tests share: an empty site of their own to import into."""

from __future__ import annotations

import pytest


@pytest.fixture
def site(make_site, monkeypatch):
    root = make_site({})
    monkeypatch.chdir(root)
    return root
