"""Who acts on whom (issue #5, invented sentences): hosts of talks, parties acting on
each other, what is taken from whom, conditional threats, the accused of an inquiry,
coordinated nationalities on one noun, protests with a purpose, unnamed people."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "host_offered": "Norway offered to host talks between Serbia and Kosovo.",
    "host_unknown": "He said he would host a meeting between Chile and Peru.",
    "agreed_share": "Peru and Chile agreed to share information on drug trafficking.",
    "agreed_cooperate": "The French and Egyptian sides agreed on Monday to cooperate on border security.",
    "held_talks": "Japan and India held talks in Tokyo on Friday.",
    "met": "Poland and Lithuania met in Vilnius.",
    "each_other": "Kenya and Uganda accused each other of backing rebels.",
    "jointly": "Ghana and Togo will jointly patrol their border.",
    "seized_from": "Mexican police seized rifles and ammunition from drug gangs in Sinaloa.",
    "confiscated_from": "Kenyan authorities confiscated assets from Somali militants last week.",
    "threat_if_not": (
        "Chadian rebels threatened to attack the capital if France did not withdraw its troops."
    ),
    "threat_unless": (
        "Algerian farmers threatened to block the highways unless France lifted its import ban."
    ),
    "promise_if": "Norway will send aid if the United States approves the budget.",
    "investigating_by": "Peru is investigating abuses by Peruvian soldiers against Bolivian migrants.",
    "inquiry_committed_by": (
        "Bolivian police opened an inquiry into crimes committed by Chilean troops "
        "against Peruvian farmers."
    ),
    "tortured_two": "Guinean soldiers tortured dozens of Liberian and Ivorian refugees.",
    "arrested_two": "Senegalese police arrested scores of Gambian and Guinean migrants.",
    "meeting_of_two": "Qatar will host a meeting of Sudanese and Chadian officials next week.",
    "hunger_strike": (
        "Algerian students began a hunger strike to protest France's decision to close "
        "the consulate."
    ),
    "sit_in": "Kenyan teachers staged a sit-in to protest against Uganda's new border tax.",
    "opponents": "Egyptian police arrested dozens of political opponents in Cairo.",
    "bloggers": "Turkish police detained several bloggers and lawyers in Ankara.",
    "despite": (
        "Despite protests by aid groups, the Kenyan government is refusing to lift the "
        "curfew on Somalis living in Mandera."
    ),
    "notwithstanding": (
        "Notwithstanding appeals from Amnesty International, Egypt refused to meet the "
        "Ugandan envoy."
    ),
}


def dyads(article: Article, root: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target else None)
        for e in article.events
        if e.cameo.startswith(root) and not e.negated
    }


@pytest.mark.parametrize(
    ("name", "host", "parties"),
    [("host_offered", "NOR", ("SRB", "XKX"))],
)
def test_the_host_acts_towards_the_parties(
    articles: dict[str, Article], name: str, host: str, parties: tuple[str, str]
) -> None:
    got = dyads(articles[name], "0")
    assert {(host, p) for p in parties} <= got, articles[name].events
    a, b = parties
    assert (a, b) not in got and (b, a) not in got


def test_parties_to_a_hosted_meeting_did_not_meet_on_their_own(
    articles: dict[str, Article],
) -> None:
    # The host is unknown here: nothing says Chile and Peru met each other.
    got = dyads(articles["host_unknown"], "04")
    assert ("CHL", "PER") not in got and ("PER", "CHL") not in got, articles["host_unknown"].events


@pytest.mark.parametrize(
    ("name", "root", "a", "b"),
    [
        ("agreed_share", "03", "PER", "CHL"),
        ("agreed_cooperate", "03", "FRA", "EGY"),
        ("held_talks", "04", "JPN", "IND"),
        ("met", "04", "POL", "LTU"),
        ("each_other", "11", "KEN", "UGA"),
    ],
)
def test_coordinated_parties_act_on_each_other(
    articles: dict[str, Article], name: str, root: str, a: str, b: str
) -> None:
    assert {(a, b), (b, a)} <= dyads(articles[name], root), articles[name].events


def test_acting_jointly_is_not_acting_on_each_other(articles: dict[str, Article]) -> None:
    got = dyads(articles["jointly"], "1")
    assert ("GHA", "TGO") not in got and ("TGO", "GHA") not in got, articles["jointly"].events


@pytest.mark.parametrize(
    ("name", "dyad"),
    [("seized_from", ("MEX", "MEX")), ("confiscated_from", ("KEN", "SOM"))],
)
def test_property_is_seized_from_its_holder(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], "171"), articles[name].events


@pytest.mark.parametrize(
    ("name", "dyad"),
    [("threat_if_not", ("TCD", "FRA")), ("threat_unless", ("DZA", "FRA"))],
)
def test_a_conditional_threat_is_aimed_at_who_must_comply(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], "13"), articles[name].events


def test_a_conditional_promise_is_not_aimed_at_the_condition(
    articles: dict[str, Article],
) -> None:
    got = dyads(articles["promise_if"], "0")
    assert got and all(t != "USA" for s, t in got if s == "NOR"), articles["promise_if"].events


@pytest.mark.parametrize(
    ("name", "dyad", "victims"),
    [
        ("investigating_by", ("PER", "PER"), "BOL"),
        ("inquiry_committed_by", ("BOL", "CHL"), "PER"),
    ],
)
def test_an_inquiry_targets_the_accused_not_the_victims(
    articles: dict[str, Article], name: str, dyad: tuple[str, str], victims: str
) -> None:
    got = dyads(articles[name], "09")
    assert dyad in got, articles[name].events
    assert all(t != victims for _, t in got)


@pytest.mark.parametrize(
    ("name", "root", "source", "targets"),
    [
        ("tortured_two", "18", "GIN", {"LBR", "CIV"}),
        ("arrested_two", "17", "SEN", {"GMB", "GIN"}),
        ("meeting_of_two", "04", "QAT", {"SDN", "TCD"}),
    ],
)
def test_coordinated_nationalities_on_one_noun_are_one_target_each(
    articles: dict[str, Article], name: str, root: str, source: str, targets: set[str]
) -> None:
    got = {t for s, t in dyads(articles[name], root) if s == source}
    assert targets <= got, articles[name].events


@pytest.mark.parametrize(
    ("name", "dyad"),
    [("hunger_strike", ("DZA", "FRA")), ("sit_in", ("KEN", "UGA"))],
)
def test_a_protest_takes_its_purpose_target_without_a_separate_complaint(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], "14"), articles[name].events
    assert not dyads(articles[name], "11"), articles[name].events


@pytest.mark.parametrize(
    ("name", "dyad"), [("opponents", ("EGY", "EGY")), ("bloggers", ("TUR", "TUR"))]
)
def test_unnamed_opponents_and_professions_are_placed(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert dyad in dyads(articles[name], "17"), articles[name].events


@pytest.mark.parametrize(
    ("name", "bystander"), [("despite", "aid groups"), ("notwithstanding", "Amnesty")]
)
def test_a_concessive_phrase_names_no_target(
    articles: dict[str, Article], name: str, bystander: str
) -> None:
    refusals = [e for e in articles[name].events if e.cameo.startswith("12")]
    assert refusals, articles[name].events
    assert all(e.target is None or bystander not in e.target.name for e in refusals), refusals
