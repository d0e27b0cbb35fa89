"""Open outputs in a real browser and a real word processor, for the tests of any document.

`assert_accessible(path_or_html)` loads a page in headless Chromium (Debian's package) at each
width, runs axe-core's WCAG 2.x A/AA and best-practice rules, and fails on any violation, on
sideways scrolling (the page's or any box's), on a caption squeezed narrower than half its table
and on chart text drawn too small to read.
`host_page(fragment)` wraps a CMS fragment in a plain page, as a council's site would.
`docx_to_pdf(path)` converts a Word file with LibreOffice (headless) and returns the PDF.

The browser is driven through the DevTools protocol over a pipe (--remote-debugging-pipe), so
nothing but Chromium itself is needed. In CI (CI=true) a missing tool fails the test; on a
developer's machine it skips it, and the run ends with a loud list of what did not run.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import html
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = Path(
    os.environ.get("SELFASSESS_AXE_JS", ROOT / "tests/axe/node_modules/axe-core/axe.min.js")
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (320, 1280)
HEIGHT = 900
TIMEOUT = 60.0  # seconds for one protocol answer; a hang fails the test instead of the run
SMALLEST_CHART_TEXT_PX = 12
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--font-render-hinting=none",
    "--remote-debugging-pipe",
)
#: Tests skipped because a tool is missing (reported at the end of the run by conftest).
MISSING: list[str] = []


def require(*commands: str) -> dict[str, str]:
    """Return the paths of system commands; fail in CI, skip loudly elsewhere, when one is missing."""
    found = {name: shutil.which(name) for name in commands}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        reason = f"{', '.join(missing)} not installed (./scripts/test installs them as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser and Word tests: {reason}")
        MISSING.append(reason)
        pytest.skip(reason)
    return {name: path for name, path in found.items() if path}


def axe_source() -> str:
    """Return axe-core's script (installed from npm by ./scripts/test)."""
    if not AXE_JS.is_file():
        reason = f"axe-core not installed at {AXE_JS} (run ./scripts/test or npm ci in tests/axe)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser tests: {reason}")
        MISSING.append(reason)
        pytest.skip(reason)
    return AXE_JS.read_text(encoding="utf-8")


class BrowserError(AssertionError):
    """The browser failed, hung or answered with an error."""


