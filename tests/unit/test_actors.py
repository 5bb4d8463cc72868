"""Actor resolution with the real spaCy model and the shipped knowledge base."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.config import ActorsConfig
from storyline.kb import load_kb
from storyline.models import Article, Mention

pytestmark = pytest.mark.model

TEXTS = {
    "places": (
        "Canada imposed sanctions on Russia on Tuesday. The Kremlin criticised Washington over "
        "the decision, and officials in Ottawa said more measures were possible."
    ),
    "demonyms": (
        "Mexican Foreign Minister Marcelo Ebrard met Canadian officials in Ottawa on Monday. "
        "Ebrard later told reporters that the Russian Embassy in Mexico City had asked for a "
        "meeting with the European Union."
    ),
    "misspelt": (
        "Russian Deputy Foreign Minister Sergey Rjabkov said that Moscow would respond to the "
        "new measures. Canadian diplomats were not surprised by the statement."
    ),
    "unknown": (
        "John Kerrigan, a Canadian trade lawyer, met Mexican officials in Ottawa on Monday. "
        "Sergei Ivanenko, a Russian businessman, told reporters in Moscow that he would sell "
        "his shares before the end of the year."
    ),
}


@pytest.fixture(scope="module")
def articles(process: Any) -> dict[str, Article]:
    done = process(list(TEXTS.values()))
    return dict(zip(TEXTS, done, strict=True))


def mention(article: Article, surface: str) -> Mention:
    found = [m for m in article.mentions if m.text == surface]
    assert found, f"no mention {surface!r} in {[m.text for m in article.mentions]}"
    return found[0]


def kb_id(name: str) -> str:
    entries = [e for e, kind in load_kb().lookup(name) if kind == "name"]
    assert len(entries) == 1, name
    return entries[0].id


@pytest.mark.parametrize(
    ("key", "surface", "country"),
    [
        ("places", "Canada", "CAN"),
        ("places", "Russia", "RUS"),
        ("places", "The Kremlin", "RUS"),
        ("places", "Washington", "USA"),
        ("places", "Ottawa", "CAN"),
        ("demonyms", "Mexican", "MEX"),
        ("demonyms", "Canadian", "CAN"),
        ("demonyms", "Mexico City", "MEX"),
        ("misspelt", "Moscow", "RUS"),
    ],
)
def test_countries_demonyms_and_capitals_resolve_to_iso_codes(
    articles: dict[str, Article], key: str, surface: str, country: str
) -> None:
    m = mention(articles[key], surface)
    assert m.country == country
    entry = load_kb().country(country)
    assert entry is not None and m.entity_id == entry.id
    assert m.type == "GPE"


def test_capital_stands_for_the_government(articles: dict[str, Article]) -> None:
    assert mention(articles["places"], "Washington").sector == "GOV"
    assert mention(articles["places"], "Canada").sector is None


def test_known_person_and_surname_alone(articles: dict[str, Article]) -> None:
    full = mention(articles["demonyms"], "Marcelo Ebrard")
    assert full.entity_id == kb_id("Marcelo Ebrard")
    assert (full.type, full.country, full.score) == ("PERSON", "MEX", 100.0)
    later = mention(articles["demonyms"], "Ebrard")
    assert later.entity_id == full.entity_id
    assert later.start > full.end


def test_organisations(articles: dict[str, Article]) -> None:
    eu = mention(articles["demonyms"], "European Union")
    assert eu.type == "ORG" and eu.entity_id == kb_id("European Union")
    embassy = mention(articles["demonyms"], "the Russian Embassy")
    # Not in the knowledge base: a local organisation whose country comes from its name.
    assert (embassy.type, embassy.country, embassy.sector) == ("ORG", "RUS", "GOV")
    russia = load_kb().country("RUS")
    assert russia is not None and embassy.entity_id != russia.id


def test_misspelt_known_person_resolves_with_a_score(articles: dict[str, Article]) -> None:
    m = mention(articles["misspelt"], "Sergey Rjabkov")
    assert m.name == "Sergei Ryabkov"
    assert m.entity_id == kb_id("Sergei Ryabkov")
    assert (m.type, m.country) == ("PERSON", "RUS")
    assert ActorsConfig().min_score <= m.score < 100.0


@pytest.mark.parametrize(
    ("surface", "known", "country"),
    [("John Kerrigan", "John Kerry", "CAN"), ("Sergei Ivanenko", "Sergei Ivanov", "RUS")],
)
def test_unknown_person_is_not_linked_to_a_similar_known_one(
    articles: dict[str, Article], surface: str, known: str, country: str
) -> None:
    m = mention(articles["unknown"], surface)
    assert m.entity_id != kb_id(known)
    assert m.name == surface
    assert m.entity_id not in load_kb().entries  # a local id, not a knowledge-base entry
    assert m.score < ActorsConfig().min_score
    # Its country comes from the apposition ("a Canadian trade lawyer").
    assert m.country == country


def test_mention_offsets_point_into_the_clean_text(articles: dict[str, Article]) -> None:
    for article in articles.values():
        assert article.mentions
        assert article.text is not None
        starts = [m.start for m in article.mentions]
        assert starts == sorted(starts)
        for m in article.mentions:
            assert article.text[m.start : m.end] == m.text
