"""One import, from source files to an essay on disk: checked as the build checks it, its
images carried along, every finding at a line of the files the user gave.

Nothing is written unless all of it can be: the essay and its images are checked first,
then the images are copied and the essay renamed into place.
"""

from __future__ import annotations

import filecmp
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from ..align.check import check_essay, errors
from ..fsutil import copy_atomic, write_atomic
from ..model import EssayError, Finding
from ..parse import parse_text
from . import Draft

IMAGE_SRC = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\b[^>]*\bsrc=\"([^\"]+)\"")
PAGE_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)")
PAGE_FILE = re.compile(r"\.(?:mdx?|html?)$", re.I)  # mdBook links its pages as `x.html`
# `[label]: target` of a link reference definition, and a reference to it: `[text][label]`,
# `[label][]`, `[label]` (the Rust book links its other chapters this way).
REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


@dataclass
class Written:
    """What an import wrote (or, with errors, would have)."""

    essay: Path
    draft: bool
    images: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what check says, at source lines


def write_import(draft: Draft, target: Path, display: str, sources: list[Path],
                 as_draft: bool = False, force: bool = False, source_url: str | None = None) -> Written:
    """Write the essay `draft` makes at `target`, or raise EssayError saying why not.

    `sources` are the files read (their folders hold the images). Breaks between the two
    sources refuse the import, unless `as_draft`: then it is written with `draft: true`.
    """
    problems: list[Finding] = []
    if not draft.title:
        path, line = draft.title_at or (display, 1)
        problems.append(Finding(path, line, "title-missing",
                                "no English title — give the English file a first '# Title' "
                                "heading or 'title:' front matter, or pass --title"))
    if draft.breaks and not as_draft:
        problems.extend(draft.breaks)
    draft.draft = bool(draft.breaks)
    if target.exists() and not force:
        problems.append(Finding(display, 1, "exists",
                                f"{display} already exists — pass --force to replace it, or "
                                "choose another name with --slug"))
    images = _images(draft, target, sources, force, problems)
    notes = _relink_pages(draft, source_url)
    if problems:
        raise EssayError(problems)
    text = draft.render()
    found = [_at_source(f, draft, text) for f in check_essay(parse_text(text, display))]
    if errors(found) and not as_draft:
        raise EssayError(errors(found))
    if errors(found) and not draft.draft:  # --draft: written, for `essays check` to guide
        draft.draft = True
        text = draft.render()
    for source, copy in images:
        copy_atomic(source, copy)
    write_atomic(target, text)
    at_breaks = {(f.path, f.line) for f in draft.breaks}  # said once, as the break
    found = [f for f in found if (f.path, f.line) not in at_breaks]
    return Written(target, draft.draft, [copy for _, copy in images], [*draft.breaks, *found, *notes])


def _images(draft: Draft, target: Path, sources: list[Path], force: bool,
            problems: list[Finding]) -> list[tuple[Path, Path]]:
    """(source, copy) of each relative image the essay shows, found beside its source file;
    the essay's links are rewritten to the copies, under images/<essay>/ beside it."""
    pieces = draft.origins or []
    copies: dict[str, tuple[Path, Path]] = {}
    folder = f"images/{target.stem}"

    def relink(match: re.Match, k: int) -> str:
        src = match.group(1) or match.group(2)
        if EXTERNAL.match(src):
            return match.group(0)
        origin = pieces[k] if k < len(pieces) else None
        found = _find(src, sources, origin)
        if found is None:
            path, line = (origin.path, origin.line) if origin else (str(sources[0]), 1)
            problems.append(Finding(path, line, "image-missing",
                                    f"the image {src} is not next to the source — put it there "
                                    "(it is copied beside the essay), or remove the image"))
            return match.group(0)
        copy = target.parent / folder / found.name
        if copy.exists() and not force and not filecmp.cmp(found, copy, shallow=False):
            problems.append(Finding(str(found), 1, "image-exists",
                                    f"{copy} exists and differs from {found} — rename one, or "
                                    "pass --force to replace it"))
        copies[str(copy)] = (found, copy)
        return match.group(0).replace(src, f"{folder}/{found.name}")

    _substitute(draft, IMAGE_SRC, relink)
    return list(copies.values())


