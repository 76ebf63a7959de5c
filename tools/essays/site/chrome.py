"""The site's chrome on every essay page: the topics with the most essays, the newest essays,
and the essay's previous and next in its series (partials/essay-chrome.html and
partials/essay-series.html print it).

Computed once per build, when the blog has given every essay its URL (`Chrome.make`); a page
then takes its share in `for_page`, without looking at any other page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Card, Neighbours, card, listing_order, popular_topics, series_neighbours
from ..model import Essay

TOPICS = 8  # the seed site's 热门主题 listed about as many
RECENT = 5  # its Recent Articles: five


@dataclass(frozen=True)
class Topic:
    name: str
    url: str
    essays: int


@dataclass(frozen=True)
class SeriesLinks:
    name: str
    part: int
    parts: int
    previous: Card | None
    next: Card | None


class Chrome:
    def __init__(self) -> None:
        self.topics: list[Topic] = []
        self.newest: list[Card] = []  # one more than shown: a page leaves itself out
        self.series: dict[str, Neighbours] = {}  # by URL
        self.cards: dict[str, Card] = {}  # by URL, of the essays some page shows
        self.essays: set[str] = set()  # URLs of every published essay

    def make(self, published: list[tuple[Essay, str]], topic_urls: dict[str, str],
             authors: dict[str, str], to_traditional: str) -> None:
        """From every published essay and its URL. Cards are made for the essays some page
        shows only (the newest; the parts of series, their titles only), so a large archive
        costs little more than a sort of its front matter."""
        self.essays = {url for _, url in published}
        newest_first = listing_order(published, key=lambda item: item[0].meta)
        self.cards = {url: card(e, url, authors, to_traditional, excerpt=False)
                      for e, url in published if e.meta.series}  # previous/next: titles
        self.cards.update((url, card(e, url, authors, to_traditional))
                          for e, url in newest_first[:RECENT + 1])
        self.newest = [self.cards[url] for _, url in newest_first[:RECENT + 1]]
        self.topics = [Topic(name, topic_urls[name], n) for name, n in
                       popular_topics(e.meta for e, _ in published) if name in topic_urls]
        self.series = series_neighbours((url, e.meta.series) for e, url in published
                                        if e.meta.series)

    def for_page(self, url: str) -> dict | None:
        """What an essay's page shows (None for any other page)."""
        if url not in self.essays:
            return None
        return {"topics": self.topics,
                "recent": [c for c in self.newest if c.key != url][:RECENT],
                "series": self._links(url)}

    def _links(self, url: str) -> SeriesLinks | None:
        found = self.series.get(url)
        if found is None:
            return None
        return SeriesLinks(found.name, found.part, found.parts,
                           self.cards.get(found.previous), self.cards.get(found.next))
