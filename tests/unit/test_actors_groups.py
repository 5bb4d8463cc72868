"""Peoples named by place and people, by religion, and international bodies the
knowledge base must know (#4). Sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import mentions_at
from storyline.kb import load_kb

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Bosnian Serbs shelled the hill villages on Tuesday.", "Bosnian Serbs", "BIH"),
        ("Croatian Serb refugees returned to their farms in May.", "Croatian Serb", "HRV"),
        ("Iraqi Kurds voted in a regional ballot on Monday.", "Iraqi Kurds", "IRQ"),
        ("Kosovo Albanians marched through the old town.", "Kosovo Albanians", "XKX"),
        ("Turkish Cypriots rejected the new border plan.", "Turkish Cypriots", "CYP"),
    ],
)
def test_a_place_then_a_people_is_one_group_in_that_place(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    article = process_one(text)
    found = mentions_at(article, surface)
    assert len(found) == 1, [(m.text, m.entity_id, m.country) for m in article.mentions]
    (group,) = found
    assert group.text == surface
    assert (group.type, group.country) == ("GPE", country)
    assert (group.entity_id or "").startswith("group:")


def test_two_nationalities_in_different_phrases_stay_apart(process_one: Any) -> None:
    article = process_one("Russian officials met Ukrainian diplomats in Geneva on Friday.")
    assert {m.country for m in mentions_at(article, "Russian")} == {"RUS"}
    assert {m.country for m in mentions_at(article, "Ukrainian")} == {"UKR"}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Muslim hackers attacked government websites in Denmark.", "Muslim"),
        ("Christian missionaries were kidnapped in Haiti last week.", "Christian"),
    ],
)
def test_a_religious_group_takes_no_country_from_its_sentence(
    process_one: Any, text: str, surface: str
) -> None:
    article = process_one(text)
    assert all(m.country is None for m in mentions_at(article, surface)), article.mentions


def test_a_nationality_still_places_a_religious_group(process_one: Any) -> None:
    article = process_one("Egyptian Christians in Cairo marked the holiday quietly.")
    assert "EGY" in {m.country for m in mentions_at(article, "Christians")} | {
        m.country for m in mentions_at(article, "Egyptian")
    }


@pytest.mark.parametrize(
    ("surface", "sector"),
    [
        ("al-Qaeda", "REB"),
        ("UNIFIL", "IGO"),
        ("Organization of African Unity", "IGO"),
        ("OAU", "IGO"),
        ("Red Crescent", "NGO"),
        ("UN Security Council", "IGO"),
        ("UNHCR", "IGO"),
        ("Arab League", "IGO"),
        ("Amnesty International", "NGO"),
    ],
)
def test_international_bodies_are_known_without_a_country(surface: str, sector: str) -> None:
    found = load_kb(()).lookup(surface)
    assert found, surface
    entry, _kind = found[0]
    assert (entry.country, entry.sector) == (None, sector)


def test_a_transnational_group_takes_no_country_from_its_attacker(process_one: Any) -> None:
    article = process_one("American strikes killed al-Qaeda commanders in the mountains.")
    (group,) = [m for m in mentions_at(article, "al-Qaeda") if m.type == "ORG"]
    assert group.country is None


def test_a_capital_acts_for_its_government(process_one: Any) -> None:
    article = process_one("Jakarta forced the mining company to close two pits.")
    (seat,) = mentions_at(article, "Jakarta")
    assert (seat.country, seat.sector) == ("IDN", "GOV")
