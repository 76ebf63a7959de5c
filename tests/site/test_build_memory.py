"""What a build lets go of once it is written (memory; the figures are `make bench`'s)."""

from __future__ import annotations

import lxml.html
from helpers import copy_project_site
from mkdocs.commands.build import build
from mkdocs.config import load_config


def test_excerpts_share_one_parser_that_keeps_no_state_once_their_listings_are_written(tmp_path, monkeypatch):
    root = copy_project_site(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    posts = config.plugins["material/blog"].blog.posts
    assert posts
    shared = {id(post.excerpt.md.shared) for post in posts}  # one parser for all excerpts
    assert len(shared) == 1
    md = posts[0].excerpt.md.shared  # converted again for every listing showing an excerpt
    assert md.htmlStash.html_counter == 0 and md.htmlStash.rawHtmlBlocks == []
    for post in posts:
        assert post.excerpt.content is None and post.excerpt.more is None
    # ... and the listings show every excerpt all the same: the home page, each card's title
    home = lxml.html.fromstring((root / "site" / "index.html").read_text(encoding="utf-8"))
    linked = {a.get("href").strip("./") for a in home.xpath("//article//h2//a[@href]")}
    assert {post.url.strip("/") for post in posts[:len(linked)]} == linked


def test_essay_pages_html_is_compressed_between_rendering_and_writing(tmp_path, monkeypatch):
    from essays.site import material

    root = copy_project_site(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    unpacked = {}
    original = material.unpack_content

    def unpack(page, packed):
        unpacked[page.file.src_uri] = page.content  # None while packed
        original(page, packed)

    monkeypatch.setattr(material, "unpack_content", unpack)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    posts = config.plugins["material/blog"].blog.posts
    assert set(unpacked) == {post.file.src_uri for post in posts}
    assert set(unpacked.values()) == {None}
    assert config.plugins["essays"].build.packed == {}  # every one written
    post = posts[0]  # ... with its pairs: the HTML is back in its page
    page = lxml.html.fromstring((root / "site" / post.url / "index.html").read_text(encoding="utf-8"))
    assert page.xpath('//div[@class="pair" and @id="p1"]/div[@lang="en"]')
