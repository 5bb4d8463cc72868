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
