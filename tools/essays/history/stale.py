"""Which translations lag behind their original, from the essays' git history.

A pair is stale when its original side (the English, or the Chinese of an essay with
`original: zh`) changed in a commit after the last commit that changed its translation.
Each essay's versions are walked oldest to newest (git.py), the working tree last; pairs are
followed from version to version by track.match, and each pair keeps the step and commit of
its last change on each side, and the original's text as it stood when the translation last
changed: the base a translator compares the original with now.

`changed` compares spacing-normalised digests (prints.digest): rewrapping a paragraph is no
change. An original edited and then put back as it was is not stale (nothing to translate).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Essay, Finding, Pair
from ..parse import parse_text
from ..text.scripts import excerpt
from .git import UNCOMMITTED, Commit, Git, Version, read_versions
from .prints import Print, digest, text_print
from .track import match

NAMES = {"en": "English", "zh": "Chinese"}


@dataclass(frozen=True)
class StalePair:
    """A pair whose translation (`side`) lags behind its original. `line` is the lagging
    half's; `base` is the original's text when the translation last changed (or when a
    translator last confirmed it), `current` the original's text now."""

    path: str
    number: int
    anchor: int
    line: int
    side: str  # "zh" or "en": the side that lags
    changed: Commit  # the original's last change
    translated: Commit  # the lagging side's last change
    base: str
    current: str

    @property
    def code(self) -> str:
        return f"stale-{self.side}"

    @property
    def original(self) -> str:
        return "en" if self.side == "zh" else "zh"

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "pair": self.number,
                "anchor": self.anchor, "code": self.code, "side": self.side,
                "changed": self.changed.to_json(), "translated": self.translated.to_json(),
                "base": self.base, "current": self.current}


def finding(stale: StalePair) -> Finding:
    """The warning `essays check` reports for a stale pair, at the lagging half's line."""
    original, lagging = NAMES[stale.original], NAMES[stale.side]
    message = (f"the {original} changed {_when(stale.changed)} after the {lagging} last changed "
               f"{_when(stale.translated)} — update the translation (`essays stale --diff "
               f"{stale.path}` shows what changed), or confirm it still holds with "
               f"`essays stale --ok {stale.path}:{stale.line}`")
    return Finding(stale.path, stale.line, stale.code, message, severity="warning",
                   pair=stale.number, en=excerpt(stale.current if stale.side == "zh" else None),
                   zh=excerpt(stale.current if stale.side == "en" else None))


def _when(commit: Commit) -> str:
    if commit.sha is None:
        return "in the working tree (uncommitted)"
    return f"on {commit.day} ({commit.short})"


@dataclass
class _Side:
    """One side of a followed pair: its digest and text now, and the step it last changed."""

    digest: str
    text: str
    step: int
    commit: Commit


@dataclass
class _Track:
    original: _Side
    translation: _Side
    base: _Side  # the original as it stood when the translation last changed
    seen: dict[str, _Side] = field(default_factory=dict)  # the original's versions, by digest

    @classmethod
    def new(cls, original: _Side, translation: _Side) -> _Track:
        return cls(original, translation, original, {original.digest: original})

    def advance(self, original: _Side, translation: _Side) -> _Track:
        """The same pair in the next version: a side keeps its last change unless edited."""
        if original.digest == self.original.digest:
            original = self.original
        if translation.digest == self.translation.digest:
            translation = self.translation
        base = original if translation is not self.translation else self.base
        return _Track(original, translation, base, {**self.seen, original.digest: original})


