"""`essays`: import, check and search the essays of the site in the current directory.

A thin edge: commands parse options, call the core, and map its errors to exit codes
(0 fine, 1 findings or failed work, 2 usage or unreadable input).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .align.check import check_files
from .importers import Draft, author_id, authors as authors_file, slugify, write_essay
from .importers.aligned import read_aligned_files
from .importers.commented import read_commented
from .importers.raw import read_raw_page
from .model import EssayError, Finding
from .paths import Site, SiteNotFound, find_site


class Failure(click.ClickException):
    """Findings that stop a command: printed as `path:line: …` lines, exit 1."""

    exit_code = 1

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


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
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--en", "en_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="English file of an aligned pair of files (use with --zh).")
@click.option("--zh", "zh_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Chinese file aligned block by block with --en.")
@click.option("--commented", is_flag=True,
              help="FILE is Chinese with the English in <!-- --> comments before each block "
                   "(the kubernetes-blog form).")
@click.option("--force", is_flag=True, help="Replace an essay that already exists.")
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
def import_command(file, en_file, zh_file, commented, force, slug, title, title_zh, date, authors,
                   categories, source_title, source_url, source_author, license_):
    """Import a raw page or two aligned files as an essay under docs/; print its path.

    \b
    Examples:
      essays import page.txt
      essays import --commented 2015-04-00-Borg-Predecessor-To-Kubernetes.md --license "CC BY 4.0"
      essays import --en en/config.md --zh zh_cn/config.md --date 2012-01-01 \\
          --author "Adam Wiggins" --category "The Twelve-Factor App" --license MIT
    """
    site = current_site()
    draft = _read_draft(file, en_file, zh_file, commented)
    draft.title = title or draft.title
    draft.title_zh = title_zh or draft.title_zh
    draft.date = date.date() if date else draft.date
    names = list(authors) or draft.authors
    draft.authors = [author_id(name) for name in names]
    draft.categories = list(categories) or draft.categories
    if source_title or source_url:
        fields = {"title": source_title or draft.title, "url": source_url,
                  "author": source_author, "license": license_}
        draft.source = {k: v for k, v in fields.items() if v}
    target = site.essays_dir / f"{slug or slugify(draft.title)}.md"
    try:
        written = write_essay(draft, target, site.relative(target), force=force)
        authors_file.ensure(site.docs_dir / ".authors.yml", names)
    except EssayError as error:
        raise Failure(error.findings) from None
    click.echo(site.relative(written))


def _read_draft(file: Path | None, en_file: Path | None, zh_file: Path | None,
                commented: bool = False) -> Draft:
    if file and (en_file or zh_file):
        raise click.UsageError("give either FILE or --en and --zh, not both")
    if commented and not file:
        raise click.UsageError("--commented needs a FILE")
    try:
        if file and commented:
            return read_commented(_read(file), str(file))
        if file:
            return read_raw_page(_read(file), str(file))
        if en_file and zh_file:
            return read_aligned_files(_read(en_file), str(en_file), _read(zh_file), str(zh_file))
    except EssayError as error:
        raise Failure(error.findings) from None
    raise click.UsageError("give a FILE to import, or both --en and --zh")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise click.FileError(str(path), hint=str(error)) from None


# -- check -------------------------------------------------------------------------------------


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Human-readable lines, or one JSON object.")
@click.option("--punctuation", is_flag=True,
              help="Also report Chinese punctuation problems (as warnings).")
def check_command(paths, output, punctuation):
    """Check essays (default: all of them) and report what is wrong, pair by pair.

    Exit status: 0 no errors, 1 errors found, 2 usage or unreadable input.

    \b
    Examples:
      essays check
      essays check docs/posts/config.md --format json
    """
    site = current_site()
    files = _essay_files(site, paths)
    try:
        report = check_files(((p, site.relative(p)) for p in files), punctuation=punctuation,
                             keep=False)
    except (OSError, UnicodeDecodeError) as error:
        click.echo(f"essays check: cannot read an essay: {error}", err=True)
        sys.exit(2)
    if output == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for finding in [*report.errors, *report.warnings]:
            click.echo(str(finding))
        click.echo(f"{report.essays} essays, {report.pairs} pairs: "
                   f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    sys.exit(1 if report.errors else 0)


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
def search_command(query, as_json, limit, lang):
    """Search the essays pair by pair, in English, Chinese or both; show both sides.

    Words must all occur in a pair (in either language). Chinese matches any part of a word;
    English matches other forms of a word (imitate finds imitation). Quotes make a phrase;
    AND, OR, NOT, `*` and en:/zh: work as in whoosh; anything else is searched as words.
    Searches the index `make build` writes.

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
    try:
        ix = open_index(site.index_dir)
    except IndexMissing as error:
        raise click.ClickException(f"{error} at {site.relative(site.index_dir)} — "
                                   "run `make build` to build it") from None
    mark = BOLD if sys.stdout.isatty() and not as_json else GUILLEMETS
    hits = search(ix, text, limit=limit, lang=lang, mark=mark)
    if as_json:
        click.echo(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=2))
    elif not hits:
        click.echo(f"no pair matches {text!r}", err=True)
    else:
        click.echo("\n\n".join(concordance(hit) for hit in hits))


if __name__ == "__main__":  # pragma: no cover
    main()
