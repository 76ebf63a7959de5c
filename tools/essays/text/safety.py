"""Text from front matter and essays on its way into HTML: what may be a link, what is literal.

Three ideas, each once: which URLs may become a link (`web_url`), a text written into Markdown
so that it renders as exactly that text (`markdown_literal`), and an author's block with its raw
HTML turned into text while its Markdown still works (`without_raw_html`, for sites whose
contributors are not trusted: `essays: {raw_html: false}`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .scripts import has_han

# Browsers drop tabs and newlines anywhere in a URL and C0 controls and spaces around it:
# "java\tscript:" is javascript:. Read the scheme as they do.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
WEB_SCHEMES = frozenset({"http", "https"})

# Characters that make Markdown of an inline text (escapes, code, emphasis, links and images,
# attribute lists, math): each is written as a character reference instead.
_MARKDOWN_SIGNIFICANT = re.compile(r"[\\`*_\[\]{}$]")

# Python-Markdown's code span (markdown.inlinepatterns.BACKTICK_RE), which keeps `<` as text.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)


def web_url(url: str) -> bool:
    """True if `url` may be a link's target: http(s), protocol-relative or a relative path.

    `javascript:`, `data:`, `vbscript:` and every other scheme are refused.
    """
    shown = _IGNORED_IN_URL.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b"
                                             "\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
                                             "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    scheme = _SCHEME.match(shown)
    return scheme is None or scheme.group(1).lower() in WEB_SCHEMES


def html_text(text: str) -> str:
    """Text as HTML that shows exactly it (for attributes too)."""
    return html.escape(text, quote=True)


# "English · 中文": the site's bilingual labels (its name, an author's description).
_LABEL = re.compile(r"^(?P<en>[^·]+?)\s+·\s+(?P<zh>[^·]+)$")


def label_html(text: str) -> str:
    """An "English · 中文" label as HTML showing its text, each half a `.ui` span in its
    language, which the reading modes show one at a time (essays.css); any other as text."""
    match = _LABEL.match(text.strip())
    if not match or has_han(match["en"]) or not has_han(match["zh"]):
        return html_text(text)
    return (f'<span class="ui" lang="en">{html_text(match["en"])}</span>'
            f'<span class="ui" lang="zh-Hans">{html_text(match["zh"])}</span>')


_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.S)


def strip_tags(text: str) -> str:
    """Text with its HTML tags and comments taken out, spaces collapsed: `A <b>B</b>` -> `A B`."""
    return " ".join(_TAG.sub(" ", text).split())


def markdown_literal(text: str) -> str:
    """Text as inline Markdown that renders as exactly it: no tags, no emphasis, no links."""
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SIGNIFICANT.sub(lambda m: f"&#{ord(m.group(0))};", escaped)


def without_raw_html(markdown: str) -> str:
    """An author's block with every `<` outside code spans written `&lt;`: Python-Markdown then
    shows raw HTML (tags, comments, autolinks) as text, and renders the rest as before."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(markdown):
        parts.append(markdown[last:span.start()].replace("<", "&lt;"))
        parts.append(span.group(0))
        last = span.end()
    parts.append(markdown[last:].replace("<", "&lt;"))
    return "".join(parts)


# -- the Markdown of untrusted contributors: no handlers, no script links -------------------

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster",
                            "data", "srcset"})


class SafeAttributes(Treeprocessor):
    """Drops what Markdown itself lets a text put into HTML that runs script: an attribute
    list's `onclick="…"` and a link's or image's `javascript:` target (made `#`)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name, value in list(element.attrib.items()):
                lowered = name.lower()
                if lowered.startswith("on"):
                    del element.attrib[name]
                elif lowered in URL_ATTRIBUTES and not _web_value(value):
                    element.set(name, "#")  # kept: mkdocs expects every link's href


def _web_value(value: str) -> bool:
    # as the browser reads it: `java&#9;script:` is javascript: (Markdown holds `&` as a marker)
    return web_url(html.unescape(value.replace(AMP_SUBSTITUTE, "&")))


class SafeAttributesExtension(Extension):
    """`markdown.Markdown(extensions=[SafeAttributesExtension()])`."""

    def extendMarkdown(self, md) -> None:
        # after attr_list (8) and the inline patterns (20), before mkdocs' relpath (0)
        md.treeprocessors.register(SafeAttributes(md), "essays_safe_attributes", 0.5)
