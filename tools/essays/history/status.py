"""The site operator's page: every essay with pairs whose translation lags, newest change
first, as Markdown the build adds to the site (`translations/`).

Links name the essays' source files (`posts/x.md#p9`): mkdocs turns them into the pages'
URLs, wherever the blog puts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Essay
from ..text.safety import markdown_literal

PAGE = "translations.md"
SIDE = {"zh": "中文 · Chinese", "en": "English · 英文"}


@dataclass(frozen=True)
class Lagging:
    """One essay's pairs that lag, as the page lists them."""

    essay: Essay
    source: str  # the essay's path under docs/, as a link names it
    stale: Sequence  # history.stale.StalePair, in reading order


def status_markdown(essays: Sequence[Lagging], notice: str | None) -> str:
    lines = ["# Translations out of date · 译文待更新", "",
             "Pairs whose original changed in a commit after their translation last changed, "
             "from the site's git history when it was built; the essays whose newest change is "
             "newest come first. Translators: `essays stale --diff` shows what changed. · "
             "以下段落的原文在译文最后一次修改之后又有改动（依据构建时的 git 历史）。", ""]
    if notice:
        lines += [f"> **History · 历史**: {markdown_literal(notice)}", ""]
    shown = sorted((e for e in essays if e.stale), key=_newest, reverse=True)
    if not shown:
        return "\n".join([*lines, "Every translation is up to date. · 所有译文均已同步。", ""])
    for lagging in shown:
        lines += _essay(lagging)
    return "\n".join(lines)


def _newest(lagging: Lagging) -> str:
    return max(s.changed.date for s in lagging.stale)


def _essay(lagging: Lagging) -> list[str]:
    essay, total = lagging.essay, len(lagging.essay.pairs)
    title = markdown_literal(essay.meta.display_title)
    rows = [f"| [{s.number}]({lagging.source}#p{s.anchor}) | {SIDE[s.side]} | "
            f"{_commit(s.changed)} | {_commit(s.translated)} |" for s in lagging.stale]
    return [f"## [{title}]({lagging.source})", "",
            f"{len(lagging.stale)} of {total} pairs · {total} 段中有 {len(lagging.stale)} 段", "",
            "| Pair · 段 | Lags · 待更新 | Original changed · 原文修改 | "
            "Translation last changed · 译文最后修改 |",
            "|---|---|---|---|", *rows, ""]


def _commit(commit) -> str:
    if commit is None:
        return "—"
    sha = f" `{commit.sha[:7]}`" if commit.sha else " (uncommitted)"
    return f"{str(commit.date)[:10]}{sha}"
