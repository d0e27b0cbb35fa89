"""Peak memory of selfassess against hostile inputs, each in a fresh process; print the figures.

Run: python3 bench/bench_hostile.py. Each case is run by a small launcher so the figure is
the command's own peak (ru_maxrss of a child of a fresh process), not its parent's.
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
    "import resource, subprocess, sys\n"
    "done = subprocess.run([sys.executable, '-m', 'selfassess', *sys.argv[1:]],"
    " capture_output=True, timeout=300)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
BOMB = (
    "schema_version: 1\na: &a ["
    + ", ".join(['"lol"'] * 9)
    + "]\n"
    + "".join(
        f"{x}: &{x} [" + ", ".join([f"*{y}"] * 9) + "]\n"
        for x, y in zip("bcdefghi", "abcdefgh", strict=True)
    )
)


def peak(*args: str) -> tuple[int, float]:
    """Return a command's exit code and peak memory in MB."""
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1]) / 1024


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


def main() -> None:
    """Print each hostile case's exit code and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "bomb.yaml").write_text(textwrap.dedent(BOMB), encoding="utf-8")
        (tmp / "zero.yaml").symlink_to("/dev/zero")
        os.mkfifo(tmp / "pipe.yaml")
        docx = lying_docx(tmp / "lying.docx", 800 * 1024 * 1024, 1000)
        cases = {
            "selfassess --version (baseline)": None,
            "check alias bomb": ["check", str(tmp / "bomb.yaml")],
            "check link to /dev/zero": ["check", str(tmp / "zero.yaml")],
            "check a named pipe": ["check", str(tmp / "pipe.yaml")],
            f"import 0.8 MB .docx, 800 MB part declared 1,000 bytes ({docx.stat().st_size:,} B)": [
                "import", str(docx), "-o", str(tmp / "out.yaml"),
            ],
        }  # fmt: skip
        for name, args in cases.items():
            if args is None:
                code, mb = peak("--version")
            else:
                code, mb = peak(*args)
            print(f"{name:75} exit {code}  peak {mb:6.1f} MB")


if __name__ == "__main__":
    main()