def _relink_pages(draft: Draft, source_url: str | None) -> list[Finding]:
    """Links to the source's other pages (`other.md`), which are not on this site: made
    absolute against --source-url, or, without it, left as their text (noted)."""
    pieces = draft.origins or []
    notes: list[Finding] = []
    if draft.ours:  # an export of ours: `other.md` is an essay of the site, linked as mkdocs does
        return notes

    def relink(match: re.Match, k: int) -> str:
        text, target = match.group(1), match.group(2)
        if EXTERNAL.match(target) or not PAGE_FILE.search(target.split("#")[0]):
            return match.group(0)
        if source_url:
            return f"[{text}]({urljoin(source_url, target)})"
        origin = pieces[k] if k < len(pieces) else None
        notes.append(Finding(origin.path if origin else "essay", origin.line if origin else 1,
                             "import-unlinked", f"the link to {target} (a page of the source, not "
                             "of this site) is kept as text — pass --source-url to link it to the "
                             "original", "info"))
        return text

    _substitute(draft, PAGE_LINK, relink)
    _relink_references(draft, source_url, notes)
    return notes


def _relink_references(draft: Draft, source_url: str | None, notes: list[Finding]) -> None:
    """Reference definitions to the source's other pages: made absolute against
    --source-url; without it, each reference to them is left as its text and the
    definition goes (a definition with no target would show its brackets)."""
    pages = {}
    for text in draft.blocks:
        for label, target in REF_DEF.findall(text):
            if not EXTERNAL.match(target) and PAGE_FILE.search(target.split("#")[0]):
                pages[label.lower()] = target
    if not pages:
        return
    if source_url:
        _substitute(draft, REF_DEF, lambda m, k: m.group(0).replace(
            m.group(2), urljoin(source_url, m.group(2))) if m.group(1).lower() in pages else m.group(0))
        return
    pieces = draft.origins or []
    labels = "|".join(re.escape(label) for label in pages)
    use = re.compile(rf"\[([^\]]*)\]\[({labels})\]|\[({labels})\](?:\[\])?(?![(:\[])", re.I)

    def unlink(match: re.Match, k: int) -> str:
        origin = pieces[k] if k < len(pieces) else None
        label = (match.group(2) or match.group(3)).lower()
        notes.append(Finding(origin.path if origin else "essay", origin.line if origin else 1,
                             "import-unlinked", f"the link to {pages[label]} (a page of the "
                             "source, not of this site) is kept as text — pass --source-url to "
                             "link it to the original", "info"))
        return match.group(1) if match.group(2) else match.group(3)

    _substitute(draft, use, unlink)
    draft.blocks = [_without_definitions(text, pages) for text in draft.blocks]


def _without_definitions(text: str, labels: dict[str, str]) -> str:
    if _is_code(text) or not REF_DEF.search(text):
        return text
    rows = text.split("\n")
    kept = [row for row in rows
            if not ((m := REF_DEF.match(row)) and m.group(1).lower() in labels)]
    return "\n".join(kept) if len(kept) < len(rows) else text


def _substitute(draft: Draft, pattern: re.Pattern, replace) -> None:
    """Rewrite each match of `pattern` in the essay's blocks, code left alone; `replace` gets
    the match and the block's index (its origin says where a finding points)."""
    draft.blocks = [text if _is_code(text) else pattern.sub(lambda m, k=k: replace(m, k), text)
                    for k, text in enumerate(draft.blocks)]


def _is_code(text: str) -> bool:
    return text.lstrip().startswith(("```", "~~~", "::: en\n```", "::: zh\n```"))


def _find(src: str, sources: list[Path], origin) -> Path | None:
    src = src.split("#")[0].split("?")[0]
    first = [Path(origin.path)] if origin else []
    for source in [*first, *sources]:
        candidate = (source.parent / src).resolve()
        if candidate.is_file():
            return candidate
    return None


def _at_source(finding: Finding, draft: Draft, text: str) -> Finding:
    """A finding of the written essay moved to the source line its block came from."""
    pieces = draft.origins
    if not pieces:
        return finding
    line = text[: text.index("\n---\n") + 5].count("\n") + 2  # first body line
    for k, block in enumerate(draft.blocks):
        end = line + block.count("\n")
        if line <= finding.line <= end and k < len(pieces):
            where = pieces[k]
            return Finding(where.path, where.line + finding.line - line, finding.code,
                           finding.message, finding.severity, finding.pair, finding.en, finding.zh)
        line = end + 2
    return finding
