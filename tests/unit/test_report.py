"""The self-contained HTML report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Corpus
from storyline import query
from storyline.report import chart, render, write_report
from storyline.store import Store

pytestmark = pytest.mark.model

RAW_TAG = "<script>alert(1)</script>"
ESCAPED_TAG = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def html(own_db: Corpus) -> str:
    with Store(own_db.db, read_only=True) as store:
        return render(store)


def test_article_text_is_escaped(html: str, own_db: Corpus) -> None:
    with Store(own_db.db, read_only=True) as store:
        quotes = [q["text"] for q in query.quotes(store)]
    assert any(RAW_TAG in q for q in quotes)  # the tag really is in the stored quote
    assert RAW_TAG not in html
    assert "<script" not in html.lower()
    assert ESCAPED_TAG in html


def test_quotes_and_evidence_are_shown(html: str) -> None:
    assert 'class="quote"' in html
    assert "Sergei Ryabkov" in html
    # The evidence sentence of the sanctions event, with actor and action marked.
    assert (
        '<mark class="src">United States</mark> <mark class="act">imposed</mark> sanctions on '
        '<mark class="tgt">Russia</mark> on Tuesday'
    ) in html


def test_timeline_chart_for_the_most_frequent_pair(html: str, own_db: Corpus) -> None:
    assert html.count('<svg id="timeline-chart"') == 1
    assert "Timeline RUS:USA" in html
    with Store(own_db.db, read_only=True) as store:
        rows = query.timeline(store, dyad=query.Dyad.parse("USA:RUS"))
    assert [r["period"] for r in rows] == ["2024-03", "2024-05"]
    svg = html[html.index("<svg") : html.index("</svg>")]
    # One bar per non-empty quad class and period, titled with its count.
    bars = re.findall(r'<rect class="bar q(\d)"[^>]*><title>([^<]*)</title>', svg)
    expected = [
        (str(q), f"{r['period']}: {r[f'quad{q}']} {label}")
        for r in rows
        for q, label in (
            (1, "verbal cooperation"),
            (2, "material cooperation"),
            (3, "verbal conflict"),
            (4, "material conflict"),
        )
        if r[f"quad{q}"]
    ]
    assert bars == expected
    assert 'class="goldstein"' in svg


def test_stories_are_listed(html: str, own_db: Corpus) -> None:
    with Store(own_db.db, read_only=True) as store:
        titles = [s["title"] for s in query.stories(store)]
    assert len(titles) == 3
    for title in titles:
        assert f"<h3>{title}</h3>" in html


def test_no_chart_without_dated_events(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        out = render(store)
    assert "timeline-chart" not in out
    assert "No dated events" in out
    assert "0 articles, 0 events" in out


def test_chart_escapes_period_labels() -> None:
    row: dict[str, Any] = {
        "period": "<b>2024</b>",
        "events": 1,
        "goldstein_mean": 2.0,
        "quad1": 1,
        "quad2": 0,
        "quad3": 0,
        "quad4": 0,
    }
    svg = chart([row])
    assert "<b>" not in svg and "&lt;b&gt;2024&lt;/b&gt;" in svg


def test_write_report_writes_one_self_contained_file(own_db: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    with Store(own_db.db, read_only=True) as store:
        write_report(store, out, dyad="USA:RUS", by="year")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Timeline USA:RUS" in text
    assert "<td>2024</td>" in text  # by year
    assert not re.search(r"<(script|link|img)\b", text)  # no external assets or scripts
