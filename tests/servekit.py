"""Run `selfassess serve` as a user does, in a process of its own, and read what it serves."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT

ASSESSMENT = "assessments/example-borough-council-2024-25.yaml"
REPORT = "reports/annual-report-2024-25.yaml"
REGISTER = "casework/ombudsman-2024-25.yaml"
WAIT = 10.0  # seconds for a saved file to be served: a bound on the loop, never a figure


def copy_project(root: Path) -> Path:
    """Copy the example project (assessments, register, report, log, Code) into root."""
    for folder in ("assessments", "casework", "complaints", "reports", "code_requirements"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    return root


class Serving:
    """A `selfassess serve` process on a free port, its URL, and what it printed."""

    def __init__(self, root: Path, *args: str) -> None:
        self.temporary = root / "tmp"
        self.temporary.mkdir(exist_ok=True)
        env = {**os.environ, "TMPDIR": str(self.temporary), "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "selfassess", "serve", "--port", "0", *args]
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:  # ends if the process exits
            self.lines.append(line)
            found = re.search(r" at (http://\S+/) \(Ctrl-C stops\)$", line.rstrip("\n"))
            if found:
                return found.group(1)
        raise AssertionError(f"serve did not start: {self.stop()}")

    def get(self, path: str, host: str | None = None) -> tuple[int, str]:
        """Return the status and text of one page."""
        request = urllib.request.Request(self.url.rstrip("/") + path)
        if host is not None:
            request.add_header("Host", host)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def wait_for(self, path: str, holds: Callable[[str], bool]) -> str:
        """Fetch a page until what it shows holds (at most WAIT seconds); return it."""
        deadline = time.monotonic() + WAIT
        while True:
            _, text = self.get(path)
            if holds(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not change within {WAIT} s:\n{text[:3000]}")
            time.sleep(0.05)

    def stop(self) -> tuple[int, str, str]:
        """Press Ctrl-C; return the exit status, and the rest of its output and its errors."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, "".join(self.lines) + out, err


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, as an editor saving it would."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
