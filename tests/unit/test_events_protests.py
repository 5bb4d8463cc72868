"""Protest targets, place phrases that name no place, riot control and bare counts
(issue #5, fifth round). All sentences are invented."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    # place phrases
    "defiance_place": (
        "Thousands of people blocked streets in Lima in defiance of Chilean authorities "
        "to demand new elections."
    ),
    "response_place": "Hundreds of students marched in response to Bolivian border closures.",
    "city_of": "Crowds marched in the Bolivian city of Sucre on Monday.",
    "town_of": "Two people were killed in the town of Mombasa on Friday.",
    "rally_in": "Two people were killed at a rally in Tehran on Monday.",
    "capital_appos": "Gunmen killed two traders in the Ugandan capital, Kampala.",
    # protest targets
    "defiance_target": "Hundreds of people marched in Quito in defiance of Peruvian officials.",
    "protest_at": "Students rallied in Manila in protest at Chinese claims to the reef.",
    "against_agent": (
        "Kenyan farmers protested against the alleged abuses by the Ethiopian army, officials said."
    ),
    "during_demonstrations": (
        "Kenyan farmers threw eggs during demonstrations against the alleged abuses by "
        "the Ethiopian army, officials said."
    ),
    "show_disapproval": (
        "Demonstrators in Lima blocked a highway to show their anger over Ecuadorean "
        "fishing policies."
    ),
    "show_disapproval_for": (
        "Students in Nairobi marched to show their disapproval for the Ugandan "
        "government's border policies."
    ),
    "to_denounce": "Chilean students marched in Santiago to denounce the Argentine government.",
    "to_demand_resignation": (
        "Bolivian miners blocked roads to demand the resignation of Peruvian President "
        "Dina Boluarte."
    ),
    "no_target": "Thousands of workers marched in Nairobi on Monday.",
    # riot control
    "tear_gas_disperse": "Kenyan police fired tear gas to disperse protesters in Nairobi.",
    "shots_disperse": "Indian police fired shots into the air to disperse a crowd in Delhi.",
    "tear_gas_at": "Egyptian police fired tear gas at protesters in Cairo.",
    "water_cannon": "Turkish riot police used water cannon against demonstrators on Sunday.",
    "fired_on_troops": "Syrian troops fired shells at Turkish positions.",
    # bare counts
    "arresting_n": "Egyptian police raided the camp, arresting 12.",
    "killed_n": "Gunmen in Kabul killed 12 on Monday.",
    "killed_n_date": "Gunmen in Kabul killed 12 people in 2019.",
    # shared objects
    "complained_summoned": "Japan complained to and summoned the Chinese ambassador.",
    "protested_warned": "Kenya protested to and warned the Ugandan government.",
}


def dyads(article: Article, root: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target else None)
        for e in article.events
        if e.cameo.startswith(root) and not e.negated
    }


def test_an_abstract_in_phrase_names_no_place(articles: dict[str, Article]) -> None:
    # The crowd is where "in Lima" puts it, not in the country of "Chilean authorities".
    got = dyads(articles["defiance_place"], "14")
    assert got and {s for s, _ in got} == {"PER"}, articles["defiance_place"].events


def test_an_abstract_in_phrase_with_no_place_places_no_one(
    articles: dict[str, Article],
) -> None:
    # "in response to Bolivian border closures" is no place: the students stay unplaced.
    assert not dyads(articles["response_place"], "14"), articles["response_place"].events


@pytest.mark.parametrize(
    ("name", "root", "country"),
    [("city_of", "14", "BOL"), ("town_of", "18", "KEN"), ("rally_in", "18", "IRN")],
)
def test_a_place_noun_leads_to_the_place(
    articles: dict[str, Article], name: str, root: str, country: str
) -> None:
    got = dyads(articles[name], root)
    assert got and all(s == country for s, _ in got), articles[name].events


def test_an_apposed_capital_is_the_place(articles: dict[str, Article]) -> None:
    assert ("UGA", "UGA") in dyads(articles["capital_appos"], "18"), articles[
        "capital_appos"
    ].events


@pytest.mark.parametrize(
    ("name", "root", "dyad"),
    [
        ("defiance_target", "14", ("ECU", "PER")),
        ("protest_at", "14", ("PHL", "CHN")),
        ("against_agent", "14", ("KEN", "ETH")),
        ("during_demonstrations", "14", ("KEN", "ETH")),
        ("show_disapproval", "14", ("PER", "ECU")),
        ("show_disapproval_for", "14", ("KEN", "UGA")),
        ("to_denounce", "14", ("CHL", "ARG")),
        ("to_demand_resignation", "14", ("BOL", "PER")),
    ],
)
def test_a_protest_is_aimed_at_whom_it_is_against(
    articles: dict[str, Article], name: str, root: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], root), articles[name].events


def test_a_protest_against_no_one_is_aimed_at_home(articles: dict[str, Article]) -> None:
    assert dyads(articles["no_target"], "14") == {("KEN", "KEN")}, articles["no_target"].events


@pytest.mark.parametrize("name", ["tear_gas_disperse", "shots_disperse"])
def test_firing_to_disperse_is_one_act_of_repression(
    articles: dict[str, Article], name: str
) -> None:
    art = articles[name]
    repression = [e for e in art.events if e.cameo == "175"]
    assert len(repression) == 1 and repression[0].action == "disperse", art.events
    assert repression[0].target is not None and repression[0].target.entity_id is None
    assert not dyads(art, "19"), art.events


@pytest.mark.parametrize(("name", "country"), [("tear_gas_at", "EGY"), ("water_cannon", "TUR")])
def test_riot_control_weapons_are_repression(
    articles: dict[str, Article], name: str, country: str
) -> None:
    assert dyads(articles[name], "175") == {(country, country)}, articles[name].events
    assert not dyads(articles[name], "19")


def test_riot_police_is_no_riot(articles: dict[str, Article]) -> None:
    assert not dyads(articles["water_cannon"], "145"), articles["water_cannon"].events


def test_firing_shells_stays_fighting(articles: dict[str, Article]) -> None:
    assert ("SYR", "TUR") in dyads(articles["fired_on_troops"], "19")
    assert not dyads(articles["fired_on_troops"], "175")


@pytest.mark.parametrize(
    ("name", "root", "dyad"),
    [("arresting_n", "173", ("EGY", "EGY")), ("killed_n", "18", ("AFG", "AFG"))],
)
def test_a_bare_count_is_people_where_the_act_is(
    articles: dict[str, Article], name: str, root: str, dyad: tuple[str, str]
) -> None:
    art = articles[name]
    assert dyad in dyads(art, root), art.events
    (e,) = [e for e in art.events if e.cameo.startswith(root)]
    assert e.target is not None and e.target.entity_id is None and "people" in e.target.name


@pytest.mark.parametrize(
    ("name", "cameo", "dyad"),
    [("complained_summoned", "114", ("JPN", "CHN")), ("protested_warned", "114", ("KEN", "UGA"))],
)
def test_a_complaint_to_a_shared_object_targets_it(
    articles: dict[str, Article], name: str, cameo: str, dyad: tuple[str, str]
) -> None:
    got = [
        e
        for e in articles[name].events
        if e.cameo == cameo and e.action.startswith(("comp", "prot"))
    ]
    assert got and (got[0].source.country, got[0].target and got[0].target.country) == dyad, (
        articles[name].events
    )
