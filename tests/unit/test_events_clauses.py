"""Refusals, reported "would", counted groups, carrier nouns, domestic targets,
object control and clause targets (issue #5). Every sentence is invented; the real
spaCy model parses them."""

from __future__ import annotations

import pytest
from _events import found, pair

from storyline import ontology
from storyline.models import Article, Event
from storyline.stages.events import REFUSAL_CODES, refusal_code

pytestmark = pytest.mark.model

TEXTS = {
    "refused": "Canada refused to send troops to Mexico.",
    "would": "Mexico said it would boycott the trade talks with Canada.",
    "would_not": "Mexico said on Monday it would not accept refugees from Canada.",
    "counted": "Tens of thousands of students throughout Mexico staged demonstrations.",
    "carrier": "The Canadian foreign minister launched a mediation effort between Mexico "
    "and Guatemala.",
    "hunger": "Mexican farmers began a hunger strike on Monday.",
    "lodged": "Canada lodged an official protest with Mexico on Tuesday.",
    "urged": "Canada urged Mexico to impose sanctions on Guatemala.",
    "statement": "The Mexican government issued a statement condemning Canada.",
    "demand_that": "Canada repeated its demand that Mexico withdraw its troops.",
    "tried": "Mexican rebels tried to assassinate the governor.",
    "police_in": "Police in Mexico arrested three Canadian tourists.",
    "tear_gas": "Mexican police used tear gas to disperse the protesters.",
    "troops": "Mexican troops attacked the town on Sunday.",
    "people": "Young Mexicans blocked roads on Sunday.",
    "it_group": "Rebels in Mexico announced that they are prepared to impose a curfew.",
    # An adjunct between a governing verb and its infinitive makes the parser hang the
    # infinitive as an adjunct; it is still the governed act.
    "threat_adjunct": "Mexico threatened on Tuesday to impose tariffs on Canada.",
    "vow_adjunct": "Canada vowed last week to expel the Mexican diplomats.",
    "refuse_adjunct": "Canada refused on Monday to meet Mexican officials.",
    "purpose": "Up to 500 Mexican farmers began a hunger strike on Monday to protest "
    "against Canada.",
    # "pushing for X to V": the parser makes "for" the mark of X's clause.
    "push_for": "Canada is pushing hard for Mexico to lift its tariffs on Canadian steel.",
    "press_for": "Mexico pressed for Canada to withdraw its troops from Belize.",
    "lobby_for": "Canada lobbied for the Mexican government to release the prisoners.",
    # Acts of rule are done to one's own country when no place is named.
    "martial_law": "The Mexican government imposed martial law on Monday.",
    "emergency": "Canada's government declared a state of emergency after the floods.",
    "curfew_eased": "The Mexican president shortened the nightly curfew by two hours.",
    "curfew_there": "Canada imposed a curfew in Belize after the riots.",
}


def counted(e: Event) -> bool:
    return not e.negated and e.modality in ("asserted", "reported")


def test_refusal_codes_are_rejections() -> None:
    for act, code in REFUSAL_CODES.items():
        assert ontology.lookup(code).root == "12", (act, code)
    assert refusal_code("0851") == "1244"  # easing sanctions refused
    assert refusal_code("190") is None  # "will not attack" is no rejection


def test_refused_act_is_negated(articles: dict[str, Article]) -> None:
    (refusal,) = found(articles["refused"], "12")
    assert pair(refusal) == ("CAN", "MEX") and counted(refusal)
    (sent,) = found(articles["refused"], "07")
    assert sent.negated


def test_reported_would_is_a_plan_and_a_threat(articles: dict[str, Article]) -> None:
    art = articles["would"]
    (boycott,) = found(art, "14")
    assert boycott.modality == "planned"
    (threat,) = found(art, "13")
    assert pair(threat) == ("MEX", "CAN") and threat.modality == "reported"


def test_would_not_is_a_rejection(articles: dict[str, Article]) -> None:
    art = articles["would_not"]
    (rejection,) = found(art, "12")
    assert pair(rejection) == ("MEX", "CAN") and counted(rejection)
    assert all(not counted(e) for e in art.events if not e.cameo.startswith("12"))


def test_counted_people_are_the_actor(articles: dict[str, Article]) -> None:
    (e,) = found(articles["counted"], "14")
    assert pair(e) == ("MEX", "MEX") and counted(e)


def test_event_noun_in_compound_uses_its_carrier(articles: dict[str, Article]) -> None:
    events = found(articles["carrier"], "04")
    assert {pair(e) for e in events} == {("CAN", "MEX"), ("CAN", "GTM")}
    assert all(e.action.lower() == "mediation" for e in events)


def test_group_protest_targets_home(articles: dict[str, Article]) -> None:
    (e,) = found(articles["hunger"], "14")
    assert e.cameo == "142" and pair(e) == ("MEX", "MEX")


