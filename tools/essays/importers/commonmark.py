"""A source file's blocks as its own CommonMark renderer sees them, written in our format.

Translated documentation is written for CommonMark renderers (markdown-it in VitePress,
Goldmark in Hugo, MDX), which differ from Python-Markdown, the renderer mkdocs uses: a list
may follow a paragraph line directly, a nested list may be indented two spaces, a `::: tip`
container or a `{{< note >}}` shortcode means something. markdown-it-py finds the blocks
exactly as CommonMark does, with their source lines; each block is then written so that
Python-Markdown renders it the same way (lists indented by four, containers as Material
admonitions, wrapper tags with `markdown` so the Markdown inside them is rendered).

What a site's markup means nothing here is dropped (section markers, `<script>`, live demos,
self-closing components) and listed in `Blocks.dropped`, so the importer can say so.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ..model import Block, Finding, Lang
from . import sites

# Kinds written once for both languages (the rest are text, paired).
SOURCE_SHARED = frozenset({"code", "image", "markup", "rule", "math", "refs"})

HEADING_ID = re.compile(r"\s*\{\s*#([\w:.-]+)[^}]*\}\s*$")  # `## Title {#id}`, VitePress/Hugo/Pandoc
MDX_HEADING_ID = re.compile(r"\s*\{/\*\s*([\w:.-]+)\s*\*/\}\s*$")  # `## Title {/*id*/}`, react.dev
MDX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.S)
SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w-]+)(.*?)\s*[>%]\}\}", re.S)
SHORTCODE_LINE = re.compile(r"^\s*(\{\{[<%].*?[>%]\}\}\s*)+$")
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
# Hugo shortcodes that are notes: written as admonitions.
NOTE_SHORTCODES = {"note": "note", "caution": "warning", "warning": "warning", "alert": "note",
                   "tip": "tip", "callout": "note"}
# Hugo's `{{% heading "x" %}}`: the site's i18n strings (kubernetes/website, opentelemetry.io).
HEADINGS = {
    "whatsnext": ("What's next", "接下来"), "prerequisites": ("Before you begin", "准备开始"),
    "objectives": ("Objectives", "教程目标"), "cleanup": ("Cleaning up", "清理现场"),
    "synopsis": ("Synopsis", "概要"), "options": ("Options", "选项"),
    "seealso": ("See Also", "参见"), "lessoncontent": ("Lesson content", "课程内容"),
}
# VitePress containers -> Material admonitions, and the title VitePress gives a Chinese page.
ADMONITIONS = {"tip": "tip", "info": "info", "warning": "warning", "danger": "danger",
               "caution": "warning", "note": "note", "important": "important",
               "details": "details",
               # pymdownx.blocks names (FastAPI); a tab shows as a note titled with its label
               "check": "success", "success": "success", "example": "example", "question":
               "question", "abstract": "abstract", "bug": "bug", "quote": "quote", "tab": "note"}
ZH_TITLES = {"tip": "提示", "info": "信息", "warning": "警告", "danger": "危险", "note": "说明",
             "details": "详细信息", "important": "重要"}
UNWRAPPED_CONTAINERS = {"code-group", "v-pre", "raw"}
# MDX components that show code: written as a fenced block in that language.
CODE_COMPONENTS = {"TerminalBlock": "sh"}
DEMO_LINE = re.compile(r"^\s*<code\s[^>]*\bsrc=[^>]*>.*</code>\s*$")  # dumi's demo embeds
TAG_LINE = re.compile(r"^\s*<(/?)([A-Za-z][\w.-]*)([^<>]*?)(/?)>\s*$")
LIVE_MARKUP = re.compile(r'\s(?:v-[\w-]+|@[\w.-]+|:[\w-]+)\s*=|\{\{|\bclassName=|=\{')
BLOCK_TAGS = {"div", "section", "article", "aside", "figure", "figcaption", "details", "summary",
              "main", "header", "footer", "nav", "center", "blockquote", "table", "p"}
VOID_TAGS = {"img", "br", "hr", "source", "input", "wbr", "track", "embed"}
LIST_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( *)")
IMAGE_ONLY = re.compile(r"^(?:\s*\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*|\s*<img\b[^>]*>\s*)+$")
LINK_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")


@dataclass(frozen=True)
class Comment:
    """An HTML comment: its inner text, the line that text starts on, and the admonition it
    sits in (`!!! note`), if any; --commented reads the English original from these."""

    text: str
    line: int
    admonition: str | None = None


@dataclass
class Blocks:
    """What one source file holds: its blocks in order, and what was dropped, by line."""

    blocks: list[Block] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)  # for --commented

    dropped: list[tuple[int, str]] = field(default_factory=list)
    mdx: bool = False  # MDX reads indented lines as Markdown, never as code
    captions: list[str] = field(default_factory=list)  # of the open <Listing>s

    def notes(self, path: str) -> list[Finding]:
        """What was left out, as info findings at its lines of `path`."""
        return [Finding(path, line, "import-dropped", f"{what} is left out", "info")
                for line, what in self.dropped]


def markdown_it() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    container_plugin(md, "box", validate=lambda params, *rest: bool(params.strip()))
    return md


_MD = markdown_it()
_MDX = markdown_it().disable("code")  # MDX 2 has no indented code blocks


def read_blocks(text: str, lang: Lang, first_line: int = 1, mdx: bool = False) -> Blocks:
    """The blocks of a CommonMark body (front matter removed) starting at `first_line`;
    `mdx` for an MDX page (`.mdx`), where indentation inside components is not code."""
    # CommonMark ends lines at \r too: split as markdown-it does, so its line numbers are ours
    lines = prepare(text.replace("\r\n", "\n").replace("\r", "\n"), lang).split("\n")
    found = Blocks(mdx=mdx)
    tokens = (_MDX if mdx else _MD).parse("\n".join(lines))
    covered: set[int] = set()
    for start, end, group in _top_level(tokens):
        covered.update(range(start, end))
        _convert(group, lines, start, end, lang, first_line, found)
    _loose_lines(lines, covered, lang, first_line, found)
    found.blocks.sort(key=lambda b: b.line)
    return found


def prepare(text: str, lang: Lang) -> str:
    """Site syntax to CommonMark, line for line (so source lines stay right): Hugo shortcodes,
    MDX comments and pymdownx.blocks, which no CommonMark parser knows."""
    out = []
    for line in sites.slash_blocks(text.split("\n")):
        line = MDX_HEADING_ID.sub(lambda m: f" {{#{m.group(1)}}}", line)
        line = MDX_COMMENT.sub("", line)
        out.append(_shortcode_line(line, lang) if "{{" in line else line)
    return "\n".join(out)


def _shortcode_line(line: str, lang: Lang) -> str:
    if SHORTCODE_LINE.match(line):
        codes = SHORTCODE.findall(line)
        if len(codes) == 1:
            _, closing, name, args = codes[0]
            if name.lower() in NOTE_SHORTCODES:
                return ":::" if closing else f"::: {NOTE_SHORTCODES[name.lower()]}"
        return "".join(_inline_shortcode(m, lang) for m in SHORTCODE.finditer(line)).strip() or ""
    return SHORTCODE.sub(lambda m: _inline_shortcode(m, lang), line)


def _inline_shortcode(match: re.Match, lang: Lang) -> str:
    """The text a shortcode stands for where it has one (a heading, a glossary term, a
    figure); nothing otherwise (feature-state badges, includes of code files)."""
    _, closing, name, args = match.groups()
    attrs = dict(ATTRIBUTE.findall(args))
    name = name.lower()
    if closing:
        return ""
    if name == "heading":
        key = args.strip().strip('"').lower()
        en, zh = HEADINGS.get(key, (key.capitalize(), key.capitalize()))
        return zh if lang == "zh" else en
    if name in ("glossary_tooltip", "term", "abbr"):
        return attrs.get("text") or attrs.get("term_id", "")
    if name in ("figure", "imgproc") and attrs.get("src"):
        return f"![{attrs.get('alt') or attrs.get('caption', '')}]({attrs['src']})"
    if name in ("ref", "relref"):
        return args.strip().strip('"')
    return ""


def _top_level(tokens: list[Token]):
    """(first line, line after the last, tokens) of each top-level block, 0-based."""
    group: list[Token] = []
    for token in tokens:
        group.append(token)
        if token.level == 0 and token.nesting <= 0:
            opening = group[0]
            if opening.map:
                yield opening.map[0], opening.map[1], group
            group = []


def _convert(group: list[Token], lines: list[str], start: int, end: int, lang: Lang,
             first_line: int, found: Blocks) -> None:
    opening = group[0]
    source = _trim(lines[start:end])
    if found.mdx:  # indented inside a component: the same block at column 0
        source = textwrap.dedent("\n".join(source)).split("\n") if source else source
    line = first_line + start
    kind = opening.type
    if kind == "heading_open":
        _add(found, _heading(group, opening), line, "heading", lang, int(opening.tag[1]))
    elif kind == "paragraph_open":
        text = "\n".join(source)
        if all(DEMO_LINE.match(row) for row in source):
            found.dropped.append((line, "a list of live demos (dumi's <code src=…>)"))
            return
        if (code := sites.site_code(source)) is not None:
            found.dropped.extend((line + k, what) for k, what in code)
            return
        if kept := sites.anchors(text):  # `<a id="x"></a>` alone: a paragraph to CommonMark
            _add(found, kept, line, "markup", lang)
            return
        _add(found, text, line, "image" if IMAGE_ONLY.match(text) else "paragraph", lang)
    elif kind in ("bullet_list_open", "ordered_list_open"):
        _add(found, "\n".join(_list_lines(group, lines, start, end)), line, "list", lang)
    elif kind == "blockquote_open":
        _add(found, "\n".join(source), line, "quote", lang)
    elif kind == "table_open":
        _add(found, "\n".join(source), line, "table", lang)
    elif kind == "fence":
        body = sites.console_text(opening.info, source[1:])
        _add(found, "\n".join([_fence_line(source[0], opening.info), *body]), line, "code", lang)
    elif kind == "code_block":
        _add(found, "\n".join(source), line, "code", lang)
    elif kind == "hr":
        _add(found, "---", line, "rule", lang)
    elif kind == "html_block":
        _html(source, line, lang, found)
    elif kind == "container_box_open":
        _container(opening.info.strip(), lines[start + 1:end], line, lang, found)


def _fence_line(first: str, info: str) -> str:
    """The opening fence with its language only: the rest of an info string is the site's
    own syntax (VitePress `js{7-12}`, react.dev `js src/index.js active`, `[[2, 1, "x"]]`),
    which pymdownx.superfences does not read and would render as a paragraph instead."""
    opening = re.match(r"\s*(`{3,}|~{3,})", first)
    if opening is None:
        return first
    fence = opening.group(1)
    language = re.match(r"[\w+#.-]*", info.strip()).group(0)
    return fence + language


def _add(found: Blocks, text: str, line: int, kind: str, lang: Lang, level: int = 0) -> None:
    if text.strip():
        found.blocks.append(Block(text=text, line=line, kind=kind,
                                  lang="shared" if kind in SOURCE_SHARED else lang, level=level))


def _trim(lines: list[str]) -> list[str]:
    """Without trailing blank lines, or the space a line break leaves at the very end."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return [*lines[:-1], lines[-1].rstrip()] if lines else lines


