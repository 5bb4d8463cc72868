"""The REST API and web page, through FastAPI's test client."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import (
    ARTICLE_FIELDS,
    QUOTE_FIELDS,
    STORY_FIELDS,
    TIMELINE_FIELDS,
    Corpus,
    check_event,
)
from storyline import query
from storyline.server.app import create_app
from storyline.store import Store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def client(own_db: Corpus) -> TestClient:
    return TestClient(create_app(own_db.db))


def test_events(client: TestClient, own_db: Corpus) -> None:
    resp = client.get("/api/events")
    assert resp.status_code == 200
    events = resp.json()
    with Store(own_db.db, read_only=True) as store:
        assert events == query.events(store)
    assert len(events) >= 4
    for ev in events:
        check_event(ev)


def test_events_for_a_directed_dyad(client: TestClient) -> None:
    both = client.get("/api/events", params={"dyad": "USA:RUS"}).json()
    directed = client.get("/api/events", params={"dyad": "RUS:USA", "directed": True}).json()
    assert {e["source"]["country"] for e in both} == {"USA", "RUS"}
    assert directed and {e["source"]["country"] for e in directed} == {"RUS"}
    assert {e["id"] for e in directed} < {e["id"] for e in both}


def test_timeline(client: TestClient) -> None:
    resp = client.get("/api/timeline", params={"dyad": "USA:RUS"})
    assert resp.status_code == 200
    rows = resp.json()
    assert [r["period"] for r in rows] == ["2024-03", "2024-05"]
    for r in rows:
        assert set(r) == TIMELINE_FIELDS
        assert r["events"] == r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"]
    march = rows[0]
    assert (march["events"], march["quad4"]) == (1, 1)
    assert march["goldstein_sum"] < 0
    assert client.get("/api/timeline", params={"dyad": "USA:RUS", "by": "year"}).json()[0][
        "events"
    ] == sum(r["events"] for r in rows)


def test_timeline_needs_a_valid_dyad(client: TestClient) -> None:
    assert client.get("/api/timeline").status_code == 422
    resp = client.get("/api/timeline", params={"dyad": "USA"})
    assert resp.status_code == 422
    assert "expected A:B" in resp.json()["error"]


def test_articles(client: TestClient) -> None:
    arts = client.get("/api/articles").json()
    assert len(arts) == 3
    for a in arts:
        assert set(a) >= ARTICLE_FIELDS
        assert "removed" not in a
    one = client.get("/api/articles", params={"id": arts[0]["id"], "show_removed": True})
    assert one.status_code == 200
    (rec,) = one.json()
    assert rec["id"] == arts[0]["id"]
    assert isinstance(rec["removed"], list)


def test_unknown_article_is_404(client: TestClient) -> None:
    resp = client.get("/api/articles", params={"id": "unknown"})
    assert resp.status_code == 404
    assert "unknown" in resp.json()["error"]


def test_quotes_stories_and_search(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Ryabkov"}).json()
    assert quotes and all(set(q) >= QUOTE_FIELDS for q in quotes)
    assert {q["speaker"]["name"] for q in quotes} == {"Sergei Ryabkov"}
    stories = client.get("/api/stories").json()
    assert len(stories) == 3 and all(set(s) >= STORY_FIELDS for s in stories)
    hits = client.get("/api/search", params={"q": "sanctions Russia"}).json()
    assert hits
    assert all("sanctions" in h["sentence"].lower() for h in hits)
    assert any(e["cameo"] == "163" for h in hits for e in h["events"])


def test_index_is_the_html_report(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert resp.text.startswith("<!DOCTYPE html>")
    assert 'id="timeline-chart"' in resp.text
    assert "<script>alert(1)</script>" not in resp.text


def test_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    client = TestClient(create_app(missing))
    assert client.get("/api/events").status_code == 404
    page = client.get("/")
    assert page.status_code == 200 and "no database" in page.text
    assert not missing.exists()
