"""Coercive orders, pressure, event location and which time expression dates an
event (issue #5). Every sentence is invented; the real spaCy model parses them."""

from __future__ import annotations

import pytest
from _events import found, pair

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "ordered": "Canada ordered the Mexican newspaper to suspend publication.",
    "urged": "Canada urged Mexico to expel the diplomats.",
    "pressuring": "Canada is pressuring Mexico to withdraw its troops from Belize.",
    "summit": "Canada met Mexican officials at a summit in Ottawa on Monday.",
    "visit": "The Canadian foreign minister held talks with Mexico during a visit to Guatemala.",
    "on_topic": "Canada criticised Mexico on access to Belize.",
    "nested": "Last year, Canada imposed tariffs on Mexico, criticising the Mexican "
    "government for its 2019 invasion of Guatemala.",
    "speech": "Canada praised Mexico's 2019 reforms, a spokesman said on Wednesday.",
    "blockade": "Mexican truckers blockaded Mexico City on Monday.",
    "blockade_abroad": "Mexican truckers blockaded the Canadian embassy in Ottawa on Monday.",
    "two_dates": "Canada criticised Mexico on Monday, and Mexico will impose tariffs on "
    "Canada next year.",
    # A time expression in an embedded clause dates that clause's act only.
    "invitation": "The Mexican president accepted an invitation to visit Ottawa later this year.",
    "invitation_talks": "Mexico accepted a Canadian invitation to attend talks in Ottawa "
    "next month.",
    # A promise is dated by the verb that promises; the promised act by its own clause.
    "pledged": "Canada pledged on Monday to send medical aid to Mexico in April.",
    "agreed": "Canada agreed on Wednesday to meet Mexican officials in 2026.",
    "will": "Mexico will send aid to Belize next month.",
}


def test_an_order_to_restrict_is_coercion_by_the_orderer(articles: dict[str, Article]) -> None:
    art = articles["ordered"]
    coerce = [e for e in found(art, "17") if e.modality == "asserted"]
    assert [pair(e) for e in coerce] == [("CAN", "MEX")]
    assert coerce[0].action == "ordered"
    assert coerce[0].quad_class == 4
    # the order is not also a mere demand
    assert found(art, "10") == []


def test_asking_is_no_coercion(articles: dict[str, Article]) -> None:
    art = articles["urged"]
    assert [e for e in found(art, "17") if e.modality == "asserted"] == []
    assert [pair(e) for e in found(art, "02")] == [("CAN", "MEX")]


def test_pressuring_an_actor_is_a_demand(articles: dict[str, Article]) -> None:
    demands = found(articles["pressuring"], "10")
    assert [pair(e) for e in demands] == [("CAN", "MEX")]
    assert demands[0].modality == "asserted"


def test_location_of_a_meeting_place(articles: dict[str, Article]) -> None:
    (meet,) = found(articles["summit"], "04")
    assert meet.location == "Ottawa"
    (talks,) = found(articles["visit"], "04")
    assert talks.location == "Guatemala"


def test_a_topic_is_no_location(articles: dict[str, Article]) -> None:
    (crit,) = found(articles["on_topic"], "11")
    assert crit.location is None


def test_a_date_inside_a_noun_phrase_does_not_date_the_clause(
    articles: dict[str, Article],
) -> None:
    crit = found(articles["nested"], "11")
    assert crit, articles["nested"].events
    # "Last year" (2023 from 2024-03-08) heads the sentence; 2019 dates the invasion.
    assert all(e.date is not None and e.date.startswith("2023") for e in crit)
    assert all(e.date_precision == "year" for e in crit)


def test_the_speech_date_beats_a_nested_one(articles: dict[str, Article]) -> None:
    (praise,) = found(articles["speech"], "05")
    assert praise.date == "2024-03-06"
    assert praise.date_from == "text"


def test_each_clause_keeps_its_own_date(articles: dict[str, Article]) -> None:
    (crit,) = found(articles["two_dates"], "11")
    assert crit.date == "2024-03-04"
    plan = [e for e in found(articles["two_dates"], "16") if e.modality == "planned"]
    assert plan and all(e.date is not None and e.date.startswith("2025") for e in plan)


def test_blocking_a_place_at_home_is_a_domestic_protest(articles: dict[str, Article]) -> None:
    protests = found(articles["blockade"], "14")
    assert [pair(e) for e in protests] == [("MEX", "MEX")]
    # an actor abroad is whom the blockade is against, not where: no home protest
    assert ("MEX", "MEX") not in [pair(e) for e in found(articles["blockade_abroad"], "14")]


@pytest.mark.parametrize("name", ["invitation", "invitation_talks"])
def test_a_date_in_an_embedded_clause_does_not_date_the_governing_act(
    articles: dict[str, Article], name: str
) -> None:
    (accept,) = found(articles[name], "036")
    assert accept.action == "accepted"
    # the visit or the talks are later; the acceptance is known only by publication
    assert (accept.date, accept.date_from) == ("2024-03-08", "published")


@pytest.mark.parametrize(
    ("name", "promised_on", "act_on"),
    [("pledged", "2024-03-04", "2024-04-01"), ("agreed", "2024-03-06", "2026-01-01")],
)
def test_a_promise_and_the_promised_act_keep_their_own_dates(
    articles: dict[str, Article], name: str, promised_on: str, act_on: str
) -> None:
    art = articles[name]
    intents = [e for e in found(art, "03") if e.action not in ("pledged", "agreed")]
    assert intents, art.events
    assert {e.date for e in intents} == {promised_on}
    acts = [e for e in art.events if e.modality == "planned"]
    assert acts and {e.date for e in acts} == {act_on}


def test_a_promise_made_by_will_is_dated_by_publication(articles: dict[str, Article]) -> None:
    art = articles["will"]
    (intent,) = found(art, "03")
    assert (intent.date, intent.date_from) == ("2024-03-08", "published")
    (act,) = [e for e in art.events if e.modality == "planned"]
    assert (act.date, act.date_precision) == ("2024-04-01", "month")
