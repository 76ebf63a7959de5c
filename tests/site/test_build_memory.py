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


def _build_listings(root, monkeypatch, site: str) -> dict[str, str]:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return {str(path.relative_to(root / site)): path.read_text(encoding="utf-8")
            for path in (root / site).rglob("index.html")}


def test_an_excerpt_is_converted_once_per_url_of_its_post_and_its_listings_are_unchanged(tmp_path, monkeypatch):
    from essays.site import material

    root = copy_project_site(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    converted = []
    original = material._OwnParser.convert

    def count(self, markdown):
        shared = self.shared.convert
        self.shared.convert = lambda text: converted.append(text) or shared(text)
        try:
            return original(self, markdown)
        finally:
            del self.shared.convert

    monkeypatch.setattr(material._OwnParser, "convert", count)
    kept = _build_listings(root, monkeypatch, "kept")
    kept_conversions = len(converted)
    converted.clear()
    monkeypatch.setattr(material, "_links_only_to", lambda html, to_post: False)  # keep none
    each = _build_listings(root, monkeypatch, "each")
    assert kept_conversions < len(converted)  # listings of the same depth shared an excerpt
    assert kept.keys() == each.keys()
    for page in kept:  # every listing and essay page the same, byte for byte
        assert kept[page] == each[page], page
    # an excerpt that links to another essay is converted for each listing, its link made
    # relative to that listing: Admin processes' first pair links to Concurrency
    for page, up in (("index.html", ""), ("topic/the-twelve-factor-app/index.html", "../../")):
        view = lxml.html.fromstring(kept[page])
        card = view.xpath(f'//article[.//h2//a[@href="{up}xii-admin-processes/"]]')
        assert len(card) == 1, page
        assert card[0].xpath(f'.//div[@class="pair"]//a[@href="{up}viii-concurrency/"]'), page


def test_an_excerpt_is_kept_only_when_its_only_relative_links_are_to_its_post():
    from essays.site.material import _links_only_to

    to_post = "../../essay-00739/"
    assert _links_only_to('<h2><a class="toclink" href="../../essay-00739/">T</a></h2>'
                          '<p><a href="../../essay-00739/#p1">here</a> <a href="https://x.org/">'
                          'x</a> <a href="mailto:a@b.c">m</a> <img src="/abs.png"></p>', to_post)
    assert not _links_only_to('<a href="../../essay-00739/">T</a>'
                              '<a href="../../12factor-concurrency/">c</a>', to_post)
    assert not _links_only_to('<img alt="" src="../../assets/figure.png">', to_post)