def _heading(group: list[Token], opening: Token) -> str:
    """An ATX heading; a `{#id}` stays as the heading's attribute (never part of its text)."""
    inline = group[1].content.strip()
    match = HEADING_ID.search(inline)
    title = HEADING_ID.sub("", inline).strip()
    marks = "#" * int(opening.tag[1])
    return f"{marks} {title} {{#{match.group(1)}}}" if match else f"{marks} {title}"


def _list_lines(group: list[Token], lines: list[str], start: int, end: int) -> list[str]:
    """The list re-indented for Python-Markdown: each nesting level four spaces deeper.

    CommonMark nests a list item's content at the column after its marker (two spaces after
    `- `, three after `1. `); Python-Markdown only at multiples of four. Each line keeps its
    indentation relative to the item it belongs to, so code inside items stays intact.
    """
    items = [(t.map[0], t.map[1], t.level) for t in group if t.type == "list_item_open" and t.map]
    columns = {s: _content_column(lines[s]) for s, _, _ in items}
    out = []
    for k in range(start, end):
        text = lines[k].expandtabs(4)
        chain = [(s, e) for s, e, _ in items if s <= k < e]
        if not text.strip() or not chain:
            out.append(text.rstrip() if chain else text)
            continue
        depth = len(chain)
        own_start = chain[-1][0]
        if own_start == k:  # a marker line
            marker = text.lstrip()
            marker = re.sub(r"^(\d{1,9})\)", r"\1.", marker)
            out.append(" " * 4 * (depth - 1) + marker)
        else:
            indent = len(text) - len(text.lstrip())
            extra = max(0, indent - columns[own_start])
            out.append(" " * (4 * depth + extra) + text.lstrip())
    return _trim(out)


