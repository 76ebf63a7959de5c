"""The committed versions of many essay files, read with three git processes however many.

One `git rev-parse` (where the repository is, whether it is shallow), one `git log` over the
folder holding the essays (every commit that touched it, with the blob of each file it
changed), and one `git cat-file --batch` for all those blobs. The subprocess edge is `Git`:
tests may hand `read_versions` another object with its two methods.

The model: history is read along the first parent (`--first-parent`, the mainline), and a
merge counts as the commit that brought its changes (`--diff-merges=first-parent`: the merge's
diff against the mainline before it). That is how a branch lands: a translator's side branch
changes the site when it is merged, not when its commits were written, so "changed after"
means after on the mainline, and the order of commits is that of the mainline, never of dates
(which rebases and clocks make unreliable). It is also robust (no second parent to walk:
merges, criss-cross merges and rewritten branches all read as one line) and fast (one log).

Renames are followed backwards from each file's current path (`-M`, git's own detection, so
a rename with heavy edits reads as a new file). A file moved in from outside the essays
folder reads as added when it was moved. A shallow clone's oldest commit shows every file as
added: it is marked `boundary`, as what came before it is unknown.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

RECORD, FIELD = "\x1e", "\x1f"
LOG = ["--literal-pathspecs", "log", "--first-parent", "--diff-merges=first-parent", "--reverse",
       "--raw", "-M", "--no-abbrev", "-z", "--root", "--no-show-signature", "--no-color",
       f"--format={RECORD}%H{FIELD}%P{FIELD}%cI{FIELD}%s"]
NO_COMMITS = "does not have any commits yet"
NOT_A_REPOSITORY = "not a git repository"


@dataclass(frozen=True)
class Commit:
    """A commit of the mainline, or the working tree's edits (sha None)."""

    sha: str | None
    date: dt.datetime | None
    subject: str
    boundary: bool = False  # the oldest commit of a shallow clone: nothing before it is known

    @property
    def short(self) -> str:
        return self.sha[:7] if self.sha else "uncommitted"

    @property
    def day(self) -> str | None:
        return self.date.strftime("%Y-%m-%d") if self.date else None

    def to_json(self) -> dict:
        return {"sha": self.sha, "date": self.date.isoformat() if self.date else None,
                "subject": self.subject}


UNCOMMITTED = Commit(None, None, "uncommitted")


@dataclass(frozen=True)
class Version:
    commit: Commit
    text: str


@dataclass(frozen=True)
class Change:
    """One file a commit changed: its status letter (A, M, R, T; D), new path and blob."""

    status: str
    path: str
    blob: str
    old_path: str | None = None  # where a rename came from


@dataclass
class Logged:
    commit: Commit
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class Reading:
    """What git gave: each file's committed versions (oldest first; none for a file git does
    not know), and why history could not be read, or read whole (`notice`)."""

    versions: dict[Path, list[Version]]
    notice: str | None = None
    shallow: bool = False


class GitUnavailable(Exception):
    """git cannot tell: not installed, not a repository, or another failure (the message)."""


class Git:
    """`git` run in one folder; the only place that starts a process."""

    def __init__(self, cwd: Path, executable: str = "git"):
        self.cwd, self.executable = cwd, executable

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"}  # messages we can read
        try:
            done = subprocess.run([self.executable, *args], cwd=self.cwd, input=stdin, env=env,
                                  capture_output=True)
        except FileNotFoundError:
            raise GitUnavailable("git is not on PATH") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
            raise GitUnavailable(message[0].removeprefix("fatal: "))
        return done.stdout

    def cat(self, blobs: list[str]) -> dict[str, bytes]:
        """The contents of the blobs, through one `git cat-file --batch`."""
        if not blobs:
            return {}
        wanted = "".join(f"{blob}\n" for blob in blobs).encode()
        out = self.run("cat-file", "--batch", "--buffer", stdin=wanted)
        return parse_batch(out)


def parse_batch(out: bytes) -> dict[str, bytes]:
    """`<sha> blob <size>\\n<content>\\n` per object; a missing one (`<sha> missing`) is left out."""
    found, at = {}, 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3:
            size = int(header[2])
            found[header[0].decode()] = out[at:at + size]
            at += size + 1
    return found


