"""Verb and noun families of the lexicon, stative passives, refusals, conditional
threats and nominal demands (issue #5). Every sentence is invented; the real spaCy
model parses them."""

from __future__ import annotations

import pytest
from _events import found, pair

from storyline.models import Article, Event
from storyline.stages.events import load_lexicon

pytestmark = pytest.mark.model

TEXTS = {
    # "on" and "off" are words in the pattern file, not YAML booleans
    "call_on": "Canada called on Mexico to release the prisoners.",
    "call_on_date": "The Canadian premier called Mexican President Andres Lopez on Monday.",
    "call_off": "Mexican unions called off the strike on Monday.",
    # accepting a plan (03), receiving a delegation (04), exercises (06 / 15)
    "accept_plan": "Canada accepted the Mexican peace plan on Monday.",
    "accept_proposal": "Mexico accepted a proposal from Canada to end the dispute.",
    "host_delegation": "Mexico hosted a delegation from Canada last week.",
    "receive_envoy": "Canada received an envoy from Mexico in Ottawa on Friday.",
    "joint_drills": "Canada and Mexico held joint naval exercises in the Pacific.",
    "drills_with": "Canada staged joint military drills with Mexico last month.",
    "war_games": "Mexico held war games in Guatemala last week.",
    # yielding and its nouns (08), investigating (09), reducing relations (16)
    "curfew_noun": "Mexico announced the lifting of the curfew in Tijuana.",
    "hearing": "The Canadian parliament opened a hearing into Mexican arms sales.",
    "look_into": "Canadian prosecutors will look into Mexican arms sales.",
    "suspend_flights": "Mexico announced the suspension of flights to Canada.",
    "severing_ties": "Canada ordered the severing of ties with Mexico.",
    "forced_out": "Canada forced Mexican diplomats out of the country on Monday.",
    # rejecting (12): stative passive, violations, refusals, failures
    "opposed_to": "Mexico is opposed to Canadian membership in the pact.",
    "strongly_opposed": "Canada is strongly opposed to the Mexican plan, the minister said.",
    "violated_ban": "Mexican newspapers violated a ban imposed by Canada.",
    "breached_truce": "Canadian troops breached the truce with Mexico on Sunday.",
    "refused_respond": "Mexico refused to respond to a demand from Canada.",
    "declined_answer": "Canada declined to answer the Mexican request for talks.",
    "declined_comment": "Canada declined to respond when asked about the report.",
    "failed_agree": "Canada and Mexico failed to reach agreement on trade.",
    "failed_arrive": "The Mexican minister failed to arrive in Ottawa on time.",
    # threats (13): conditions and vows
    "unless": "Mexico will withdraw its troops from Guatemala unless Canada pays.",
    "may_if": "Mexico may halt its mediation between Canada and Guatemala if the talks fail.",
    "would_if_not": "Mexico would attack Guatemala if Guatemala does not withdraw its troops.",
    "if_promise": "Mexico will meet Canadian officials if Canada drops the tariffs.",
    "vowed_fight": "Mexican rebels vowed to fight the Canadian army until victory.",
    "swore_fight": "Mexican rebels swore to fight the Canadian army.",
    "promised_aid": "Canada promised to send food to Mexico.",
    # demands (10) in nominal form
    "reminder": "Canada issued a reminder to Mexico that it must pay its debts.",
    "demand_that": "The Canadian government reiterated its demand today that Mexico ease "
    "restrictions on trade.",
    "pressed_for": "Canada pressed for a Mexican apology on Monday.",
    # protest (14), force posture (15), coercion (17), violence (18-20)
    "signatures": "Mexican farmers collected signatures against the Canadian trade deal.",
    "patrols": "The Mexican government ordered army patrols in Guatemala.",
    "restrictions": "Canada imposed restrictions on Mexican workers last year.",
    "assassination_attempt": "Canadian rebels carried out an assassination attempt on the "
    "Mexican president.",
    "car_bomb": "Mexican rebels carried out a car bombing in Guatemala on Sunday.",
    "engaged_fighting": "Canadian troops are engaged in fighting with Mexican rebels.",
    "cleansing": "Mexican forces are engaged in ethnic cleansing in Guatemala.",
    "blockade_of": "Mexico will tighten the blockade of Guatemala with Canadian help.",
}


def one(article: Article, code: str) -> Event:
    """The article's single counted event with exactly this CAMEO code."""
    got = [e for e in article.events if e.cameo == code and e.modality in ("asserted", "reported")]
    assert len(got) == 1, [(e.cameo, e.source.name, e.action, e.modality) for e in article.events]
    return got[0]


def codes(article: Article) -> set[str]:
    return {e.cameo for e in article.events}


def test_words_yaml_reads_as_booleans_stay_words() -> None:
    lex = load_lexicon()
    call = [p for p in lex.verbs if "call" in p.lemmas]
    assert "on" in call[0].preps
    assert any("off" in p.particle for p in call)


def test_call_on_is_an_appeal_and_call_off_yields(articles: dict[str, Article]) -> None:
    assert pair(one(articles["call_on"], "020")) == ("CAN", "MEX")
    # a phrase of time is no "call on": the phone call stays a phone call
    assert "041" in codes(articles["call_on_date"])
    assert "020" not in codes(articles["call_on_date"])
    e = one(articles["call_off"], "082")
    assert e.source.country == "MEX"
    assert not found(articles["call_off"], "19")


@pytest.mark.parametrize(
    ("name", "want"), [("accept_plan", ("CAN", "MEX")), ("accept_proposal", ("MEX", "CAN"))]
)
def test_accepting_a_plan_agrees(
    articles: dict[str, Article], name: str, want: tuple[str, str]
) -> None:
    assert pair(one(articles[name], "030")) == want


