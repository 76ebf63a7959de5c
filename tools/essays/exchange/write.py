"""Aligned pairs out: TMX 1.4b (one <tu> per pair), XLIFF 1.2 (one <file> per essay, one
<trans-unit> per pair, id = the pair's anchor) and CSV. XML is written with lxml, which
escapes what a segment holds (`<`, `&`, control characters are refused upstream)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from lxml import etree

from ..model import Block, Essay, Pair
from . import AFTER, ANCHOR, BEFORE, ESSAY, FRONT_MATTER, PAIR, TMX_LANG

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
TOOL = "essays"


def to_tmx(essays: Sequence[Essay]) -> bytes:
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header", creationtool=TOOL, creationtoolversion="1",
                              segtype="paragraph", adminlang="en", srclang=TMX_LANG["en"],
                              datatype="x-markdown", **{"o-tmf": "essays"})
    body = etree.SubElement(root, "body")
    for essay in essays:
        _prop(header, FRONT_MATTER, f"{essay.path}\n{essay.front_matter}")
        waiting: list[Block] = []
        for item in essay.body:
            if isinstance(item, Pair):
                body.append(_tu(essay, item, waiting))
                waiting = []
            else:
                waiting.append(item)
        for block in waiting:
            _prop(header, AFTER, f"{essay.path}\n\n{block.text}")
    return _xml(root)


def _tu(essay: Essay, pair: Pair, before: list[Block]) -> etree._Element:
    tu = etree.Element("tu", tuid=f"{essay.path}#p{pair.anchor}")
    _prop(tu, ESSAY, essay.path)
    _prop(tu, PAIR, str(pair.number))
    _prop(tu, ANCHOR, str(pair.anchor))
    for block in before:
        _prop(tu, BEFORE, block.text)
    for lang, half in (("en", pair.en), ("zh", pair.zh)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: TMX_LANG[lang]})
        etree.SubElement(tuv, "seg").text = half.text
    return tu


def _prop(parent: etree._Element, kind: str, text: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = text


def to_xliff(essays: Sequence[Essay]) -> bytes:
    root = etree.Element(f"{{{XLIFF_NS}}}xliff", version="1.2", nsmap={None: XLIFF_NS})
    for essay in essays:
        file = etree.SubElement(root, f"{{{XLIFF_NS}}}file", original=essay.path,
                                datatype="x-markdown", **{"source-language": TMX_LANG["en"],
                                                          "target-language": TMX_LANG["zh"]})
        body = etree.SubElement(file, f"{{{XLIFF_NS}}}body")
        for pair in essay.pairs:
            unit = etree.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", id=f"p{pair.anchor}")
            unit.set("resname", f"pair {pair.number}")
            etree.SubElement(unit, f"{{{XLIFF_NS}}}source").text = pair.en.text
            target = etree.SubElement(unit, f"{{{XLIFF_NS}}}target", state="translated")
            target.text = pair.zh.text
            etree.SubElement(unit, f"{{{XLIFF_NS}}}note").text = f"{pair.kind}, line {pair.line}"
    return _xml(root)


def to_csv(essays: Sequence[Essay]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["essay", "anchor", "pair", "en", "zh"])
    for essay in essays:
        for pair in essay.pairs:
            writer.writerow([essay.path, f"p{pair.anchor}", pair.number, pair.en.text, pair.zh.text])
    return out.getvalue().encode("utf-8")


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


WRITERS = {"tmx": to_tmx, "xliff": to_xliff, "csv": to_csv}
