"""Real pages of three projects the import was not tuned on (FastAPI, the Rust book and its
Chinese translation, Tauri): each construct they use, and each refusal, at its source line.

The pages are under tests/fixtures/translated/{fastapi,rust-book,tauri}/ (see SOURCE.md there
and CONSTRUCTS.md); every snippet below is cut from one of them, named in the test.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from helpers import TRANSLATED, build_site, copy_project_site, run_essays

from essays.align.pairs import untranslated
from essays.importers.aligned import read_aligned_files
from essays.importers.commonmark import read_blocks
from essays.model import Block, Pair
from essays.text.scripts import prose

FASTAPI = TRANSLATED / "fastapi"
RUST = TRANSLATED / "rust-book"
TAURI = TRANSLATED / "tauri"


def fastapi(page: str):
    return FASTAPI / "en/docs/en/docs" / page, FASTAPI / "zh/docs/zh/docs" / page


def rust(page: str):
    return RUST / "en/src" / page, RUST / "zh/src" / page


def tauri(page: str):
    return TAURI / "en/src/content/docs" / page, TAURI / "zh/src/content/docs/zh-cn" / page


def imported(pair):
    en, zh = pair
    return read_aligned_files(en.read_text(encoding="utf-8"), str(en),
                              zh.read_text(encoding="utf-8"), str(zh))


def blocks(text: str, lang: str = "en", mdx: bool = False):
    return [(b.kind, b.text) for b in read_blocks(text, lang, mdx=mdx).blocks]


def test_pymdownx_blocks_are_admonitions_with_their_titles():
    # FastAPI, deployment/https.md:199 and its translation
    en = blocks("/// note | Technical Details\n\nThe proxy headers are:\n\n"
                "* X-Forwarded-For\n* X-Forwarded-Proto\n\n///\n")
    zh = blocks("/// tip | 提示\n\n请注意，通信加密发生在 **TCP 层**，而不是 HTTP 层。\n\n///\n", "zh")
    assert en == [("admonition", '!!! note "Technical Details"\n    The proxy headers are:\n\n'
                                 "    * X-Forwarded-For\n    * X-Forwarded-Proto")]
    assert zh == [("admonition", '!!! tip "提示"\n    请注意，通信加密发生在 **TCP 层**，而不是 HTTP 层。')]


def test_a_tab_is_a_note_titled_with_its_label_and_nests_a_block_inside_it():
    # FastAPI, deployment/server-workers.md:32 (`//// tab | `fastapi``, four slashes, so a
    # `///` block may sit inside it)
    zh = blocks("//// tab | `fastapi`\n\n如果您使用 `fastapi` 命令：\n\n/// tip | 提示\n\n"
                "一个提示。\n\n///\n\n////\n", "zh")
    assert zh == [("admonition", '!!! note "`fastapi`"\n    如果您使用 `fastapi` 命令：\n\n'
                                 '    !!! tip "提示"\n        一个提示。')]


def test_triple_slashes_inside_code_stay_code():
    # Rust doc comments are `///`: a fence is never read for blocks
    assert blocks("```rust\n/// Adds one\n///\nfn add_one() {}\n```\n") == [
        ("code", "```rust\n/// Adds one\n///\nfn add_one() {}\n```")]


def test_a_fastapi_code_include_is_left_out_and_said_so_at_its_line():
    en, zh = fastapi("tutorial/cors.md")
    draft = imported((en, zh))
    notes = [(f.path, f.line, f.message) for f in draft.notes if f.code == "import-dropped"]
    include = "the code sample included from ../../docs_src/cors/tutorial001_py310.py ({* … *})"
    assert (str(en), 49, f"{include} is left out") in notes
    assert not any("{*" in block for block in draft.blocks)
    assert not draft.breaks


def test_a_url_before_chinese_text_does_not_swallow_it():
    # FastAPI, tutorial/path-params.md:81: Chinese has no space to end a bare URL, so the
    # whole sentence after the link was measured as URL and the pair called two blocks
    zh = "访问 [http://127.0.0.1:8000/docs](http://127.0.0.1:8000/docs)，查看自动生成的交互式 API 文档："
    assert "查看自动生成的交互式" in prose(zh)
    assert not imported(fastapi("tutorial/path-params.md")).breaks


def test_mdx_indentation_inside_components_is_markdown_not_code():
    # Tauri, plugin/autostart.mdx:25: the content of <TabItem> indented by four
    text = ("<Tabs>\n  <TabItem label=\"Automatic\">\n\n"
            "    Use your project's package manager to add the dependency:\n\n    {' '}\n\n"
            "    <CommandTabs\n      npm=\"npm run tauri add autostart\"\n    />\n\n"
            "  </TabItem>\n</Tabs>\n")
    found = blocks(text, mdx=True)
    assert ("paragraph", "Use your project's package manager to add the dependency:") in found
    assert not any(kind == "code" for kind, _ in found)
    assert not any("CommandTabs" in written or "{' '}" in written for _, written in found)
    # the same page read as CommonMark: the paragraph and the component are one code block
    [code] = [written for kind, written in blocks(text) if kind == "code"]
    assert code.startswith("    Use your project's package manager") and "<CommandTabs" in code


def test_mdx_imports_are_left_out_not_called_untranslated():
    # Tauri, distribute/rpm.mdx:7 (the Chinese page keeps the English import line)
    zh = read_blocks("import CommandTabs from '@components/CommandTabs.astro';\n\n# 打包为 RPM\n",
                     "zh", mdx=True)
    assert [(b.kind, b.text) for b in zh.blocks] == [("heading", "# 打包为 RPM")]
    assert zh.dropped == [(1, "an MDX import or export statement")]
    assert "pair 1" not in str(imported(tauri("distribute/rpm.mdx")).breaks)


def test_a_rust_book_listing_is_the_figure_its_translation_writes_out():
    # The Rust book, ch01-03-hello-cargo.md:58 <Listing …>; trpl-zh-cn line 38 <figure>
    en = blocks('<Listing number="1-2" file-name="Cargo.toml" caption="Contents of *Cargo.toml* '
                'generated by `cargo new`">\n\n```toml\n[package]\n```\n\n</Listing>\n')
    assert en == [("markup", '<div class="figure listing" markdown>'),
                  ("paragraph", '<span class="file-name">Filename: Cargo.toml</span>'),
                  ("code", "```toml\n[package]\n```"),
                  ("html", '<p class="caption" markdown>Listing 1-2: Contents of *Cargo.toml* '
                           "generated by `cargo new`</p>"),
                  ("markup", "</div>")]
    draft = imported(rust("ch01-03-hello-cargo.md"))
    assert not draft.breaks
    body = "\n\n".join(draft.blocks)
    # one <Listing> in the English, one <figure> in the Chinese: the wrapper written once
    assert body.count('<div class="figure listing" markdown>') == 1
    assert '<p class="caption" markdown>示例 1-2：`cargo new` 命令生成的 *Cargo.toml* 的内容</p>' in body


def test_old_heading_anchors_are_kept_once_and_never_a_paragraph_to_translate():
    # The Rust book, ch01-03-hello-cargo.md:219-220, only in English
    en = blocks('<!-- Old headings. Do not remove or links may break. -->\n'
                '<a id="cargo-as-convention"></a>\n')
    assert en == [("markup", '<a id="cargo-as-convention"></a>')]
    assert '<a id="cargo-as-convention"></a>' in imported(rust("ch01-03-hello-cargo.md")).blocks


def test_the_translations_link_to_its_original_commit_is_a_chinese_only_note():
    # trpl-zh-cn, ch03-04-comments.md:3: the English file and commit it was translated from
    draft = imported(rust("ch03-04-comments.md"))
    assert not draft.breaks
    assert draft.blocks[0] == ("::: zh\n[ch03-04-comments.md](https://github.com/rust-lang/book/"
                               "blob/9cc190796f28505c7a9a9cacea42f50d895ff3bd/src/"
                               "ch03-04-comments.md)\n:::")
    [note] = [f for f in draft.notes if f.code == "import-chinese-only"]
    assert note.line == 3 and note.path.endswith("zh/src/ch03-04-comments.md")


def test_a_paragraph_the_translation_split_in_two_is_refused_at_its_lines():
    en, zh = rust("ch03-01-variables-and-mutability.md")
    [split] = imported((en, zh)).breaks
    assert (split.path, split.line, split.code) == (str(zh), 27, "import-split")
    assert f"{en}:38" in split.message and "lines 27 and 29" in split.message
    assert split.en.startswith("It’s important that we get compile-time errors")
    assert split.zh.startswith("当我们尝试修改一个被指定为不可变的值时")


def test_notes_added_to_the_english_after_translation_are_refused_at_their_english_lines():
    en, zh = tauri("develop/sidecar.mdx")
    breaks = imported((en, zh)).breaks
    assert [(b.path, b.line, b.code) for b in breaks] == [
        (str(en), 81, "import-missing-zh"), (str(en), 112, "import-missing-zh"),
        (str(en), 142, "import-missing-zh")]
    assert breaks[1].en.startswith("!!! note\n    The `sidecar()` function expects just the filename")


def test_a_wrapper_inside_a_note_is_left_out_and_what_it_wraps_kept():
    # FastAPI, deployment/server-workers.md:36: `<div class="termy">` around a console fence
    # in a tab; in an admonition's indented body its `</div>` closed our pair's half instead
    found = read_blocks("//// tab | `fastapi`\n\n如果您使用 `fastapi` 命令：\n\n"
                        '<div class="termy">\n\n```console\n$ fastapi run --workers 4\n```\n\n'
                        "</div>\n\n////\n", "zh")
    assert [b.text for b in found.blocks] == [
        '!!! note "`fastapi`"\n    如果您使用 `fastapi` 命令：\n\n'
        "    ```console\n    $ fastapi run --workers 4\n    ```"]
    assert found.dropped == [(5, 'the wrapper <div class="termy"> inside a note (what it wraps is '
                                 "kept)")]


PAGES = {  # slug: a page of each new project, imported clean
    "workers": fastapi("deployment/server-workers.md"),
    "cargo": rust("ch01-03-hello-cargo.md"),
    "aur": tauri("distribute/aur.mdx"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project_site(tmp_path_factory.mktemp("real"))
    with contextlib.chdir(root):  # the import writes into the site it is run in
        imports = {slug: run_essays("import", "--en", en, "--zh", zh, "--slug", slug)
                   for slug, (en, zh) in PAGES.items()}
    assert {slug: r.exit_code for slug, r in imports.items()} == dict.fromkeys(PAGES, 0)
    build = build_site(root, "--site-dir", str(root / "site"))
    assert build.returncode == 0, build.stderr[-3000:]
    return root


def built_page(root, folder: str) -> str:
    """A built post (Material's blog names its folder after the essay's title)."""
    return (root / "site" / folder / "index.html").read_text(encoding="utf-8")


def test_the_new_projects_pages_build_with_every_pair_whole(built):
    workers = built_page(built, "server-workers---uvicorn-with-workers")
    # each tab is a note titled with its label, the console inside it, in each half
    # (English, Simplified and Traditional)
    assert workers.count('<p class="admonition-title"><code>fastapi</code></p>') == 3
    assert "如果您使用 <code>fastapi</code> 命令：" in workers
    pairs = re.findall(r'<div class="pair" id="p\d+">', workers)
    halves = re.findall(r'<div class="pair__half" (?:lang="en"|data-script="hans"|'
                        r'data-script="hant")', workers)
    assert len(halves) == 3 * len(pairs)  # no half closed early by a wrapper's </div>
    cargo = built_page(built, "hello-cargo")
    assert '<div class="figure listing">' in cargo
    # the caption, its Markdown rendered, in a p.caption (the sentence marks' span inside)
    for caption in ("Listing 1-2: Contents of <em>Cargo.toml</em> generated by <code>cargo new",
                    '示例 <span class="nobreak">1-2</span>：<code>cargo new</code> 命令生成的 <em>'
                    "Cargo.toml</em> 的内容"):
        assert re.search(r'<p class="caption">(?:<span data-s="\d+">)?' + re.escape(caption), cargo)
    for page in (workers, cargo, built_page(built, "aur")):
        for leak in ("///", "{*", "<Listing", "import ", "{' '}", "<CommandTabs"):
            assert leak not in re.sub(r"<(pre|code)\b.*?</\1>", "", page, flags=re.S), leak


def test_reference_links_to_the_books_other_chapters_are_kept_as_their_text(built):
    # The Rust book, ch01-03-hello-cargo.md:18 `[“Installation”][installation]` and line 258
    # `[installation]: ch01-01-installation.html#installation` (mdBook links pages as .html):
    # not pages of this site, so the text stays and the definition goes
    essay = (built / "docs/posts/cargo.md").read_text(encoding="utf-8")
    assert "“Installation”<!-- ignore --> section." in essay
    assert "about the `edition` key in Appendix E<!-- ignore -->." in essay
    assert ".html" not in essay.replace("https://", "")
    assert "[cargo]: https://doc.rust-lang.org/cargo/" in essay  # an external one is kept
    assert "check out [its documentation][cargo]." in essay


def test_a_heading_of_kept_names_is_translated_and_a_copied_sentence_is_not():
    # Tauri, distribute/rpm.mdx:109: only "Setting" is a word to translate; the rest are the
    # spec file's field names, which the Chinese keeps
    en = Block("### Setting the Conflict, Provides, Depends, Files, Obsoletes, DesktopTemplate, "
               "and Epoch", 109, "heading", "en")
    zh = Block("### 设置 Conflict、 Provides、 Depends、 Files、 Obsoletes、 DesktopTemplate 和 Epoch",
               109, "heading", "en")
    assert untranslated("rpm.md", Pair(13, en, zh)) is None
    # the English left in the Chinese slot with a name or two in it is still caught
    text = ("When Tauri builds the package it reads the version from the configuration and "
            "writes it into the spec that Fedora and openSUSE install from")
    copied = Block(text + "（见下文）", 5, "paragraph", "en")
    assert untranslated("rpm.md", Pair(1, Block(text, 5, "paragraph", "en"), copied)).code == \
        "untranslated"


def test_a_console_sessions_colour_tags_go_and_its_text_stays():
    # FastAPI, deployment/server-workers.md:40 (termynal.js renders these as HTML there)
    [(kind, written)] = blocks('```console\n$ <font color="#4E9A06">fastapi</font> run --workers 4 '
                               '<u style="text-decoration-style:solid">main.py</u>\n'
                               '  <span style="background-color:#009485"><font color="#D3D7CF"> '
                               "FastAPI </font></span>  Starting &lt;3\n```\n")
    assert (kind, written) == ("code", "```console\n$ fastapi run --workers 4 main.py\n"
                                       "   FastAPI   Starting <3\n```")
    # a shell session that shows an HTML file keeps it
    assert blocks("```sh\n$ cat index.html\n<b>hi</b>\n```\n") == [
        ("code", "```sh\n$ cat index.html\n<b>hi</b>\n```")]


def test_translations_inside_the_english_tree_are_not_english_pages(tmp_path):
    # Tauri (Starlight): src/content/docs/ is English and holds zh-cn/, fr/, es/ …
    from essays.importers.trees import pair_trees
    docs = tmp_path / "src/content/docs"
    for page in ("start/index.mdx", "zh-cn/start/index.mdx", "fr/start/index.mdx",
                 "es/start/index.mdx", "plugin/os-info.mdx", "it/plugin/os-info.mdx"):
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# T\n", encoding="utf-8")
    paired, alone = pair_trees(docs, docs / "zh-cn")
    assert paired == [(docs / "start/index.mdx", docs / "zh-cn/start/index.mdx")]
    assert alone == [docs / "plugin/os-info.mdx"]  # English with no translation: still said


def test_a_name_set_in_code_in_the_chinese_is_not_an_empty_half():
    # Tauri, develop/Plugins/index.mdx:133: `### setup` translated `### \`setup\``
    en, zh = Block("### setup", 120, "heading", "en"), Block("### `setup`", 133, "heading", "en")
    assert untranslated("index.md", Pair(9, en, zh)) is None
    # code alone in the Chinese slot of a sentence is still an empty half
    en = Block("Call the setup hook first", 3, "paragraph", "en")
    assert untranslated("index.md", Pair(1, en, Block("`setup`", 5, "paragraph", "en"))).code \
        == "empty-zh"
