"""Which pair of an essay's new version is which pair of its old one.

Used for the page's anchors (a link keeps its paragraph: links.py) and for history (a pair's
halves are followed through every commit: stale.py). A pair is the same pair when:

1. both halves are unchanged (wherever it moved to);
2. else one half is unchanged (the other was edited: the case staleness is about);
3. else both were edited lightly: their sketches share at least half their values;
4. else it stands alone between the same two recognised pairs, in both versions, and still
   shares a quarter (a paragraph reworked in place).

Anything else is a pair deleted from the old version and one added to the new.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Sequence

from .prints import Print, likeness, sketch_of

ALIKE = 0.5
IN_PLACE = 0.25


def match(old: Sequence[Print], new: Sequence[Print]) -> list[int | None]:
    """For each pair of `new`, the index in `old` of the same pair, or None if it is new."""
    found: list[int | None] = [None] * len(new)
    free = set(range(len(old)))
    for key in (lambda p: (p.en, p.zh), lambda p: p.en, lambda p: p.zh):
        _match_equal(old, new, key, found, free)
    if free and None in found:
        _match_alike(old, new, found, free)
    if free and None in found:
        _match_in_place(old, new, found, free)
    return found


def _match_equal(old, new, key: Callable[[Print], object], found: list[int | None],
                 free: set[int]) -> None:
    """Equal keys, first come first served: repeated pairs keep their order."""
    waiting: dict[object, deque[int]] = defaultdict(deque)
    for j in sorted(free):
        waiting[key(old[j])].append(j)
    for i, p in enumerate(new):
        queue = waiting.get(key(p)) if found[i] is None else None
        if queue:
            found[i] = queue.popleft()
            free.discard(found[i])


def _match_alike(old, new, found: list[int | None], free: set[int]) -> None:
    """The most alike first; between equals, the one nearest its old place."""
    sketches_old = {j: sketch_of(old[j]) for j in free}
    candidates = []
    for i, p in enumerate(new):
        if found[i] is not None:
            continue
        mine = sketch_of(p)
        for j, theirs in sketches_old.items():
            score = likeness(mine, theirs)
            if score >= ALIKE:
                drift = abs(i / max(len(new), 1) - j / max(len(old), 1))
                candidates.append((-score, drift, i, j))
    for _, _, i, j in sorted(candidates):
        if found[i] is None and j in free:
            found[i] = j
            free.discard(j)


def _match_in_place(old, new, found: list[int | None], free: set[int]) -> None:
    """A lone new pair between two recognised ones, where a lone old pair stood."""
    anchors = [(-1, -1)] + [(i, j) for i, j in enumerate(found) if j is not None]
    anchors.append((len(new), len(old)))
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if i1 - i0 == 2 and j1 - j0 == 2 and (j0 + 1) in free:
            i, j = i0 + 1, j0 + 1
            if likeness(sketch_of(new[i]), sketch_of(old[j])) >= IN_PLACE:
                found[i] = j
                free.discard(j)
