"""Series on the built site: listings order essays of one date by part."""

from __future__ import annotations

import re

import pytest
from helpers import PROJECT_POSTS

from essays.parse import parse_file

TITLE_EN = re.compile(r'<span lang="en">([^<]*)</span>')


def card_titles(html: str) -> list[str]:
    """The English title of each card of a listing, in the listing's order."""
    cards = html.split('<article class="md-post md-post--excerpt')[1:]
    return [TITLE_EN.search(card).group(1).replace("&#39;", "'") for card in cards]


def twelve_factors_in_part_order() -> list[str]:
    metas = [parse_file(p).meta for p in PROJECT_POSTS if p.name.startswith("12factor-")]
    return [m.title for m in sorted(metas, key=lambda m: m.series.part)]


@pytest.mark.parametrize("listing", ["index.html", "topic/the-twelve-factor-app/index.html",
                                     "archive/2012/index.html"])
def test_the_twelve_factors_are_listed_i_to_xii(project_site, listing):
    html = (project_site / "site" / listing).read_text(encoding="utf-8")
    factors = twelve_factors_in_part_order()
    shown = card_titles(html)
    assert [t for t in shown if t in factors] == factors
    assert factors[:3] == ["I. Codebase", "II. Dependencies", "III. Config"]
    assert factors[-1] == "XII. Admin processes"
