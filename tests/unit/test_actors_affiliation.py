"""Whose actor is it (#4): international bodies and officers, a people's own state,
agents placed by the body they come from, and town links that are really people or
foreign alternate names. Sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_article, mentions_at
from storyline.kb import load_kb
from storyline.models import Article

pytestmark = pytest.mark.model


def _article(pipeline: Any, text: str, date: str | None = None) -> Article:
    live, rejected = pipeline([make_article(text, date=date)])
    assert rejected == [], rejected
    return live[0]


def _show(article: Article) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.entity_id, m.country) for m in article.mentions]


@pytest.mark.parametrize("name", ["European Community", "EEC"])
def test_an_igo_does_not_take_the_country_it_helps(pipeline: Any, name: str) -> None:
    article = _article(pipeline, f"The {name} pledged new food aid to Ivory Coast on Monday.")
    (igo,) = [m for m in mentions_at(article, name) if m.type == "ORG"]
    assert (igo.country, igo.sector) == (None, "IGO"), _show(article)


def test_an_unknown_multinational_body_takes_no_country_from_its_sentence(pipeline: Any) -> None:
    article = _article(pipeline, "The European Grain Relief Fund sent wheat to Chad last week.")
    body = [m for m in mentions_at(article, "European Grain Relief Fund") if m.type == "ORG"]
    assert body and body[0].country is None, _show(article)


def test_a_faith_with_a_diaspora_gives_no_country(pipeline: Any) -> None:
    # Jews and Sikhs live in many states: the faith is not a nationality.
    for text, surface in [
        ("Leaders of the Jewish community in Paris met the mayor on Tuesday.", "Jewish"),
        ("Sikh protesters gathered outside the parliament in Ottawa on Tuesday.", "Sikh"),
    ]:
        article = _article(pipeline, text)
        assert [m.country for m in mentions_at(article, surface)] in ([], [None]), _show(article)


def test_an_un_secretary_general_in_office_acts_for_the_un(pipeline: Any) -> None:
    article = _article(
        pipeline, "Kofi Annan urged Iraq to let the weapons inspectors return.", "1999-02-10"
    )
    (annan,) = mentions_at(article, "Kofi Annan")
    assert (annan.country, annan.sector) == (None, "IGO"), _show(article)


def test_a_national_office_on_the_date_keeps_the_persons_country() -> None:
    kb = load_kb()
    (ban,) = [e for e, _k in kb.lookup("Ban Ki-moon") if e.type == "PERSON"]
    assert kb.igo_office(ban, "2005-06-01") is None
    igo = kb.igo_office(ban, "2010-06-01")
    assert igo is not None and igo.sector == "IGO"
    # Undated, someone who also held a national office keeps his country.
    assert kb.igo_office(ban, None) is None


@pytest.mark.parametrize(
    ("text", "surface", "country", "sector"),
    [
        (
            "Doctors from two American aid groups treated refugees near Goma on Friday.",
            "Doctors",
            "USA",
            "MED",
        ),
        (
            "About 400,000 workers affiliated with the Polish Metalworkers' Union struck.",
            "workers",
            "POL",
            None,
        ),
    ],
)
def test_agents_placed_by_the_body_they_come_from(
    pipeline: Any, text: str, surface: str, country: str, sector: str | None
) -> None:
    article = _article(pipeline, text)
    (agent,) = mentions_at(article, surface)
    assert (agent.country, agent.sector) == (country, sector), _show(article)


def test_a_thing_from_a_country_is_no_agent(pipeline: Any) -> None:
    article = _article(pipeline, "Imports from China rose sharply in the spring.")
    assert mentions_at(article, "Imports") == []


def test_a_persons_surname_is_not_a_town(pipeline: Any) -> None:
    article = _article(
        pipeline,
        "Striker Paul Houston scored twice on Saturday. Houston said the team had earned it.",
    )
    assert not any(m.entity_id.startswith("geonames:") for m in article.mentions), _show(article)


def test_a_foreign_alternate_name_is_not_a_town(pipeline: Any) -> None:
    article = _article(pipeline, "Fans gathered outside the ground in West Ham before kick-off.")
    assert not any(m.name == "Hamburg" for m in article.mentions), _show(article)
