"""Packed postings files: what the browser fetches for a large term, read back exactly."""

from __future__ import annotations

import json

import pytest

from essays.search.packed import BASE, ESCAPE, LOW, pack, unpack


def test_postings_read_back_as_written_with_gaps_escaped_and_frequent_impacts_first():
    # a gap of 44 is a backslash (0x30 + 44 = 0x5C), which JSON escapes; 60,000 needs ESCAPE
    docs = [0, 45, 46, 40_047, 100_048]
    impacts = [213, 180, 213, 7, 213]
    value = json.loads(pack(docs, impacts))
    assert value[0] == [213, 7, 180]  # 213 three times, then the others by impact
    assert value[1] == "".join(chr(BASE + k) for k in (0, 2, 0, 1, 0))
    assert value[2][:3] == chr(BASE) + "\\" + chr(BASE)
    assert value[2][3:] == (chr(BASE + 40_000) + chr(BASE + ESCAPE) + chr(BASE + 60_000 // LOW)
                            + chr(BASE + 60_000 % LOW))
    assert list(unpack(value)) == list(zip(docs, impacts))


def test_an_id_too_large_to_pack_is_refused():
    with pytest.raises(ValueError, match="too large"):
        pack([ESCAPE * LOW], [1])
