"""What the browser searches: a sharded index of aligned pairs, fetched piece by piece.

The single seam for browser-side search data. The plugin calls `write_browser_index` after the
build; our search worker (`overrides/assets/javascripts/essays-search-worker.js`) reads the
files it writes under `site/search/shards/`:

    manifest.json        {"format", "version", "docs", "essays", "stride", "shards", "bucket", ...}
    terms/<k>.json       {term: [df, postings, titles?]} for every term t with hash(t) % shards
                         == k; postings are inline ([gap, impact, gap, impact, ...]) or, when
                         large, the name of a file in postings/; titles, when the term is in
                         essay titles, the same over essay numbers (a ranking bonus only)
    postings/<n>.json    [gap, impact, ...] of one large term
    text/<e>-<j>.json    {"url", "title", "pairs": [[N, en, zh], ...]}: the display text of
                         pairs j*bucket .. j*bucket+bucket-1 of essay e, fetched for results shown

Terms are `analysis.terms` of each pair's English and Chinese, as in the whoosh index: porter2
stems, Chinese bigrams and single characters. A pair's document id is `essay * stride + i`
(its i-th pair), so a result's essay and text file follow from its id with no table to fetch.
An impact is the BM25 term-frequency part, `tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl))`,
quantized to 1..255 of `k1 + 1`: the browser multiplies it by idf (from df and `docs`).
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import terms
from .index import pairs_with_headings
from .model import Essay
from .plaintext import plain_text

FORMAT = 1
K1, B = 1.2, 0.75
IMPACT_LEVELS = 255
BUCKET = 4  # pairs per text file: a result fetches the text of its own few pairs only
SHARD_BYTES = 16_000  # target size of a terms file, raw JSON (about a third gzipped)
OWN_FILE_BYTES = 4_000  # postings larger than this go to a file of their own
FOLDER = Path("search") / "shards"


@dataclass(frozen=True)
class PairDoc:
    essay: int  # index of its essay in build order
    index: int  # its place among the essay's pairs, from 0
    counts: Counter  # term -> frequency in English + Chinese
    length: int  # number of terms


@dataclass
class EssayText:
    url: str
    title: str
    counts: Counter  # term -> frequency in the title (both languages)
    pairs: list[list] = field(default_factory=list)  # [N, en, zh]


@dataclass(frozen=True)
class BrowserIndexReport:
    docs: int
    terms: int
    files: int
    bytes: int
    gzip_bytes: int
    seconds: float


class BrowserIndex:
    """Collects pairs, then writes the sharded files (`write`)."""

    def __init__(self) -> None:
        self.docs: list[PairDoc] = []
        self.essays: list[EssayText] = []

    def add(self, essay: Essay, page_url: str) -> None:
        number = len(self.essays)
        title = essay.meta.display_title if essay.meta else essay.path
        text = EssayText(page_url, title, Counter(terms(title)))
        for i, (pair, _) in enumerate(pairs_with_headings(essay)):
            en, zh = plain_text(pair.en.text), plain_text(pair.zh.text)
            found = terms(en) + terms(zh)
            self.docs.append(PairDoc(number, i, Counter(found), len(found)))
            text.pairs.append([pair.number, en, zh])
        self.essays.append(text)

    @property
    def stride(self) -> int:
        """The smallest power of two above every essay's number of pairs."""
        most = max((len(e.pairs) for e in self.essays), default=0)
        return 1 << max(1, most.bit_length())

    def postings(self) -> dict[str, list[int]]:
        """term -> [gap, impact, gap, impact, ...], documents in increasing id order."""
        stride = self.stride
        return _postings(((d.essay * stride + d.index, d.counts, d.length) for d in self.docs),
                         len(self.docs))

    def title_postings(self) -> dict[str, list[int]]:
        """term -> [gap, impact, ...] over the essays whose title has it (a ranking bonus)."""
        return _postings(((e, essay.counts, sum(essay.counts.values()))
                          for e, essay in enumerate(self.essays)), len(self.essays))

    def write(self, site_dir: Path) -> BrowserIndexReport:
        """Write `site_dir/search/shards/` anew (beside, then swapped in)."""
        started = time.perf_counter()
        target = Path(site_dir) / FOLDER
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".shards-"))
        try:
            writer = _Writer(staging)
            self._write_terms(writer)
            self._write_text(writer)
            writer.json("manifest.json", self.manifest(writer.digest()))
            _swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return BrowserIndexReport(len(self.docs), writer.terms, writer.files, writer.bytes,
                                  writer.gzip_bytes, time.perf_counter() - started)

    def manifest(self, version: str) -> dict:
        return {"format": FORMAT, "version": version, "docs": len(self.docs),
                "essays": len(self.essays), "stride": self.stride, "shards": self.shard_count, "bucket": BUCKET,
                "k1": K1, "b": B, "levels": IMPACT_LEVELS}

    def _write_terms(self, writer: _Writer) -> None:
        postings, titles = self.postings(), self.title_postings()
        sizes = {term: len(_dumps(p)) for term, p in postings.items()}
        inline = sum(size for size in sizes.values() if size <= OWN_FILE_BYTES)
        self.shard_count = max(1, math.ceil(inline / SHARD_BYTES))
        shards: list[dict] = [{} for _ in range(self.shard_count)]
        for number, term in enumerate(sorted(postings)):
            entry = postings[term]
            if sizes[term] > OWN_FILE_BYTES:
                writer.json(f"postings/{number}.json", entry)
                entry = str(number)
            shards[term_hash(term) % self.shard_count][term] = (
                [len(postings[term]) // 2, entry] + ([titles[term]] if term in titles else []))
        for k, shard in enumerate(shards):
            writer.json(f"terms/{k}.json", shard)
        writer.terms = len(postings)

    def _write_text(self, writer: _Writer) -> None:
        for e, essay in enumerate(self.essays):
            for j in range(0, len(essay.pairs), BUCKET):
                writer.json(f"text/{e}-{j // BUCKET}.json",
                            {"url": essay.url, "title": essay.title,
                             "pairs": essay.pairs[j:j + BUCKET]})


def _postings(docs: Iterable[tuple[int, Counter, int]], count: int) -> dict[str, list[int]]:
    """term -> [gap, impact, ...] of (id, term counts, length) documents given in id order."""
    docs = list(docs)
    average = sum(length for _, _, length in docs) / max(1, count) or 1
    found: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    for doc_id, counts, length in docs:
        norm = K1 * (1 - B + B * length / average)
        for term, tf in counts.items():
            found[term] += [doc_id - last.get(term, -1) - 1, impact(tf, norm)]
            last[term] = doc_id
    return found


def impact(tf: int, norm: float) -> int:
    """BM25's saturated term frequency, tf (k1+1) / (tf + norm), as 1..IMPACT_LEVELS of k1+1."""
    return max(1, round(IMPACT_LEVELS * tf / (tf + norm)))


def term_hash(term: str) -> int:
    """32-bit FNV-1a over the term's code points; the worker computes the same."""
    h = 0x811C9DC5
    for char in term:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return h


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Writer:
    """Writes JSON files under one folder, counting files and bytes (raw and gzipped)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = self.bytes = self.gzip_bytes = self.terms = 0
        self._hash = hashlib.sha1()
        for sub in ("terms", "postings", "text"):
            (folder / sub).mkdir()

    def json(self, name: str, value) -> None:
        data = _dumps(value).encode("utf-8")
        (self.folder / name).write_bytes(data)
        self._hash.update(name.encode() + b"\0" + data)
        self.files += 1
        self.bytes += len(data)
        self.gzip_bytes += len(gzip.compress(data, compresslevel=6, mtime=0))

    def digest(self) -> str:
        return self._hash.hexdigest()[:12]


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f".shards-old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def write_browser_index(items: Iterable[tuple[Essay, str]], site_dir: Path) -> BrowserIndexReport:
    """The sharded browser index of `items` ((essay, page URL) pairs) under `site_dir`."""
    started = time.perf_counter()
    index = BrowserIndex()
    for essay, page_url in items:
        index.add(essay, page_url)
    return dataclasses.replace(index.write(site_dir), seconds=time.perf_counter() - started)


def read_terms(site_dir: Path) -> Iterator[tuple[str, int, list[int]]]:
    """(term, df, postings) of a written index, large postings resolved: for tests and tools."""
    folder = Path(site_dir) / FOLDER
    for path in sorted((folder / "terms").glob("*.json")):
        for term, (df, entry, *_) in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(entry, str):
                entry = json.loads((folder / "postings" / f"{entry}.json").read_text("utf-8"))
            yield term, df, entry