def _content_column(line: str) -> int:
    line = line.expandtabs(4)
    match = LIST_MARKER.match(line)
    if not match:
        return len(line) - len(line.lstrip())
    lead, marker, gap = match.groups()
    rest = line[match.end():]
    if not rest.strip() or len(gap) > 4:
        return len(lead) + len(marker) + 1
    return len(lead) + len(marker) + len(gap)


def _html(source: list[str], line: int, lang: Lang, found: Blocks) -> None:
    text = "\n".join(source)
    stripped = text.strip()
    if kept := sites.anchors(stripped):  # the Rust book's kept anchors of old headings
        _add(found, kept, line, "markup", lang)
        return
    if stripped.startswith("<!--"):
        inner = stripped[4:].rsplit("-->", 1)[0]
        offset = line + text[: text.index("<!--") + 4].count("\n")
        found.comments.append(Comment(inner, offset))
        return
    if re.match(r"<(script|style)\b", stripped, re.I):
        found.dropped.append((line, f"a <{stripped[1:].split()[0].rstrip('>')}> block (no script "
                                    "or style from imported pages)"))
        return
    if LIVE_MARKUP.search(text):
        found.dropped.append((line, "a live demo (template markup that needs the original site's "
                                    "JavaScript)"))
        return
    if all(TAG_LINE.match(row) for row in source if row.strip()):
        for k, row in enumerate(source):
            _tag_block(row, line + k, lang, found)
        return
    if len(source) == 1 and (caption := sites.caption(stripped)):
        _add(found, caption, line, "html", lang)  # its Markdown rendered, as a <Listing>'s
        return
    if (code := sites.component(source)) is not None:
        found.dropped.extend((line + k, what) for k, what in code)
        return
    first = TAG_LINE.match(source[0])
    if first and first.group(2) in CODE_COMPONENTS:
        body = [row for row in source[1:] if not TAG_LINE.match(row)]
        _add(found, "```" + CODE_COMPONENTS[first.group(2)] + "\n" + "\n".join(body) + "\n```",
             line, "code", lang)
        return
    if first and _is_component(first.group(2)):
        _component_children(source, line, lang, found)
        return
    _add(found, text, line, "html", lang)


