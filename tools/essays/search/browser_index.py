"""What the browser searches: a sharded index of aligned pairs, fetched piece by piece.

The single seam for browser-side search data. The plugin calls `write_browser_index` after the
build; our search worker (`overrides/assets/javascripts/essays-search-worker.js`) reads the
files it writes under `site/search/shards/`:

    manifest.json        {"format", "version", "docs", "essays", "stride", "shards", "bucket",
                         "k1", "b", "levels", "title_boost"}
    terms/<k>.json       {term: [df, postings, titles?]} for every term t with hash(t) % shards
                         == k; postings are inline ([gap, impact, gap, impact, ...]) or, when
                         large, the name of a file in postings/, or, when large and in more
                         essays than a search lists, {"best", "rest", "essays", "listed",
                         "most"}: the names of its two files (see below) and the highest
                         impact in the second; titles, when the term is in essay
                         titles, the same over essay numbers (a ranking bonus only)
    postings/<n>.json    [levels, ranks, gaps]: one large term's postings packed into
                         characters (packed.py)
    postings/<n>.json    of a split term: every posting of the `listed` essays (at least
                         FIRST_ESSAYS) where the term alone ranks best, as the worker ranks a
                         one-word query; postings/<n>-rest.json the others (`essays`: how many
                         essays have the term). A one-word search needs the first file only;
                         a search of several words the first files, and the second ones
                         only when those do not settle its first 20 essays (`most` bounds
                         what an essay in a second file can add to a pair's score)
    text/<e>-<j>.json    {"url", "title", "pairs": [[N, en, zh-Hans, zh-Hant], ...]}: the display
                         text of pairs j*bucket .. j*bucket+bucket-1 of essay e, fetched for
                         results shown (zh-Hant left out when it is the same as zh-Hans)
    glossary.json        [[en, [approved zh], [forbidden zh]], ...]: the site's glossary, with
                         which the worker expands a query naming a term (terms/expand.py)
    fold.json            "TSTS...": each Traditional character whose Simplified form is one of
                         the index's, then that form; fetched by a query with Han characters,
                         which the worker folds as analysis.py does (強化學習 -> 强化学习)

Terms are `analysis.terms` of each pair's English and Chinese, as in the whoosh index: Snowball
stems, Chinese bigrams and single characters. A pair's document id is `essay * stride + i`
(its i-th pair), so a result's essay and text file follow from its id with no table to fetch.
An impact is the BM25 term-frequency part, `tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl))`,
quantized to 1..255 of `k1 + 1`: the browser multiplies it by idf (from df and `docs`).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..text.conversion import HANS, folding_table
from ..text.scripts import HAN
from .analysis import terms
from .documents import EssayDocuments, PairDocument
from .packed import pack, unpack
from .spool import reiterable

FORMAT = 3  # 2: large postings split, best essays first; 3: packed, with "most"
K1, B = 1.2, 0.75
IMPACT_LEVELS = 255
BUCKET = 4  # pairs per text file: a result fetches the text of its own few pairs only
SHARD_BYTES = 4_000  # target size of a terms file, raw JSON: a lookup fetches one for one term
# (at N=10,000 the two of `the 数据` were 13.9 KB gzipped at 16 KB, 7.3 KB at 4 KB)
OWN_FILE_BYTES = 4_000  # postings larger than this go to a file of their own
FIRST_ESSAYS = 20  # the essays a search lists (the worker's MAX_GROUPS): a split term's first file
TITLE_BOOST = 0.5  # a query word in the essay's title lifts its pairs (the manifest tells the worker)
SAME_SCORE = 1e-9  # relative: scores this close may rank either way in the browser's arithmetic
FOLDER = Path("search") / "shards"


@dataclass(frozen=True)
class BrowserIndexReport:
    docs: int
    terms: int
    files: int
    bytes: int  # raw: gzip is the host's (`make bench` reports it, bench/browser.py)
    seconds: float


class Postings:
    """Term -> the (document, term frequency) pairs it occurs in, as compact arrays.

    Documents are numbered in the order they are added; `ids` and `lengths` map that number to
    the document's id in the index and its length in terms. Frequencies are kept raw: the BM25
    impact needs the average length, known only once every document is in.
    """

    def __init__(self) -> None:
        self.entries: dict[str, array] = {}  # term -> [doc, tf, doc, tf, ...]
        self.ids = array("I")
        self.lengths = array("I")

    def add(self, doc_id: int, counts: Counter) -> None:
        seq = len(self.ids)
        self.ids.append(doc_id)
        self.lengths.append(sum(counts.values()))
        for term, tf in counts.items():
            found = self.entries.get(term)
            if found is None:
                found = self.entries[term] = array("I")
            found.append(seq)
            found.append(tf)

    def impacts(self) -> Iterator[tuple[str, list[int], list[int]]]:
        """(term, document ids increasing, their impacts) in term order."""
        average = sum(self.lengths) / max(1, len(self.ids)) or 1
        norms = [K1 * (1 - B + B * length / average) for length in self.lengths]
        ids = self.ids
        for term in sorted(self.entries):
            entry = self.entries[term]
            seqs = entry[::2]
            yield (term, [ids[seq] for seq in seqs],
                   [impact(tf, norms[seq]) for seq, tf in zip(seqs, entry[1::2])])


def write_browser_index(essays: Iterable[EssayDocuments], site_dir: Path,
                        glossary: list | tuple = (), *, analysed: Iterable | None = None,
                        first_essays: int = FIRST_ESSAYS,
                        own_file_bytes: int = OWN_FILE_BYTES) -> BrowserIndexReport:
    """Write `site_dir/search/shards/` anew for `essays` (beside it, then swapped in).

    Streams: each essay's text files are written as it is read, and only the postings (as
    arrays) stay in memory until the terms files are written at the end. `analysed`: the
    terms whoosh indexed (`whoosh_index.Analysed`, in the same order, essays it carried over
    left out), so that those pairs are not analysed twice. `first_essays` and
    `own_file_bytes` are for tests: a small site with split postings.
    """
    started = time.perf_counter()
    essays = reiterable(essays)  # read twice: the largest essay first (the stride), then all
    target = Path(site_dir) / FOLDER
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".shards-"))
    staging.chmod(0o755)  # mkdtemp makes it private; the shards are served with the site
    try:
        writer = _Writer(staging)
        stride = _stride(essays)
        pairs, titles = Postings(), Postings()
        count = 0
        known = _in_step(analysed)
        for e, essay in enumerate(essays):
            count += 1
            titles.add(e, Counter(terms(essay.title)))
            counts = known(essay.path) or [Counter(terms(doc.en) + terms(doc.zh))
                                           for doc in essay.pairs]
            for i, pair_terms in enumerate(counts):
                pairs.add(e * stride + i, pair_terms)
            _write_text(writer, e, essay)
        layout = _Layout(stride, count, first_essays, own_file_bytes)
        shards = _write_terms(writer, pairs, titles, layout)
        writer.json("fold.json", _fold(pairs.entries))
        writer.json("glossary.json", [list(term) for term in glossary])
        writer.json("manifest.json", {
            "format": FORMAT, "version": writer.digest(), "docs": len(pairs.ids),
            "essays": count, "stride": stride, "shards": shards, "bucket": BUCKET,
            "k1": K1, "b": B, "levels": IMPACT_LEVELS, "title_boost": TITLE_BOOST})
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BrowserIndexReport(len(pairs.ids), writer.terms, writer.files, writer.bytes,
                              time.perf_counter() - started)


def _in_step(analysed: Iterable | None):
    """path -> the pairs' terms `analysed` holds for that essay, or None, asked in the order of
    `analysed` itself (it leaves essays out, never reorders them)."""
    entries = iter(analysed or ())
    pending = next(entries, None)

    def known(path: str) -> list[Counter] | None:
        nonlocal pending
        if pending is None or pending[0] != path:
            return None
        found, pending = pending[1], next(entries, None)
        return found
    return known


def _stride(essays: Iterable[EssayDocuments]) -> int:
    """The smallest power of two above every essay's number of pairs."""
    most = max((len(e.pairs) for e in essays), default=0)
    return 1 << max(1, most.bit_length())


