"""Every private mkdocs/Material API in site/material.py, as we rely on it: an upgrade that
changes one fails here, naming it, before it breaks a build or `mkdocs serve` quietly."""

from __future__ import annotations

import inspect
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.livereload import LiveReloadServer
from material.plugins.blog import plugin as blog_plugin
from material.plugins.blog import structure as blog_structure

from essays.site import material


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def source(thing) -> str:
    return inspect.getsource(thing)


def test_mkdocs_renders_and_writes_one_page_with_these_functions():
    assert parameters(mkdocs_build._populate_page) == ["page", "config", "files", "dirty"]
    assert parameters(mkdocs_build._build_page) == [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    assert material.POPULATE_PAGE is mkdocs_build._populate_page
    assert material.BUILD_PAGE is mkdocs_build._build_page


def test_mkdocs_serve_calls_the_builder_attribute_on_every_change():
    assert "builder" in parameters(LiveReloadServer.__init__)
    assert "self.builder = builder" in source(LiveReloadServer.__init__)
    assert "self.builder()" in source(LiveReloadServer)


def test_the_blog_keeps_its_posts_in_a_list_it_asks_membership_of():
    plugin = source(blog_plugin.BlogPlugin)
    assert "self.blog.posts = sorted(" in plugin
    assert "if page not in self.blog.posts:" in plugin  # what _Posts answers by identity


def test_the_blog_appends_authors_on_every_render_and_reads_page_markdown_for_excerpts():
    assert "page.authors.append(" in source(blog_plugin.BlogPlugin.on_page_markdown)
    assert "self.markdown = self.post.markdown" in source(blog_structure.Excerpt)


def test_the_blog_views_and_their_pagination():
    blog = blog_plugin.BlogPlugin
    assert parameters(blog._resolve_original) == ["self", "page"]
    assert parameters(blog._config_pagination) == ["self", "view"]
    assert parameters(blog._config_pagination_per_page) == ["self", "view"]
    view = source(blog_structure.View.__init__)
    assert "self.posts: list[Post] = []" in view and "self.pages: list[View] = []" in view


def test_mkdocs_reads_page_content_only_before_on_post_page():
    build_page = source(mkdocs_build._build_page)
    after = build_page[build_page.index("config.plugins.on_post_page("):]
    assert "page.content" not in after and "template.render(context)" in build_page


def test_the_blog_reads_a_posts_metadata_from_its_files_abs_src_path():
    # material.read_from: under serve, a post with broken front matter is read from a copy
    post = source(blog_structure.Post.__init__)
    assert "with open(file.abs_src_path" in post
    assert 'PostConfig(file.abs_src_path)' in post


def test_the_blog_reads_its_authors_in_on_config_and_writes_each_page_from_the_name():
    # authors_as_html runs between the two: its escaped names are what the author pages show
    assert "self.authors = self._resolve_authors(config)" in source(blog_plugin.BlogPlugin.on_config)
    assert 'f"# {author.name}"' in source(blog_plugin.BlogPlugin)
    from material.plugins.blog.author import Author
    author = Author()
    author.load_dict({"name": "A", "description": "B", "avatar": "c.svg", "url": "https://x.y"})
    assert author.validate() == ([], [])
    author["name"] = "&lt;A&gt;"  # as authors_as_html sets it
    assert (author.name, author.description, author.url) == ("&lt;A&gt;", "B", "https://x.y")


def test_the_blog_writes_a_category_page_as_a_heading_of_its_name():
    plugin = source(blog_plugin.BlogPlugin)
    assert "yield Category(name, file, config)" in plugin
    assert 'self._save_to_file(file.abs_src_path, f"# {name}")' in plugin
    assert "self.name = name" in source(blog_structure.View.__init__)
    assert issubclass(blog_structure.Category, blog_structure.View)


def test_material_writes_its_inline_scripts_in_the_partials_the_csp_hashes():
    from pathlib import Path
    import material as material_theme
    templates = Path(material_theme.__file__).parent / "templates"
    ours = (Path(__file__).parents[2] / "overrides" / "partials" / "csp.html").read_text()
    bare = set()
    for template in templates.rglob("*.html"):
        if "<script>" in template.read_text(encoding="utf-8"):
            bare.add(template.relative_to(templates).as_posix())
    # every bare <script> Material writes on a page of ours is in a partial csp.html renders;
    # analytics is not configured, redirect.html is a page of its own (no policy)
    hashed = {f"partials/javascripts/{name}.html"
              for name in ("base", "palette", "content", "announce", "outdated", "consent")}
    assert bare == hashed | {"partials/integrations/analytics.html", "redirect.html"}
    for partial in hashed:
        assert f'{{% include "{partial}" %}}' in ours


def test_the_rss_plugin_prints_its_image_whenever_logo_url_exists():
    # material.feed_image: the template's test is `is defined`, and the model always has it
    from mkdocs_rss_plugin import models, plugin as rss_plugin
    template = (Path(rss_plugin.__file__).parent / "templates" / "rss.xml.jinja2").read_text()
    assert "{% if feed.logo_url is defined %}" in template
    assert "logo_url: str | None = None" in source(models)
    assert "base_feed.logo_url = self.config.image" in source(rss_plugin.GitRssPlugin)


def test_the_blog_sorts_its_posts_in_on_files_by_pin_and_date_and_views_share_their_lists():
    # material.order_posts sorts them again after the blog's on_files, with the same key
    on_files = blog_plugin.BlogPlugin.on_files
    assert getattr(on_files, "mkdocs_priority", None) == -50  # ours runs at -60, after it
    sort = source(on_files)
    assert "self.blog.posts = sorted(" in sort
    assert "post.config.pin,\n                post.config.date.created" in sort
    assert "reverse = True" in sort
    # listings read each view's own list, made in on_files, and a paginated view's pages share it
    assert "file.page.posts.append(post)" in source(blog_plugin.BlogPlugin._generate_categories)
    assert "file.page.posts = view.posts" in source(blog_plugin.BlogPlugin._generate_pages)
    assert "posts = view.posts[p:q]" in source(blog_plugin.BlogPlugin._render)
    assert "self.views: list[View] = []" in source(blog_structure.View.__init__)
    from essays.site.plugin import EssaysPlugin
    [_, after] = EssaysPlugin.on_files.methods
    assert after.mkdocs_priority < on_files.mkdocs_priority


def test_the_rss_plugin_makes_feeds_in_on_config_and_an_entry_per_page_in_on_page_content():
    # material.feed_language sets the feeds' language after its on_config (0; ours -100),
    # material.feed_title an entry's title after its on_page_content (-75; ours -100)
    from mkdocs_rss_plugin import plugin as rss_plugin
    from mkdocs_rss_plugin.models import MkdocsPageSubset, PageInformation
    rss = rss_plugin.GitRssPlugin
    assert getattr(rss.on_config, "mkdocs_priority", 0) == 0
    assert rss.on_page_content.mkdocs_priority == -75
    on_config = source(rss.on_config)
    assert "language=self.util.guess_locale(mkdocs_config=config)" in on_config
    assert "self.feed_created = deepcopy(base_feed)" in on_config
    assert "self.feed_updated = deepcopy(base_feed)" in on_config
    on_page_content = source(rss.on_page_content)
    assert "self.pages_to_filter.append(" in on_page_content
    assert "title=page.title," in on_page_content
    assert "_mkdocs_page_ref=MkdocsPageSubset.from_page(page)" in on_page_content
    assert {"title", "_mkdocs_page_ref"} <= set(PageInformation.__dataclass_fields__)
    assert "src_uri" in MkdocsPageSubset.__dataclass_fields__
    from essays.site.plugin import EssaysPlugin
    [_, after] = EssaysPlugin.on_config.methods
    assert after.mkdocs_priority < 0
    assert EssaysPlugin.on_page_content.mkdocs_priority < rss.on_page_content.mkdocs_priority


def test_the_blog_views_of_a_topic_a_year_and_an_author_carry_their_name():
    assert "self.name = name" in source(blog_structure.View.__init__)
    for view in (blog_structure.Category, blog_structure.Archive, blog_structure.Profile):
        assert issubclass(view, blog_structure.View)
    plugin = source(blog_plugin.BlogPlugin)
    assert "yield Category(name, file, config)" in plugin
    assert "yield Archive(name, file, config)" in plugin
    assert "yield Profile(author.name, file, config)" in plugin


def test_an_excerpt_converts_with_its_own_parser_never_reset_and_sets_all_it_shows():
    # material.forget_excerpts resets the parser and drops content and more after a listing
    excerpt = source(blog_structure.Excerpt)
    assert "self.md = Markdown(" in excerpt and ".reset()" not in excerpt
    render = source(blog_structure.Excerpt.render)
    assert "self.content = self.md.convert(self.markdown)" in render
    assert "self.more = more[0]" in render and "self.more = None" in excerpt
    assert "self._render_post(post.excerpt, view)" in source(blog_plugin.BlogPlugin._render)


def test_an_excerpts_own_tree_processors_are_the_blogs_and_mkdocs_relpath():
    # material.ExcerptParsers re-registers these two in the shared parser on every conversion
    init = source(blog_structure.Excerpt.__init__)
    for name, priority in material.OWN_PROCESSORS:
        assert f'"{name}",\n            {priority}\n' in init
    assert init.count(".register(") == 2
    render = source(blog_structure.Excerpt.render)
    assert 'self.md.treeprocessors.get_index_for_name("excerpt")' in render
    assert 'getattr(self.md, "toc_tokens", [])' in render


def test_mkdocs_renders_every_page_before_it_writes_any_and_search_reads_content_in_context():
    # material.pack_content: an essay's HTML is compressed between the two loops
    build = source(mkdocs_build.build)
    assert build.index("_populate_page(file.page") < build.index("config.plugins.on_env(")
    assert build.index("config.plugins.on_env(") < build.index("_build_page(")
    from material.plugins.search import plugin as search_plugin
    assert "page.content" in source(search_plugin.SearchPlugin.on_page_context)
