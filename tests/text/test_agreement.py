"""The parser's blocks are the page's blocks: what our splitter calls one block, Python-Markdown
(configured as mkdocs.yml configures it) renders as one top-level element, and nothing else.

For every essay, each block the parser sees is rendered on its own, and the result, in order,
must be the top-level elements of two renderings of the whole essay:

- the source: the body as the author wrote it. Two things in it are ours, not Python-Markdown's:
  a `::: zh` container's fence lines (blanked: its blocks are what it shows), and the boundary
  between an English list or quote and its Chinese one, which Python-Markdown would merge into
  one element (it gets an HTML comment, which is what the page's half `</div>` does there);
- the page: render.py's Markdown, as mkdocs renders it, read through our wrapper divs (pair,
  half, solo) and a markup block's wrapper div. A heading pair is one heading there.

Elements are compared by their block structure (`ul(li(p),li(p))`), so reference links and
footnote marks, which resolve only in the whole essay, do not count.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from helpers import FIXTURES, ONE_LANGUAGE, PROJECT_POSTS, REPO, translated_documents, translated_essay

from essays.bench.fixtures import essay_texts
from essays.model import SOLO, Block, Pair
from essays.parse import parse_text
from essays.render import render_markdown
from essays.text.blocks import solo_blocks, solo_closed
from essays.text.scripts import has_han

BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "pre", "div", "table", "thead", "tbody", "tr",
              "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd", "details",
              "summary", "script", "style", "figure", "section"}
VOID_TAGS = {"img", "br", "hr", "input", "meta", "link", "source", "wbr"}
OUR_WRAPPERS = {"pair", "pair__half", "solo", "essay-mono"}
NOT_BODY = {"pair__tools", "footnote", "essay-source"}  # page furniture
CLASS_ATTR = re.compile(r'class="([^"]*)"')


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV, !!python/name


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with mkdocs.yml's markdown_extensions and their options."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=options)


class _Tree(HTMLParser):
    """HTML -> nested (tag, classes, children) of its block-level elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root: list = []
        self.stack: list[list] = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS:
                self.stack[-1].append((tag, set(), []))
            return
        classes = set((dict(attrs).get("class") or "").split())
        node = (tag, classes, [])
        self.stack[-1].append(node)
        self.stack.append(node[2])

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or len(self.stack) == 1:
            return  # a closing tag with nothing open: a wrapper's `</div>` rendered alone
        self.stack.pop()


def top_level(html: str, wrappers: set[str]) -> list[str]:
    """The signatures of the top-level block elements, seen through the wrapper divs."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return _flatten(tree.root, wrappers)


def _flatten(nodes: list, wrappers: set[str]) -> list[str]:
    out: list[str] = []
    for tag, classes, children in nodes:
        if classes & NOT_BODY or tag not in BLOCK_TAGS:
            continue
        if tag == "div" and classes & wrappers:
            out.extend(_flatten(children, wrappers))
        else:
            out.append(_signature(tag, classes, children))
    return out


def _signature(tag: str, classes: set[str], children: list) -> str:
    inner = ",".join(_signature(*c) for c in children if c[0] in BLOCK_TAGS)
    name = tag + "".join(f".{c}" for c in sorted(classes) if tag == "div")
    return f"{name}({inner})" if inner else name


def wrapper_classes(essay) -> set[str]:
    """Our wrappers, and the classes of the essay's markup blocks (`<div class="x" markdown>`)."""
    found = set(OUR_WRAPPERS)
    for block in essay.blocks:
        if block.kind == "markup":
            for classes in CLASS_ATTR.findall(block.text):
                found.update(classes.split())
    return found


def blocks_alone(essay, items: list | None = None) -> list[str]:
    """What each block renders to on its own, in order: by default every block the parser
    saw; given `items` (the essay's reading order), a heading pair as the page shows it, and
    each Chinese block twice (the page holds it in Simplified and in Traditional)."""
    md, wrappers, out = site_markdown(), wrapper_classes(essay), []
    twice = 1 if items is None else 2
    for item in essay.blocks if items is None else items:
        if isinstance(item, Pair):
            halves = [item.en] if item.kind == "heading" else [item.en] + [item.zh] * twice
        else:
            halves = solo_blocks(item) if item.kind == SOLO else [item]
            halves = halves * twice if item.kind == SOLO and item.lang == "zh" else halves
        for block in halves:
            md.reset()
            tags = top_level(md.convert(block.text), wrappers)
            if items is not None and isinstance(item, Pair) and item.kind == "heading":
                tags = [f"h{page_levels(essay)[item.en.level]}"]
            out.extend(tags)
    return out


def page_levels(essay) -> dict[int, int]:
    """A heading pair's level in the source -> on the page: the levels used, in order, from 2
    (README, "heading levels": the title is the page's h1)."""
    used = sorted({p.en.level for p in essay.pairs if p.kind == "heading"})
    return {level: n for n, level in enumerate(used, start=2)}


def page(essay) -> list[str]:
    """The page body's elements, after the essay's title (render.py's, not a block)."""
    title, *body = top_level(site_markdown().convert(render_markdown(essay)), wrapper_classes(essay))
    assert title == "h1"
    return body


def source(essay, text: str) -> list[str]:
    """The body as written, rendered whole, with the two marks of ours resolved (see above)."""
    lines = text.split("\n")
    after: dict[int, str] = {}
    for block, following in zip(essay.blocks, essay.blocks[1:]):
        if block.kind == SOLO:
            lines[block.line - 1] = ""
            if solo_closed(block):
                lines[block.end_line - 1] = ""
        if _halves_merge(block, following):
            after[block.end_line - 1] = "\n\n<!-- half -->\n"
    body = "\n".join(line + after.get(k, "") for k, line in enumerate(lines)
                     if k >= essay.body_line - 1)
    return top_level(site_markdown().convert(body), wrapper_classes(essay))


