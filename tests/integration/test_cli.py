"""The ``storyline`` command end to end, on the seed articles in ../shared/data/seeds."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import (
    ARTICLE_FIELDS,
    ENTITY_FIELDS,
    QUOTE_FIELDS,
    STORY_FIELDS,
    TIMELINE_FIELDS,
    Corpus,
    SeedRun,
    check_event,
    seeds_dir,
)
from storyline.cli import app
from storyline.query import GDELT_COLUMNS

pytestmark = [pytest.mark.integration, pytest.mark.model]

CONTRACT_COMMANDS = ["ingest", "articles", "entities", "events", "quotes", "stories"]
CONTRACT_COMMANDS += ["timeline", "search", "export", "report", "serve"]


def invoke(*args: str | Path, **kwargs: Any) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)


def flat(text: str) -> str:
    """Console output with line wrapping undone."""
    return " ".join(text.split())


def jsonl(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def listing(db: Path, command: str, *args: str) -> list[dict[str, Any]]:
    result = invoke(command, *args, "--format", "jsonl", "--db", db)
    assert result.exit_code == 0, result.stderr
    return jsonl(result.stdout)


# --------------------------------------------------------------------------- ingest


def test_ingest_seeds_stores_five_articles(seeds_db: SeedRun) -> None:
    assert seeds_db.exit_code == 0, seeds_db.stderr
    assert seeds_db.stdout == ""  # nothing machine-readable to say: stdout stays clean
    assert "5 stored, 0 unchanged, 0 rejected" in flat(seeds_db.stderr)
    assert "articles/s" not in seeds_db.stderr  # STORYLINE_NO_PROGRESS=1: no progress bar
    articles = listing(seeds_db.db, "articles")
    assert len(articles) == 5
    assert sorted(Path(a["input"]).name for a in articles) == sorted(
        p.name for p in seeds_dir().glob("*.txt")
    )
    for a in articles:
        assert set(a) >= ARTICLE_FIELDS, ARTICLE_FIELDS - set(a)
        assert "removed" not in a
        assert a["text"] and a["language"] == "en"
        assert a["paragraphs"] and a["text"] == "\n\n".join(a["paragraphs"])
        assert a["published_from"] in ("metadata", "manifest", "text", None)
        assert (a["published"] is None) == (a["published_from"] is None)


def test_second_ingest_stores_nothing(seeds_db: SeedRun) -> None:
    before = {a["id"] for a in listing(seeds_db.db, "articles")}
    result = invoke("ingest", seeds_dir(), "--db", seeds_db.db)
    assert result.exit_code == 0, result.stderr
    assert "0 stored, 5 unchanged, 0 rejected" in flat(result.stderr)
    assert {a["id"] for a in listing(seeds_db.db, "articles")} == before


def test_show_removed_lists_what_the_cleaner_dropped(seeds_db: SeedRun) -> None:
    articles = listing(seeds_db.db, "articles", "--show-removed")
    removed = [r for a in articles for r in a["removed"]]
    assert removed, "scraped seed pages carry boilerplate"
    assert all(set(r) == {"text", "reason"} and r["reason"] for r in removed)
    for a in articles:
        for r in a["removed"]:
            # Removed text is not in the clean body, unless it was a repeat of kept text.
            if len(r["text"]) > 40 and not r["reason"].startswith("repeated"):
                assert r["text"] not in a["text"]


def test_unknown_article_id_is_exit_2(seeds_db: SeedRun) -> None:
    result = invoke("articles", "--id", "0000000000000000", "--db", seeds_db.db)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "0000000000000000" in result.stderr
    first = listing(seeds_db.db, "articles")[0]
    (one,) = listing(seeds_db.db, "articles", "--id", first["id"])
    assert one == first


# --------------------------------------------------------------------------- listings


def test_entities(seeds_db: SeedRun) -> None:
    entities = listing(seeds_db.db, "entities")
    assert entities
    article_ids = {a["id"] for a in listing(seeds_db.db, "articles")}
    for e in entities:
        assert set(e) >= ENTITY_FIELDS, ENTITY_FIELDS - set(e)
        assert e["mentions"] >= 1 and e["aliases"]
        assert set(e["articles"]) <= article_ids
        assert e["country"] is None or len(e["country"]) == 3
    countries = {e["country"] for e in entities if e["type"] == "GPE"}
    assert {"USA", "RUS"} <= countries
    assert len({e["id"] for e in entities}) == len(entities)


def test_events_between_usa_and_russia_quote_their_sentence(seeds_db: SeedRun) -> None:
    events = listing(seeds_db.db, "events", "--dyad", "USA:RUS")
    assert events
    texts = {a["id"]: a["text"] for a in listing(seeds_db.db, "articles")}
    for ev in events:
        check_event(ev)
        assert {ev["source"]["country"], ev["target"]["country"]} == {"USA", "RUS"}
        start = ev["sentence_start"]
        assert texts[ev["article_id"]][start : start + len(ev["sentence"])] == ev["sentence"]
    directed = listing(seeds_db.db, "events", "--dyad", "USA:RUS", "--directed")
    assert {e["id"] for e in directed} <= {e["id"] for e in events}
    assert all(e["source"]["country"] == "USA" for e in directed)


def test_all_events_have_contract_fields_and_verbatim_sentences(seeds_db: SeedRun) -> None:
    events = listing(seeds_db.db, "events")
    articles = {a["id"]: a for a in listing(seeds_db.db, "articles")}
    stories = {s["id"] for s in listing(seeds_db.db, "stories")}
    assert len(events) >= 5
    for ev in events:
        check_event(ev)
        text = articles[ev["article_id"]]["text"]
        start = ev["sentence_start"]
        assert text[start : start + len(ev["sentence"])] == ev["sentence"]
        assert ev["story_id"] in stories
        assert articles[ev["article_id"]]["duplicate_of"] is None


def test_quotes(seeds_db: SeedRun) -> None:
    quotes = listing(seeds_db.db, "quotes")
    assert quotes
    texts = {a["id"]: a["text"] for a in listing(seeds_db.db, "articles")}
    for q in quotes:
        assert set(q) >= QUOTE_FIELDS, QUOTE_FIELDS - set(q)
        assert set(q["speaker"]) >= {"name", "entity_id"}
        assert q["kind"] in ("direct", "indirect")
        assert q["text"] in q["sentence"]
        assert q["sentence"] in texts[q["article_id"]]
    name = quotes[0]["speaker"]["name"]
    by_speaker = listing(seeds_db.db, "quotes", "--speaker", name)
    assert by_speaker and all(name.lower() in q["speaker"]["name"].lower() for q in by_speaker)


def test_stories(seeds_db: SeedRun) -> None:
    stories = listing(seeds_db.db, "stories")
    articles = listing(seeds_db.db, "articles")
    assert 1 <= len(stories) <= 5
    grouped = sorted(i for s in stories for i in s["article_ids"])
    assert grouped == sorted(a["id"] for a in articles)  # each article in exactly one story
    event_ids = {e["id"] for e in listing(seeds_db.db, "events")}
    for s in stories:
        assert set(s) >= STORY_FIELDS, STORY_FIELDS - set(s)
        assert set(s["event_ids"]) <= event_ids
        for item in s["summary"]:
            assert item["article_id"] in s["article_ids"]


def timeline_json(db: Path, dyad: str = "USA:RUS") -> list[dict[str, Any]]:
    result = invoke("timeline", "--dyad", dyad, "--format", "json", "--db", db)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert all(set(r) == TIMELINE_FIELDS for r in rows)
    return rows


def test_timeline_json(seeds_db: SeedRun, own_db: Corpus) -> None:
    timeline_json(seeds_db.db)  # the seeds carry no publication dates: shape only
    # The invented corpus has dated events: check the numbers. Plans, conjecture and
    # denials are not counted; the pair is unordered.
    rows = timeline_json(own_db.db, "RUS:USA")
    assert [(r["period"], r["events"], r["quad1"], r["quad4"]) for r in rows] == [
        ("2024-03", 1, 0, 1),
        ("2024-05", 2, 2, 0),
    ]
    assert rows == timeline_json(own_db.db, "USA:RUS")


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_timeline_csv_and_table(seeds_db: SeedRun, own_db: Corpus, fmt: str) -> None:
    for db in (seeds_db.db, own_db.db):
        expected = timeline_json(db)
        result = invoke("timeline", "--dyad", "USA:RUS", "--format", fmt, "--db", db)
        assert result.exit_code == 0, result.stderr
        if fmt == "csv":
            assert set(result.stdout.splitlines()[0].split(",")) == TIMELINE_FIELDS
            rows = list(csv.DictReader(io.StringIO(result.stdout)))
            assert rows == [{k: str(v) for k, v in r.items()} for r in expected]
        else:
            for name in TIMELINE_FIELDS:
                assert name in result.stdout
            for r in expected:
                assert r["period"] in result.stdout


def test_timeline_by_week_and_day(own_db: Corpus) -> None:
    def periods(by: str) -> list[tuple[str, int]]:
        result = invoke(
            "timeline", "--dyad", "USA:RUS", "--by", by, "-f", "json", "--db", own_db.db
        )
        assert result.exit_code == 0, result.stderr
        return [(r["period"], r["events"]) for r in json.loads(result.stdout)]

    assert periods("week") == [("2024-W10", 1), ("2024-W20", 2)]
    assert periods("day") == [("2024-03-05", 1), ("2024-05-13", 1), ("2024-05-15", 1)]
    assert periods("year") == [("2024", 3)]


def test_events_date_filters_and_entity_dyads(own_db: Corpus) -> None:
    everything = listing(own_db.db, "events")
    may = listing(own_db.db, "events", "--since", "2024-05-01", "--until", "2024-05-20")
    assert may and all("2024-05-01" <= e["date"] <= "2024-05-20" for e in may)
    assert {e["id"] for e in may} == {
        e["id"] for e in everything if e["date"] and "2024-05-01" <= e["date"] <= "2024-05-20"
    }
    by_country = listing(own_db.db, "events", "--dyad", "USA:RUS")
    assert by_country
    # The same pair named by entity ids (which may contain a colon themselves).
    ids = {
        e[side]["country"]: e[side]["entity_id"]
        for e in by_country
        for side in ("source", "target")
    }
    by_entity = listing(own_db.db, "events", "--dyad", f"{ids['USA']}:{ids['RUS']}")
    assert by_entity == by_country
    sanctions = listing(own_db.db, "events", "--type", "16")
    assert [e["cameo"] for e in sanctions] == ["163"]


def test_timeline_needs_a_dyad(seeds_db: SeedRun) -> None:
    assert invoke("timeline", "--db", seeds_db.db).exit_code == 2
    bad = invoke("timeline", "--dyad", "USA", "--db", seeds_db.db)
    assert bad.exit_code == 2 and "expected A:B" in flat(bad.stderr)
    by = invoke("timeline", "--dyad", "USA:RUS", "--by", "fortnight", "--db", seeds_db.db)
    assert by.exit_code == 2


def test_search(seeds_db: SeedRun) -> None:
    hits = listing(seeds_db.db, "search", "sanctions")
    assert hits
    texts = {a["id"]: a["text"] for a in listing(seeds_db.db, "articles")}
    for h in hits:
        assert "sanctions" in h["sentence"].lower()
        assert texts[h["article_id"]][h["start"] : h["end"]] == h["sentence"]
        assert isinstance(h["events"], list)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert listing(seeds_db.db, "search", "zzyzx-not-a-word") == []


# A column each listing's CSV carries, to compare with the JSON records.
CSV_KEY = {"articles": "id", "entities": "id", "events": "cameo", "quotes": "text", "stories": "id"}


@pytest.mark.parametrize("command", sorted(CSV_KEY))
def test_listing_formats_agree(seeds_db: SeedRun, command: str) -> None:
    records = listing(seeds_db.db, command)
    assert records

    as_json = invoke(command, "--format", "json", "--db", seeds_db.db)
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == records

    as_csv = invoke(command, "--format", "csv", "--db", seeds_db.db)
    assert as_csv.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    key = CSV_KEY[command]
    assert [r[key] for r in rows] == [str(rec[key]) for rec in records]

    as_table = invoke(command, "--format", "table", "--db", seeds_db.db)
    assert as_table.exit_code == 0
    assert key in as_table.stdout
    assert as_table.stdout.count("\n") >= len(records)


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--format", "xml"],
        ["articles", "-f", "yaml"],
        ["timeline", "--dyad", "USA:RUS", "--format", "html"],
        ["export", "--format", "xlsx", "-o", "{tmp}/out"],
        ["ingest", "whatever.txt", "--format", "pdf"],
        ["ingest", "whatever.txt", "--date", "yesterday-ish"],
        ["ingest"],
        ["ingest", "whatever.txt", "--manifest", "{tmp}/no-manifest.csv"],
    ],
)
def test_usage_errors_are_exit_2(seeds_db: SeedRun, args: list[str], tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = invoke(*args, "--db", seeds_db.db, catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error:" in result.stderr
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- export, report


def test_export_parquet(seeds_db: SeedRun, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "parquet"
    result = invoke("export", "--format", "parquet", "-o", out, "--db", seeds_db.db)
    assert result.exit_code == 0, result.stderr
    written = {Path(line).name for line in result.stdout.splitlines()}
    assert {"articles.parquet", "events.parquet", "quotes.parquet"} <= written
    assert pq.read_table(out / "articles.parquet").num_rows == 5
    events = pq.read_table(out / "events.parquet")
    assert events.num_rows == len(listing(seeds_db.db, "events", "--include-duplicates"))
    assert {"id", "article_id", "sentence", "cameo"} <= set(events.column_names)


def test_export_csv(seeds_db: SeedRun, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = invoke("export", "-f", "csv", "-o", out, "--db", seeds_db.db)
    assert result.exit_code == 0, result.stderr
    with (out / "articles.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5
    texts = {a["id"]: a["text"] for a in listing(seeds_db.db, "articles")}
    assert {r["id"]: r["text"] for r in rows} == texts


def test_export_gdelt(seeds_db: SeedRun, tmp_path: Path) -> None:
    out = tmp_path / "gdelt"
    result = invoke("export", "--format", "gdelt", "-o", out, "--db", seeds_db.db)
    assert result.exit_code == 0, result.stderr
    lines = (out / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()
    events = listing(seeds_db.db, "events")
    assert len(lines) == len(events)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for line, ev in zip(lines, events, strict=True):
        cells = line.split("\t")
        assert len(cells) == len(GDELT_COLUMNS)
        assert cells[col["EventCode"]] == ev["cameo"]
        assert cells[col["QuadClass"]] == str(ev["quad_class"])
        assert cells[col["Actor1CountryCode"]] == (ev["source"]["country"] or "")
        assert cells[col["SQLDATE"]] == (ev["date"] or "").replace("-", "")


def test_report(seeds_db: SeedRun, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("report", "-o", out, "--db", seeds_db.db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "5 articles" in html
    for story in listing(seeds_db.db, "stories"):
        if story["title"]:
            from html import escape

            assert escape(story["title"]) in html


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["articles"],
        ["entities"],
        ["events", "--dyad", "USA:RUS"],
        ["quotes"],
        ["stories"],
        ["timeline", "--dyad", "USA:RUS"],
        ["search", "sanctions"],
        ["export", "--format", "csv", "-o", "{tmp}/out"],
        ["report", "-o", "{tmp}/report.html"],
        ["serve"],
    ],
)
def test_missing_database_is_exit_2(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "missing.duckdb"
    result = invoke(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--db", db)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no database" in flat(result.stderr)
    assert not db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written


def test_database_from_environment(seeds_db: SeedRun) -> None:
    result = invoke("stories", "--format", "json", env={"STORYLINE_DB": str(seeds_db.db)})
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 1


def test_python_m_storyline_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "storyline", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for command in CONTRACT_COMMANDS:
        assert command in proc.stdout


def test_subprocess_keeps_stdout_machine_readable(seeds_db: SeedRun, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    run = [sys.executable, "-m", "storyline"]
    ok = subprocess.run(
        [*run, "events", "--dyad", "USA:RUS", "--db", str(seeds_db.db)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert jsonl(ok.stdout) == listing(seeds_db.db, "events", "--dyad", "USA:RUS")
    missing = subprocess.run(
        [*run, "events", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stdout == "" and "no database" in missing.stderr


# --------------------------------------------------------------------------- rejections

GOOD = (
    "Mexico criticised Canada on Thursday over new tariffs on steel imports. Officials in "
    "Mexico City said the measures broke the spirit of the trade agreement between the two "
    "countries."
)
LATIN1 = (
    "El ministro de México viajó a Montréal para reunirse con su homólogo canadiense. "
    "Hablaron de comercio, energía y de la próxima reunión en Québec."
)
JSONL_GOOD = (
    "Canada and Mexico signed a fisheries agreement in Ottawa on Monday, officials from both "
    "governments said after the ceremony ended."
)


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "image.bin").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\x00binary\x00data")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": JSONL_GOOD, "source": "Wire", "date": "2024-05-06"})
        + "\n{this is not json\n",
        encoding="utf-8",
    )
    (folder / "latin.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "mix.duckdb"

    missing = tmp_path / "not-there.txt"
    result = invoke("ingest", folder, missing, "--db", db)

    assert result.exit_code == 1, result.stderr
    err = flat(result.stderr)
    assert "3 stored, 0 unchanged, 4 rejected" in err
    # The console may wrap long lines; compare with all whitespace removed.
    squashed = "".join(result.stderr.split())
    for name, reason in [
        (folder / "image.bin", "binary"),
        (folder / "empty.txt", "emptyinput"),
        (f"{folder / 'feed.jsonl'}:2", "invalidJSON"),
        (missing, "nosuchfile"),
    ]:
        reported = f"rejected:{name}[ingest]"
        assert reported in squashed, f"{name} not reported: {result.stderr}"
        line = squashed[squashed.index(reported) :].split("rejected:")[1]
        assert reason in line

    stored = {Path(a["input"]).name: a for a in listing(db, "articles")}
    assert set(stored) == {"good.txt", "latin.txt", "feed.jsonl:1"}
    assert stored["good.txt"]["text"] == GOOD
    assert stored["latin.txt"]["text"] == LATIN1
    assert stored["latin.txt"]["language"] == "es"
    assert stored["feed.jsonl:1"]["text"] == JSONL_GOOD
    assert (stored["feed.jsonl:1"]["source"], stored["feed.jsonl:1"]["published"]) == (
        "Wire",
        "2024-05-06",
    )
    assert stored["feed.jsonl:1"]["published_from"] == "manifest"
    # The good article was coded too.
    events = listing(db, "events", "--dyad", "MEX:CAN")
    assert any(e["cameo"] == "111" and e["source"]["country"] == "MEX" for e in events)

    again = invoke("ingest", folder, missing, "--db", db)
    assert again.exit_code == 1  # the bad inputs are still bad
    assert "0 stored, 3 unchanged, 4 rejected" in flat(again.stderr)
