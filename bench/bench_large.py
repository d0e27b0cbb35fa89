"""A 5 MB assessment: the example with every commentary grown to about 70 KB of Markdown.

Run: python3 bench/bench_large.py [RUNS]. Target: `render` (all formats) under 10 s. The
file stays under the loader's 5 MiB limit; the commentary is paragraphs with emphasis,
links and lists, so every renderer's Markdown path is exercised.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from measure import (
    AS_OF,
    EXAMPLE,
    example_folder,
    header,
    line,
    paired,
    runs_from_argv,
    selfassess,
)

SIZE = 5_000_000
TARGET_SECONDS = 10
INDENT = " " * 6


def filler(index: int) -> str:
    """Return one block of commentary Markdown, indented for a YAML block scalar."""
    lines = [
        f"Review {index}: the complaints team looked again at **{index % 97 + 3} cases** from",
        "this quarter and found that *most* were settled at stage 1 without delay. The",
        f"[quarterly report](https://www.example.gov.uk/complaints/review-{index}) has details.",
        "",
        f"- letters checked against the template ({index % 7 + 1} needed changes);",
        "- every extension explained to the resident in writing;",
        "",
    ]
    return "".join(f"{INDENT}{text}\n" if text else "\n" for text in lines)


def grow(text: str, size: int) -> str:
    """Return the example with filler added to each commentary until the file is about `size`."""
    marker = "    commentary: |\n"
    pieces = text.split(marker)
    per_block = len(filler(0))
    blocks = max((size - len(text)) // (per_block * (len(pieces) - 1)), 0)
    grown = [pieces[0]]
    for number, piece in enumerate(pieces[1:]):
        extra = "".join(filler(number * blocks + i) for i in range(blocks))
        grown.append(marker + extra + piece)
    return "".join(grown)


def main() -> None:
    """Write the large assessment, then time check and render on it."""
    runs = runs_from_argv(3)
    folder = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    example_folder(folder)
    path = folder / "assessments" / "large-2024-25.yaml"
    path.write_text(grow(EXAMPLE.read_text(encoding="utf-8"), SIZE), encoding="utf-8")
    header(f"a {path.stat().st_size / 1e6:.1f} MB assessment", runs)
    samples = paired(
        {
            "check": [selfassess("check", "--as-of", AS_OF, str(path))],
            "render (all formats)": [
                selfassess("render", "--as-of", AS_OF, "-o", str(folder / "out"), str(path))
            ],
        },
        runs,
    )
    for name, found in samples.items():
        line(name, found)
    print(f"   target: render under {TARGET_SECONDS} s")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