def _halves_merge(block: Block, following: Block) -> bool:
    """An English list or quote and the Chinese one after it (or the reverse)."""
    return (block.kind == following.kind and block.kind in ("list", "quote")
            and has_han(block.text) != has_han(following.text))


SNIPPETS = {
    "list-continuations": """\
* A list item that goes on
  over two lines.

    A continuation paragraph, indented four spaces.

* A second item, with a tab-indented continuation:

\tHere it is.

* 一个跨两行的
  列表项。

    缩进四个空格的续段。

* 第二项，续段用制表符缩进：

\t就是这里。
""",
    "nested-lists": """\
1. Install the tools.

    * the compiler
    * the linker

2. Build the project.

1. 安装工具。

    * 编译器
    * 链接器

2. 构建项目。
""",
    "fence-in-list": """\
* Run this:

    ```sh
    make build

    make serve
    ```

* Then open the page.

* 运行：

    ```sh
    make build

    make serve
    ```

* 然后打开页面。
""",
    "table-and-footnotes": """\
| Name | Role |
|---|---|
| etcd | the store[^1] |

| 名称 | 作用 |
|---|---|
| etcd | 存储[^1] |

[^1]: A key-value store.

    It keeps the cluster's state.

[^1]: 一个键值存储。

    它保存集群的状态。
""",
    "admonitions": """\
!!! note "Before you start"
    Read the introduction first.

    It explains the words we use.

!!! note "开始之前"
    请先阅读导言。

    它解释了我们用到的词。

??? tip "A hidden tip"
    Press the button.

??? tip "隐藏的提示"
    按下按钮。
""",
    "html-wrappers": """\
<div class="composition-api" markdown>

The Composition API uses functions.

组合式 API 使用函数。

</div>

<script setup>
import { ref } from 'vue'

const count = ref(0)
</script>

<div class="note">

<p>Raw HTML stays raw.</p>

</div>

<div class="note">

<p>原样的 HTML 保持原样。</p>

</div>
""",
    "quotes-and-paragraphs": """\
> A quote that goes on
lazily on the next line.

> And a second paragraph of it.

> 一段引文，
下一行懒惰地接着。

> 以及它的第二段。

1) Not a list in Python-Markdown: a paragraph.

1) 在 Python-Markdown 中不是列表，而是段落。

    indented code after a paragraph

    with a blank line in it
""",
    "one-language-blocks": """\
::: en
*By Ada Lovelace.*
:::

A container goes through several states.

容器会经历几个状态。

::: zh
**译者注**：本文写于 2019 年。

- 可以有多个块
- 包括列表
:::

![The lifecycle](lifecycle.png)

::: zh
![生命周期](lifecycle_zh-CN.png)
:::

::: zh
Kubernetes：
:::
""",
}
HEAD = "---\ntitle: Snippet\ntitle_zh: 片段\ndate: 2025-01-01\n---\n\n"


def corpus() -> dict[str, str]:
    essays = {f"docs/posts/{p.name}": p.read_text(encoding="utf-8") for p in PROJECT_POSTS}
    essays.update({f"fixtures/{name}": text for name, text in essay_texts(FIXTURES).items()})
    essays.update({f"translated/{name}": translated_essay(sources)
                   for name, sources in translated_documents()})
    essays.update({f"fixtures/one-language/{p.name}": p.read_text(encoding="utf-8")
                   for p in ONE_LANGUAGE.glob("*.md")})
    essays.update({f"snippet/{name}": HEAD + body for name, body in SNIPPETS.items()})
    return essays


CORPUS = corpus()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_block_is_one_of_the_sources_blocks(name):
    essay = parse_text(CORPUS[name], name)
    assert source(essay, CORPUS[name]) == blocks_alone(essay)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_block_is_one_of_the_pages_blocks(name):
    essay = parse_text(CORPUS[name], name)
    assert essay.meta is not None
    assert page(essay) == blocks_alone(essay, essay.body)


def test_the_comparison_sees_a_list_cut_at_its_continuation():
    """Were the splitter to cut a list item's continuation off into a block of its own (as it
    did before it read indented lines), the source would have one list where the blocks have
    a list and a code block."""
    text = HEAD + SNIPPETS["list-continuations"]
    essay = parse_text(text, "cut.md")
    whole = essay.blocks[0]
    assert whole.kind == "list" and "A continuation paragraph" in whole.text
    head, rest = whole.text.split("\n\n", 1)
    cut = Block(head, whole.line, "list", "en")
    continuation = Block(rest, whole.line + head.count("\n") + 2, "code", "shared")
    essay.blocks[0:1] = [cut, continuation]
    assert source(essay, text)[0].startswith("ul(li(p,p),li(p,p)")  # continuations inside
    assert blocks_alone(essay)[:2] == ["ul(li)", "pre"]


def test_snippets_parse_into_the_kinds_they_show():
    kinds = {name: [(i.kind, getattr(i, "lang", None)) for i in
                    parse_text(HEAD + body, name).body] for name, body in SNIPPETS.items()}
    assert kinds["list-continuations"] == [("list", None)]
    assert kinds["admonitions"] == [("admonition", None), ("admonition", None)]
    assert kinds["html-wrappers"] == [("markup", "shared"), ("paragraph", None),
                                      ("markup", "shared"), ("markup", "shared"), ("html", None)]
    assert kinds["quotes-and-paragraphs"] == [("quote", None), ("paragraph", None),
                                              ("code", "shared")]
    assert kinds["one-language-blocks"] == [("solo", "en"), ("paragraph", None), ("solo", "zh"),
                                            ("image", None), ("solo", "zh")]
