"""Fixes found with the held-out labelled set (benchmarks/data/actors_heldout.yaml):
vowel agreement in transliteration matching, names around a known alias, honorifics in
NER names, party-qualified titles, coordinated bodies, a fronted place, and the
``--actors`` option of ``storyline ingest``. Example sentences are invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import make_article
from storyline.cli import app
from storyline.kb import load_kb, name_key, vowels_agree
from storyline.models import Article


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Baiden", "Biden", True),  # a mixed run (Russian "ай") matches anything
        ("Lukashenka", "Lukashenko", True),  # a/o (Belarusian akanye)
        ("Zelenskiy", "Zelenskyy", True),
        ("Selenskyj", "Zelensky", True),  # German s for Slavic z
        ("Poutine", "Putin", True),  # French silent final e
        ("al-Sisi", "el-Sisi", True),
        ("Bodden", "Biden", False),  # o for i: another name
        ("Bidon", "Biden", False),
    ],
)
def test_vowels_that_romanisations_swap_agree(a: str, b: str, same: bool) -> None:
    assert name_key(a) == name_key(b)
    assert vowels_agree(a, b) is same


def run_one(pipeline: Any, text: str, date: str) -> Article:
    live, rejected = pipeline([make_article(text, date=date)])
    assert rejected == [], rejected
    return live[0]


def names(article: Article, surface: str) -> list[str]:
    text = article.text or ""
    start = text.find(surface)
    assert start >= 0
    end = start + len(surface)
    kb = load_kb()
    return [
        kb.entries[m.entity_id].name
        for m in article.mentions
        if m.start < end and start < m.end and m.entity_id in kb.entries
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "expect"),
    [
        # A vowel change no romanisation makes, with a job no office holder has.
        ("Joe Boden, a Kansas plumber, fixed the pipes at the school.", "Joe Boden", []),
        # A known name followed by more name is someone else.
        ("Xi Jinlong, a Beijing cook, opened a second noodle shop.", "Xi Jinlong", []),
        # An organisation's name inside a longer known person's name.
        (
            "Abdel Fatah el-Sisi inaugurated a new power station near Aswan.",
            "Abdel Fatah el-Sisi",
            ["Abdel Fattah el-Sisi"],
        ),
        # Honorifics NER keeps in the name.
        (
            "Crown Prince Mohamad bin Salman met oil executives in Riyadh.",
            "Mohamad bin Salman",
            ["Mohammed bin Salman"],
        ),
    ],
)
def test_names(pipeline: Any, text: str, surface: str, expect: list[str]) -> None:
    article = run_one(pipeline, text, "2021-04-04")
    assert names(article, surface) == expect


@pytest.mark.model
def test_party_adjective_picks_the_holder_of_that_party(pipeline: Any) -> None:
    text = (
        "The Obama administration sent new rules to the banks. Trump promised to repeal them. "
        "Critics said the Democrat president had protected consumers."
    )
    article = run_one(pipeline, text, "2017-06-01")
    assert names(article, "president") == ["Barack Obama"]
    # Without a party, the title on that date is the sitting president.
    plain = run_one(pipeline, "The US President said the rules would go.", "2017-06-01")
    assert names(plain, "President") == ["Donald Trump"]


@pytest.mark.model
def test_coordinated_bodies_share_a_plural_head(pipeline: Any) -> None:
    text = "The White House asked the State and Treasury Departments to review the export rules."
    article = run_one(pipeline, text, "2024-02-02")
    assert names(article, "State") == ["United States Department of State"]
    assert names(article, "Treasury") == ["United States Department of the Treasury"]


@pytest.mark.model
def test_a_fronted_place_sets_the_country_of_a_generic_body(pipeline: Any) -> None:
    text = "In Ankara, the Foreign Ministry said the French envoy had been summoned."
    article = run_one(pipeline, text, "2022-02-02")
    assert names(article, "Foreign Ministry") == ["Ministry of Foreign Affairs of Turkey"]


@pytest.mark.model
def test_ingest_actors_option(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        yaml.safe_dump(
            {
                "people": [
                    {
                        "name": "Wenceslas Quarrington",
                        "aliases": ["Quarrington"],
                        "country": "CZE",
                        "roles": [],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    doc = tmp_path / "a.txt"
    # Nothing in the text says who this is or where from: only the user's file does.
    doc.write_text(
        " ".join(
            [
                "Quarrington opened a honey museum on Friday morning, with rooms about bees,",
                "old hives, wax candles and the history of beekeeping in the valley.",
                "Visitors tasted six kinds of honey and watched a film about pollination.",
                "The museum will be open every day except Monday until the end of October,",
                "and school groups can book guided tours at a reduced price.",
            ]
        ),
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        app, ["ingest", str(doc), "--date", "2024-05-05", "--actors", str(mine), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    out = runner.invoke(app, ["entities", "--format", "jsonl", "--db", str(db)])
    rows = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    person = next(r for r in rows if r["name"] == "Wenceslas Quarrington")
    assert person["type"] == "PERSON" and person["country"] == "CZE"

    missing = runner.invoke(
        app, ["ingest", str(doc), "--actors", str(tmp_path / "nope.yaml"), "--db", str(db)]
    )
    assert missing.exit_code != 0
    assert "nope.yaml" in missing.output and "no such file" in missing.output
