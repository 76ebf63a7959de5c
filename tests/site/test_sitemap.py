"""The sitemap (overrides/sitemap.xml): every page once, as a <loc> alone on its line, which is
what Material's instant navigation parses on each page view."""

from __future__ import annotations

import xml.etree.ElementTree as ET

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_every_page_as_a_location_alone(project_site):
    site = project_site / "site"
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = ET.fromstring(text.encode()).findall(f"{NS}url")
    assert all([child.tag for child in url] == [f"{NS}loc"] for url in urls)
    assert text.count("\n") == len(urls) + 2  # the declaration, <urlset>, a line per page
    found = {url.find(f"{NS}loc").text.split("/", 3)[3] for url in urls}
    pages = {str(path.parent.relative_to(site)) + "/" for path in site.glob("**/index.html")}
    assert found == {"" if page == "./" else page for page in pages}
    assert "life-lessons-from-reinforcement-learning/" in found
