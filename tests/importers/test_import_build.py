"""Real translated pages from four projects, imported into a copy of the project's site and
built with `mkdocs build --strict`: every pair rendered, every construct as its site meant it.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from helpers import FIXTURES, build_site, copy_project_site

from essays.cli import main

T = FIXTURES / "translated"
PAGES = {  # slug: the import's arguments
    "lifecycle": ["--en", T / "vue/en/src/guide/essentials/lifecycle.md",
                  "--zh", T / "vue/zh/src/guide/essentials/lifecycle.md"],
    "conditional": ["--en", T / "vue/en/src/guide/essentials/conditional.md",
                    "--zh", T / "vue/zh/src/guide/essentials/conditional.md"],
    "devtools": ["--en", T / "react/en/src/content/learn/react-developer-tools.md",
                 "--zh", T / "react/zh/src/content/learn/react-developer-tools.md"],
    "docker": ["--en", T / "opentelemetry/en/content/en/docs/collector/install/docker.md",
               "--zh", T / "opentelemetry/zh/content/zh/docs/collector/install/docker.md"],
    "labels": ["--commented",
               T / "kubernetes/zh/content/zh-cn/docs/concepts/overview/working-with-objects/common-labels.md"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project_site(tmp_path_factory.mktemp("imported"))
    runner = CliRunner()
    import os
    here = os.getcwd()
    os.chdir(root)
    try:
        for slug, args in PAGES.items():
            result = runner.invoke(main, ["import", *map(str, args), "--slug", slug,
                                          "--license", "CC BY 4.0"], catch_exceptions=False)
            assert result.exit_code == 0, (slug, result.output)
    finally:
        os.chdir(here)
    build = build_site(root, "--site-dir", str(root / "site"))
    assert build.returncode == 0, build.stderr[-3000:]
    return root


URLS = {"lifecycle": "lifecycle-hooks", "conditional": "conditional-rendering",
        "devtools": "react-developer-tools", "docker": "install-the-collector-with-docker",
        "labels": "recommended-labels"}  # Material's blog makes a post's URL from its title


def page(built, slug: str) -> str:
    return (built / "site" / URLS[slug] / "index.html").read_text(encoding="utf-8")


def essay_pairs(built, slug: str) -> int:
    from essays.parse import parse_file
    return len(parse_file(built / "docs/posts" / f"{slug}.md").pairs)


@pytest.mark.parametrize("slug", PAGES)
def test_every_pair_is_rendered_and_no_markup_leaks(built, slug):
    html = page(built, slug)
    assert len(re.findall(r'<div class="pair[ "]', html)) == essay_pairs(built, slug)
    article = html[html.index("<article"):html.index("</article>")]
    for leak in ("{#", ":::", "{{<", "{{%", "<script", "<p>!!!", "<Sandpack", "<Intro"):
        assert leak not in article, (slug, leak)


def test_wrapped_pairs_are_rendered_inside_their_wrapper(built):
    html = page(built, "lifecycle")
    text = html.index("All lifecycle hooks are called with their")
    wrapper = html.rindex('<div class="options-api">', 0, text)
    between = html[wrapper:text]
    assert '<div class="pair" id="p' in between and "</div>" not in between
    assert "所有生命周期钩子函数的" in html[text:html.index("</div>\n</div>", text) + 30]
    # the heading's own id, given in the source as {#id}
    assert 'id="registering-lifecycle-hooks"' in html


def test_the_image_pair_shows_each_language_its_image(built):
    html = page(built, "lifecycle")
    en = html.index('src="../images/lifecycle/lifecycle.png"')
    zh = html.index('src="../images/lifecycle/lifecycle_zh-CN.png"')
    assert en < zh
    assert (built / "site/images/lifecycle/lifecycle_zh-CN.png").is_file()


def test_notes_are_admonitions_in_both_languages(built):
    html = page(built, "labels")
    note = html.index('class="admonition note"')
    assert "These are recommended labels" in html[note:note + 600]
    assert "这些是推荐的标签" in html[note:]
    conditional = page(built, "conditional")
    assert 'class="admonition warning"' in conditional
