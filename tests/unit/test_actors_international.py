"""Actors of no state and words that name no actor (#5): the UN Security Council,
international militarized groups, unnamed non-governmental bodies, nationalities on
things, groups named by a faith, the European Community. Sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import mentions_at
from storyline.kb import load_kb
from storyline.models import Article

pytestmark = pytest.mark.model


def _described(article: Article) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.entity_id, m.country) for m in article.mentions]


# -- 1. the Security Council ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Security Council on Monday extended the observer mission in Cyprus by a year.",
        "Chile vetoed a Security Council resolution on the border dispute with Peru.",
        "Diplomats in Nairobi said the Security Council would debate the famine next week.",
    ],
)
def test_a_bare_security_council_is_the_un_body(process_one: Any, text: str) -> None:
    article = process_one(text)
    (council,) = mentions_at(article, "Security Council")
    assert (council.entity_id, council.country) == ("Q37470", None), _described(article)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Russia's Security Council met on Friday to discuss the border.", "RUS"),
        ("The Ukrainian Security Council approved new sanctions on Tuesday.", "UKR"),
    ],
)
def test_a_security_council_a_country_qualifies_is_national(
    process_one: Any, text: str, country: str
) -> None:
    article = process_one(text)
    councils = [m for m in mentions_at(article, "Security Council") if m.type == "ORG"]
    assert [m.country for m in councils] == [country], _described(article)


def test_a_national_security_council_is_not_the_un_body(process_one: Any) -> None:
    article = process_one("The National Security Council warned Japan about the missile tests.")
    assert all(m.entity_id != "Q37470" for m in article.mentions), _described(article)


# -- 2. international militarized groups ----------------------------------------------


@pytest.mark.parametrize(
    "surface",
    ["al-Qaeda", "Islamic State", "ISIS", "al-Qaeda in the Islamic Maghreb", "Jemaah Islamiyah"],
)
def test_transnational_armed_groups_are_of_class_img(surface: str) -> None:
    (entry, _kind), *_ = load_kb(()).lookup(surface)
    # Rebels by function (sector REB), but CAMEO's class is IMG and no country is theirs.
    assert (entry.country, entry.sector, entry.actor_class) == (None, "REB", "IMG")


@pytest.mark.parametrize(
    "text",
    [
        "Al-Qaeda threatened to attack France and Spain, a newspaper reported.",
        "Fighters of the Islamic State seized two villages near Mosul on Sunday.",
    ],
)
def test_a_transnational_armed_group_takes_no_country_from_its_sentence(
    process_one: Any, text: str
) -> None:
    article = process_one(text)
    groups = [m for m in article.mentions if m.entity_id in ("org:AL_QAEDA", "org:ISIL")]
    assert groups and all(m.country is None for m in groups), _described(article)


def test_a_national_armed_group_has_no_international_class() -> None:
    (entry, _kind), *_ = load_kb(()).lookup("Hezbollah")
    assert (entry.country, entry.actor_class) == ("LBN", None)


# -- 3. unnamed non-governmental bodies -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A human rights group accused the police of torturing detainees.", "human rights group"),
        ("Rights groups condemned the arrests of journalists on Monday.", "Rights groups"),
        ("An aid group delivered food and blankets to the flooded villages.", "aid group"),
        ("A humanitarian organisation criticised the blockade of the port.", "humanitarian"),
        ("Relief agencies warned of famine after the harvest failed.", "Relief agencies"),
    ],
)
def test_a_body_named_by_its_cause_is_an_ngo_of_no_country(
    process_one: Any, text: str, surface: str
) -> None:
    article = process_one(text)
    (body,) = mentions_at(article, surface)
    assert (body.type, body.sector, body.country) == ("ORG", "NGO", None), _described(article)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Two American aid groups sent doctors to the earthquake zone.", "aid groups", "USA"),
        ("A Kenyan rights group accused the government of abuses.", "rights group", "KEN"),
        ("Norway's biggest humanitarian organisation opened a clinic.", "organisation", "NOR"),
    ],
)
def test_a_nationality_places_an_ngo(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    article = process_one(text)
    (body,) = mentions_at(article, surface)
    assert (body.sector, body.country) == ("NGO", country), _described(article)


def test_people_from_a_national_ngo_take_its_country(process_one: Any) -> None:
    article = process_one("Nurses from three Canadian aid groups delivered medicine to a clinic.")
    (nurses,) = mentions_at(article, "Nurses")
    assert nurses.country == "CAN", _described(article)


@pytest.mark.parametrize(
    "text",
    [
        "The UN refugee agency said the camps were full.",
        "The Japanese aid agency funded a new bridge in Laos.",
    ],
)
def test_a_named_or_state_agency_is_no_ngo(process_one: Any, text: str) -> None:
    article = process_one(text)
    assert all(m.sector != "NGO" for m in article.mentions), _described(article)


@pytest.mark.parametrize(
    ("surface", "entry_id"),
    [
        ("International Labour Office", "org:ILO"),
        ("International Labor Office", "org:ILO"),
        ("European Common Market", "Q458"),
        ("EEC", "Q458"),
    ],
)
def test_other_names_of_international_bodies(surface: str, entry_id: str) -> None:
    (entry, _kind), *_ = load_kb(()).lookup(surface)
    assert (entry.id, entry.country) == (entry_id, None)


# -- 4. a nationality on a thing ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The court lifted limits on the use of the Russian language in schools.", "Russian"),
        ("Police closed two Russian-language newspapers in the port.", "Russian"),
        ("The pupils learned Chinese characters at the village school.", "Chinese"),
        ("Tourists praised the French cuisine at the festival.", "French"),
        ("Spain rejected the demands of its European partners.", "European"),
    ],
)
def test_a_nationality_on_a_thing_is_no_actor(process_one: Any, text: str, word: str) -> None:
    article = process_one(text)
    assert mentions_at(article, word) == [], _described(article)


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        ("Russian troops crossed the river at dawn.", "Russian", "RUS"),
        ("The French minister met farmers in the north.", "French", "FRA"),
    ],
)
def test_a_nationality_on_people_stays_an_actor(
    process_one: Any, text: str, word: str, country: str
) -> None:
    article = process_one(text)
    assert country in {m.country for m in mentions_at(article, word)}, _described(article)


# -- 5. groups named by a faith -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Serb gunners shelled Moslem forces in central Bosnia on Sunday.", "Moslem forces", "BIH"),
        (
            "The government banned the biggest Catholic militant organization in Northern Ireland.",
            "Catholic militant organization",
            "GBR",
        ),
        ("Sunni militias in Anbar attacked an army convoy.", "Sunni militias", "IRQ"),
    ],
)
def test_a_located_faith_group_is_its_phrase_in_that_place(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    article = process_one(text)
    (group,) = mentions_at(article, surface)
    assert (group.text, group.country) == (surface, country), _described(article)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "Islamic fundamentalists began a hunger strike in the capital.",
            "Islamic fundamentalists",
        ),
        ("Hindu hackers defaced hundreds of Dutch websites.", "Hindu hackers"),
    ],
)
def test_a_faith_group_without_a_place_has_no_country(
    process_one: Any, text: str, surface: str
) -> None:
    article = process_one(text)
    (group,) = mentions_at(article, surface)
    assert (group.text, group.country, group.sector) == (surface, None, "REL"), _described(article)


# -- 6. the European Community ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Norway settled its fishing dispute with its European common market partners.",
        "Portugal joined the European Economic Community in 1986.",
    ],
)
def test_the_common_market_is_the_eu(process_one: Any, text: str) -> None:
    article = process_one(text)
    assert any(m.entity_id == "Q458" for m in article.mentions), _described(article)
    assert all(m.name != "European" for m in article.mentions), _described(article)
