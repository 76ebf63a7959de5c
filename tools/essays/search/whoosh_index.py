"""The whoosh index of aligned pairs: one document per pair, built beside the old index and swapped in.

`index_dir` (default `<site>/.index`) is a symbolic link to a generation folder beside it
(`.index-<stamp>`). A build writes a new generation and then replaces the link with one rename,
so a search sees the old index or the new one, never a half-built one, and a failed build
leaves the last good index in place. One older generation is kept for searches that opened it
just before the swap; older ones are removed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import whoosh
from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ..fsutil import write_atomic
from .analysis import ANALYZER, recording
from .documents import EssayDocuments
from .spool import reiterable

# A whoosh writer sorts its postings in a pool; past `limitmb` it spills sorted runs to disk
# and merges them at commit, in Python: the cost per pair then grows with the archive (35 s
# for 20,000 pairs, 505 s for 200,000), and a larger pool only trades that for memory (512 MB:
# 656 MB of RSS at 20,000 pairs). So the index is written in segments of SEGMENT_PAIRS pairs,
# each committed without merging from a pool that never spills: time linear in the pairs,
# memory bounded by one segment's pool, and a query reads one segment per SEGMENT_PAIRS.
SEGMENT_PAIRS = 2_500
POOL_MB = 128  # above what a segment's postings take (about 55 MB), so it never spills
# Each generation records the digest of every essay's documents. The next build copies the
# previous generation and rewrites only the essays whose documents changed, unless most did
# (then a fresh index is as quick and has fewer segments).
MANIFEST = "essays-manifest.json"
REUSE_MAX_CHANGED = 0.5


def schema() -> Schema:
    # A word that analyzes to several terms (强化学习, on-policy) is searched as a phrase.
    text = {"analyzer": ANALYZER, "stored": True, "phrase": True, "multitoken_query": "phrase"}
    return Schema(
        url=ID(stored=True, unique=True),  # site-relative, ending in #pN
        path=ID(stored=True),  # the essay file, as reports name it
        # Shown with a hit, never searched: queries match the pair's own text (en, zh), and
        # indexing the titles and heading paths again for every pair would add a fifth to
        # the postings (the memory and time of a build) for nothing.
        essay=STORED(),  # both titles
        headings=STORED(),  # the headings above the pair, outermost first
        date=ID(stored=True),  # YYYY-MM-DD
        categories=KEYWORD(stored=True, commas=True, lowercase=True),
        pair=NUMERIC(stored=True),
        en=TEXT(**text),
        zh=TEXT(**text),
        kind=STORED(),
    )


@dataclass(frozen=True)
class BuildReport:
    essays: int
    pairs: int
    seconds: float
    index_dir: Path


def whoosh_documents(essay: EssayDocuments) -> list[dict]:
    """The whoosh documents of one essay: one per aligned pair, in reading order."""
    common = {"path": essay.path, "essay": essay.title, "date": essay.date,
              "categories": ",".join(essay.categories)}
    return [{**common, "url": doc.url, "headings": doc.headings, "pair": doc.pair,
             "en": doc.en, "zh": doc.zh, "kind": doc.kind} for doc in essay.pairs]


# An essay's path and each of its pairs' terms (English and Chinese), as whoosh indexed them.
Analysed = tuple[str, list[Counter]]


def build_index(essays: Iterable[EssayDocuments], index_dir: Path,
                analysed: Callable[[Analysed], None] | None = None) -> BuildReport:
    """Index every pair of `essays` into a new generation, then swap it in.

    Essays whose documents are unchanged since the previous generation are carried over from
    it; `analysed` receives the terms of each essay indexed anew, in order. Anything raised
    while building propagates after the new generation is removed; the index that `index_dir`
    pointed to before stays untouched.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    essays = reiterable(essays)  # read twice: the digests, then the essays that changed
    digests, pairs, with_pairs = {}, 0, 0
    for essay in essays:
        digests[essay.path] = essay.digest()
        pairs += len(essay.pairs)
        with_pairs += bool(essay.pairs)
    generation = Path(tempfile.mkdtemp(dir=index_dir.parent, prefix=f"{index_dir.name}-"))
    generation.chmod(0o755)  # mkdtemp makes it private; an index is as readable as the site
    try:
        previous = _reusable(_target(index_dir), digests)
        if previous:
            # Hard links: whoosh never rewrites a segment's files (deletions go into the
            # new generation's table of contents), so sharing them costs nothing. Not the
            # write lock: a writer on one generation would then lock every other.
            shutil.copytree(_target(index_dir), generation, dirs_exist_ok=True,
                            copy_function=os.link, ignore=shutil.ignore_patterns("*_WRITELOCK"))
        _write(generation, essays, digests, previous, analysed)
        # A new file, not the one linked from the previous generation.
        write_atomic(generation / MANIFEST, json.dumps({"format": _format(), "essays": digests}))
        _swap(index_dir, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    return BuildReport(with_pairs, pairs, time.perf_counter() - started, index_dir)


# What an index's documents and terms depend on besides the essays themselves: how documents
# are made (and their plain text), how text is analysed, this schema, whoosh, and the stemmer's
# release (a new Snowball revision may stem words differently). An edit anywhere else (the CLI,
# the plugin) keeps the index reusable.
FORMAT_SOURCES = ("documents.py", "analysis.py", "whoosh_index.py", "../text/plain.py",
                  "../text/scripts.py")


@functools.cache
def _format() -> str:
    here = Path(__file__).parent
    code = b"".join((here / name).read_bytes() for name in FORMAT_SOURCES)
    versions = whoosh.versionstring() + importlib.metadata.version("snowballstemmer")
    return hashlib.sha1(code + versions.encode()).hexdigest()


def _reusable(previous: Path | None, digests: dict[str, str]) -> dict[str, str] | None:
    """The previous generation's digests, if it is worth updating rather than rebuilding."""
    try:
        manifest = json.loads((previous / MANIFEST).read_text()) if previous else None
    except (OSError, ValueError):
        return None
    if not manifest or manifest.get("format") != _format():
        return None
    old = manifest["essays"]
    changed = sum(1 for path in digests.keys() | old.keys() if digests.get(path) != old.get(path))
    return old if changed <= REUSE_MAX_CHANGED * max(1, len(digests)) else None


def _write(folder: Path, essays: Iterable[EssayDocuments], digests: dict[str, str],
           previous: dict[str, str] | None,
           analysed: Callable[[Analysed], None] | None = None) -> None:
    """Write the documents of every essay not already in `folder` as `previous` describes it,
    a new segment every SEGMENT_PAIRS pairs (see there)."""
    stale = [path for path in (previous or {}) if digests.get(path) != previous[path]]
    ix = whoosh_index.open_dir(folder) if previous else whoosh_index.create_in(folder, schema())
    writer, added = ix.writer(limitmb=POOL_MB), 0
    try:
        for path in stale:
            writer.delete_by_term("path", path)
        for essay in essays:
            if previous is not None and previous.get(essay.path) == digests[essay.path]:
                continue  # carried over from the previous generation
            if added >= SEGMENT_PAIRS:
                writer.commit(merge=False)
                writer, added = ix.writer(limitmb=POOL_MB), 0
            pairs = []
            for doc in whoosh_documents(essay):
                with recording() as indexed:
                    writer.add_document(**doc)
                pairs.append(Counter(indexed))
            if analysed is not None:
                analysed((essay.path, pairs))
            added += len(essay.pairs)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=previous is not None)  # an update's small segment joins its kind


def _swap(index_dir: Path, generation: Path) -> None:
    """Point `index_dir` at `generation` with one atomic rename; keep one older generation."""
    previous = _target(index_dir)
    link = index_dir.parent / f".{index_dir.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(generation.name, link)
    if index_dir.is_dir() and not index_dir.is_symlink():
        # An index from before generations existed: move it aside so the link can replace it.
        legacy = Path(tempfile.mkdtemp(dir=index_dir.parent, prefix=f"{index_dir.name}-"))
        os.replace(index_dir, legacy / "old")
        previous = legacy
    os.replace(link, index_dir)
    _prune(index_dir, keep={generation, previous})


def _target(index_dir: Path) -> Path | None:
    if index_dir.is_symlink():
        return (index_dir.parent / os.readlink(index_dir)).resolve()
    return None


def _prune(index_dir: Path, keep: set[Path | None]) -> None:
    kept = {path.resolve() for path in keep if path is not None}
    for folder in index_dir.parent.glob(f"{index_dir.name}-*"):
        if folder.is_dir() and folder.resolve() not in kept:
            shutil.rmtree(folder, ignore_errors=True)


def index_exists(index_dir: Path) -> bool:
    return Path(index_dir).is_dir() and whoosh_index.exists_in(str(index_dir))