@pytest.mark.parametrize(
    ("name", "want"), [("host_delegation", ("MEX", "CAN")), ("receive_envoy", ("CAN", "MEX"))]
)
def test_hosting_a_delegation(
    articles: dict[str, Article], name: str, want: tuple[str, str]
) -> None:
    assert pair(one(articles[name], "043")) == want


@pytest.mark.parametrize("name", ["joint_drills", "drills_with"])
def test_joint_exercises_are_military_cooperation(articles: dict[str, Article], name: str) -> None:
    got = {pair(e) for e in found(articles[name], "062") if e.modality == "asserted"}
    assert got and all(set(p) == {"CAN", "MEX"} for p in got)  # both ways for "A and B" (#5)


def test_war_games_alone_show_force(articles: dict[str, Article]) -> None:
    assert pair(one(articles["war_games"], "150")) == ("MEX", "GTM")


def test_nominal_yield_probe_and_reductions(articles: dict[str, Article]) -> None:
    assert one(articles["curfew_noun"], "0813").source.country == "MEX"
    assert pair(one(articles["hearing"], "090")) == ("CAN", "MEX")
    (planned,) = found(articles["look_into"], "09")
    assert pair(planned) == ("CAN", "MEX") and planned.modality == "planned"
    assert pair(one(articles["suspend_flights"], "161")) == ("MEX", "CAN")
    assert pair(one(articles["severing_ties"], "161")) == ("CAN", "MEX")
    assert pair(one(articles["forced_out"], "166")) == ("CAN", "MEX")


@pytest.mark.parametrize("name", ["opposed_to", "strongly_opposed"])
def test_being_opposed_rejects(articles: dict[str, Article], name: str) -> None:
    e = one(articles[name], "120")
    assert e.source.country in ("MEX", "CAN")
    assert e.target is not None and e.target.country != e.source.country


def test_violations(articles: dict[str, Article]) -> None:
    assert pair(one(articles["violated_ban"], "128")) == ("MEX", "CAN")
    assert pair(one(articles["breached_truce"], "196")) == ("CAN", "MEX")


@pytest.mark.parametrize(
    ("name", "want"), [("refused_respond", ("MEX", "CAN")), ("declined_answer", ("CAN", "MEX"))]
)
def test_refusing_to_answer_a_request_rejects(
    articles: dict[str, Article], name: str, want: tuple[str, str]
) -> None:
    assert pair(one(articles[name], "120")) == want


def test_declining_to_comment_is_no_rejection(articles: dict[str, Article]) -> None:
    assert not found(articles["declined_comment"], "12")


def test_failing_to_agree_rejects_failing_to_arrive_does_not(
    articles: dict[str, Article],
) -> None:
    got = {pair(e) for e in found(articles["failed_agree"], "120")}
    assert got and all(set(p) == {"CAN", "MEX"} for p in got)  # both ways for "A and B" (#5)
    assert not found(articles["failed_arrive"], "12")


def test_conditional_acts_are_threats(articles: dict[str, Article]) -> None:
    # a cooperative act the target loses by not complying
    e = one(articles["unless"], "130")
    assert e.source.country == "MEX"
    assert not found(articles["unless"], "035")
    # conjecture with a condition: still a threat of the act (halt mediation: 135),
    # to both sides of the mediation
    threats = [e for e in articles["may_if"].events if e.cameo == "135"]
    assert {pair(e) for e in threats} == {("MEX", "CAN"), ("MEX", "GTM")}
    assert all(e.modality == "asserted" for e in threats)
    assert pair(one(articles["would_if_not"], "1384")) == ("MEX", "GTM")
    # a plain "if" on a cooperative act is a conditional promise, not a threat
    assert "036" in codes(articles["if_promise"])
    assert not found(articles["if_promise"], "13")


@pytest.mark.parametrize("name", ["vowed_fight", "swore_fight"])
def test_vowing_to_fight_is_a_threat_not_a_promise(articles: dict[str, Article], name: str) -> None:
    assert pair(one(articles[name], "1384")) == ("MEX", "CAN")
    assert not found(articles[name], "030")


def test_promising_aid_is_a_promise_of_aid(articles: dict[str, Article]) -> None:
    # The specific intent (0333) codes the promise; the verb's own 030 would count it twice.
    assert pair(one(articles["promised_aid"], "0333")) == ("CAN", "MEX")
    assert not found(articles["promised_aid"], "030")


@pytest.mark.parametrize("name", ["reminder", "demand_that", "pressed_for"])
def test_nominal_demands(articles: dict[str, Article], name: str) -> None:
    assert pair(one(articles[name], "100")) == ("CAN", "MEX")


def test_dissent_posture_and_coercion(articles: dict[str, Article]) -> None:
    assert pair(one(articles["signatures"], "140")) == ("MEX", "CAN")
    assert pair(one(articles["patrols"], "150")) == ("MEX", "GTM")
    assert pair(one(articles["restrictions"], "172")) == ("CAN", "MEX")


def test_violence_families(articles: dict[str, Article]) -> None:
    assert pair(one(articles["assassination_attempt"], "185")) == ("CAN", "MEX")
    assert pair(one(articles["car_bomb"], "1832")) == ("MEX", "GTM")
    assert pair(one(articles["engaged_fighting"], "190")) == ("CAN", "MEX")
    assert pair(one(articles["cleansing"], "203")) == ("MEX", "GTM")


def test_blockade_of_names_the_blockaded(articles: dict[str, Article]) -> None:
    (threat,) = found(articles["blockade_of"], "1381")
    assert pair(threat) == ("MEX", "GTM")
    (act,) = found(articles["blockade_of"], "191")
    assert pair(act) == ("MEX", "GTM") and act.modality == "planned"
