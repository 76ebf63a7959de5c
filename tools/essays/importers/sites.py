"""The syntax of particular documentation sites, read as their own build reads it.

Pure functions over source lines, for commonmark.py: pymdownx.blocks (FastAPI's mkdocs
site: `/// tip | 提示`, tabs, `{* file *}` code includes, coloured console sessions), MDX
(Astro Starlight, react.dev: `import` lines, `{' '}`, components over several lines) and
mdBook with the Rust book's preprocessors (`<Listing>`, kept anchors of old headings).
Each was found in real pages under tests/fixtures/translated/ (see CONSTRUCTS.md there).
"""

from __future__ import annotations

import html
import re

from ..model import Lang

# pymdownx.blocks: `/// tip | Title` … `///`, tabs as `//// tab | Linux` … `////`.
SLASH_BLOCK = re.compile(r"^(\s*)(/{3,})\s*(?:([\w-]+)\s*(?:\|\s*(.*?))?)?\s*$")
FENCE_OPEN = re.compile(r"^\s*(`{3,}|~{3,})")
# FastAPI's `{* ../../docs_src/x.py hl[9] *}`: a code file the site includes at build time.
CODE_INCLUDE = re.compile(r"^\s*\{\*\s*(\S+).*\*\}\s*$")
# MDX ESM statements and whitespace expressions (`{' '}`): the page's JavaScript, not its text.
MDX_ESM = re.compile(r"^\s*(?:import\s+(?:[\w{*][^'\"]*\bfrom\s+)?['\"]"
                     r"|export\s+(?:const|default|function|let)\b)")
MDX_BLANK_EXPRESSION = re.compile(r"^\s*\{\s*(?:'\s*'|\"\s*\"|`\s*`)\s*\}\s*$")
MULTILINE_COMPONENT = re.compile(r"^\s*<([A-Z][\w.]*)\b[^>]*$")
# The colours of a terminal session (FastAPI's console fences, which termynal.js renders
# as HTML): `<font color>`, `<span style>`, `<u>`, `<b>`. In our code blocks they would
# show as text, so they go and the session's text stays.
TERMINAL_TAG = re.compile(r"</?(?:font|span|u|b)\b[^>]*>")
# `<!-- Old headings. Do not remove or links may break. -->` then `<a id="x"></a>` lines.
ANCHOR = re.compile(r'<a\s+(?:id|name)="[^"]+"\s*>\s*</a>')
ANCHORS = re.compile(rf"^(?:\s*<!--.*?-->)*(?:\s*{ANCHOR.pattern})+\s*$", re.S)
FIGCAPTION = re.compile(r"^<figcaption(?:\s[^>]*)?>(.*)</figcaption>$")
# The Rust book's `<Listing number="1-2" file-name="x" caption="…">` (mdBook preprocessor):
# the labels its preprocessor writes, and the translation writes out, in each language.
LISTING = {"en": ("Filename: ", "Listing "), "zh": ("文件名：", "示例 ")}


def slash_blocks(lines: list[str]) -> list[str]:
    """Each `/// name | Title` line as the container `::: name Title`, as many colons as
    slashes (so blocks nest as in pymdownx.blocks), a tab's label its title; `///` inside a
    fence is code (C and Rust doc comments) and stays."""
    out, fence = [], ""
    for line in lines:
        opening = FENCE_OPEN.match(line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)
        elif not fence and (block := SLASH_BLOCK.match(line)):
            indent, slashes, name, title = block.groups()
            line = indent + ":" * len(slashes)
            if name:
                line += f" {name.lower()}" + (f" {title.strip()}" if title and title.strip() else "")
        out.append(line)
    return out


def site_code(source: list[str]) -> list[tuple[int, str]] | None:
    """What a paragraph that is the site's code, not text, stands for, by line offset:
    FastAPI's code includes, MDX imports, `{' '}`, a component written over several lines
    (`<CommandTabs` then its attributes). None for a paragraph of text."""
    if all(CODE_INCLUDE.match(row) for row in source):
        return [(k, f"the code sample included from {CODE_INCLUDE.match(row).group(1)} ({{* … *}})")
                for k, row in enumerate(source)]
    if all(MDX_ESM.match(row) for row in source):
        return [(0, "an MDX import or export statement")]
    if all(MDX_BLANK_EXPRESSION.match(row) for row in source):
        return []  # `{' '}`: a space JSX keeps between components
    return component(source)


def component(source: list[str]) -> list[tuple[int, str]] | None:
    """A self-closing component over several lines, which CommonMark reads as a paragraph
    or an HTML block: left out."""
    match = MULTILINE_COMPONENT.match(source[0])
    if match and source[-1].rstrip().endswith("/>"):
        return [(0, f"<{match.group(1)}/> (a component of the original site)")]
    return None


def console_text(info: str, body: list[str]) -> list[str]:
    """A console fence's lines without the colours termynal.js would render."""
    if info.strip().startswith("console") and any(TERMINAL_TAG.search(row) for row in body):
        return [html.unescape(TERMINAL_TAG.sub("", row)) for row in body]
    return body


def anchors(text: str) -> str | None:
    """The `<a id>` anchors an HTML block or paragraph holds alone (after a comment)."""
    return "\n".join(ANCHOR.findall(text)) if ANCHORS.match(text.strip()) else None


def caption(text: str) -> str | None:
    """A one-line `<figcaption>` as the caption paragraph a `<Listing>` gets."""
    match = FIGCAPTION.match(text.strip())
    return f'<p class="caption" markdown>{match.group(1)}</p>' if match else None


def listing(closing: bool, attrs: dict, lang: Lang, captions: list[str]) -> list[tuple[str, str]]:
    """(kind, text) of the blocks a `<Listing number file-name caption>` or its `</Listing>`
    stands for, as the Rust book's preprocessor writes them and its translation keeps them:
    a figure, the file's name, the caption (kept in `captions` until the closing tag). The
    figure is a `div.figure` and its caption a `p.caption`: the pairs inside it are divs, so
    a <figcaption> there would not be the figure's child."""
    file_label, caption_label = LISTING["zh" if lang == "zh" else "en"]
    if closing:
        text = captions.pop() if captions else ""
        return [*([("html", f'<p class="caption" markdown>{text}</p>')] if text else []),
                ("markup", "</div>")]
    number, text = attrs.get("number"), attrs.get("caption", "")
    captions.append(f"{caption_label}{number}{'：' if lang == 'zh' else ': '}{text}" if number
                    else text)
    found = [("markup", '<div class="figure listing" markdown>')]
    if attrs.get("file-name"):  # as the translation writes it: a paragraph of one <span>
        found.append(("paragraph", f'<span class="file-name">{file_label}{attrs["file-name"]}</span>'))
    return found
