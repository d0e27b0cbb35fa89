"""Peak memory and time of selfassess against hostile inputs, each in a fresh process.

Run: python3 bench/bench_hostile.py [--quick]. Each case is run by a small launcher so the
figure is the command's own peak (ru_maxrss of a child of a fresh process), not its
parent's. The inputs are generated here (tests/hostilefiles.py builds the workbooks and
logs): YAML and Word lies, workbooks of a few kilobytes that ask openpyxl for gigabytes,
charts from free text, a casework register of thousands of determinations, and an
assessment at the YAML limits. Every case is expected under 300 MB; a case over it is marked.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

LAUNCHER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "try:\n"
    "    code = subprocess.run([sys.executable, '-m', 'selfassess', *sys.argv[1:]],"
    " capture_output=True, timeout=600).returncode\n"
    "except subprocess.TimeoutExpired:\n"
    "    code = 'timeout'\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " time.perf_counter() - start)\n"
)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
LIMIT_MB = 300
BOMB = (
    "schema_version: 1\na: &a ["
    + ", ".join(['"lol"'] * 9)
    + "]\n"
    + "".join(
        f"{x}: &{x} [" + ", ".join([f"*{y}"] * 9) + "]\n"
        for x, y in zip("bcdefghi", "abcdefgh", strict=True)
    )
)


def peak(*args: str) -> tuple[str, float, float]:
    """Return a command's exit code, peak memory in MB and wall seconds."""
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], capture_output=True, text=True, check=True
    ).stdout.split()
    return out[0], int(out[1]) / 1024, float(out[2])


def lying_docx(path: Path, real: int, declared: int) -> Path:
    """Write a zip whose big part declares fewer bytes than it holds."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/big.bin", b"\0" * real)
    data = bytearray(path.read_bytes())
    for signature, at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = data.find(signature)
        while start >= 0:
            if data[start + name_at : start + name_at + 18] == b"word/media/big.bin":
                struct.pack_into("<I", data, start + at, declared)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def workbook_cases(tmp: Path, scale: int) -> dict[str, list[str]]:
    """Return the workbook bombs, each a practice run on a small generated .xlsx."""
    import hostilefiles as h

    bombs = {
        f"{400 * scale:,}k cell formats": {"styles": h.many_cell_formats(400_000 * scale)},
        f"{400 * scale:,}k number formats": {"styles": h.many_number_formats(400_000 * scale)},
        f"{400 * scale:,}k defined names": {"names": h.many_names(400_000 * scale)},
        f"{3 * scale:,}M empty shared strings": {
            "strings": h.many_empty_strings(3_000_000 * scale)
        },
        "entities in a sheet (3 GB expanded)": {"sheet": h.entity_sheet(9)},
        "entities in the shared strings": {"strings": h.entity_strings(9)},
        "a 200 MB cell": {"sheet": h.sheet_xml([h.HEADER, ("C1", "x" * 200_000_000)])},
        "every limit at once, each just under": {
            "styles": h.many_cell_formats(63_990),
            "names": h.many_names(9_990),
            "strings": h.many_empty_strings(999_990),
        },
    }
    cases = {}
    for name, parts in bombs.items():
        path = h.write_workbook(tmp / f"{len(cases)}.xlsx", **parts)  # type: ignore[arg-type]
        label = f"practice: {name} ({path.stat().st_size:,} B .xlsx)"
        cases[label] = ["practice", str(path), "--period", "2024-25"]
    return cases


def chart_cases(tmp: Path) -> dict[str, list[str]]:
    """Return report runs over logs of free-text categories, and plan over a large register."""
    import shutil

    import yaml

    import hostilefiles as h

    cases = {}
    for count, label in (
        (800, "Category {n}"),
        (10_000, "Category {n}"),
        (6, "{n} " + "x " * 15_000),
    ):
        root = tmp / f"report-{count}"
        for folder in ("assessments", "casework", "complaints", "reports", "code_requirements"):
            shutil.copytree(ROOT / folder, root / folder)
        log = h.categories_log(
            root / "complaints" / "example-borough-council-2024-25.csv", count, label
        )
        words = "30 KB labels" if count == 6 else "categories"
        cases[f"report: {count:,} {words} ({log.stat().st_size:,} B log)"] = [
            "report",
            "--as-of",
            "2025-07-01",
            "-o",
            str(root / "out"),
            str(root / "reports" / "annual-report-2024-25.yaml"),
        ]
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_casework import register

    for cases_count in (750, 3_000):
        path = tmp / f"register-{cases_count}.yaml"
        path.write_text(yaml.safe_dump(register(cases_count)), encoding="utf-8")
        cases[f"plan: {cases_count:,} determinations"] = [
            "plan",
            "--as-of",
            "2025-07-01",
            "-o",
            str(tmp / "plans"),
            str(path),
        ]
    return cases


def assessment_case(tmp: Path) -> dict[str, list[str]]:
    """Return a render of an assessment at the YAML limits: every provision's evidence long."""
    import yaml

    data = yaml.safe_load(
        (ROOT / "assessments" / "example-borough-council-2024-25.yaml").read_text()
    )
    data.pop("practice", None)
    for provision, response in data["responses"].items():
        response["evidence"] = [
            f"Evidence item {n} for {provision}, a document" for n in range(1300)
        ]
        response["commentary"] = (
            "Commentary with *emphasis* and a [link](https://example.org).\n\n" * 20
        )
    path = tmp / "long-evidence.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    label = f"render: 72 provisions of 1,300 evidence items ({path.stat().st_size:,} B)"
    return {label: ["render", "--as-of", "2025-07-01", "-o", str(tmp / "rendered"), str(path)]}


def main() -> None:
    """Print each hostile case's exit code, peak memory and time."""
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "bomb.yaml").write_text(textwrap.dedent(BOMB), encoding="utf-8")
        (tmp / "zero.yaml").symlink_to("/dev/zero")
        os.mkfifo(tmp / "pipe.yaml")
        cases: dict[str, list[str] | None] = {"selfassess --version (baseline)": None}
        cases["check alias bomb"] = ["check", str(tmp / "bomb.yaml")]
        cases["check link to /dev/zero"] = ["check", str(tmp / "zero.yaml")]
        cases["check a named pipe"] = ["check", str(tmp / "pipe.yaml")]
        if not quick:
            docx = lying_docx(tmp / "lying.docx", 800 * 1024 * 1024, 1000)
            size = docx.stat().st_size
            cases[f"import .docx, 800 MB part declared 1,000 bytes ({size:,} B)"] = [
                "import", str(docx), "-o", str(tmp / "out.yaml"),
            ]  # fmt: skip
        cases.update(workbook_cases(tmp, 1))
        cases.update(chart_cases(tmp))
        cases.update(assessment_case(tmp))
        for name, args in cases.items():
            code, mb, seconds = peak(*(args or ["--version"]))
            over = "  OVER 300 MB" if mb > LIMIT_MB else ""
            print(
                f"{name:70} exit {code:>7}  peak {mb:7.1f} MB  {seconds:7.1f} s{over}", flush=True
            )


if __name__ == "__main__":
    main()
