"""Paragraph links that survive edits: each pair's anchor `#pN`, kept in a lock file.

Why a lock file: an anchor must mean the same paragraph on every build, on every machine,
from a shallow CI clone as much as from the author's own, so it cannot be recomputed from
history; and authors should never write or maintain ids in their Markdown. So the tools
keep, per essay, one line per pair: its anchor and its print (prints.py), which recognises
the pair in the next version of the essay however it was edited (track.py). The build
writes the file, the author commits it with the essay (`pairs/<essay>.lock`).

- The first lock of an essay gives each pair its place as anchor: every `#pN` shared
  before the lock existed still lands where it did.
- A pair recognised keeps its anchor; a new pair takes the next unused number; so after
  edits, anchors are no longer in reading order, and never reused.
- A pair deleted stays in the lock as `gone`, with the anchor it stood after: its link
  lands on the pair now standing in its place, with a notice.
- A translator's "checked, the translation still holds" (`essays stale --ok`) is kept on
  the pair's line as the digest of the original it was checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..fsutil import write_atomic
from ..model import Essay, Finding, Gone, Pair
from .prints import Print, pair_print, sketch, sketch_text
from .track import match

LOCK_SUFFIX = ".lock"
HEADER = ("# Anchors of {essay}: each pair's #pN and the print that recognises it after an edit.\n"
          "# Written by `essays build` — commit it with the essay; see README, \"Paragraph links\".\n")
_LIVE = re.compile(r"^p(\d+) ([0-9a-f]{10}) ([0-9a-f]{10}) ((?:[0-9a-f]{4})*|-)(?: ok=([0-9a-f]{10}))?$")
_GONE = re.compile(r"^p(\d+) gone after=(?:p(\d+)|-)(?: ([0-9a-f]{10}) ([0-9a-f]{10}))?$")
ADOPT = 0.5  # share of an orphaned lock's pairs a renamed essay must keep to inherit it


@dataclass(frozen=True)
class Entry:
    anchor: int
    print: Print | None  # what recognises the pair (a gone one: its digests, no sketch)
    after: int | None = None  # gone: the anchor it stood after (0: it was first); live: None
    ok: str | None = None  # digest of the original a translator confirmed the translation for


@dataclass
class Lock:
    entries: list[Entry] = field(default_factory=list)  # live in reading order, then gone

    @property
    def live(self) -> list[Entry]:
        return [e for e in self.entries if e.after is None]

    @property
    def gone(self) -> list[Entry]:
        return [e for e in self.entries if e.after is not None]

    @property
    def confirmed(self) -> dict[int, str]:
        return {e.anchor: e.ok for e in self.entries if e.ok}

    def confirm(self, anchor: int, digest: str) -> None:
        self.entries = [replace(e, ok=digest) if e.anchor == anchor else e for e in self.entries]

    def next_anchor(self) -> int:
        return max((e.anchor for e in self.entries), default=0) + 1


class LockUnreadable(Exception):
    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(str(finding))


@dataclass(frozen=True)
class Links:
    essay: Essay  # the essay with each pair's anchor set, and its gone anchors
    lock: Lock  # as it should now be written
    changed: bool  # the lock differs from the one read (the build writes it)
    new: tuple[int, ...]  # anchors given to pairs the lock read did not know


def link(essay: Essay, lock: Lock | None, record: bool = True) -> Links:
    """The essay's pairs with their anchors, and the lock that records them (without the
    new pairs' sketches unless `record`: a check writes no lock)."""
    stored = _stored if record else (lambda p: Print(p.en, p.zh))
    pairs = essay.pairs
    prints = [pair_print(p) for p in pairs]
    old = lock.live if lock else []
    found = match([e.print for e in old], prints) if old else [None] * len(pairs)
    back = _returned(lock.gone if lock else [], prints, found)
    next_anchor = lock.next_anchor() if lock else 1
    anchors, entries, new = [], [], []
    for pair, p, j in zip(pairs, prints, found):
        if j is None and id(p) in back:  # deleted once, now back (cut, saved, pasted)
            entries.append(Entry(back[id(p)], stored(p)))
        elif j is None:
            anchor = pair.number if lock is None else next_anchor
            next_anchor = max(next_anchor, anchor) + 1
            new.append(anchor)
            entries.append(Entry(anchor, stored(p)))
        else:
            kept = old[j]
            same = kept.print.en == p.en and kept.print.zh == p.zh
            entries.append(Entry(kept.anchor, kept.print if same else stored(p), ok=kept.ok))
        anchors.append(entries[-1].anchor)
    entries.extend(_deleted(old, found))
    entries.extend(e for e in (lock.gone if lock else []) if e.anchor not in back.values())
    linked = _with_anchors(essay, anchors)
    updated = Lock(entries)
    linked.gone = _landings(updated, anchors)
    return Links(linked, updated, changed=lock is None or updated.entries != lock.entries,
                 new=tuple(new))


