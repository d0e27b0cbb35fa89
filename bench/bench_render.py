"""`render` of the example (all formats) against pandoc turning its Markdown into HTML and Word.

Run: python3 bench/bench_render.py [RUNS]. Target: render at most 0.6x pandoc's CPU time for
md->html plus md->docx on the Markdown render writes. pandoc does less (no checking, no
fragments, gap list or CSVs), so this is a demanding yardstick. Without pandoc, render alone
is measured and the comparison is skipped with a message.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from measure import (
    AS_OF,
    EXAMPLE,
    header,
    line,
    paired,
    pandoc,
    ratio_of_pairs,
    runs_from_argv,
    selfassess,
)

TARGET = 0.6


def pandoc_commands(program: str, markdown: Path, out: Path) -> list[list[str]]:
    """Return pandoc's two conversions of the rendered Markdown: a standalone page and Word."""
    common = [program, "-f", "gfm", str(markdown)]
    return [
        [*common, "-s", "--metadata", "pagetitle=Self-assessment", "-o", str(out / "p.html")],
        [*common, "-o", str(out / "p.docx")],
    ]


def main() -> None:
    """Print render, pandoc, and their ratio."""
    runs = runs_from_argv(11)
    out = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    render = selfassess("render", "--as-of", AS_OF, "-o", str(out), str(EXAMPLE))
    subprocess.run(render, check=True, capture_output=True)
    markdown = out / EXAMPLE.stem / "self-assessment.md"
    program = pandoc()
    header("render (example, all formats) against pandoc md->html + md->docx", runs)
    groups = {"selfassess render (example, all formats)": [render]}
    if program is None:
        print("   pandoc is not installed: measuring render alone (apt-get install pandoc)")
    else:
        groups["pandoc md->html + md->docx"] = pandoc_commands(program, markdown, out)
    samples = paired(groups, runs)
    for name, found in samples.items():
        line(name, found)
    if program is not None:
        mine, theirs = samples.values()
        ratio = ratio_of_pairs(mine, theirs)
        print(f"   render / pandoc: {ratio:.2f}x CPU (target <= {TARGET}x)")


if __name__ == "__main__":
    main()
