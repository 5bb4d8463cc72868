"""Actors and targets in long wire sentences (issue #5, round 3; invented sentences):
bare state forces and unnamed attackers take the country of the place the sentence or
the dateline names, a claim of responsibility names the attacker, the one prompted
acts, a statement's author speaks, denied and hoped-for acts are not asserted, and a
visitor received makes the visit."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    # bare forces of order: the country of the sentence's place
    "police_rally": "Police detained 30 students at a rally in Dhaka on Sunday, a university official said.",
    "forces_funeral": (
        "Security forces fired on mourners at a funeral in the town of Daraa in Syria on "
        "Friday, activists said."
    ),
    # the dateline places unnamed attackers and their victims
    "dateline_gunmen": (
        "NAIROBI (Reuters) - Gunmen abducted two Italian engineers and their driver on "
        "Monday, police said."
    ),
    "dateline_bomb": (
        "PESHAWAR (Reuters) - A roadside bomb killed five policemen on Saturday as their "
        "convoy passed, officials said."
    ),
    "no_dateline_bomb": "A roadside bomb killed five policemen on Saturday as their convoy passed.",
    # the place named in the clause the killing continues
    "bomb_conj": "A car bomb went off near a market in Mosul on Friday and killed 14 people, police said.",
    "raid_advcl": (
        "Unknown assailants stormed a checkpoint in Helmand province before dawn, killing "
        "three soldiers, a spokesman said."
    ),
    # a claim of responsibility names the attacker of those killed
    "claim_relative": (
        "The Pakistani Taliban claimed responsibility for the suicide bombing that killed "
        "30 soldiers near Peshawar on Wednesday."
    ),
    "claim_reported": (
        "Al-Shabaab said it had claimed responsibility for the attack that killed nine "
        "soldiers in Kenya last month."
    ),
    # the one prompted acts
    "prompting": (
        "North Korea tested a long-range missile on Tuesday, prompting South Korea to "
        "summon the Chinese ambassador."
    ),
    "leading": (
        "Iran seized a British tanker in the Gulf, leading Britain to summon the Iranian "
        "ambassador in London."
    ),
    # a statement's author
    "statement_by": "A statement by the African Union condemned Sudan's crackdown on protesters.",
    "statement_from": (
        "A statement from the Arab League on Sunday criticised Israel's raid on the refugee camp."
    ),
    # acts denied or only hoped for are not asserted
    "denied_gerund": "Russia denied attacking Ukrainian ships in the Black Sea on Sunday.",
    "denied_reports": (
        "Pakistan on Monday denied reports that its troops had shelled Indian villages "
        "across the border."
    ),
    "hoped_sign": (
        "Brazil hoped to sign a trade pact with Argentina before the end of the year, "
        "officials said."
    ),
    "hoped_visit": "The Indonesian president had hoped to visit Australia in March, his spokesman said.",
    # a visitor received makes the visit
    "received": "Egypt received Jordan's foreign minister in Cairo on Sunday for talks on Gaza.",
    "welcomed": "The Kenyan government welcomed the Ugandan president in Nairobi on Friday.",
    # courts, like police, act at home
    "court_jailed": (
        "A court in Harare jailed three opposition activists on Thursday for organising a protest."
    ),
}


def dyads(article: Article) -> list[tuple[str, str, str | None, str]]:
    return [
        (e.cameo, e.source.country or "", e.target.country if e.target else None, e.modality)
        for e in article.events
        if not e.negated
    ]


@pytest.mark.parametrize(
    ("name", "root", "country"),
    [("police_rally", "17", "BGD"), ("forces_funeral", "19", "SYR")],
)
def test_bare_forces_of_order_are_of_the_place_the_sentence_names(
    articles: dict[str, Article], name: str, root: str, country: str
) -> None:
    got = dyads(articles[name])
    # named once, without a country, the forces act where the sentence puts them, and
    # the unnamed people they act on are placed there too
    assert (root, country, country) in [(c[:2], s, t) for c, s, t, _ in got], got


def test_the_dateline_places_unnamed_attackers(articles: dict[str, Article]) -> None:
    got = dyads(articles["dateline_gunmen"])
    # a nationality of the victims' own wins over the place
    assert any(c.startswith("18") and (s, t) == ("KEN", "ITA") for c, s, t, _ in got), got
    bomb = dyads(articles["dateline_bomb"])
    assert any(c.startswith("18") and (s, t) == ("PAK", "PAK") for c, s, t, _ in bomb), bomb
    # without a dateline nothing says where: no doer is invented
    assert not articles["no_dateline_bomb"].events, dyads(articles["no_dateline_bomb"])


def test_the_dateline_is_no_actor_of_its_own(articles: dict[str, Article]) -> None:
    for name in ("dateline_gunmen", "dateline_bomb"):
        article = articles[name]
        assert not article.text.startswith(("NAIROBI", "PESHAWAR")), article.text
        for e in article.events:
            # placed actors carry no entity: the place is where, not who
            assert e.source.entity_id is None, e


@pytest.mark.parametrize(("name", "country"), [("bomb_conj", "IRQ"), ("raid_advcl", "AFG")])
def test_a_killing_is_placed_by_the_clause_it_continues(
    articles: dict[str, Article], name: str, country: str
) -> None:
    got = dyads(articles[name])
    kills = [(s, t) for c, s, t, _ in got if c.startswith(("18", "19"))]
    assert (country, country) in kills, got


@pytest.mark.parametrize(
    ("name", "claimant"), [("claim_relative", "PAK"), ("claim_reported", "SOM")]
)
def test_a_claim_of_responsibility_names_the_attacker(
    articles: dict[str, Article], name: str, claimant: str
) -> None:
    article = articles[name]
    kills = [e for e in article.events if e.cameo.startswith("18")]
    assert kills and all(e.source.country == claimant for e in kills), dyads(article)
    # the victims are the target, never the source
    assert all(e.target is not None and e.target.name.startswith("soldiers") for e in kills)
    assert all(e.source.entity_id is not None for e in kills)


@pytest.mark.parametrize(
    ("name", "actor", "first"),
    [("prompting", ("KOR", "CHN"), ("PRK", None)), ("leading", ("GBR", "IRN"), ("IRN", "GBR"))],
)
def test_the_one_prompted_acts(
    articles: dict[str, Article],
    name: str,
    actor: tuple[str, str],
    first: tuple[str, str | None],
) -> None:
    got = dyads(articles[name])
    summons = [(s, t) for c, s, t, _ in got if c == "114"]
    assert summons == [actor], got
    # the act that prompted it keeps its own target (none for a test at no one)
    assert any((s, t) == first for c, s, t, _ in got if c != "114"), got


@pytest.mark.parametrize(
    ("name", "author", "target"),
    [("statement_by", "African Union", "SDN"), ("statement_from", "League of Arab States", "ISR")],
)
def test_a_statement_speaks_for_its_author(
    articles: dict[str, Article], name: str, author: str, target: str
) -> None:
    verbal = [e for e in articles[name].events if e.cameo.startswith("11")]
    assert [(e.source.name, e.target.country if e.target else None) for e in verbal] == [
        (author, target)
    ], dyads(articles[name])


@pytest.mark.parametrize("name", ["denied_gerund", "denied_reports"])
def test_a_denied_act_is_not_asserted(articles: dict[str, Article], name: str) -> None:
    got = dyads(articles[name])
    assert not [d for d in got if d[0][:2] in ("18", "19", "20") and d[3] != "hypothetical"], got


@pytest.mark.parametrize(("name", "root"), [("hoped_sign", "05"), ("hoped_visit", "04")])
def test_a_hoped_for_act_is_planned(articles: dict[str, Article], name: str, root: str) -> None:
    got = dyads(articles[name])
    acts = [d for d in got if d[0][:2] == root]
    assert acts and all(d[3] == "planned" for d in acts), got
    # "in March" is a date, not a protest march
    assert not [d for d in got if d[0].startswith("14")], got


@pytest.mark.parametrize(
    ("name", "host", "guest"), [("received", "EGY", "JOR"), ("welcomed", "KEN", "UGA")]
)
def test_a_visitor_received_makes_the_visit(
    articles: dict[str, Article], name: str, host: str, guest: str
) -> None:
    got = {(c, s, t) for c, s, t, _ in dyads(articles[name])}
    assert {("043", host, guest), ("042", guest, host)} <= got, got


def test_a_court_acts_at_home(articles: dict[str, Article]) -> None:
    got = dyads(articles["court_jailed"])
    assert any(c.startswith("17") and (s, t) == ("ZWE", "ZWE") for c, s, t, _ in got), got
