"""The HTML report as a browser shows it: headless Chromium renders the file offline.

Chromium comes from Debian (`make browser`, run by .ci/run as root); where it is
absent these tests are skipped with a message saying so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from conftest import Corpus
from storyline import query
from storyline.report import write_report
from storyline.store import Store

pytestmark = [pytest.mark.model, pytest.mark.integration]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("chromium is not installed (`make browser` installs it as root); skipping")


def run_browser(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    # Its own profile folder, so runs never share state.
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def rendered(own_db: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("browser")
    out = tmp / "report.html"
    with Store(own_db.db, read_only=True) as store:
        write_report(store, out, dyad="USA:RUS", by="month")
    dom = run_browser("--dump-dom", out.as_uri(), tmp=tmp).stdout
    return out, dom


def test_browser_builds_the_chart(rendered: tuple[Path, str], own_db: Corpus) -> None:
    _, dom = rendered
    with Store(own_db.db, read_only=True) as store:
        rows = query.timeline(store, dyad=query.Dyad.parse("USA:RUS"))
    assert rows
    svg = dom[dom.index('<svg id="timeline-chart"') : dom.index("</svg>")]
    bars = re.findall(r'<rect class="bar q\d"', svg)
    assert len(bars) == sum(1 for r in rows for q in range(1, 5) if r[f"quad{q}"])
    assert 'class="goldstein"' in svg
    for r in rows:
        assert f">{r['period']}</text>" in svg


def test_browser_shows_stories_evidence_and_quotes(
    rendered: tuple[Path, str], own_db: Corpus
) -> None:
    _, dom = rendered
    with Store(own_db.db, read_only=True) as store:
        stories = query.stories(store)
        quotes = query.quotes(store)
    text = unescape(re.sub(r"<[^>]+>", "", dom))
    for st in stories:
        assert st["title"] and st["title"] in text
        for item in st["summary"]:
            assert item["sentence"] in text
    assert '<mark class="act">' in dom
    for qt in quotes:
        assert qt["text"] in text


def test_article_markup_stays_text_in_the_browser(rendered: tuple[Path, str]) -> None:
    _, dom = rendered
    # The quote carrying a script tag is shown as text: the browser made no element of it.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script" not in dom.lower()


def test_screenshot_shows_more_than_an_empty_report(
    rendered: tuple[Path, str], tmp_path: Path
) -> None:
    out, _ = rendered
    with Store(tmp_path / "empty.duckdb") as store:
        empty = write_report(store, tmp_path / "empty.html")
    sizes = []
    for page in (out, empty):
        shot = tmp_path / f"{page.stem}.png"
        run_browser(f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri(), tmp=tmp_path)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == 1000  # PNG width, from its IHDR
        sizes.append(len(data))
    # A page with a chart, coloured marks and text compresses far worse than a near-blank one.
    assert sizes[0] > 2 * sizes[1], sizes
