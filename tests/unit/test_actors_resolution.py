"""Who is who: spellings, lookalikes, titles by date, coreference and generic bodies.

The cases are the project's labelled set (benchmarks/data/actors.yaml, sentences we
wrote); the seed articles are read from ../shared/data at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import make_article, seeds_dir
from storyline.config import ActorsConfig
from storyline.kb import load_kb
from storyline.models import Article, Mention

pytestmark = pytest.mark.model

LABELLED = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "actors.yaml"
CASES = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def labelled(pipeline: Any) -> list[Article]:
    # Some cases repeat a text with another date: give each its own id.
    batch = [
        make_article(c["text"], name=f"case{i}.txt", date=str(c["date"])).replace(id=f"case{i}")
        for i, c in enumerate(CASES)
    ]
    live, rejected = pipeline(batch)
    assert rejected == [], rejected
    by_id = {a.id: a for a in live}
    return [by_id[a.id] for a in batch]


def linked(article: Article, surface: str, nth: int = 1) -> list[str]:
    """Names of the knowledge-base entries the mentions over ``surface`` link to."""
    text = article.text or ""
    start = -1
    for _ in range(nth):
        start = text.find(surface, start + 1)
    assert start >= 0, f"{surface!r} not in {text!r}"
    end = start + len(surface)
    kb = load_kb()
    return [
        kb.entries[m.entity_id].name
        for m in article.mentions
        if m.start < end and start < m.end and m.entity_id in kb.entries
    ]


@pytest.mark.parametrize(
    ("index", "expect"),
    [
        pytest.param(i, e, id=f"{c['group']}-{e['surface']}-{c.get('date')}")
        for i, c in enumerate(CASES)
        for e in c["expect"]
    ],
)
def test_labelled_mentions_resolve(
    labelled: list[Article], index: int, expect: dict[str, Any]
) -> None:
    names = linked(labelled[index], expect["surface"], expect.get("nth", 1))
    if expect["name"] is None:
        people = {e.name for e in load_kb().people()}
        assert not [n for n in names if n in people], names
    else:
        assert expect["name"] in names


def test_no_link_below_the_threshold(labelled: list[Article]) -> None:
    kb = load_kb()
    low = [
        (m.text, m.score)
        for a in labelled
        for m in a.mentions
        if m.entity_id in kb.entries and m.score < ActorsConfig().min_score
    ]
    assert low == []


def test_lookalikes_stay_local_with_a_low_score(labelled: list[Article]) -> None:
    for case, article in zip(CASES, labelled, strict=True):
        for exp in case["expect"]:
            if exp["name"] is not None:
                continue
            found = [m for m in article.mentions if m.text == exp["surface"]]
            assert found and all(m.entity_id.startswith("person:") for m in found)
            assert all(m.entity_id not in load_kb().entries for m in found)
            assert all(m.score < ActorsConfig().min_score for m in found)


def test_fuzzy_link_scores_below_an_exact_one(labelled: list[Article]) -> None:
    """A transliterated spelling is linked, but never as sure as the exact name."""
    [article] = [a for a in labelled if "Rjabkov" in (a.text or "")][:1]
    [m] = [m for m in article.mentions if m.text == "Sergey Rjabkov"]
    assert ActorsConfig().min_score <= m.score < 100.0


def test_contradicting_country_keeps_a_spelling_variant_out(process_one: Any) -> None:
    """A transliteration-equal name with another country in its apposition is someone
    else: the evidence of the sentence outweighs the spelling."""
    article = process_one(
        "Sergey Ryabkoff, a Brazilian football agent, signed two players from Porto.",
        date="2021-05-05",
    )
    found = [m for m in article.mentions if m.text == "Sergey Ryabkoff"]
    assert found and found[0].entity_id not in load_kb().entries
    assert found[0].country == "BRA"


def test_title_without_date_or_name_is_not_guessed(process_one: Any) -> None:
    article = process_one(
        "The French President said on Monday that the bridge would reopen.", date=None
    )
    # No holder is guessed; the office itself is France's official (a role mention).
    found = [m for m in article.mentions if m.text == "President"]
    assert all(m.entity_id not in load_kb().entries for m in found), found
    assert all(m.country == "FRA" for m in found), found


def test_a_president_of_a_company_is_not_a_head_of_state(process_one: Any) -> None:
    article = process_one(
        "The president of Northwind Shipping said that the Canadian port would reopen.",
        date="2020-01-01",
    )
    assert not [m for m in article.mentions if m.text.lower() == "president"]


# --------------------------------------------------------------------------- seeds

SEED_DATES = {"001": "2017-01-30", "003": "2019-05-14", "004": "2025-03-13"}


@pytest.fixture(scope="module")
def seeds(pipeline: Any) -> dict[str, Article]:
    folder = seeds_dir()
    files = {p.name[:3]: p for p in sorted(folder.glob("*.txt"))}
    batch = {
        k: make_article(p.read_text(encoding="utf-8"), name=p.name, date=SEED_DATES.get(k))
        for k, p in files.items()
    }
    live, rejected = pipeline(list(batch.values()))
    assert rejected == []
    by_id = {a.id: a for a in live}
    return {k: by_id[a.id] for k, a in batch.items()}


def people(article: Article, surface: str) -> set[str]:
    kb = load_kb()
    return {
        kb.entries[m.entity_id].name
        for m in article.mentions
        if m.text == surface and m.entity_id in kb.entries
    }


@pytest.mark.parametrize(
    ("seed", "surface", "name"),
    [
        ("003", "Sergey Rjabkov", "Sergei Ryabkov"),
        ("004", "Joe Baiden", "Joe Biden"),
        ("003", "Sergei Lavrov", "Sergey Lavrov"),
        ("003", "Mike Pompeo", "Mike Pompeo"),
        ("001", "Dmitry Peskov", "Dmitry Peskov"),
        ("002", "Marco Rubio", "Marco Rubio"),
        ("001", "spokesman", "Dmitry Peskov"),
        ("003", "President", "Vladimir Putin"),
        ("002", "president", "Joe Biden"),  # "the Democrat president", after Trump
    ],
)
def test_seed_key_people(seeds: dict[str, Article], seed: str, surface: str, name: str) -> None:
    assert name in people(seeds[seed], surface)


def test_seed_ministry_of_finance_in_a_us_story_is_the_treasury(
    seeds: dict[str, Article],
) -> None:
    kb = load_kb()
    found: list[Mention] = [
        m for m in seeds["004"].mentions if m.text.endswith("Ministry of Finance")
    ]
    assert found
    assert {kb.entries[m.entity_id].name for m in found} == {
        "United States Department of the Treasury"
    }
