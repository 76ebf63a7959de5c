"""The site's aligned pairs in the formats translation tools exchange, and back.

    write.py  essays -> TMX 1.4b, XLIFF 1.2 or CSV (`essays export`)
    tmx.py    a TMX file -> essays (`essays import --tmx`)

A pair's halves travel as the author wrote them (Markdown), so a translation memory keeps
links and emphasis, and an export imports back to the same essay: the front matter and the
blocks between pairs (code, images, one-language notes) travel too, as TMX properties
(`x-essays-…`) that other tools keep and ignore.
"""

TMX_LANG = {"en": "en", "zh": "zh-Hans"}
FRONT_MATTER = "x-essays-front-matter"  # <header>: the essay's YAML, per essay
ESSAY = "x-essays-essay"  # <tu>: the essay file it belongs to
PAIR = "x-essays-pair"  # <tu>: its place in reading order
ANCHOR = "x-essays-anchor"  # <tu>: N of its #pN
BEFORE = "x-essays-before"  # <tu>: a block between the previous pair and this one
AFTER = "x-essays-after"  # <header>: a block after an essay's last pair ("path\n\nblock")
