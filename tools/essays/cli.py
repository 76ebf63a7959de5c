"""`essays`: import, check and search the essays of the site in the current directory.

A thin edge: commands parse options, call the core, and map its errors to exit codes
(0 fine, 1 findings or failed work, 2 usage or unreadable input).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from .align.check import check_files
from .history.diff import word_diff
from .history.links import (Lock, LockUnreadable, link, lock_path_under, read_lock, unrecorded,
                            write_lock)
from .history.stale import (Histories, StalePair, confirmation, finding as stale_finding,
                            read_histories)
from .importers import Draft, author_id, authors as authors_file, slugify
from .importers.authors import AUTHORS_FILE, known_authors
from .exchange.write import WRITERS
from .fsutil import write_atomic
from .terms.check import TermIndex, term_findings
from .terms.consistency import candidates, inconsistencies
from .terms.expand import expand
from .terms.glossary import (GLOSSARY_FILE, GlossaryError, format_glossary, parse_glossary,
                             read_glossary)
from .terms.tbx import from_csv, from_tbx, to_csv as glossary_csv, to_tbx
from .model import Essay, EssayError, Finding
from .parse import parse_file
from .paths import Site, SiteNotFound, find_site
from .text.reading import Unreadable, read_essay, shown


class Failure(click.ClickException):
    """Findings that stop a command: printed as `path:line: …` lines, exit 1."""

    exit_code = 1

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))

    def show(self, file=None) -> None:
        click.echo(shown(self.message), err=True)


def current_site() -> Site:
    try:
        return find_site()
    except SiteNotFound as error:
        raise click.UsageError(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="essays")
def main() -> None:
    """Publish and search English–Chinese essays pair by pair.

    Every command works on the site in the current directory (the folder holding
    mkdocs.yml, or one above it), as mkdocs does.
    """


# -- import ------------------------------------------------------------------------------------


@main.command("import")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--en", "en_path", type=click.Path(exists=True, path_type=Path),
              help="English file, or folder of English pages (use with --zh).")
@click.option("--zh", "zh_path", type=click.Path(exists=True, path_type=Path),
              help="Chinese translation of --en: a file, or a folder paired with --en's by path.")
@click.option("--commented", is_flag=True,
              help="FILES are Chinese with the English in <!-- --> comments before each block "
                   "(the kubernetes/website form).")
@click.option("--tmx", "tmx_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A TMX file: each essay an `essays export --format tmx` holds, or one essay "
                   "of a translation tool's units in order (give it --title).")
@click.option("--draft", "as_draft", is_flag=True,
              help="Where the two sides do not correspond, write the essay anyway as a draft "
                   "(draft: true, not published) with every block kept, for `essays check`.")
@click.option("--force", is_flag=True, help="Replace an essay (or image) that already exists.")
@click.option("--slug", help="File name (without .md) under the essays folder; default from the title.")
@click.option("--title", help="English title (default: from the page or the first heading).")
@click.option("--title-zh", help="Chinese title (default: the Chinese file's first heading).")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date, YYYY-MM-DD (default: the page's date, or today).")
@click.option("--author", "authors", multiple=True, help="Author name; repeat for several.")
@click.option("--category", "categories", multiple=True, help="Topic; repeat for several.")
@click.option("--source-title", help="Title of the original (the 'Refer To' credit).")
@click.option("--source-url", help="Link to the original.")
@click.option("--source-author", help="Who holds the original's copyright.")
@click.option("--license", "license_", help="Licence of the original, e.g. 'MIT' or 'CC BY 4.0'.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Human-readable lines, or one JSON summary.")
def import_command(files, en_path, zh_path, commented, tmx_path, as_draft, force, slug, title,
                   title_zh, date, authors, categories, source_title, source_url, source_author,
                   license_, output):
    """Import raw pages, commented pages, or an original and its translation as essays
    under docs/; print each essay's path.

    The two sides are aligned as `essays check` aligns an essay; where they do not
    correspond the import is refused, each break once at its source line (or, with
    --draft, written as a draft). Several FILES, or two folders, import an archive: one bad
    file never stops the others, and a summary ends the run (exit 1 if any was refused).

    \b
    Examples:
      essays import page.txt
      essays import pages/*.txt
      essays import --commented 2015-04-00-Borg-Predecessor-To-Kubernetes.md --license "CC BY 4.0"
      essays import --en en/config.md --zh zh_cn/config.md --date 2012-01-01 \\
          --author "Adam Wiggins" --category "The Twelve-Factor App" --license MIT
      essays import --en docs/en --zh docs/zh-cn --draft --format json
      essays import --tmx memory.tmx --title "Config" --date 2012-01-01
    """
    site = current_site()
    jobs = _tmx_jobs(tmx_path, files or en_path or zh_path) if tmx_path else \
        _import_jobs(files, en_path, zh_path, commented)
    if len(jobs) > 1 and (slug or title or title_zh):
        raise click.UsageError("--slug, --title and --title-zh name one essay: import the files one by one")
    if slug is not None and not SLUG.match(slug):
        raise click.UsageError(f"--slug {slug!r} is not a file name — use letters, digits, '-', "
                               "'_' or '.', no '/' (the essay goes in the essays folder)")
    fields = dict(title=title, title_zh=title_zh, date=date, authors=authors,
                  categories=categories, source_title=source_title, source_url=source_url,
                  source_author=source_author, license_=license_)
    summary = ImportSummary()
    single = len(jobs) == 1 and output == "text"
    show = click.progressbar(jobs, label="Importing", file=sys.stderr) \
        if len(jobs) > 1 and sys.stderr.isatty() else contextlib.nullcontext(jobs)
    with show as todo:
        for job in todo:
            summary.add(job, _import_one(site, job, fields, slug, as_draft, force))
    if single:
        outcome = summary.outcomes[0]
        if outcome["refused"]:
            raise Failure(outcome["refused"])
        for finding in outcome["findings"]:
            click.echo(shown(str(finding)), err=True)
        click.echo(outcome["essay"])
        return
    if output == "json":
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        summary.print()
    sys.exit(1 if summary.refused else 0)


SLUG = re.compile(r"^[\w][\w.-]*$")


@dataclass(frozen=True)
class ImportJob:
    form: str  # "raw", "commented", "aligned" or "tmx"
    sources: tuple[Path, ...]  # the file, or (English, Chinese)
    draft: Draft | None = field(default=None, compare=False)  # tmx: one of the file's essays
    stem: str | None = None  # tmx: the essay's file name when it was exported

    @property
    def name(self) -> str:
        return str(self.sources[-1] if self.form != "aligned" else self.sources[1])


def _tmx_jobs(tmx_path: Path, other) -> list[ImportJob]:
    """One job per essay the TMX file holds (read now: a file that is not TMX stops here)."""
    if other:
        raise click.UsageError("give --tmx alone, without FILES, --en or --zh")
    from .exchange.tmx import read_tmx  # the readers load only for `essays import` (see _read_draft)

    try:
        essays = read_tmx(tmx_path.read_bytes(), str(tmx_path))
    except EssayError as error:
        raise Failure(error.findings) from None
    return [ImportJob("tmx", (tmx_path,), draft=draft, stem=stem) for stem, draft in essays]


def _import_jobs(files, en_path, zh_path, commented) -> list[ImportJob]:
    if files and (en_path or zh_path):
        raise click.UsageError("give either FILES or --en and --zh, not both")
    if commented and not files:
        raise click.UsageError("--commented needs FILES")
    if files:
        return [ImportJob("commented" if commented else "raw", (f,)) for f in files]
    if not (en_path and zh_path):
        raise click.UsageError("give FILES to import, or both --en and --zh")
    if en_path.is_dir() != zh_path.is_dir():
        raise click.UsageError("--en and --zh must both be files or both be folders")
    if not en_path.is_dir():
        return [ImportJob("aligned", (en_path, zh_path))]
    from .importers.trees import pair_trees  # see _read_draft

    paired, alone = pair_trees(en_path, zh_path)
    if not paired:
        raise click.UsageError(f"no page of {en_path} has a translation at the same path in {zh_path}")
    return [ImportJob("aligned", pair) for pair in paired] + [ImportJob("alone", (p,)) for p in alone]


def _import_one(site: Site, job: ImportJob, fields: dict, slug, as_draft, force) -> dict:
    """Import one job; a dict of what happened (never raises for bad input)."""
    from .importers.run import write_import  # see _read_draft

    try:
        if job.form == "alone":
            raise EssayError([Finding(str(job.sources[0]), 1, "no-counterpart",
                                      "no file at the same path in the other language — add "
                                      "its translation, or leave it out")])
        draft = _read_draft(job)
        names = list(fields["authors"]) or list(draft.authors)
        _apply(draft, **fields)
        name = slug or job.stem or slugify(draft.title or job.sources[0].stem)
        target = site.essays_dir / f"{name}.md"
        written = write_import(draft, target, site.relative(target), list(job.sources),
                               as_draft=as_draft, force=force, source_url=fields["source_url"])
        authors_file.ensure(site.docs_dir / ".authors.yml", names)
    except EssayError as error:
        return {"essay": None, "draft": False, "refused": error.findings, "findings": []}
    except OSError as error:  # a full disk, a read-only folder: nothing half-written is left
        where = error.filename or site.essays_dir
        return {"essay": None, "draft": False, "findings": [], "refused": [Finding(
            str(job.sources[0]), 1, "cannot-write", f"cannot write {where} ({error.strerror}) — "
            "free some disk space, or make the folder writable, and import again")]}
    return {"essay": site.relative(written.essay), "draft": written.draft, "refused": [],
            "findings": [*written.findings, *draft.notes]}


def _apply(draft: Draft, title, title_zh, date, authors, categories, source_title, source_url,
           source_author, license_) -> None:
    draft.title = title or draft.title
    draft.title_zh = title_zh or draft.title_zh
    draft.date = date.date() if date else draft.date
    names = list(authors) or draft.authors
    draft.authors = [author_id(name) for name in names]
    draft.categories = list(categories) or draft.categories
    if source_title or source_url:
        credit = {"title": source_title or draft.title, "url": source_url,
                  "author": source_author, "license": license_}
        draft.source = {k: v for k, v in credit.items() if v}


def _read_draft(job: ImportJob) -> Draft:
    # Imported here, not with the module: the readers load two Markdown parsers (0.1-0.2 s),
    # which every other command (`essays check` most of all) would wait for.
    from .importers.aligned import read_aligned_files
    from .importers.commented import read_commented
    from .importers.raw import read_raw_page

    if job.form == "tmx":
        return job.draft
    if job.form == "commented":
        return read_commented(_read(job.sources[0]), str(job.sources[0]))
    if job.form == "raw":
        return read_raw_page(_read(job.sources[0]), str(job.sources[0]))
    en, zh = job.sources
    return read_aligned_files(_read(en), str(en), _read(zh), str(zh))


def _read(path: Path) -> str:
    try:
        return read_essay(path, str(path))
    except Unreadable as problem:
        raise EssayError([problem.finding]) from None


class ImportSummary:
    """What an archive import did, file by file: imported, imported as drafts, refused."""

    def __init__(self) -> None:
        self.outcomes: list[dict] = []

    def add(self, job: ImportJob, outcome: dict) -> None:
        self.outcomes.append({"source": [str(p) for p in job.sources], **outcome})

    @property
    def refused(self) -> list[dict]:
        return [o for o in self.outcomes if o["refused"]]

    def _count(self, draft: bool) -> int:
        return sum(1 for o in self.outcomes if o["essay"] and o["draft"] == draft)

    def print(self) -> None:
        for outcome in self.outcomes:
            if outcome["essay"]:
                click.echo(outcome["essay"] + ("  (draft)" if outcome["draft"] else ""))
        for outcome in self.refused:
            first = outcome["refused"][0]
            more = len(outcome["refused"]) - 1
            click.echo(shown(f"refused: {first}") + (f" (and {more} more)" if more else ""), err=True)
        click.echo(f"{len(self.outcomes)} files: {self._count(False)} imported, {self._count(True)} "
                   f"imported as drafts, {len(self.refused)} refused", err=True)

    def to_json(self) -> dict:
        return {
            "imported": self._count(False),
            "drafts": self._count(True),
            "refused": len(self.refused),
            "files": [{"source": o["source"], "essay": o["essay"], "draft": o["draft"],
                       "errors": [f.to_json() for f in o["refused"] or
                                  [f for f in o["findings"] if f.severity == "error"]]}
                      for o in self.outcomes],
        }


# -- check -------------------------------------------------------------------------------------


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Human-readable lines, or one JSON object.")
@click.option("--punctuation", is_flag=True,
              help="Also report Chinese punctuation problems (as warnings).")
def check_command(paths, output, punctuation):
    """Check essays (default: all of them) and report what is wrong, pair by pair.

    Exit status: 0 no errors, 1 errors found, 2 usage or unreadable input. Errors in an
    essay marked `draft: true` are listed but do not fail (drafts are not published).

    \b
    Examples:
      essays check
      essays check docs/posts/config.md --format json
    """
    site = current_site()
    files = _real(site, _essay_files(site, paths))
    histories = read_histories(site.root, [real for real, _ in files])
    terms, glossary_name = _glossary(site)
    report = check_files(files, punctuation=punctuation,
                         keep=False, authors=known_authors(site.docs_dir / AUTHORS_FILE),
                         more=lambda essay, path: [*_history_findings(site, histories, essay, path),
                                                   *term_findings(essay, terms, glossary_name)])
    if output == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for finding in [*report.errors, *report.warnings]:
            click.echo(shown(str(finding)))
        unfinished = len(report.errors) - len(report.blocking)
        drafts = f" ({unfinished} in drafts, which are not published)" if unfinished else ""
        click.echo(f"{report.essays} essays, {report.pairs} pairs: "
                   f"{len(report.errors)} errors{drafts}, {len(report.warnings)} warnings")
    _say_notice(histories)
    sys.exit(1 if report.blocking else 0)


def _essay_files(site: Site, paths: tuple[Path, ...]) -> list[Path]:
    if not paths:
        return site.essay_files()
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.md")))
        elif path.is_file():
            files.append(path)
        else:
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATHS")
    return files


def _real(site: Site, files: list[Path]) -> list[tuple[Path, str]]:
    """Each file resolved, once per command, and as reports print it (a file named twice is
    checked twice, as before). What reads a file's lock and history is given this path
    (resolving costs a stat per folder of the path)."""
    return [((real := file.resolve()), site.shown(real, file)) for file in files]


def _say_notice(histories: Histories) -> None:
    if histories.notice:
        click.echo(shown(f"essays: {histories.notice}"), err=True)


# -- export ------------------------------------------------------------------------------------


@main.command("export")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "form", type=click.Choice(sorted(WRITERS)), required=True,
              help="tmx (TMX 1.4b, one <tu> per pair), xliff (XLIFF 1.2, one <file> per essay) "
                   "or csv (essay, anchor, pair, en, zh).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (through a temporary file renamed into place); default: "
                   "standard output.")
def export_command(paths, form, out):
    """Export the aligned pairs of the essays (default: all of them) for translation tools.

    Each pair's halves as written (Markdown); ids and properties name the essay and the
    pair's anchor (#pN). A TMX export imports back to the same essays (`essays import --tmx`).
    Essays with errors are left out (exit 1, the errors on stderr).

    \b
    Examples:
      essays export --format tmx -o essays.tmx
      essays export --format xliff docs/posts/12factor-config.md > config.xlf
    """
    site = current_site()
    files = _essay_files(site, paths)
    report = check_files(((p, site.relative(p)) for p in files))
    wrong = {f.path for f in report.errors}
    essays = [_linked(site, essay, file.resolve())[0] for file, essay in zip(files, report.parsed)
              if essay is not None and essay.path not in wrong and essay.meta and essay.meta.bilingual]
    data = WRITERS[form](essays)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(out, data.decode("utf-8"))
    for finding in report.errors:
        click.echo(shown(str(finding)), err=True)
    sys.exit(1 if report.errors else 0)


# -- terms -------------------------------------------------------------------------------------


@main.command("terms")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--suggest", is_flag=True,
              help="Also list candidate terms: English phrases in several pairs whose Chinese "
                   "renderings vary, with counts (a starting glossary).")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Human-readable lines, or one JSON object.")
@click.option("--export", "export_to", type=click.Choice(["tbx", "csv"]),
              help="Write the glossary (docs/glossary.yml) as TBX (ISO 30042) or CSV instead, "
                   "to standard output or -o FILE.")
@click.option("-o", "--output-file", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="With --export: the file to write.")
@click.option("--import", "import_from", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Make docs/glossary.yml from a TBX (.tbx) or CSV (.csv) file instead.")
@click.option("--force", is_flag=True, help="With --import: replace an existing glossary.")
def terms_command(paths, suggest, output, export_to, out, import_from, force):
    """Report the translations that are not consistent across the site (or the essays given).

    Two checks, as Xbench makes them: the same English sentence translated differently, and
    the same Chinese sentence for different English; with --suggest, candidate glossary
    terms. A report: exit 0 (1 if an essay cannot be read).

    \b
    Examples:
      essays terms
      essays terms --suggest --format json
      essays terms --export tbx -o glossary.tbx
      essays terms --import glossary.csv
    """
    site = current_site()
    if export_to or import_from:
        return _exchange_glossary(site, export_to, out, import_from, force)
    files = _essay_files(site, paths)
    report = check_files(((p, site.relative(p)) for p in files))
    essays = [e for e in report.parsed if e is not None and e.meta and e.meta.bilingual]
    same_en, same_zh = inconsistencies(essays)
    found = candidates(essays) if suggest else []
    if output == "json":
        click.echo(json.dumps({"same_english": [v.to_json() for v in same_en],
                               "same_chinese": [v.to_json() for v in same_zh],
                               "candidates": [c.to_json() for c in found]},
                              ensure_ascii=False, indent=2))
    else:
        _print_variants("Same English, different Chinese", same_en)
        _print_variants("Same Chinese, different English", same_zh)
        if suggest:
            click.echo(f"Candidate terms ({len(found)}): English phrase, pairs, Chinese renderings")
            for c in found:
                shown_renderings = ", ".join(f"{zh} {n}" for zh, n in c.renderings)
                click.echo(shown(f"  {c.english}  {c.pairs}  {shown_renderings}"))
    unreadable = [f for f in report.errors if f.code == "unreadable"]
    for finding in unreadable:
        click.echo(shown(str(finding)), err=True)
    sys.exit(1 if unreadable else 0)


def _exchange_glossary(site: Site, export_to, out, import_from, force) -> None:
    path = site.docs_dir / GLOSSARY_FILE
    if import_from:
        if path.exists() and not force:
            raise Failure([Finding(site.relative(path), 1, "exists", f"{site.relative(path)} "
                                   "already exists — pass --force to replace it")])
        read = from_tbx if import_from.suffix.lower() == ".tbx" else from_csv
        try:
            terms = read(import_from.read_bytes(), str(import_from))
            parse_glossary(format_glossary(terms), site.relative(path))  # what check will read
        except GlossaryError as error:
            raise Failure(error.findings) from None
        write_atomic(path, format_glossary(terms))
        click.echo(f"{site.relative(path)}: {len(terms)} terms")
        return
    terms, _ = _glossary(site)
    data = (to_tbx if export_to == "tbx" else glossary_csv)(terms.terms)
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(out, data.decode("utf-8"))


def _print_variants(title: str, groups) -> None:
    click.echo(f"{title} ({len(groups)})")
    for group in groups:
        click.echo(shown(f"  {group.text}"))
        for text, places in group.counterparts.items():
            click.echo(shown(f"    → {text}  ({', '.join(map(str, places))})"))


# -- stale -------------------------------------------------------------------------------------


@main.command("stale")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--diff", "show_diff", is_flag=True,
              help="Below each stale pair, a word diff of its original: from the text its "
                   "translation was made for to the text now.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Human-readable lines, or one JSON object.")
@click.option("--ok", "confirm", multiple=True, metavar="PATH:LINE",
              help="Record that the translation of the pair at this line (of either half, as "
                   "`essays stale` and `essays check` print it) still holds for its original as "
                   "it is now, in the essay's lock; repeat for several. Lists nothing.")
def stale_command(paths, show_diff, output, confirm):
    """List the pairs whose translation lags behind its original, oldest change first.

    A pair is stale when its original (the English, or the Chinese of an essay with
    `original: zh`) changed in a commit after the last commit that changed its translation,
    along the mainline of the site's git history (a merge counts as the commit that brought
    its changes); edits not committed yet count as a last version. A report: exit 0 whether
    or not pairs are stale (1 if an essay cannot be read, 2 for usage).

    \b
    Examples:
      essays stale
      essays stale docs/posts/config.md --diff
      essays stale --format json
      essays stale --ok docs/posts/config.md:24
    """
    site = current_site()
    if confirm:
        for target in confirm:
            _confirm(site, *_line_target(site, target))
        return
    files = _real(site, _essay_files(site, paths))
    histories = read_histories(site.root, [real for real, _ in files])
    found, unreadable = [], []
    for file, shown_path in files:
        try:
            essay = parse_file(file, shown_path)
        except Unreadable as problem:
            unreadable.append(problem.finding)
            continue
        found.extend(histories.stale(*_linked(site, essay, file)))
    found.sort(key=_oldest_change_first)
    if output == "json":
        click.echo(json.dumps({"notice": histories.notice, "unknown": histories.unknown,
                               "stale": [s.to_json() for s in found]}, ensure_ascii=False, indent=2))
    else:
        _print_stale(found, show_diff, len(files))
        _say_notice(histories)
    for problem in unreadable:
        click.echo(shown(str(problem)), err=True)
    sys.exit(1 if unreadable else 0)


def _glossary(site: Site) -> tuple[TermIndex, str]:
    """The site's glossary (empty without one); a glossary with errors stops the command."""
    path = site.docs_dir / GLOSSARY_FILE
    try:
        return TermIndex(read_glossary(path, site.relative(path))), site.relative(path)
    except GlossaryError as error:
        raise Failure(error.findings) from None


def _history_findings(site: Site, histories: Histories, essay: Essay, file: Path) -> list[Finding]:
    """What `essays check` says of an essay's lock and history: a lock it cannot read
    (error), anchors the lock does not record yet, translations that lag (warnings)."""
    try:
        lock_file, lock = _lock(site, file)
    except LockUnreadable as error:
        return [error.finding]
    if lock_file is None or essay.meta is None or not essay.meta.bilingual:
        return histories.findings(essay, file, {})
    links = link(essay, lock, record=False)
    found = [unrecorded(essay.path, site.relative(lock_file), links, lock)] if links.changed else []
    return found + histories.findings(links.essay, file, links.lock.confirmed)


def _linked(site: Site, essay: Essay, file: Path) -> tuple[Essay, Path, dict[int, str]]:
    """The essay with its stable anchors, its file, and the confirmations its lock records
    (none when it has no lock yet, or one that cannot be read: the build reports that)."""
    try:
        _, lock = _lock(site, file)
    except LockUnreadable:
        return essay, file, {}
    if lock is None:  # anchors are the numbers: linking would only compute the lock to write
        return essay, file, {}
    linked = link(essay, lock)
    return linked.essay, file, linked.lock.confirmed


def _lock(site: Site, file: Path) -> tuple[Path | None, Lock | None]:
    """The lock of `file` (resolved, as _real gives it) and its path."""
    path = lock_path_under(site.pairs_dir, site.real_essays_dir, file)
    return path, (read_lock(path, site.relative(path)) if path else None)


def _line_target(site: Site, target: str) -> tuple[Path, int]:
    """PATH:LINE as reports print it: PATH from here, or from the site's folder."""
    path, _, line = target.rpartition(":")
    if not path or not line.isdigit():
        raise click.BadParameter(f"{target!r} is not PATH:LINE — give it as `essays stale` "
                                 "prints it, e.g. docs/posts/config.md:24", param_hint="--ok")
    file = next((f for f in (Path(path), site.root / path) if f.is_file()), None)
    if file is None:
        raise click.BadParameter(f"{path}: no such essay", param_hint="--ok")
    return file, int(line)


def _confirm(site: Site, file: Path, line: int) -> None:
    """Record in the essay's lock that the pair at `line` still holds (`--ok`)."""
    shown_path = site.relative(file)
    try:
        essay = parse_file(file, shown_path)
        path, lock = _lock(site, file.resolve())
    except (Unreadable, LockUnreadable) as problem:
        raise Failure([problem.finding]) from None
    if path is None:
        raise Failure([Finding(shown_path, line, "no-lock", "the essay is outside the essays "
                               f"folder ({site.relative(site.essays_dir)}), so it has no lock to "
                               "record it in — move it there")])
    linked = link(essay, lock)
    found = confirmation(linked.essay, line)
    if found is None:
        raise Failure([Finding(shown_path, line, "no-pair", "no pair has a half at this line — "
                               "give a line of the pair's English or Chinese, as `essays stale` "
                               "prints it")])
    pair, held = found
    linked.lock.confirm(pair.anchor, held)
    write_lock(path, linked.lock, shown_path)
    click.echo(f"{shown_path}:{line}: pair {pair.number} (#p{pair.anchor}) confirmed: its "
               f"translation holds — recorded in {site.relative(path)}; commit it with the essay",
               err=True)


def _oldest_change_first(stale: StalePair):
    """By the date the original changed; uncommitted edits (no date) last."""
    date = stale.changed.date
    return (date is None, date.timestamp() if date else 0, stale.path, stale.number)


def _print_stale(found: list[StalePair], show_diff: bool, essays: int) -> None:
    colour = sys.stdout.isatty()
    for stale in found:
        click.echo(shown(f"{stale.path}:{stale.line}: {stale.code} (pair {stale.number}, "
                         f"#p{stale.anchor}): {stale_finding(stale).message}"))
        if show_diff:
            diff = word_diff(shown(stale.base), shown(stale.current), colour=colour)
            click.echo("\n".join(f"    {line}" for line in diff.split("\n")) + "\n")
    essays_with = len({s.path for s in found})
    click.echo(f"{len(found)} stale pairs in {essays_with} of {essays} essays")


# -- build -------------------------------------------------------------------------------------


@main.command("build")
@click.option("--no-wait", is_flag=True,
              help="If another build of this site is running, fail at once (exit 1) "
                   "instead of waiting for it to finish.")
def build_command(no_wait):
    """Build the site and both search indexes, and publish them together only if all of it
    succeeded: what `make build` runs.

    Runs `mkdocs build --strict` into a new generation folder (.site-gens/<id>/) and then
    switches site/ and the index to it with one rename; a failed or killed build publishes
    nothing. One build runs at a time: a second waits for the first (or, with --no-wait,
    fails). Exit status: 0 published, 1 the build failed or another was running.

    \b
    Examples:
      essays build
      SITE_URL=https://essays.example.org/ essays build
      essays build --no-wait
    """
    from .site.publish import BuildFailed, BuildLocked, build

    site = current_site()
    try:
        generation = build(site, wait=not no_wait, say=lambda line: click.echo(line, err=True))
    except (BuildFailed, BuildLocked) as error:
        raise click.ClickException(str(error)) from None
    shown = [os.path.relpath(path, site.root) for path in (site.site_dir, site.index_dir)]
    click.echo(f"essays build: published {generation.name} as {shown[0]}/ and {shown[1]}", err=True)


# -- search ------------------------------------------------------------------------------------

BOLD = ("\x1b[1m", "\x1b[22m")
GUILLEMETS = ("«", "»")


@main.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {url, essay, pair, score, en, zh}, best first.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Show at most this many pairs.")
@click.option("--lang", type=click.Choice(["en", "zh"]),
              help="Match only the English or only the Chinese side.")
@click.option("--serve", "served", is_flag=True,
              help="Search the index `make serve` keeps up to date with your edits, "
                   "instead of the published one.")
def search_command(query, as_json, limit, lang, served):
    """Search the essays pair by pair, in English, Chinese or both; show both sides.

    Words must all occur in a pair (in either language). Chinese matches any part of a word;
    English matches other forms of a word (imitate finds imitation). Quotes make a phrase;
    AND, OR, NOT, `*` and en:/zh: work as in whoosh; anything else is searched as words.
    Searches the index `make build` published (with --serve, the one `make serve` writes).

    \b
    Examples:
      essays search imitation
      essays search 消融 --lang zh
      essays search "imitation 模仿" --json --limit 3
    """
    from .search.query import IndexMissing, concordance, open_index, search  # whoosh loads only here

    text = " ".join(query).strip()
    if not text:
        raise click.UsageError("the query is empty — give a word or phrase to search for")
    site = current_site()
    index_dir, builder = (site.serve_index_dir, "make serve") if served else (site.index_dir, "make build")
    try:
        ix = open_index(index_dir)
    except IndexMissing as error:
        raise click.ClickException(f"{error} at {site.relative(index_dir)} — "
                                   f"run `{builder}` to build it") from None
    mark = BOLD if sys.stdout.isatty() and not as_json else GUILLEMETS
    terms, _ = _glossary(site)
    hits = search(ix, expand(text, terms), limit=limit, lang=lang, mark=mark)
    if as_json:
        click.echo(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=2))
    elif not hits:
        click.echo(f"no pair matches {text!r}", err=True)
    else:
        click.echo(_terminal("\n\n".join(concordance(hit) for hit in hits)))


def _terminal(text: str) -> str:
    """Essay text with its control characters escaped, and our own bold marks kept."""
    marks = re.compile("(" + "|".join(re.escape(m) for m in BOLD) + ")")
    return "".join(piece if piece in BOLD else shown(piece) for piece in marks.split(text))


if __name__ == "__main__":  # pragma: no cover
    main()
