"""Essays that change: how each pair is recognised from one version of an essay to the next
(prints.py, track.py), the page anchors that follow it (links.py), and which translations lag
behind their original, from git history (git.py, stale.py). Imports no mkdocs."""
