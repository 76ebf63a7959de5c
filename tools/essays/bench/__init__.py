"""`make bench`: our build, checker and search against stock Material + jieba, at archive scale.

`python -m essays.bench --essays N --pairs K` generates a corpus (`corpus.py`), builds it both
ways and measures each step in its own process (`steps.py`), the browser's first search
(`browser.py`) and a rebuild under `mkdocs serve` (`serve.py`), then prints and saves the
figures (`report.py`). Nothing here is imported by the build or the CLI.
"""
