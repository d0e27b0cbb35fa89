"""The open page reloads itself in a real browser (headless Chromium) when its file is saved."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from browser import BrowserError, assert_accessible, tab
from servekit import ASSESSMENT, WAIT, Serving, copy_project, edit

PAGE = "/example-borough-council-2024-25/self-assessment.html"


def test_a_saved_file_reloads_the_open_page_where_it_was_read(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    serving = Serving(root, "--as-of", "2025-07-01", ASSESSMENT)
    page = tab()
    try:
        page.open(serving.url.rstrip("/") + PAGE, 1280)
        assert page.evaluate("document.querySelector('h1').textContent").startswith(
            "Example Borough Council"
        )
        page.evaluate("window.scrollTo(0, 1500); window.notReloaded = true; window.scrollY")
        edit(
            root / ASSESSMENT,
            "uses the Code's\n",
            "uses, as saved in the browser test, the Code's\n",
        )
        deadline = time.monotonic() + WAIT
        shown = False
        while not shown:
            assert time.monotonic() < deadline, "the page did not reload with the saved text"
            with contextlib.suppress(BrowserError):  # asked while the page is being replaced
                shown = page.evaluate(
                    "document.readyState === 'complete' && "
                    "document.body.innerText.includes('as saved in the browser test')"
                )
            time.sleep(0.05)
        assert page.evaluate("window.notReloaded === undefined")  # a new page, not patched
        scrolled = page.evaluate("new Promise(done => setTimeout(() => done(window.scrollY), 200))")
        assert 1400 <= scrolled <= 1600  # the reader is where they were
    finally:
        with contextlib.suppress(BrowserError):
            page.send("Page.close")
        serving.stop()


def test_served_pages_and_the_problems_are_accessible(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    serving = Serving(root, "--as-of", "2025-07-01", ASSESSMENT)
    try:
        _, index = serving.get("/")
        assert_accessible(index)
        _, served = serving.get(PAGE)
        assert "Problems found by selfassess check" in served
        assert_accessible(served)
        (root / ASSESSMENT).write_text("schema_version: 1\nlandlord: [\n", encoding="utf-8")
        broken = serving.wait_for(PAGE, lambda text: "not rendered" in text)
        assert_accessible(broken)
    finally:
        serving.stop()