def read_versions(root: Path, files: Iterable[Path], git: Git | None = None) -> Reading:
    """Each file's committed versions along the mainline, oldest first (see the module),
    by the file's resolved path."""
    git = git or Git(root)
    files = [Path(file).resolve() for file in files]
    try:
        top, shallow = repository(git)
        top = top.resolve()  # once: resolving costs a stat per folder of the path
        paths = {file: name for file in files if (name := _inside(file, top)) is not None}
        commits = log(git, paths.values(), shallow)
        followed = follow(commits, set(paths.values()))
        blobs = git.cat(sorted({blob for found in followed.values() for _, blob in found}))
    except GitUnavailable as problem:
        return Reading({file: [] for file in files}, _notice(str(problem)))
    versions = {file: _texts(followed.get(paths.get(file), []), blobs) for file in files}
    return Reading(versions, shallow=shallow)


def repository(git: Git) -> tuple[Path, bool]:
    """The repository's top folder, and whether it is a shallow clone."""
    lines = git.run("rev-parse", "--show-toplevel", "--is-shallow-repository").decode().split("\n")
    return Path(lines[0]), lines[1].strip() == "true"


def _inside(file: Path, top: Path) -> str | None:
    """`file`'s path in the repository whose top is `top` (both resolved)."""
    try:
        return file.relative_to(top).as_posix()
    except ValueError:
        return None  # outside the repository: no history


def log(git: Git, paths: Iterable[str], shallow: bool) -> list[Logged]:
    """The mainline's commits that touched the folder holding `paths`, oldest first."""
    paths = list(paths)
    if not paths:
        return []
    folder = os.path.commonpath([os.path.dirname(p) for p in paths]) or "."
    try:
        return parse_log(git.run(*LOG, "--", folder), shallow)
    except GitUnavailable as problem:
        if NO_COMMITS in str(problem):
            return []
        raise


def parse_log(out: bytes, shallow: bool = False) -> list[Logged]:
    """`git log -z --raw` with our format: a record per commit, its header fields, then
    `:meta status\\0path\\0` per changed file (`\\0old\\0new\\0` for a rename)."""
    commits = []
    for record in os.fsdecode(out).split(RECORD)[1:]:
        header, _, raw = record.partition("\0")
        sha, parents, date, subject = (header.split(FIELD) + ["", "", ""])[:4]
        subject = subject.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        commit = Commit(sha, _date(date), subject, boundary=shallow and not parents)
        commits.append(Logged(commit, _changes(raw.lstrip("\n").split("\0"))))
    return commits


def _date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _changes(tokens: list[str]) -> list[Change]:
    changes, k = [], 0
    while k < len(tokens):
        meta = tokens[k].split()
        if not tokens[k].startswith(":") or len(meta) < 5:
            k += 1
            continue
        status, blob = meta[4][0], meta[3]
        if status in "RC":
            changes.append(Change(status, tokens[k + 2], blob, old_path=tokens[k + 1]))
            k += 3
        else:
            changes.append(Change(status, tokens[k + 1], blob))
            k += 2
    return changes


def follow(commits: list[Logged], paths: set[str]) -> dict[str, list[tuple[Commit, str]]]:
    """Each path's (commit, blob) versions, oldest first: walked from the newest commit back,
    under the name the file had at that point (a rename moves it to the old name), up to the
    commit that added it."""
    versions: dict[str, list[tuple[Commit, str]]] = {path: [] for path in paths}
    following = {path: path for path in paths}  # its name at this point -> its path now
    for logged in reversed(commits):
        earlier = {}
        for change in logged.changes:
            path = following.get(change.path)
            if path is None or change.status == "D":
                continue
            versions[path].append((logged.commit, change.blob))
            del following[change.path]
            if change.status in "RC":
                earlier[change.old_path] = path
            elif change.status != "A":
                earlier[change.path] = path
        following.update(earlier)
        if not following:
            break
    return {path: found[::-1] for path, found in versions.items()}


def _texts(found: list[tuple[Commit, str]], blobs: dict[str, bytes]) -> list[Version]:
    """The versions as text; one that is not UTF-8 is skipped (the next is compared with the one
    before it), as a file git could not give back is."""
    texts = []
    for commit, blob in found:
        try:
            texts.append(Version(commit, blobs[blob].decode("utf-8-sig").replace("\r\n", "\n")))
        except (KeyError, UnicodeDecodeError):
            continue
    return texts


def _notice(problem: str) -> str:
    if problem == "git is not on PATH":
        why = "git is not on PATH — install git to have them checked"
    elif NOT_A_REPOSITORY in problem:
        why = "the site is not in a git repository — commit it with git to have them checked"
    else:
        why = f"git cannot read the history ({problem})"
    return f"no pair was checked for a stale translation: {why}"
