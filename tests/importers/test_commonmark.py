"""The CommonMark reader of imported sources: each construct of real translated sites, read as
its own renderer reads it and written so Python-Markdown renders it the same way.

The snippets are cut from the pages under tests/fixtures/translated/ (named in each test).
"""

from __future__ import annotations

from essays.importers.commonmark import read_blocks


def blocks(text: str, lang: str = "en"):
    return [(b.kind, b.text) for b in read_blocks(text, lang).blocks]


def test_a_list_right_after_a_paragraph_line_is_a_block_of_its_own():
    # react.dev, react-compiler/debugging.md: no blank line between the two
    found = blocks("If you encounter a compiler error, please open an issue with:\n"
                   "- The error message\n- The code that caused the error\n")
    assert found == [("paragraph", "If you encounter a compiler error, please open an issue with:"),
                     ("list", "- The error message\n- The code that caused the error")]


def test_a_fence_right_after_a_paragraph_line_is_code():
    # react.dev, react-developer-tools.md
    found = blocks("Install the package:\n```bash\nnpm install -g react-devtools\n```\n")
    assert found == [("paragraph", "Install the package:"),
                     ("code", "```bash\nnpm install -g react-devtools\n```")]


def test_list_items_are_reindented_by_four_and_keep_their_continuations():
    # opentelemetry.io, zero-code/java/agent/extensions.md (a continuation paragraph), and
    # react.dev's nested bullets under "4." indented by three
    text = ("1. Build the extension:\n\n   It goes in a jar.\n\n"
            "   ```sh\n   ./gradlew build\n   ```\n"
            "4. **Submit**\n   - a nested point\n     wrapped lazily\n")
    [(kind, written)] = blocks(text)
    assert kind == "list"
    assert written == ("1. Build the extension:\n\n    It goes in a jar.\n\n"
                       "    ```sh\n    ./gradlew build\n    ```\n"
                       "4. **Submit**\n    - a nested point\n        wrapped lazily")


def test_two_space_nested_lists_become_four_space_nested_lists():
    # kubernetes, finalizers.md: "  * " items under a paragraph
    [(_, written)] = blocks("* outer\n  * inner\n    * innermost\n")
    assert written == "* outer\n    * inner\n        * innermost"


def test_heading_ids_stay_on_the_heading_never_in_its_text():
    # vuejs/docs `{#id}`; react.dev MDX `{/*id*/}`
    assert blocks("## Lifecycle Hooks {#lifecycle-hooks}\n") == [
        ("heading", "## Lifecycle Hooks {#lifecycle-hooks}")]
    assert blocks("## Debugging Workflow {/*debugging-workflow*/}\n") == [
        ("heading", "## Debugging Workflow {#debugging-workflow}")]


def test_a_vitepress_container_is_a_material_admonition_with_a_chinese_title_in_chinese():
    # vuejs/docs, essentials/conditional.md
    en = blocks("::: warning Note\nIt's **not** recommended to use `v-if` and `v-for`.\n:::\n")
    zh = blocks("::: warning\n同时使用 `v-if` 和 `v-for` 是**不推荐的**。\n:::\n", "zh")
    assert en == [("admonition", '!!! warning "Note"\n    It\'s **not** recommended to use `v-if` and `v-for`.')]
    assert zh == [("admonition", '!!! warning "警告"\n    同时使用 `v-if` 和 `v-for` 是**不推荐的**。')]


def test_wrapper_tags_render_the_markdown_they_wrap_and_script_and_demos_are_left_out():
    # vuejs/docs, essentials/conditional.md and lifecycle.md
    text = ("<script setup>\nimport { ref } from 'vue'\nconst awesome = ref(true)\n</script>\n\n"
            '<div class="demo">\n  <button @click="awesome = !awesome">Toggle</button>\n</div>\n\n'
            '<div class="composition-api">\n\nThe composition API.\n\n</div>\n'
            '</div>\n<div class="options-api">\n')
    found = read_blocks(text, "en")
    assert [(b.kind, b.text) for b in found.blocks] == [
        ("markup", '<div class="composition-api" markdown>'),
        ("paragraph", "The composition API."),
        ("markup", "</div>"), ("markup", "</div>"),
        ("markup", '<div class="options-api" markdown>')]
    assert [what.split(" (")[0] for _, what in found.dropped] == ["a <script> block", "a live demo"]


def test_jsx_components_become_divs_and_self_closing_ones_are_left_out():
    # react.dev: <YouWillLearn> wraps a list; <Illustration .../> is the site's own widget
    found = read_blocks("<YouWillLearn>\n\n* How to render\n\n</YouWillLearn>\n\n"
                        '<Illustration caption="Render" src="/images/docs/x.png" />\n', "en")
    assert [(b.kind, b.text) for b in found.blocks] == [
        ("markup", '<div class="component-you-will-learn" markdown>'),
        ("list", "* How to render"), ("markup", "</div>")]
    assert found.dropped == [(7, "<Illustration/> (a component of the original site)")]


def test_hugo_shortcodes_notes_headings_and_glossary_terms():
    # kubernetes/website: finalizers.md, deploy-intro.md, common-labels.md
    text = ('{{< note >}}\nFinalizers are keys.\n{{< /note >}}\n\n## {{% heading "whatsnext" %}}\n\n'
            'A {{< glossary_tooltip text="Pod" term_id="pod" >}} runs.\n')
    assert blocks(text) == [("admonition", "!!! note\n    Finalizers are keys."),
                            ("heading", "## What's next"), ("paragraph", "A Pod runs.")]
    assert blocks('## {{% heading "whatsnext" %}}\n', "zh") == [("heading", "## 接下来")]


def test_lines_are_the_source_files_lines():
    text = "---\ntitle: x\n---\n\n# Title\n\nFirst.\n- item\n\n<!--\nEnglish\n-->\n中文\n"
    found = read_blocks(text.split("---\n", 2)[2], "zh", first_line=4)
    assert [(b.line, b.kind) for b in found.blocks] == [(5, "heading"), (7, "paragraph"), (8, "list"),
                                                        (13, "paragraph")]
    assert [(c.line, c.text) for c in found.comments] == [(10, "\nEnglish\n")]


def test_link_reference_definitions_are_kept():
    assert blocks("See [the primer][1].\n\n[1]: https://example.org/primer\n") == [
        ("paragraph", "See [the primer][1]."), ("refs", "[1]: https://example.org/primer")]


def test_fence_info_keeps_the_language_only():
    # vuejs/docs `js{7-12}`, react.dev `js src/index.js active` and `js [[2, 1, "x"]]`
    assert blocks("```js{7-12}\nlet a\n```\n") == [("code", "```js\nlet a\n```")]
    assert blocks("```js src/index.js active\nlet a\n```\n") == [("code", "```js\nlet a\n```")]
    assert blocks('```js [[2, 1, "() => x"]]\nlet a\n```\n') == [("code", "```js\nlet a\n```")]


def test_images_in_html_stay_and_inline_wrappers_around_blocks_go():
    # system-design-primer's centred diagrams; vuejs/docs' <small> around a translator's note
    found = read_blocks('<p align="center">\n  <img src="images/jj3A5N8.png">\n  <br/>\n</p>\n\n'
                        "<small>\n\nA note.\n\n</small>\n", "en")
    assert [(b.kind, b.text) for b in found.blocks] == [
        ("markup", '<p align="center" markdown>'), ("markup", '<img src="images/jj3A5N8.png">'),
        ("markup", "<br/>"), ("markup", "</p>"), ("paragraph", "A note.")]
    assert [what for _, what in found.dropped] == ["an inline <small> wrapped around blocks"] * 2
