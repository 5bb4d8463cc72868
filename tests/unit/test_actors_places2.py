"""Places and titles the events need (#5, round 2): towns placed by their own phrase,
provinces of conflict countries, offices whose holder is unknown, "the X government",
people named by nationality and trade, and nationalities coordinated on one noun.
Sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import mentions_at
from storyline.models import Article

pytestmark = pytest.mark.model


def _show(article: Article) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(m.text, m.entity_id, m.country, m.sector) for m in article.mentions]


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # A namesake elsewhere (an English town) loses to the writer's own placing.
        ("Rebels seized the town of Harlow in Paktika province on Friday.", "Harlow", "AFG"),
        ("Harlow, a village in northern Mali, was attacked by gunmen overnight.", "Harlow", "MLI"),
        # A nationality on the place noun places an unknown port.
        ("Kenyan police raided the Somali port of Marsalo at dawn.", "Marsalo", "SOM"),
    ],
)
def test_a_town_lies_where_its_own_phrase_says(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    article = process_one(text)
    found = [m for m in mentions_at(article, surface) if m.type == "GPE"]
    assert [m.country for m in found] == [country], _show(article)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Militants attacked a market in Yobe on Tuesday.", "Yobe", "NGA"),
        ("Drones struck a convoy in Shabwa, officials said.", "Shabwa", "YEM"),
        ("Protesters blocked the main road in Dhi Qar.", "Dhi Qar", "IRQ"),
        ("Fighting spread to Arauca after the talks collapsed.", "Arauca", "COL"),
    ],
)
def test_provinces_of_conflict_countries_are_known(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    article = process_one(text)
    assert [m.country for m in mentions_at(article, surface)] == [country], _show(article)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        (
            "The Peruvian defence minister accused Ecuador of moving troops to the border.",
            "defence minister",
            "PER",
        ),
        ("Malawi's finance minister said the budget would be cut.", "finance minister", "MWI"),
    ],
)
def test_an_office_without_a_known_holder_is_that_countrys_official(
    process: Any, text: str, surface: str, country: str
) -> None:
    (article,) = process([text], date="1995-06-01")
    found = [m for m in mentions_at(article, surface) if m.type == "PERSON"]
    assert len(found) == 1, _show(article)
    assert (found[0].country, found[0].sector) == (country, "GOV")


def test_a_bare_minister_names_no_one(process_one: Any) -> None:
    # "the minister" only refers back to one the article named: alone it is nobody.
    article = process_one("The minister said the talks would resume next week.")
    assert not [m for m in article.mentions if m.type == "PERSON"], _show(article)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("The Chinese government condemned the visit.", "Chinese government", "CHN"),
        ("Syria's government rejected the proposal on Monday.", "Syria's government", "SYR"),
        ("The Nigerian government banned the march.", "government", "NGA"),
    ],
)
def test_a_countrys_government_is_its_government_not_one_body(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    article = process_one(text)
    found = [m for m in mentions_at(article, surface) if m.type == "ORG"]
    assert len(found) == 1, _show(article)
    (m,) = found
    assert (m.country, m.sector) == (country, "GOV")
    # The whole government, never the presidency or a state council.
    assert "presiden" not in m.name.lower() and "council" not in m.name.lower(), m.name


@pytest.mark.parametrize(
    ("text", "surface", "noun", "country"),
    [
        (
            "Nigerian dockworkers protested against the new port tax.",
            "Nigerian",
            "dockworkers",
            "NGA",
        ),
        ("French farmers blocked roads to protest cheap imports.", "French", "farmers", "FRA"),
        ("Kenyan truckers went on strike over new tolls.", "Kenyan", "truckers", "KEN"),
    ],
)
def test_nationality_and_trade_name_that_countrys_people(
    process_one: Any, text: str, surface: str, noun: str, country: str
) -> None:
    article = process_one(text)
    (m,) = mentions_at(article, surface)
    assert (m.country, m.sector) == (country, None), _show(article)
    assert noun in m.name and not (m.entity_id or "").startswith("country:"), m


@pytest.mark.parametrize(
    ("text", "countries", "sector"),
    [
        ("Ugandan and Kenyan police arrested twenty smugglers.", {"UGA", "KEN"}, "COP"),
        ("British and French troops attacked rebel positions.", {"GBR", "FRA"}, "MIL"),
        ("Serbian and Croatian farmers blocked the bridge.", {"SRB", "HRV"}, None),
    ],
)
def test_coordinated_nationalities_name_one_actor_each(
    process_one: Any, text: str, countries: set[str], sector: str | None
) -> None:
    article = process_one(text)
    first = text.split()[0]
    second = text.split()[2]
    got = [m for s in (first, second) for m in mentions_at(article, s)]
    assert {m.country for m in got} == countries, _show(article)
    assert {m.sector for m in got} == {sector}, _show(article)
    # The events stage sees both countries acting.
    sources = {e.source.country for e in article.events}
    assert countries <= sources, article.events
