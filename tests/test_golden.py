"""The golden-file helper fails when it should: a missing golden file is a failure, not a pass."""

from __future__ import annotations

import re

import pytest
from helpers import GOLDEN, check_golden


def test_a_missing_golden_file_fails_naming_it_and_writes_nothing():
    message = "tests/golden/no-such/case.txt is missing — run pytest --update-golden to create it"
    with pytest.raises(pytest.fail.Exception, match=f"^{re.escape(message)}$"):
        check_golden("no-such/case.txt", "text", update=False)
    assert not (GOLDEN / "no-such").exists()


def test_update_writes_the_file_and_a_later_run_compares_with_it(tmp_path):
    check_golden("case.txt", "first", update=True, root=tmp_path)
    assert (tmp_path / "case.txt").read_text(encoding="utf-8") == "first"
    check_golden("case.txt", "first", update=False, root=tmp_path)
    with pytest.raises(AssertionError, match="differs from"):
        check_golden("case.txt", "second", update=False, root=tmp_path)
    check_golden("case.txt", "second", update=True, root=tmp_path)
    assert (tmp_path / "case.txt").read_text(encoding="utf-8") == "second"