def _returned(gone: list[Entry], prints: list[Print], found: list[int | None]) -> dict[int, int]:
    """Pairs the lock knows as deleted, back unchanged: id of their print -> their anchor."""
    waiting = {(e.print.en, e.print.zh): e.anchor for e in reversed(gone) if e.print}
    back = {}
    for p, j in zip(prints, found):
        if j is None and (anchor := waiting.pop((p.en, p.zh), None)) is not None:
            back[id(p)] = anchor
    return back


def _stored(p: Print) -> Print:
    """A print as the lock keeps it: digests and sketch, not the text."""
    return Print(p.en, p.zh, sketch(p.text or ""))


def _deleted(old: list[Entry], found: list[int | None]) -> list[Entry]:
    """The lock's pairs no longer in the essay, each with the survivor it stood after."""
    kept = {j for j in found if j is not None}
    gone, after = [], 0
    for j, entry in enumerate(old):
        if j in kept:
            after = entry.anchor
        else:
            digests = Print(entry.print.en, entry.print.zh) if entry.print else None
            gone.append(Entry(entry.anchor, digests, after=after))
    return gone


def _with_anchors(essay: Essay, anchors: list[int]) -> Essay:
    it = iter(anchors)
    body = [replace(item, link=next(it)) if isinstance(item, Pair) else item for item in essay.body]
    return replace(essay, body=body)


def _landings(lock: Lock, anchors: list[int]) -> tuple[Gone, ...]:
    """Where each gone anchor lands: it stood after a pair (or a pair now gone, itself after
    another…); the live pair after that spot is in its place, or the last pair if none."""
    if not anchors:
        return ()
    place = {a: i for i, a in enumerate(anchors)}
    after = {e.anchor: e.after for e in lock.gone}  # (0: at the start)
    landings = []
    for entry in lock.gone:
        spot, seen = entry.after, set()
        while spot in after and spot not in seen:  # stood after a pair deleted since
            seen.add(spot)
            spot = after[spot]
        index = place[spot] + 1 if spot in place else 0
        if index < len(anchors):
            landings.append(Gone(entry.anchor, anchors[index], before=True))
        else:
            landings.append(Gone(entry.anchor, anchors[-1], before=False))
    return tuple(landings)


# -- the file ---------------------------------------------------------------------------------


def lock_path(pairs_dir: Path, essays_dir: Path, essay_file: Path) -> Path | None:
    """`pairs/<path under the essays folder>.lock`, or None for a file outside it."""
    return lock_path_under(pairs_dir, essays_dir.resolve(), essay_file.resolve())


def lock_path_under(pairs_dir: Path, real_essays_dir: Path, real_file: Path) -> Path | None:
    """lock_path of an essays folder and a file already resolved: a caller with many files
    resolves the folder once (each resolve costs a stat per folder of the path)."""
    try:
        relative = real_file.relative_to(real_essays_dir)
    except ValueError:
        return None
    return pairs_dir / relative.with_suffix(LOCK_SUFFIX)


