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
