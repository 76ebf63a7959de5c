"""The glossary as TBX (ISO 30042:2019, the TBX-Basic dialect terminology tools read) and as
CSV, out and in (`essays terms --export`, `--import`).

In TBX each term is a <conceptEntry>: its English <langSec>, and its Chinese one whose terms
carry their status: the first approved `preferredTerm-admn-sts`, other approved ones
`admittedTerm-admn-sts`, forbidden variants `deprecatedTerm-admn-sts`; the note is the
concept's definition. Reading also takes TBX 2's names (termEntry, langSet, tig). CSV:
`en,zh,forbidden,note`, several values in a cell separated by `;`.
"""

from __future__ import annotations

import csv
import io

from lxml import etree

from .glossary import GlossaryError, Term
from ..model import Finding

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED, DEPRECATED = ("preferredTerm-admn-sts", "admittedTerm-admn-sts",
                                   "deprecatedTerm-admn-sts")
FORBIDDEN_STATUS = {DEPRECATED, "supersededTerm-admn-sts", "notRecommended", "deprecatedTerm",
                    "supersededTerm"}


def to_tbx(terms: list[Term]) -> bytes:
    def el(parent, tag, text=None, **attrs):
        node = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", **attrs)
        node.text = text
        return node

    root = etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"},
                         nsmap={None: TBX_NS})
    header = el(root, "tbxHeader")
    el(el(el(header, "fileDesc"), "sourceDesc"), "p", "The glossary of an essays site")
    body = el(el(root, "text"), "body")
    for term in terms:
        entry = el(body, "conceptEntry", id=term.slug)
        if term.note:
            el(entry, "descrip", term.note, type="definition")
        el(el(el(entry, "langSec", **{XML_LANG: "en"}), "termSec"), "term", term.en)
        chinese = el(entry, "langSec", **{XML_LANG: "zh-Hans"})
        statuses = [PREFERRED] + [ADMITTED] * (len(term.zh) - 1) + [DEPRECATED] * len(term.forbidden)
        for text, status in zip([*term.zh, *term.forbidden], statuses):
            sec = el(chinese, "termSec")
            el(sec, "term", text)
            el(sec, "termNote", status, type="administrativeStatus")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def from_tbx(data: bytes, display: str) -> list[Term]:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise GlossaryError([Finding(display, error.lineno or 1, "glossary-invalid",
                                     f"not well-formed XML ({error.msg}) — fix the file")]) from None
    terms = []
    for entry in root.iter(f"{{{TBX_NS}}}conceptEntry", "conceptEntry", "termEntry"):
        en, zh, forbidden = [], [], []
        for sec in _children(entry, "langSec", "langSet"):
            lang = (sec.get(XML_LANG) or sec.get("lang") or "").lower().split("-")[0]
            for tig in _children(sec, "termSec", "tig", "ntig"):
                text = "".join(next(_descendants(tig, "term"), etree.Element("x")).itertext()).strip()
                status = "".join(n.text or "" for n in _descendants(tig, "termNote")
                                 if n.get("type") == "administrativeStatus")
                if lang == "en" and text:
                    en.append(text)
                elif lang == "zh" and text:
                    (forbidden if status.strip() in FORBIDDEN_STATUS else zh).append(text)
        if not en or not zh:
            raise GlossaryError([Finding(display, entry.sourceline or 1, "glossary-invalid",
                                         f"<{etree.QName(entry).localname}> needs an English and a "
                                         "Chinese term — add the missing <langSec>")])
        note = next((("".join(d.itertext())).strip() for d in _descendants(entry, "descrip", "note")), "")
        terms.append(Term(en[0], tuple(zh), tuple(forbidden), note, entry.sourceline or 1))
    return terms


def _children(node, *names):
    return (c for c in node if isinstance(c.tag, str) and etree.QName(c).localname in names)


def _descendants(node, *names):
    return (d for d in node.iter() if isinstance(d.tag, str) and etree.QName(d).localname in names)


def to_csv(terms: list[Term]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["en", "zh", "forbidden", "note"])
    for t in terms:
        writer.writerow([t.en, "; ".join(t.zh), "; ".join(t.forbidden), t.note])
    return out.getvalue().encode("utf-8")


def from_csv(data: bytes, display: str) -> list[Term]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    if not rows.fieldnames or not {"en", "zh"} <= set(rows.fieldnames):
        raise GlossaryError([Finding(display, 1, "glossary-invalid", "the first row must name the "
                                     "columns: en,zh (and optionally forbidden,note)")])
    terms = []
    for line, row in enumerate(rows, start=2):
        split = lambda cell: tuple(v.strip() for v in (cell or "").split(";") if v.strip())
        if not (row.get("en") or "").strip() or not split(row.get("zh")):
            raise GlossaryError([Finding(display, line, "glossary-invalid", "a row without an "
                                         "English term or its translation — fill both cells")])
        terms.append(Term(row["en"].strip(), split(row["zh"]), split(row.get("forbidden")),
                          (row.get("note") or "").strip(), line))
    return terms
