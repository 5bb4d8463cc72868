"""Who the actors of an event are (issue #5): unnamed people and attackers placed in
the country where the event happens, objects with a nationality of their own, place
phrases that are not targets, possessors and "its". Every sentence is invented; the
real spaCy model parses them."""

from __future__ import annotations

import pytest
from _events import found, pair

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    # unnamed people take the country of the place they or the event are in
    "crowd_verb_place": "Hundreds of protesters blocked roads in Lagos on Monday.",
    "crowd_own_place": "Thousands of students in Kandahar marched on Friday.",
    "crowd_jail": "Prisoners rioted at a jail in Medellin on Sunday.",
    "victims": "Two rebel gunmen killed twelve people in Kandahar on Tuesday.",
    "armed_men": "Armed men attacked a bus outside of the Kenyan town of Garissa.",
    "victims_nationality": "Gunmen in Peshawar killed three Chinese engineers.",
    "no_place": "Protesters blocked the main road on Monday.",
    # agentless violence: an unidentified attacker of the place's country
    "passive_agentless": "Four civilians have been killed in a suicide bombing in Peshawar.",
    "weapon_agent": "Three soldiers were killed by a roadside bomb outside Mosul.",
    "weapon_subject": "A car bomb explosion in Aden killed a local journalist.",
    "agentless_no_place": "Four civilians were killed on Sunday.",
    "agentless_verbal": "The plan was criticised in Geneva on Monday.",
    # object nationality
    "kidnap_up_to": "Tamil rebels have kidnapped up to 16 Indian fishermen from a harbour.",
    "kidnap_as_many": "Chadian rebels abducted as many as nine French aid workers.",
    "stance": "A pro-Russian journalist was killed by a bomb in Kharkiv.",
    # place phrases
    "ceasefire_place": "The Malian army declared a unilateral truce on Friday in northern Mali.",
    "curfew_place": "Serbia lifted a night curfew in Kosovo on Sunday.",
    "fire_at_place": "Syrian tanks fired shells at targets in Lebanon, witnesses said.",
    # possessors and led forces
    "led": "Kenyan-led forces have retaken a strategic town in southern Somalia.",
    "possessor_last": "Ahmed's Hamas network has threatened Israel.",
    "its_demand": "The ILO repeated its demand that Qatar ease restrictions.",
    "coordinated_obligation": "Amnesty International said Ethiopian and Eritrean forces "
    "must ensure the safety of civilians.",
    "coordinated_subject": "Russian and Chinese diplomats criticised the plan on Monday.",
    "its_object": "The African Union reiterated its call for talks with Sudan.",
}


@pytest.mark.parametrize(
    ("name", "root", "expected"),
    [
        ("crowd_verb_place", "14", ("NGA", "NGA")),
        ("crowd_own_place", "14", ("AFG", "AFG")),
        ("crowd_jail", "14", ("COL", "COL")),
        ("victims", "18", ("AFG", "AFG")),
        ("victims_nationality", "18", ("PAK", "CHN")),
    ],
)
def test_unnamed_people_take_the_country_of_their_place(
    articles: dict[str, Article], name: str, root: str, expected: tuple[str, str]
) -> None:
    assert [pair(e) for e in found(articles[name], root)] == [expected]


def test_unnamed_armed_men_are_placed(articles: dict[str, Article]) -> None:
    (e,) = found(articles["armed_men"], "19")
    assert e.source.country == "KEN"


def test_placed_people_are_not_kb_entities(articles: dict[str, Article]) -> None:
    (e,) = found(articles["crowd_verb_place"], "14")
    # the country is inferred from the place: no entity is claimed
    assert e.source.entity_id is None
    assert e.source.name == "protesters (NGA)"
    assert articles["crowd_verb_place"].text[e.source.start : e.source.end] == "protesters"


def test_unnamed_people_without_a_place_are_not_coded(articles: dict[str, Article]) -> None:
    assert found(articles["no_place"], "14") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("passive_agentless", ("PAK", "PAK")),
        # soldiers of no named country: the place attacked is the target (18-20)
        ("weapon_agent", ("IRQ", "IRQ")),
        ("weapon_subject", ("YEM", "YEM")),
        ("stance", ("UKR", "UKR")),
    ],
)
def test_agentless_violence_has_an_unidentified_attacker(
    articles: dict[str, Article], name: str, expected: tuple[str, str | None]
) -> None:
    (e,) = found(articles[name], "18")
    assert pair(e) == expected
    assert e.source.name.startswith("unidentified attacker")
    assert e.source.entity_id is None


@pytest.mark.parametrize("name", ["agentless_no_place", "agentless_verbal"])
def test_no_unidentified_attacker_without_place_or_violence(
    articles: dict[str, Article], name: str
) -> None:
    assert all(not e.source.name.startswith("unidentified") for e in articles[name].events)


@pytest.mark.parametrize(("name", "expected"), [("kidnap_up_to", "IND"), ("kidnap_as_many", "FRA")])
def test_object_nationality_is_the_target(
    articles: dict[str, Article], name: str, expected: str
) -> None:
    (e,) = found(articles[name], "181")
    assert e.target is not None and e.target.country == expected


def test_place_of_a_declaration_is_not_its_target(articles: dict[str, Article]) -> None:
    (e,) = found(articles["ceasefire_place"], "087")
    assert e.target is None


@pytest.mark.parametrize(
    ("name", "root", "expected"),
    [("curfew_place", "081", ("SRB", "XKX")), ("fire_at_place", "19", ("SYR", "LBN"))],
)
def test_place_of_a_measure_or_attack_is_its_target(
    articles: dict[str, Article], name: str, root: str, expected: tuple[str, str]
) -> None:
    assert [pair(e) for e in found(articles[name], root)] == [expected]


def test_led_forces_belong_to_the_leader(articles: dict[str, Article]) -> None:
    (e,) = found(articles["led"], "19")
    assert pair(e) == ("KEN", "SOM")


def test_compound_names_the_network_not_its_possessor(articles: dict[str, Article]) -> None:
    (e,) = found(articles["possessor_last"], "13")
    assert pair(e) == ("PSE", "ISR")


def test_its_demand_is_the_subjects(articles: dict[str, Article]) -> None:
    (e,) = found(articles["its_demand"], "10")
    assert e.source.name == "International Labour Organization"
    assert e.target is not None and e.target.country == "QAT"


def test_its_on_a_plain_object_is_no_actor(articles: dict[str, Article]) -> None:
    # "its" stands for the subject only as the owner of an event noun: never a target
    assert all(e.target is None or e.target.country == "SDN" for e in articles["its_object"].events)


def test_obligation_on_coordinated_forces_is_a_demand_on_each(
    articles: dict[str, Article],
) -> None:
    targets = sorted(
        e.target.country for e in found(articles["coordinated_obligation"], "10") if e.target
    )
    assert targets == ["ERI", "ETH"]


def test_coordinated_nationalities_are_two_sources(articles: dict[str, Article]) -> None:
    sources = sorted(e.source.country or "" for e in found(articles["coordinated_subject"], "11"))
    assert sources == ["CHN", "RUS"]
