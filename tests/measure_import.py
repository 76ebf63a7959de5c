"""Measure `essays import` on every real translated document under tests/fixtures.

    .venv/bin/python tests/measure_import.py

Not a test (nothing here asserts): it imports each document into a copy of the project's
site, as a new user would, builds the site with `mkdocs build --strict`, and prints what the
README quotes: documents imported, refused or written as drafts, and each refusal's findings
marked as a real slip of the translation or not (REAL below: what reading both sources
showed, line by line).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from click.testing import CliRunner  # noqa: E402
from helpers import FIXTURES, copy_project_site, translated_documents  # noqa: E402

from essays.cli import main  # noqa: E402
from essays.parse import parse_file  # noqa: E402

T = FIXTURES / "translated"
# Refusals that are not about the translation but about what the fixture lacks: the image
# files (not copied: some projects license their images apart) and an English title.
INPUT = ("image-missing", "title-missing")
# (source file, line) of each finding that is a real difference between original and
# translation, and what it is.
REAL = {
    ("react/zh/src/content/learn/react-compiler/debugging.md", 81):
        "the nested list under 4. is indented 2 spaces, so CommonMark does not nest it",
    ("ant-design/en/docs/react/getting-started.en-US.md", 5): "the Chinese intro is restructured",
    ("ant-design/zh/docs/react/getting-started.zh-CN.md", 9): "the Chinese intro is restructured",
    ("ant-design/zh/docs/react/getting-started.zh-CN.md", 11): "the Chinese intro is restructured",
    ("ant-design/en/docs/react/getting-started.en-US.md", 13): "no Chinese for the scaffolding line",
    ("ant-design/en/docs/react/getting-started.en-US.md", 24): "a sentence the Chinese left out",
    ("ant-design/en/docs/react/getting-started.en-US.md", 32): "a sentence the Chinese left out",
    ("ant-design/en/docs/react/getting-started.en-US.md", 101): "three blocks the Chinese left out",
    ("ant-design/en/docs/react/use-with-vite.en-US.md", 8): "the Chinese intro says twice as much",
    ("ant-design/zh/docs/spec/colors.zh-CN.md", 15): "a designers' section only in Chinese",
    ("ant-design/zh/docs/spec/colors.zh-CN.md", 35): "a paragraph only in Chinese",
    ("ant-design/zh/docs/spec/colors.zh-CN.md", 39): "a quote only in Chinese",
    ("opentelemetry/zh/content/zh/docs/concepts/distributions.md", 56): "a sentence only in Chinese",
    ("opentelemetry/zh/content/zh/docs/concepts/resources/index.md", 28): "one paragraph as two",
    ("opentelemetry/zh/content/zh/docs/concepts/resources/index.md", 49): "one paragraph as two",
    ("opentelemetry/zh/content/zh/docs/concepts/resources/index.md", 53): "a list only in Chinese",
    ("kubernetes/zh/content/zh-cn/docs/tutorials/kubernetes-basics/deploy-app/deploy-intro.md", 239):
        "an English comment with no Chinese after it",
    ("opentelemetry/en/content/en/docs/concepts/observability-primer.md", 48):
        "the Chinese adds an example the English does not have",
    ("opentelemetry/en/content/en/docs/concepts/observability-primer.md", 99):
        "the Chinese adds two sentences and a paragraph",
    ("react/zh/src/content/learn/react-compiler/introduction.md", 19): "a heading left in English",
    ("system-design-primer/README.md", 3): "'Help translate this guide!' has no Chinese",
    ("system-design-primer/README.md", 220): "the interview section's quote was never translated",
    ("system-design-primer/README-zh-Hans.md", 289): "one quote written as two",
    ("system-design-primer/README.md", 535): "'Availability in numbers', added to the English later",
    ("system-design-primer/README.md", 638): "a CDN paragraph the Chinese lacks",
    ("system-design-primer/README-zh-Hans.md", 627): "two English paragraphs joined in one",
    ("system-design-primer/README-zh-Hans.md", 734): "one English paragraph as two",
    ("system-design-primer/README-zh-Hans.md", 787): "the diagram moved before its paragraph",
    ("system-design-primer/README-zh-Hans.md", 795): "the diagram moved before its paragraph",
    ("system-design-primer/README-zh-Hans.md", 802): "the diagram moved before its paragraph",
    ("system-design-primer/README.md", 848): "the diagram moved before its paragraph",
    ("system-design-primer/README.md", 1796): "the blog-repo note the Chinese lacks",
    ("system-design-primer/README.md", 1833): "the licence note the Chinese lacks",
    ("rust-book/zh/src/ch03-01-variables-and-mutability.md", 27): "one English paragraph as two",
    ("tauri/en/src/content/docs/develop/sidecar.mdx", 81): "a note added to the English since",
    ("tauri/en/src/content/docs/develop/sidecar.mdx", 112): "a note added to the English since",
    ("tauri/en/src/content/docs/develop/sidecar.mdx", 142): "a note added to the English since",
    ("tauri/en/src/content/docs/plugin/autostart.mdx", 45):
        "the manual set-up steps rewritten in the English since (other commands, other code)",
    ("tauri/en/src/content/docs/plugin/autostart.mdx", 140):
        "the permissions paragraph rewritten in the English since",
    ("tauri/zh/src/content/docs/zh-cn/plugin/autostart.mdx", 126):
        "the permissions table the English has since replaced",
    ("kubernetes-blog/keeping-kubernetes-secure-with-updated-go-versions.md", 22):
        "a heading with no English comment",
    ("kubernetes-blog/keeping-kubernetes-secure-with-updated-go-versions.md", 101):
        "a heading with no English comment",
}


def documents() -> list[tuple[str, list[str]]]:
    """(name, import arguments) of every real document pair."""
    found = []
    for name, sources in translated_documents():
        if len(sources) == 2:
            found.append((name, ["--en", str(sources[0]), "--zh", str(sources[1])]))
        else:  # no English title anywhere in finalizers.md: the import asks for --title
            extra = ["--title", "Finalizers"] if sources[0].stem == "finalizers" else []
            found.append((name, ["--commented", str(sources[0]), *extra]))
    for post in sorted((FIXTURES / "kubernetes-blog").glob("*.md")):
        if post.name != "SOURCE.md":
            found.append((f"kubernetes-blog/{post.stem[:40]}", ["--commented", str(post)]))
    primer = FIXTURES / "system-design-primer"
    found.append(("system-design-primer", ["--en", str(primer / "README.md"),
                                           "--zh", str(primer / "README-zh-Hans.md")]))
    return found


def relative(path: str) -> str:
    for root in (T, FIXTURES):
        if path.startswith(str(root) + "/"):
            return path[len(str(root)) + 1:]
    return path


def main_() -> None:
    rows, real, other, inputs = [], 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        site = copy_project_site(Path(tmp))
        for published in (site / "docs/posts").glob("kubernetes-*.md"):
            published.unlink()  # imported again below from the same fixtures
        os.chdir(site)
        runner = CliRunner()
        for k, (name, args) in enumerate(documents()):
            slug = f"m{k:02d}"
            result = runner.invoke(main, ["import", *args, "--slug", slug, "--format", "text"])
            errors = [line for line in result.stderr.splitlines() if ": error " in line]
            if result.exit_code == 0:
                essay = parse_file(site / "docs/posts" / f"{slug}.md")
                rows.append((name, "imported", len(essay.pairs), ""))
                continue
            marks = []
            for line in errors:
                path, number = re.match(r"(.+?):(\d+): ", line).groups()
                if any(f"error {code}" in line for code in INPUT):
                    inputs += 1
                    continue
                is_real = (relative(path), int(number)) in REAL
                real, other = real + is_real, other + (not is_real)
                marks.append("real" if is_real else "NOT REAL: " + line[:160])
            drafted = runner.invoke(main, ["import", *args, "--slug", slug, "--draft"])
            state = "draft" if drafted.exit_code == 0 else "refused"
            rows.append((name, state, len(errors), "; ".join(m for m in marks if m != "real")))
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                               cwd=site, capture_output=True, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    width = max(len(r[0]) for r in rows)
    for name, state, count, note in rows:
        what = f"{count} pairs" if state == "imported" else f"{count} errors"
        print(f"{name:<{width}}  {state:<8} {what:>10}  {note}")
    print("\nby project: imported / drafts / refused even as drafts")
    for project in dict.fromkeys(r[0].split("/")[0] for r in rows):
        mine = [r[1] for r in rows if r[0].split("/")[0] == project]
        print(f"  {project:<22} {mine.count('imported')} / {mine.count('draft')} / "
              f"{mine.count('refused')}")
    states = [r[1] for r in rows]
    print(f"\n{len(rows)} documents: {states.count('imported')} imported, {states.count('draft')} "
          f"as drafts (refused without --draft), {states.count('refused')} refused even as drafts")
    print(f"refusal errors: {real} real slips, {other} not, {inputs} about missing input "
          "(image files the fixtures do not carry, an English title)")
    print(f"mkdocs build --strict of the site with all of them: "
          f"{'ok' if build.returncode == 0 else 'FAILED'}")
    if build.returncode:
        print(build.stderr[-2000:])


if __name__ == "__main__":
    main_()