def _fold(entries: dict[str, array]) -> str:
    """The Traditional -> Simplified table of the characters the index holds, as one string of
    pairs: a few KB, where OpenCC itself (or opencc-js) would be hundreds."""
    table = folding_table({term for term in entries if len(term) == 1 and HAN.match(term)})
    return "".join(t + s for t, s in sorted(table.items()))


def _scripts(essay: EssayDocuments, doc: PairDocument) -> list[str]:
    """A pair's Chinese in Simplified, then Traditional when that differs."""
    hans, hant = (doc.zh, doc.zh_twin) if essay.script == HANS else (doc.zh_twin, doc.zh)
    return [hans] if hans == hant else [hans, hant]


def _write_text(writer: _Writer, e: int, essay: EssayDocuments) -> None:
    rows = [[doc.pair, doc.en, *_scripts(essay, doc)] for doc in essay.pairs]
    for j in range(0, len(rows), BUCKET):
        writer.json(f"text/{e}-{j // BUCKET}.json",
                    {"url": essay.url, "title": essay.title, "pairs": rows[j:j + BUCKET]})


@dataclass(frozen=True)
class _Layout:
    stride: int  # document id // stride = essay number
    essays: int
    first_essays: int
    own_file_bytes: int


def _write_terms(writer: _Writer, pairs: Postings, titles: Postings, layout: _Layout) -> int:
    """Write postings/ and terms/; return the number of terms files.

    Each term's postings are encoded once: a large one goes to its own file (or two) at once, a
    small one is kept (as its JSON text) until the number of terms files is known.
    """
    title_lists = {term: (docs, impacts) for term, docs, impacts in titles.impacts()}
    entries: list[tuple[str, str]] = []  # (term, its terms-file entry as JSON text)
    inline_bytes = 0
    for number, (term, docs, impacts) in enumerate(pairs.impacts()):
        encoded = _gaps(docs, impacts)
        if len(encoded) > layout.own_file_bytes:
            encoded = _own_files(writer, number, docs, impacts, title_lists.get(term),
                                 len(pairs.ids), layout)
        else:
            inline_bytes += len(encoded)
        title = f",{_gaps(*title_lists[term])}" if term in title_lists else ""
        entries.append((term, f"[{len(docs)},{encoded}{title}]"))
    count = max(1, math.ceil(inline_bytes / SHARD_BYTES))
    shards: list[list[str]] = [[] for _ in range(count)]
    for term, entry in entries:
        shards[term_hash(term) % count].append(f"{_dumps(term)}:{entry}")
    for k, shard in enumerate(shards):
        writer.write(f"terms/{k}.json", "{" + ",".join(shard) + "}")
    writer.terms = len(entries)
    return count


