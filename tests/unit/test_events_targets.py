"""Targets the parse does not hand over directly (invented sentences): people named
only by a faith, placed in the country of the police acting on them; prepositions
the parser leaves dangling; peacekeepers arriving in and withdrawn from a country."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "dispersed": (
        "Kenyan police opened fire to disperse Christian demonstrators on Friday, "
        "killing two people."
    ),
    "arrested_faith": "Turkish police arrested dozens of Buddhist protesters.",
    "killed_people": "Kenyan police killed three people.",
    "troops_killed": "Kenyan troops killed three people.",
    "rebels_faith": "Canadian rebels attacked Christian villagers.",
    "pk_arrived": "Canadian peacekeeping troops arrived in Haiti on Monday.",
    "pk_deployed": "Irish peacekeepers were deployed to Lebanon.",
    "pk_sent": "Ghana sent peacekeepers to Lebanon.",
    "troops_arrived": "Canadian troops arrived in Haiti on Monday.",
    "pk_contingent": (
        "The first contingent of Canadian peacekeeping troops have arrived in Haiti, "
        "officials said."
    ),
    "pk_batch": "A second batch of Irish peacekeeping soldiers arrived in Lebanon on Tuesday.",
    "pk_deployment": "The first deployment of Ghanaian peacekeepers has arrived in Liberia.",
    "asylum_hiding": (
        "Mexico has granted asylum to five Cuban army officers hiding in an embassy "
        "since last month."
    ),
    "refuge_fleeing": "Chile granted refuge to three Peruvian journalists fleeing arrest.",
    "ties_and_embassy": (
        "Chile has established diplomatic ties with and opened an embassy in Hanoi, "
        "the ministry said."
    ),
    "relations_and_embassy": "Norway restored relations with and reopened its embassy in Caracas.",
    "pk_shipped_out": "Eighty Dutch peacekeepers were shipped out of the Bosnian town of Tuzla.",
    "pk_withdrawn": "Ireland withdrew its peacekeepers from Lebanon.",
    "pk_left": "Canadian peacekeepers left Haiti on Monday.",
    "observers_pulled": "Fiji pulled its observers out of Sudan.",
    "pk_flew": "Canadian peacekeepers flew to Haiti on Monday.",
    "troops_withdrew": "Canadian troops withdrew from Haiti.",
}


def codes(article: Article) -> dict[str, tuple[str | None, str | None, str]]:
    return {
        e.cameo: (e.source.country, e.target.country if e.target else None, e.modality)
        for e in article.events
        if not e.negated
    }


def dyads(article: Article, root: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target else None)
        for e in article.events
        if e.cameo.startswith(root) and not e.negated
    }


@pytest.mark.parametrize(
    ("name", "root", "dyad"),
    [
        ("dispersed", "175", ("KEN", "KEN")),
        ("dispersed", "18", ("KEN", "KEN")),
        ("arrested_faith", "173", ("TUR", "TUR")),
        ("killed_people", "18", ("KEN", "KEN")),
    ],
)
def test_police_act_on_people_of_their_own_country(
    articles: dict[str, Article], name: str, root: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], root), articles[name].events


def test_people_placed_by_the_police_carry_no_entity(articles: dict[str, Article]) -> None:
    (e,) = [e for e in articles["dispersed"].events if e.cameo == "175"]
    assert e.target is not None and e.target.entity_id is None
    assert "demonstrators" in e.target.name


@pytest.mark.parametrize(("name", "root"), [("troops_killed", "18"), ("rebels_faith", "1")])
def test_only_police_place_people_at_home(
    articles: dict[str, Article], name: str, root: str
) -> None:
    # Troops often fight abroad, and a faith is no nationality: with no place named,
    # the people get no country.
    got = dyads(articles[name], root)
    assert got and all(t is None for _, t in got), articles[name].events


@pytest.mark.parametrize(
    ("name", "dyad"),
    [("pk_arrived", ("CAN", "HTI")), ("pk_deployed", ("IRL", "LBN")), ("pk_sent", ("GHA", "LBN"))],
)
def test_peacekeepers_arriving_or_sent_are_provided(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    got = codes(articles[name])
    assert got["074"][:2] == dyad, articles[name].events
    assert "042" not in got and "070" not in got


def test_other_troops_arriving_are_a_visit(articles: dict[str, Article]) -> None:
    assert "074" not in codes(articles["troops_arrived"])


@pytest.mark.parametrize(
    ("name", "dyad"),
    [
        ("pk_contingent", ("CAN", "HTI")),
        ("pk_batch", ("IRL", "LBN")),
        ("pk_deployment", ("GHA", "LBR")),
    ],
)
def test_a_unit_of_peacekeepers_arriving_is_provided(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert dyads(articles[name], "074") == {dyad}, articles[name].events
    assert not dyads(articles[name], "042")


@pytest.mark.parametrize(
    ("name", "cameo", "dyad"),
    [
        ("asylum_hiding", "075", ("MEX", "CUB")),
        ("refuge_fleeing", "075", ("CHL", "PER")),
        ("ties_and_embassy", "050", ("CHL", "VNM")),
        ("relations_and_embassy", "050", ("NOR", "VEN")),
    ],
)
def test_a_dangling_preposition_finds_its_object(
    articles: dict[str, Article], name: str, cameo: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], cameo), articles[name].events


@pytest.mark.parametrize(
    ("name", "cameo", "dyad"),
    [
        ("pk_shipped_out", "1661", ("NLD", "BIH")),
        ("pk_withdrawn", "1661", ("IRL", "LBN")),
        ("pk_left", "1661", ("CAN", "HTI")),
        ("observers_pulled", "1662", ("FJI", "SDN")),
    ],
)
def test_withdrawing_peacekeepers_or_observers_is_coded_as_such(
    articles: dict[str, Article], name: str, cameo: str, dyad: tuple[str, str]
) -> None:
    assert dyads(articles[name], cameo) == {dyad}, articles[name].events
    assert not dyads(articles[name], "087")


@pytest.mark.parametrize(("name", "root"), [("pk_flew", "042"), ("troops_withdrew", "087")])
def test_other_movements_keep_their_codes(
    articles: dict[str, Article], name: str, root: str
) -> None:
    assert dyads(articles[name], root) == {("CAN", "HTI")}, articles[name].events
    assert not dyads(articles[name], "166")
