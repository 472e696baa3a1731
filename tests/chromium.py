"""Debian's Chromium for the browser tests, driven by Playwright (its own browser download is not used).

`launched_chromium()` is a context manager giving a Playwright browser. Without Chromium or the playwright package the
test skips, except where EVENTCODER_REQUIRE_BROWSER=1 (CI), where it fails and says what to install."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("EVENTCODER_CHROMIUM", "/usr/bin/chromium")
# headless, and no background connections: this machine's closed network refuses them
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"      # screenshots to look at (git-ignored)


def browser_missing() -> str | None:
    """Why no browser test can run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright; no `playwright install` needed)"
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def require_browser() -> None:
    """Skip the test without a browser, or fail it where EVENTCODER_REQUIRE_BROWSER=1."""
    missing = browser_missing()
    if missing:
        if os.environ.get("EVENTCODER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"EVENTCODER_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


@contextmanager
def launched_chromium():
    """Debian's Chromium under Playwright, closed on exit; the artefacts folder exists."""
    require_browser()
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
