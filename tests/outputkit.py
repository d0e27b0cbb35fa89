"""A copy of the example project, and each folder-writing command run on it as a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

AS_OF = "2025-07-01"
REPORT = "reports/annual-report-2024-25.yaml"
ASSESSMENT = "assessments/example-borough-council-2024-25.yaml"
REGISTER = "casework/ombudsman-2024-25.yaml"
LOG = "complaints/example-borough-council-2024-25.csv"


def example_project(folder: Path) -> Path:
    """Copy the example's assessments, registers, reports, log and Code into folder."""
    for part in ("assessments", "casework", "reports", "complaints", "code_requirements"):
        shutil.copytree(ROOT / part, folder / part)
    return folder


@dataclass(frozen=True)
class Command:
    """One folder-writing command: its arguments for a variant, and the folder it writes."""

    name: str
    folder: str  # relative to the project

    def args(self, project: Path, variant: int) -> list[str]:
        """Return the command's arguments, editing the inputs so each variant differs."""
        if self.name == "report":
            _edit(project / REPORT, "thanks the tenants", f"thanks the tenants ({variant})")
            return ["report", "--as-of", AS_OF, "-o", "out", REPORT]
        if self.name == "render":
            _edit(project / ASSESSMENT, "Example Borough Council", f"Example Council {variant}")
            return ["render", "--as-of", AS_OF, "-o", "out", ASSESSMENT]
        if self.name == "plan":
            day = f"2025-{7 + variant:02d}-01"  # other days, other overdue actions
            return ["plan", "--as-of", day, "-o", "out", REGISTER]
        homes = str(5000 + 1000 * variant)  # CH01 per 1,000 homes changes
        return ["practice", LOG, "--period", "2024-25", "--homes", homes, "-o", self.folder]


COMMANDS = {
    "report": Command("report", "out/annual-report-2024-25"),
    "render": Command("render", "out/example-borough-council-2024-25"),
    "plan": Command("plan", "out/ombudsman-2024-25"),
    "practice": Command("practice", "out/practice"),
}


def _edit(path: Path, old: str, new: str) -> None:
    """Write the shipped file with old replaced by new (always from the shipped text)."""
    shipped = (ROOT / path.parent.name / path.name).read_text(encoding="utf-8")
    assert old in shipped
    path.write_text(shipped.replace(old, new), encoding="utf-8")


def start(project: Path, args: list[str], **options: object) -> subprocess.Popen[str]:
    """Start selfassess in the project folder."""
    return subprocess.Popen(
        [sys.executable, "-m", "selfassess", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,  # type: ignore[call-overload]
    )


def finish(project: Path, args: list[str]) -> None:
    """Run selfassess to the end and check it succeeded."""
    process = start(project, args)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, out + err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return everything under a folder: each file's bytes, each link's target, each folder."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = b"link to " + os.fsencode(os.readlink(path))
        elif path.is_dir():
            found[name] = b"folder"
        else:
            found[name] = path.read_bytes()
    return found


def leftovers(folder: Path) -> list[str]:
    """Return what a run left behind: staging folders beside folder, temporaries inside it."""
    beside = [p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")]
    inside = [str(p) for p in folder.rglob("*.tmp")] if folder.is_dir() else []
    return beside + inside