@dataclass
class Chromium:
    """A headless Chromium spoken to over the DevTools pipe (fd 3 in, fd 4 out)."""

    process: subprocess.Popen[bytes]
    to_browser: int
    from_browser: int
    profile: Path
    next_id: int = 0
    buffer: bytes = b""
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def start(cls, executable: str) -> Chromium:
        """Start a fresh headless browser with its own empty profile."""
        profile = Path(tempfile.mkdtemp(prefix="selfassess-chromium-"))
        child_in, to_browser = os.pipe()
        from_browser, child_out = os.pipe()

        def wire_pipe() -> None:  # the browser expects the pipe on fds 3 and 4 exactly
            high_in = fcntl.fcntl(child_in, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(child_out, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        args = [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipe,  # the tests run single-threaded, so this is safe
            close_fds=False,
        )
        os.close(child_in)
        os.close(child_out)
        return cls(process, to_browser, from_browser, profile)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Send one command and return its result."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.from_browser], [], [], TIMEOUT)
            chunk = os.read(self.from_browser, 1 << 20) if ready else b""
            if not chunk:
                raise BrowserError("Chromium stopped answering (timed out or exited)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        with contextlib.suppress(OSError, BrowserError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self.to_browser, self.from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


@dataclass
class Tab:
    """One page in the browser, at a width the tests choose."""

    browser: Chromium
    session: str

    def send(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Send a command to this page."""
        return self.browser.send(method, params, self.session)

    def open(self, url: str, width: int, height: int = HEIGHT) -> None:
        """Lay the page out at a viewport of width x height CSS pixels and load url."""
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics)
        self.send("Emulation.setEmulatedMedia", {"media": "screen"})
        self.send("Page.navigate", {"url": url})
        for _ in range(200):
            state = self.evaluate(f"location.href === {json.dumps(url)} && document.readyState")
            if state == "complete":
                return
            self.evaluate("new Promise(done => setTimeout(done, 50))")
        raise BrowserError(f"{url} did not finish loading")

    def evaluate(self, expression: str) -> Any:
        """Run JavaScript in the page (awaiting a promise) and return its value as JSON."""
        found = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
        )
        if "exceptionDetails" in found:
            raise BrowserError(f"script failed: {found['exceptionDetails']}")
        return found.get("result", {}).get("value")

    def screenshot(self, path: Path) -> Path:
        """Save the whole page (not only the viewport) as a PNG."""
        import base64

        shot = self.send("Page.captureScreenshot", {"captureBeyondViewport": True})
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def print_pdf(self, path: Path) -> Path:
        """Print the page as the browser's print dialog would (print CSS, @page size) to a PDF."""
        import base64

        self.send("Emulation.setEmulatedMedia", {"media": ""})  # print styles, not screen
        options = {"preferCSSPageSize": True, "printBackground": True}
        printed = self.send("Page.printToPDF", options)
        path.write_bytes(base64.b64decode(printed["data"]))
        return path


_BROWSER: list[Chromium] = []


def tab() -> Tab:
    """Return a fresh page in the shared browser, starting it on first use."""
    if not _BROWSER or _BROWSER[0].process.poll() is not None:
        _BROWSER[:] = [Chromium.start(require("chromium")["chromium"])]
        atexit.register(close_browser)
    browser = _BROWSER[0]
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    attached = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
    return Tab(browser, attached["sessionId"])


def close_browser() -> None:
    """Stop the shared browser, if it was started."""
    while _BROWSER:
        _BROWSER.pop().close()


@contextlib.contextmanager
def opened(path: Path, width: int) -> Any:
    """Open a file in a new page at a width; close the page afterwards."""
    page = tab()
    try:
        page.open(path.resolve().as_uri(), width)
        yield page
    finally:
        with contextlib.suppress(BrowserError):
            page.browser.send("Target.closeTarget", {"targetId": _target_of(page)})


def _target_of(page: Tab) -> str:
    info = page.send("Target.getTargetInfo")
    return str(info["targetInfo"]["targetId"])


# What the page itself reports: sideways scrolling of the page or of any box, a table's caption
# squeezed a letter or two wide, and chart text drawn smaller than can be read (an SVG scaled
# down to fit a phone).
_LAYOUT_SCRIPT = """(() => {
  const width = window.innerWidth;
  const problems = [];
  const page = document.scrollingElement.scrollWidth;
  if (page > width) problems.push(`the page is ${page}px wide in a ${width}px viewport`);
  for (const box of document.querySelectorAll('body *')) {
    const style = getComputedStyle(box);
    if (['auto', 'scroll'].includes(style.overflowX) && box.scrollWidth > box.clientWidth + 1) {
      problems.push(`<${box.tagName.toLowerCase()} class="${box.className}"> scrolls sideways `
        + `(${box.scrollWidth}px of content in ${box.clientWidth}px)`);
    }
  }
  for (const caption of document.querySelectorAll('caption')) {
    const box = caption.getBoundingClientRect();
    const table = caption.closest('table').getBoundingClientRect();
    if (box.width > 1 && box.width < table.width / 2) {  // 1px: a caption hidden on purpose
      problems.push(`caption "${caption.textContent.slice(0, 40)}" is squeezed into `
        + `${box.width.toFixed(0)}px beside its ${table.width.toFixed(0)}px table`);
    }
  }
  for (const text of document.querySelectorAll('svg text')) {
    const matrix = text.getScreenCTM();
    // The scale along the text's own line, so turned text (a month at 45 degrees) is measured too.
    const size = parseFloat(getComputedStyle(text).fontSize) * (matrix ? Math.hypot(matrix.a, matrix.b) : 1);
    if (text.getClientRects().length && size < %d) {
      problems.push(`chart text "${text.textContent}" is drawn at ${size.toFixed(1)}px`);
    }
  }
  return problems;
})()"""

_AXE_SCRIPT = """axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(results => results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)
  })))"""


def layout_problems(page: Tab) -> list[str]:
    """Return what the page says overflows or is too small at its current width."""
    return list(page.evaluate(_LAYOUT_SCRIPT % SMALLEST_CHART_TEXT_PX))


#: Every word drawn on two lines: its letters' boxes stand at more than one height. A word is
#: letters (a hyphenated word is checked part by part, as a line may end at its hyphen); an
#: email or web address is no word, and may break where it must. SVG charts and code are left
#: out.
_BROKEN_WORDS_SCRIPT = r"""(() => {
  const broken = [];
  const letters = 'A-Za-z\u00C0-\u024F';
  const word = new RegExp(`^[^${letters}]*[${letters}'’-]+[^${letters}]*$`);
  const part = new RegExp(`[${letters}'’]{3,}`, 'g');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, code, script, style')) continue;
    // Text hidden but for screen readers (a 1px clipped box) is drawn nowhere.
    let hidden = false;
    for (let box = parent; box && !hidden; box = box.parentElement)
      hidden = box.getBoundingClientRect().width <= 1;
    if (hidden) continue;
    for (const token of node.data.matchAll(/\S+/g)) {
      if (!word.test(token[0])) continue;  // an address, a reference or a figure
      for (const match of token[0].matchAll(part)) {
        const start = token.index + match.index;
        range.setStart(node, start);
        range.setEnd(node, start + match[0].length);
        const tops = new Set([...range.getClientRects()]
          .filter(rect => rect.width > 0).map(rect => Math.round(rect.top)));
        if (tops.size > 1) broken.push(`"${match[0]}" in <${parent.tagName.toLowerCase()}>`);
      }
    }
  }
  return broken.slice(0, 20);
})()"""


def broken_words(page: Tab) -> list[str]:
    """Return the words the page draws broken over two lines ("Definitio/n"), at most 20."""
    return [f"word broken mid-word: {word}" for word in page.evaluate(_BROKEN_WORDS_SCRIPT)]


def axe_violations(page: Tab) -> list[str]:
    """Run axe-core in the page and return each violation as a readable line."""
    page.evaluate(axe_source())
    violations = page.evaluate(_AXE_SCRIPT % json.dumps(AXE_TAGS))
    return [
        f"{v['id']} ({v['impact']}): {v['help']}; " + " | ".join(v["nodes"]) for v in violations
    ]


def assert_accessible(page_or_html: Path | str, widths: tuple[int, ...] = WIDTHS) -> None:
    """Fail unless the page passes axe-core and reflows at each width without sideways scrolling
    and without breaking a word over two lines.

    Give a path to an HTML file, or the HTML itself (written to a temporary file first).
    """
    require("chromium")
    axe_source()
    with _as_file(page_or_html) as path:
        found = []
        for width in widths:
            with opened(path, width) as page:
                found += [f"at {width}px: {p}" for p in layout_problems(page)]
                found += [f"at {width}px: {p}" for p in broken_words(page)]
                found += [f"at {width}px: {p}" for p in axe_violations(page)]
    assert not found, f"{path.name}:\n" + "\n".join(found)


@contextlib.contextmanager
def _as_file(page_or_html: Path | str) -> Any:
    if isinstance(page_or_html, Path):
        yield page_or_html
        return
    with tempfile.TemporaryDirectory(prefix="selfassess-page-") as folder:
        path = Path(folder) / "page.html"
        path.write_text(page_or_html, encoding="utf-8")
        yield path


def host_page(fragment: str, title: str = "Complaints: our self-assessment") -> str:
    """Wrap a CMS fragment in a plain page with no styles of ours, as a council's site might."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        "<header><p>Example council website</p></header>\n"
        f"<main>\n<h1>{html.escape(title)}</h1>\n{fragment}\n</main>\n"
        "<footer><p>Example council website footer</p></footer>\n</body>\n</html>\n"
    )


def docx_to_pdf(path: Path, out: Path | None = None) -> Path:
    """Convert a Word file to PDF with LibreOffice (headless); fail on an error or an empty PDF."""
    pdf = office_convert(path, "pdf", out)
    assert pdf_pages(pdf) > 0, f"{pdf.name} has no pages"
    return pdf


def office_convert(path: Path, to: str, out: Path | None = None) -> Path:
    """Open a file in LibreOffice (headless) and save it as `to` (pdf, xlsx, ...) into out."""
    soffice = require("soffice")["soffice"]
    out = out or path.parent
    with tempfile.TemporaryDirectory(prefix="selfassess-office-") as profile:
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(out),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
    made = out / f"{path.stem}.{to}"
    assert done.returncode == 0, f"LibreOffice failed on {path.name}: {done.stderr or done.stdout}"
    assert made.is_file() and made.stat().st_size > 0, (
        f"LibreOffice wrote no {to} for {path.name}: {done.stderr or done.stdout}"
    )
    return made


def pdf_pages(pdf: Path) -> int:
    """Return a PDF's page count, as poppler's pdfinfo reads it."""
    pdfinfo = require("pdfinfo")["pdfinfo"]
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60)
    assert info.returncode == 0, f"pdfinfo cannot read {pdf.name}: {info.stderr}"
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    return int(match.group(1)) if match else 0


def print_to_pdf(page: Path, pdf: Path) -> Path:
    """Print an HTML file to PDF as Chromium's print dialog would (print styles, @page)."""
    with opened(page, WIDTHS[-1]) as tab_:
        return tab_.print_pdf(pdf)


def pdf_text(pdf: Path) -> list[str]:
    """Return the text of each page of a PDF, as poppler's pdftotext lays it out."""
    pdftotext = require("pdftotext")["pdftotext"]
    done = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"pdftotext cannot read {pdf.name}: {done.stderr}"
    return done.stdout.split("\f")[: pdf_pages(pdf)]