def _own_files(writer: _Writer, number: int, docs: list[int], impacts: list[int],
               titles: tuple[list[int], list[int]] | None, total: int, layout: _Layout) -> str:
    """Write a large term's postings, split when it is in more essays than a search lists;
    return its terms-file entry's postings part (JSON text)."""
    best = best_essays(docs, impacts, titles, total, layout)
    rest = [] if best is None else [k for k, doc in enumerate(docs) if doc // layout.stride not in best]
    if not rest:  # in no more essays than a search lists, or every essay ties for the first
        writer.write(f"postings/{number}.json", pack(docs, impacts))
        return _dumps(str(number))
    first = [k for k, doc in enumerate(docs) if doc // layout.stride in best]
    for name, part in ((str(number), first), (f"{number}-rest", rest)):
        writer.write(f"postings/{name}.json", pack([docs[k] for k in part], [impacts[k] for k in part]))
    essays = len({doc // layout.stride for doc in docs})
    return _dumps({"best": str(number), "rest": f"{number}-rest", "essays": essays,
                   "listed": len(best), "most": max(impacts[k] for k in rest)})


def best_essays(docs: list[int], impacts: list[int], titles: tuple[list[int], list[int]] | None,
                total: int, layout: _Layout) -> set[int] | None:
    """The essays a one-word search for this term lists first (at least `first_essays`, and
    every essay that scores the same as the last of them), ranked as the worker ranks it: an
    essay by its best pair, BM25 plus the title bonus; None when it is in no more essays."""
    weight = bm25_weight(total, len(docs))
    best: dict[int, int] = {}
    for doc, level in zip(docs, impacts):
        essay = doc // layout.stride
        best[essay] = max(best.get(essay, 0), level)
    if len(best) <= layout.first_essays:
        return None
    bonus: dict[int, float] = {}
    if titles:
        title_weight = TITLE_BOOST * bm25_weight(layout.essays, len(titles[0]))
        bonus = {essay: title_weight * level for essay, level in zip(*titles)}
    scores = {essay: weight * level + bonus.get(essay, 0.0) for essay, level in best.items()}
    ranked = sorted(scores.values(), reverse=True)
    floor = ranked[layout.first_essays - 1] * (1 - SAME_SCORE)
    return {essay for essay, score in scores.items() if score >= floor}


def bm25_weight(count: int, df: int) -> float:
    """What one impact level is worth for a term in `df` of `count` documents (the worker's)."""
    return math.log(1 + (count - df + 0.5) / (df + 0.5)) * (K1 + 1) / IMPACT_LEVELS


def _gaps(docs: list[int], impacts: list[int]) -> str:
    """"[gap,impact,gap,impact,...]": ids increasing, each as the gap from the one before."""
    return _dumps(_gap_list(zip(docs, impacts)))


def _gap_list(postings: Iterable[tuple[int, int]]) -> list[int]:
    """[gap, impact, ...] of (document id, impact), ids increasing."""
    out, last = [], -1
    for doc, level in postings:
        out += (doc - last - 1, level)
        last = doc
    return out


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
    """Writes JSON files under one folder, counting files and bytes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = self.bytes = self.terms = 0
        self._hash = hashlib.sha1()
        for sub in ("terms", "postings", "text"):
            (folder / sub).mkdir()

    def json(self, name: str, value) -> None:
        self.write(name, _dumps(value))

    def write(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        (self.folder / name).write_bytes(data)
        self._hash.update(name.encode() + b"\0" + data)
        self.files += 1
        self.bytes += len(data)

    def digest(self) -> str:
        return self._hash.hexdigest()[:12]


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f".shards-old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def read_terms(site_dir: Path) -> Iterator[tuple[str, int, list[int]]]:
    """(term, df, postings) of a written index, large postings resolved (a split term's two
    files merged): for tests and tools."""
    folder = Path(site_dir) / FOLDER

    def file(name: str) -> list[int]:
        return unpacked(json.loads((folder / "postings" / f"{name}.json").read_text("utf-8")))

    for path in sorted((folder / "terms").glob("*.json")):
        for term, (df, entry, *_) in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(entry, str):
                entry = file(entry)
            elif isinstance(entry, dict):
                entry = merged(file(entry["best"]), file(entry["rest"]))
            yield term, df, entry


def unpacked(value: list) -> list[int]:
    """A packed postings file's value as [gap, impact, ...], as terms files hold them inline."""
    return _gap_list(unpack(value))


def merged(*parts: list[int]) -> list[int]:
    """One [gap, impact, ...] list of several over disjoint documents."""
    return _gap_list(sorted(posting for part in parts for posting in _decoded(part)))


def _decoded(gaps: list[int]) -> Iterator[tuple[int, int]]:
    doc = -1
    for k in range(0, len(gaps), 2):
        doc += gaps[k] + 1
        yield doc, gaps[k + 1]
