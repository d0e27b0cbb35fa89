"""The browser helper itself: a missing tool fails CI and is reported elsewhere, never silent."""

from __future__ import annotations

import pytest

import browser

ABSENT = "selfassess-no-such-command"


def test_a_missing_tool_fails_the_test_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(
        pytest.fail.Exception, match=f"CI must run the browser and Word tests: {ABSENT}"
    ):
        browser.require(ABSENT)


def test_a_missing_tool_is_skipped_and_listed_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    reported: list[str] = []
    monkeypatch.setattr(browser, "MISSING", reported)
    with pytest.raises(pytest.skip.Exception):
        browser.require(ABSENT)
    assert reported == [f"{ABSENT} not installed (./scripts/test installs them as root)"]


def test_host_page_escapes_its_title_and_keeps_the_fragment() -> None:
    page = browser.host_page("<h2>Section 1</h2>", title="A <b> title")
    assert "<title>A &lt;b&gt; title</title>" in page
    assert "<main>\n<h1>A &lt;b&gt; title</h1>\n<h2>Section 1</h2>\n</main>" in page