def test_lodged_protest_is_a_complaint(articles: dict[str, Article]) -> None:
    (e,) = articles["lodged"].events
    assert e.cameo == "114" and pair(e) == ("CAN", "MEX")


def test_urged_act_is_the_objects_and_not_done(articles: dict[str, Article]) -> None:
    (appeal,) = found(articles["urged"], "02")
    assert pair(appeal) == ("CAN", "MEX")
    (sanction,) = found(articles["urged"], "16")
    assert pair(sanction) == ("MEX", "GTM") and not counted(sanction)


def test_statement_lends_its_issuer(articles: dict[str, Article]) -> None:
    (e,) = found(articles["statement"], "11")
    assert pair(e) == ("MEX", "CAN")


def test_demand_noun_targets_its_clause_subject(articles: dict[str, Article]) -> None:
    (demand,) = found(articles["demand_that"], "10")
    assert pair(demand) == ("CAN", "MEX") and counted(demand)
    (withdraw,) = found(articles["demand_that"], "08")
    assert not counted(withdraw)


def test_attempt_is_an_act(articles: dict[str, Article]) -> None:
    (e,) = found(articles["tried"], "18")
    assert e.modality == "asserted" and pair(e) == ("MEX", "MEX")


def test_police_named_by_place(articles: dict[str, Article]) -> None:
    (e,) = found(articles["police_in"], "17")
    assert pair(e) == ("MEX", "CAN")


def test_instrument_object_does_not_act(articles: dict[str, Article]) -> None:
    (e,) = found(articles["tear_gas"], "17")
    assert e.source.country == "MEX"


def test_state_forces_get_no_home_target(articles: dict[str, Article]) -> None:
    # Troops often fight abroad: with no target named, none is guessed.
    (e,) = found(articles["troops"], "19")
    assert pair(e) == ("MEX", None)


def test_a_countrys_people_act_at_home(articles: dict[str, Article]) -> None:
    (e,) = found(articles["people"], "14")
    assert pair(e) == ("MEX", "MEX")


def test_pronoun_keeps_the_group_its_speaker_was(articles: dict[str, Article]) -> None:
    # "they" are the rebels, a group of Mexico: a curfew with no place is at home.
    (threat,) = found(articles["it_group"], "13")
    assert threat.cameo == "1323" and pair(threat) == ("MEX", "MEX")


@pytest.mark.parametrize(("name", "threat_root"), [("threat_adjunct", "13"), ("vow_adjunct", "13")])
def test_an_infinitive_after_an_adjunct_is_still_the_governed_act(
    articles: dict[str, Article], name: str, threat_root: str
) -> None:
    art = articles[name]
    acts = [e for e in art.events if not e.cameo.startswith(("03", "13"))]
    assert acts and all(e.modality == "planned" for e in acts), art.events
    threats = [e for e in found(art, threat_root) if e.modality == "asserted"]
    assert threats, art.events


def test_a_refusal_after_an_adjunct_negates_its_act(articles: dict[str, Article]) -> None:
    art = articles["refuse_adjunct"]
    meetings = found(art, "04")
    assert meetings and all(e.negated for e in meetings)
    assert [pair(e) for e in found(art, "12")] == [("CAN", "MEX")]


def test_an_infinitive_of_purpose_after_an_object_is_an_act(
    articles: dict[str, Article],
) -> None:
    protests = found(articles["purpose"], "14")
    assert protests and all(e.modality == "asserted" for e in protests)


@pytest.mark.parametrize(
    ("name", "pair_"),
    [("push_for", ("CAN", "MEX")), ("press_for", ("MEX", "CAN")), ("lobby_for", ("CAN", "MEX"))],
)
def test_pushing_for_an_actor_to_act_is_a_demand_on_it(
    articles: dict[str, Article], name: str, pair_: tuple[str, str]
) -> None:
    art = articles[name]
    assert [pair(e) for e in found(art, "10")] == [pair_]
    # the act asked for has not happened
    asked = [e for e in art.events if not e.cameo.startswith("10")]
    assert all(e.modality == "hypothetical" for e in asked), asked


@pytest.mark.parametrize(
    ("name", "root", "country"),
    [
        ("martial_law", "172", "MEX"),
        ("emergency", "172", "CAN"),
        ("curfew_eased", "081", "MEX"),
        ("curfew_there", "172", "BLZ"),
    ],
)
def test_acts_of_rule_target_the_country_where_they_apply(
    articles: dict[str, Article], name: str, root: str, country: str
) -> None:
    art = articles[name]
    got = [e for e in found(art, root) if e.modality == "asserted"]
    assert got, art.events
    assert all(e.target is not None and e.target.country == country for e in got)
