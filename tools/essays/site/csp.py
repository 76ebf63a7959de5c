"""The Content-Security-Policy of every page (overrides/partials/csp.html): its script hashes.

The policy allows scripts from the site itself and, inline, only those the templates write:
the partial renders them again in the page's context and lists the hash of each. Text that
reaches a page as a `<script>` from an essay matches none of them and does not run.
"""

from __future__ import annotations

import base64
import hashlib
import re

# An inline script: a <script> with no attributes (one with type="application/json" is data).
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hashes(html: str) -> str:
    """CSP source expressions ('sha256-…') of the inline scripts in `html`, each once."""
    found = dict.fromkeys(_sha256(script) for script in INLINE_SCRIPT.findall(html))
    return " ".join(f"'sha256-{digest}'" for digest in found)


def _sha256(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def install(env, enforce: bool) -> None:
    """Give the templates the `script_hashes` filter; `essays_csp` is False under `mkdocs
    serve`, whose live-reload script is inline and new on every page load."""
    env.filters["script_hashes"] = script_hashes
    env.globals["essays_csp"] = enforce
