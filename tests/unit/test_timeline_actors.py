"""Which events a dyad timeline counts: acts of identified actors only.

The coder may place an unnamed actor by where it acted ("unidentified attacker
(CHL)" for an agentless bombing in Chile); the event is listed with that actor, but
a country-to-country timeline must not make the country the doer.
"""

from __future__ import annotations

from pathlib import Path

from storyline import query
from storyline.stages.ingest import load_manifest
from storyline.store import Store

# Invented events.
ARTICLES = {
    "bombing.txt": "Bombing near the border\n\n"
    "Two Argentine soldiers were killed in a car bombing in Santiago, Chile, on Monday, "
    "officials said.\n",
    "rebuke.txt": "Santiago rebukes Buenos Aires\n\n"
    "Chile condemned Argentina on Monday over the border dispute, officials said.\n",
}


def test_placed_actors_are_listed_but_not_counted_in_timelines(tmp_path: Path) -> None:
    from storyline.config import CleanConfig, Settings
    from storyline.run import ingest

    lines = ["path,date,source"]
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        lines.append(f"{name},2025-03-12,Invented Wire")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = load_manifest(manifest)
    manifest.unlink()
    with Store(tmp_path / "t.duckdb") as store:
        report = ingest(
            [str(tmp_path)],
            store=store,
            manifest=rows,
            settings=Settings(clean=CleanConfig(min_words=3)),
        )
        assert report.stored == len(ARTICLES), report.rejections
        dyad = query.Dyad.parse("CHL:ARG")
        listed = query.events(store, dyad=dyad)
        placed = [e for e in listed if e["source"]["entity_id"] is None]
        named = [e for e in listed if e["source"]["entity_id"] is not None]
        # The bombing is coded, with an unnamed source placed in Chile ...
        assert placed and all(e["cameo"].startswith("18") for e in placed), listed
        assert {e["source"]["country"] for e in placed} == {"CHL"}
        # ... and the rebuke by Chile itself is there too.
        assert any(e["cameo"].startswith("11") for e in named), listed
        rows = query.timeline(store, dyad=dyad, by="day")
        # Only the rebuke counts: material conflict stays empty.
        assert sum(r["events"] for r in rows) == 1, rows
        assert sum(r["quad4"] for r in rows) == 0 and sum(r["quad3"] for r in rows) == 1