def _component_children(source: list[str], line: int, lang: Lang, found: Blocks) -> None:
    """A JSX component and the Markdown inside it with no blank line (`<DeepDive>` then a
    heading): MDX reads the children as Markdown, so they are read as blocks of their own."""
    rows: list[tuple[int, str]] = []

    def flush() -> None:
        if rows:
            inner = read_blocks("\n".join(r for _, r in rows), lang, rows[0][0], found.mdx)
            found.blocks.extend(inner.blocks)
            found.dropped.extend(inner.dropped)
            rows.clear()

    for k, row in enumerate(source):
        if TAG_LINE.match(row):
            flush()
            _tag_block(row, line + k, lang, found)
        else:
            rows.append((line + k, row))
    flush()


def _tag_block(row: str, line: int, lang: Lang, found: Blocks) -> None:
    """A tag alone on its line: a `<Listing>` as the figure it stands for, else a wrapper."""
    match = TAG_LINE.match(row)
    if match and match.group(2) == "Listing" and not match.group(4):
        for kind, text in sites.listing(bool(match.group(1)), dict(ATTRIBUTE.findall(match.group(3))),
                                        lang, found.captions):
            _add(found, text, line, kind, lang)
        return
    tag = _wrapper_tag(row, line, found)
    if tag:
        _add(found, tag, line, "markup", lang)