class Histories:
    """The history of many essays, read at once (`read_histories`); `stale` asks per essay."""

    def __init__(self, versions: dict[Path, list[Version]], notice: str | None = None,
                 shallow: bool = False):
        self._versions = versions
        self._notice, self.shallow = notice, shallow
        self.unknown = 0  # pairs a shallow history cannot judge, over every `stale` call so far

    @property
    def notice(self) -> str | None:
        """One line to say once per command (None when history was read whole). For a shallow
        clone it counts the pairs left unjudged: read it after the `stale` calls."""
        if self._notice or not self.shallow:
            return self._notice
        unjudged = (f" ({self.unknown} pairs unchanged since its oldest commit are neither "
                    "stale nor fresh)") if self.unknown else ""
        return ("the git history is shallow (a clone with --depth), too short to tell for every "
                f"pair whether its translation is stale{unjudged} — run `git fetch --unshallow` "
                "to have them all checked")

    def stale(self, essay: Essay, file: Path, confirmed: Mapping[int, str] | None = None
              ) -> list[StalePair]:
        """The stale pairs of `essay` (the file's current text, parsed), in reading order.
        `confirmed`: anchor -> the digest of the original a translator confirmed the
        translation still holds for."""
        if essay.meta is None or not essay.meta.bilingual or not essay.pairs:
            return []
        original = essay.meta.original if essay.meta.original in NAMES else "en"
        versions = self._versions.get(file)  # read by resolved path: a resolved file is its key
        if versions is None:
            versions = self._versions.get(Path(file).resolve(), [])
        if not versions:  # never committed (or no git): every pair is as new as its translation
            return []
        tracks = walk(versions, essay, original, _text(file))
        found = []
        for pair, track in zip(essay.pairs, tracks):
            verdict = _judge(track, (confirmed or {}).get(pair.anchor))
            if verdict == "unknown":
                self.unknown += 1
            elif verdict is not None:
                found.append(_stale_pair(essay, pair, original, track, verdict))
        return found

    def findings(self, essay: Essay, file: Path, confirmed: Mapping[int, str] | None = None
                 ) -> list[Finding]:
        return [finding(s) for s in self.stale(essay, file, confirmed)]


def read_histories(root: Path, files: Iterable[Path], git: Git | None = None) -> Histories:
    """The committed history of every file in `files` (one git log for all of them)."""
    reading = read_versions(root, files, git)
    return Histories(reading.versions, reading.notice, reading.shallow)


def walk(versions: list[Version], current: Essay, original: str,
         current_text: str | None = None) -> list[_Track]:
    """Each pair of `current` followed from the oldest version on. The working tree (the
    essay given) is the last step: uncommitted edits, counted as a change only where its
    digests differ; when its text is the last commit's, it stands for that commit (one
    parse fewer per essay, the most of what this costs)."""
    steps = [(v.commit, v.text) for v in versions]
    if steps and steps[-1][1] == current_text:
        steps.pop()
        steps.append((versions[-1].commit, None))
    else:
        steps.append((UNCOMMITTED, None))
    tracks: list[_Track] = []
    prints: list[Print] = []
    for step, (commit, text) in enumerate(steps):
        pairs = current.pairs if text is None else parse_text(text, current.path).pairs
        now = [text_print(p.en.text, p.zh.text) for p in pairs]
        previous = match(prints, now)
        tracks = [_follow(tracks[j] if j is not None else None, pair, p, original, step, commit)
                  for pair, p, j in zip(pairs, now, previous)]
        prints = now
    return tracks


def _text(file: Path) -> str | None:
    """The file's text as a version's is kept (git.py), to compare with the last commit's."""
    try:
        return Path(file).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


def _follow(track: _Track | None, pair: Pair, p: Print, original: str, step: int,
            commit: Commit) -> _Track:
    digests = {"en": p.en, "zh": p.zh}
    translation = "zh" if original == "en" else "en"
    sides = [_Side(digests[lang], getattr(pair, lang).text, step, commit)
             for lang in (original, translation)]
    return _Track.new(*sides) if track is None else track.advance(*sides)


def _judge(track: _Track, confirmed: str | None) -> _Side | str | None:
    """The base a stale pair is compared with; None when it is fresh, "unknown" when a shallow
    history cannot tell."""
    if confirmed is not None and confirmed == track.original.digest:
        return None  # a translator confirmed it holds for the original as it is now
    if track.original.commit.boundary and track.translation.commit.boundary:
        return "unknown"
    if track.original.step <= track.translation.step:
        return None
    base = track.base
    held = track.seen.get(confirmed) if confirmed else None
    if held is not None and held.step > base.step:
        base = held
    return None if base.digest == track.original.digest else base


def _stale_pair(essay: Essay, pair: Pair, original: str, track: _Track, base: _Side) -> StalePair:
    side = "zh" if original == "en" else "en"
    return StalePair(essay.path, pair.number, pair.anchor, getattr(pair, side).line, side,
                     track.original.commit, track.translation.commit, base.text,
                     track.original.text)


def confirmation(essay: Essay, line: int) -> tuple[Pair, str] | None:
    """The pair with a half at `line` (any line from its English to its Chinese), and the
    digest of its original that `essays stale --ok` records: the translation holds for it."""
    if essay.meta is None:
        return None
    original = essay.meta.original if essay.meta.original in NAMES else "en"
    for pair in essay.pairs:
        if min(pair.en.line, pair.zh.line) <= line <= max(pair.en.end_line, pair.zh.end_line):
            return pair, digest(getattr(pair, original).text)
    return None