def read_lock(path: Path, display: str) -> Lock | None:
    """The lock at `path`, or None when there is none yet. Raises LockUnreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise LockUnreadable(Finding(display, 1, "lock-unreadable", f"cannot read it ({error}) "
                                     "— restore it from git (`git checkout -- FILE`)")) from None
    return parse_lock(text, display)


def parse_lock(text: str, display: str) -> Lock:
    entries: list[Entry] = []
    seen: set[int] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        entry = _entry(line.strip())
        if entry is None:
            raise LockUnreadable(Finding(display, number, "lock-unreadable", _unreadable(line)))
        if entry.anchor not in seen:  # a merge that kept both sides' line: the first wins
            seen.add(entry.anchor)
            entries.append(entry)
    return Lock(entries)


def _entry(line: str) -> Entry | None:
    if m := _LIVE.match(line):
        marks = "" if m.group(4) == "-" else m.group(4)  # decoded when a match needs it
        return Entry(int(m.group(1)), Print(m.group(2), m.group(3), marks), ok=m.group(5))
    if m := _GONE.match(line):
        digests = Print(m.group(3), m.group(4)) if m.group(3) else None
        return Entry(int(m.group(1)), digests, after=int(m.group(2) or 0))
    return None


def _unreadable(line: str) -> str:
    if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
        return ("a merge conflict — keep the lines of both sides, delete the conflict marker "
                "lines, and build again")
    return ("not a line the tools write — restore the file from git (`git checkout -- FILE`), "
            "or delete the line")


def format_lock(lock: Lock, essay: str) -> str:
    lines = [HEADER.format(essay=essay)]
    for e in lock.entries:
        if e.after is not None:
            digests = f" {e.print.en} {e.print.zh}" if e.print else ""
            lines.append(f"p{e.anchor} gone after={f'p{e.after}' if e.after else '-'}{digests}\n")
        else:
            ok = f" ok={e.ok}" if e.ok else ""
            lines.append(f"p{e.anchor} {e.print.en} {e.print.zh} {sketch_text(e.print)}{ok}\n")
    return "".join(lines)


def write_lock(path: Path, lock: Lock, essay: str) -> None:
    write_atomic(path, format_lock(lock, essay))


def adoptable(lock: Lock, essay: Essay) -> bool:
    """Whether an orphaned lock (its essay file gone) is this essay's, renamed: most of its
    pairs are recognised."""
    live = lock.live
    if not live:
        return False
    found = match([e.print for e in live], [pair_print(p) for p in essay.pairs])
    return len({j for j in found if j is not None}) >= ADOPT * len(live)


# -- a site's essays --------------------------------------------------------------------------


@dataclass
class SiteLinks:
    """Every essay of a site linked: the essays with their anchors, and what was found."""

    essays: dict[Path, Essay]
    findings: list[Finding]  # locks that cannot be read (errors), or not up to date (check)
    written: list[Path]  # locks the build wrote (or would write, for a check)
    confirmed: dict[Path, dict[int, str]] = field(default_factory=dict)  # per essay: Lock.confirmed


def link_site(essays: dict[Path, Essay], pairs_dir: Path, essays_dir: Path,
              display, write: bool) -> SiteLinks:
    """Link each essay (file -> parsed essay) with its lock, and write the locks that
    changed when `write` (the build); a check only says which would change. An essay without
    a lock whose pairs an orphaned lock knows (the file was renamed) inherits that lock."""
    orphans = _orphans(pairs_dir, essays_dir)
    result = SiteLinks({}, [], [])
    real_essays_dir = essays_dir.resolve()
    for file, essay in essays.items():
        path = lock_path_under(pairs_dir, real_essays_dir, Path(file).resolve())
        if path is None or essay.meta is None or not essay.meta.bilingual:
            result.essays[file] = essay
            continue
        try:
            lock = read_lock(path, display(path))
        except LockUnreadable as error:
            result.findings.append(error.finding)
            continue
        inherited = None
        if lock is None:
            inherited = next((o for o, found in orphans.items() if adoptable(found, essay)), None)
            lock = orphans.pop(inherited) if inherited else None
        links = link(essay, lock)
        result.essays[file] = links.essay
        result.confirmed[file] = links.lock.confirmed
        if links.changed or inherited:
            result.written.append(path)
            if write:
                write_lock(path, links.lock, display(file))
                if inherited:
                    inherited.unlink(missing_ok=True)
            else:
                result.findings.append(unrecorded(display(file), display(path), links, lock))
    return result


def _orphans(pairs_dir: Path, essays_dir: Path) -> dict[Path, Lock]:
    """Locks whose essay file is no longer there, read (unreadable ones are left alone)."""
    found = {}
    for path in sorted(pairs_dir.rglob(f"*{LOCK_SUFFIX}")) if pairs_dir.is_dir() else ():
        essay = essays_dir / path.relative_to(pairs_dir).with_suffix(".md")
        if not essay.exists():
            try:
                lock = read_lock(path, str(path))
            except LockUnreadable:
                continue
            if lock is not None:
                found[path] = lock
    return found


def unrecorded(essay: str, lock_file: str, links: Links, lock: Lock | None) -> Finding:
    """A check's note that the lock is behind the essay (the next build brings it up)."""
    if lock is None:
        what = "its pairs' anchors are not recorded yet"
    elif links.new:
        what = f"new pairs' anchors ({', '.join(f'#p{a}' for a in links.new)}) are not recorded"
    else:
        what = "its lock does not record its latest edits"
    line = next((p.line for p in links.essay.pairs if p.anchor in links.new), 1)
    return Finding(essay, line, "links-unrecorded", f"{what} — build (`make build`) and commit "
                   f"{lock_file} with the essay, so its paragraph links stay put", "warning")
