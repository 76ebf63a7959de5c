"""Reading an essay's bytes as text, and the characters no essay should hold.

Essays are UTF-8. A file saved in another encoding (GB18030 from a Chinese Windows editor,
Big5, UTF-16) is not guessed into the site: it is an error that names the encoding it looks
like and the command that converts it. Control characters (NUL, escape, backspace…) are
invisible in an editor and harmful on a terminal; each is reported where it stands.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Finding

# Tried on bytes that are not UTF-8: what Chinese text is most often saved as. GB18030 and
# Big5 both decode most double-byte text, so both are named when both do.
ENCODINGS = ("utf-16", "gb18030", "big5")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


class Unreadable(Exception):
    """A file that cannot be read as an essay's text; `finding` says where and why."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(str(finding))


class NotUtf8(Unreadable):
    pass


def read_essay(path: Path, display: str) -> str:
    """The text of the file at `path`, named `display` in findings; Unreadable otherwise."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Unreadable(Finding(display, 1, "unreadable", f"cannot read it ({error.strerror}) — "
                                 "make it a readable file, or remove it")) from None
    return decode(data, display)


def decode(data: bytes, path: str) -> str:
    """The text of an essay file, or NotUtf8 naming the line and the likely encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        guesses = [name.upper() for name in ENCODINGS if _decodes(data, name)]
        if "UTF-16" in guesses:
            guesses = ["UTF-16"]  # it has the byte-order mark
        looks = f" (it looks like {' or '.join(guesses)})" if guesses else ""
        source = guesses[0] if guesses else "ENCODING"
        raise NotUtf8(Finding(path, line, "encoding", f"the file is not UTF-8{looks} — convert it: "
                              f"iconv -f {source} -t UTF-8 {path} > {path}.utf8 && mv {path}.utf8 {path}")) from None


def _decodes(data: bytes, encoding: str) -> bool:
    if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # without a byte-order mark almost any bytes "decode" as UTF-16
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def control_characters(text: str, path: str) -> list[Finding]:
    """One error per line holding control characters (tabs and line breaks are fine)."""
    found: list[Finding] = []
    if not CONTROL.search(text):  # nearly every essay: one scan, no split into lines
        return found
    for number, line in enumerate(text.split("\n"), 1):
        match = CONTROL.search(line)
        if match:
            found.append(Finding(path, number, "control-character",
                                 f"the line holds the control character U+{ord(match.group(0)):04X}, "
                                 "invisible in an editor — delete it"))
    return found


def shown(text: str) -> str:
    """Text safe to print on a terminal: control characters written as escapes (`\\x1b`)."""
    return CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