def _is_component(name: str) -> bool:
    return name[0].isupper() or "." in name


def _wrapper_tag(row: str, line: int, found: Blocks) -> str | None:
    """A tag alone on its line, written so Python-Markdown renders the Markdown it wraps."""
    match = TAG_LINE.match(row)
    if not match:
        return None
    closing, name, attrs, self_closing = match.groups()
    component = _is_component(name)
    if component and (self_closing or attrs.rstrip().endswith("/")):
        found.dropped.append((line, f"<{name}/> (a component of the original site)"))
        return None
    if component:
        return "</div>" if closing else f'<div class="{_css_name(name)}" markdown>'
    if self_closing or name.lower() in VOID_TAGS:
        return row.strip()
    if name.lower() not in BLOCK_TAGS:  # `<small>` alone on its line, around blocks
        found.dropped.append((line, f"an inline <{name}> wrapped around blocks"))
        return None
    if name.lower() == "figure":  # as a <Listing> is written (sites.listing)
        classes = f"figure {_class(attrs)}".strip()
        return "</div>" if closing else f'<div class="{classes}" markdown>'
    if closing:
        return f"</{name}>"
    return f"<{name}{attrs.rstrip()} markdown>"


def _class(attrs: str) -> str:
    match = re.search(r'\bclass="([^"]*)"', attrs)
    return match.group(1) if match else ""


def _css_name(component: str) -> str:
    return "component-" + re.sub(r"(?<!^)(?=[A-Z])", "-", component.replace(".", "-")).lower()


def _container(info: str, inner: list[str], line: int, lang: Lang, found: Blocks) -> None:
    """`::: tip Title` … `:::` as `!!! tip "Title"` with its body indented: one block."""
    name, _, title = info.partition(" ")
    name = name.lower()
    body = read_blocks("\n".join(inner), lang, line + 1, found.mdx)
    found.dropped.extend(body.dropped)
    if name in UNWRAPPED_CONTAINERS or name not in ADMONITIONS:
        found.blocks.extend(body.blocks)
        found.comments.extend(body.comments)
        return
    kind = ADMONITIONS[name]
    body.blocks = _unwrapped(body.blocks, found)
    head = admonition_head(kind, title.strip() or (ZH_TITLES.get(kind) if lang == "zh" else ""))
    found.comments.extend(Comment(c.text, c.line, admonition_head(kind, title.strip()))
                          for c in body.comments)
    _add(found, admonition(head, "\n\n".join(b.text for b in body.blocks)), line, "admonition", lang)


def _unwrapped(blocks: list[Block], found: Blocks) -> list[Block]:
    """A note's blocks without wrapper tags: md_in_html does not read them in an admonition's
    indented body, and the `</div>` would close our pair's half instead (FastAPI's
    `<div class="termy">` around a console fence in a tab). What they wrap is kept."""
    for block in blocks:
        if block.kind == "markup" and block.text.startswith("<div"):
            found.dropped.append((block.line, f"the wrapper {block.text.replace(' markdown', '')} "
                                              "inside a note (what it wraps is kept)"))
    return [b for b in blocks if b.kind != "markup" or b.text.startswith("<a ")]


def admonition_head(kind: str, title: str = "") -> str:
    head = "??? note" if kind == "details" else f"!!! {kind}"
    return head + (f' "{title.replace(chr(34), "“")}"' if title else "")


def admonition(head: str, text: str) -> str:
    """A Material admonition: its head line, then the blocks indented by four."""
    return head + "\n" + "\n".join(("    " + row) if row.strip() else "" for row in text.split("\n"))


def _loose_lines(lines: list[str], covered: set[int], lang: Lang, first_line: int,
                 found: Blocks) -> None:
    """Link reference definitions: CommonMark consumes them without a token."""
    run: list[tuple[int, str]] = []
    for k, text in enumerate([*lines, ""]):
        if k not in covered and text.strip():
            run.append((k, text))
        elif run:
            refs = [t for _, t in run if LINK_REF_DEF.match(t)]
            if refs:
                _add(found, "\n".join(refs), first_line + run[0][0], "refs", lang)
            run = []
