"""Frames added for recall on the GSR (issue #5): complaints "to" a body "over" an
act, summoned envoys, dispatched inspectors, a people acting against its own state,
withdrawals "from" a place, orders to an actor, asylum sought, reneging.
Every sentence is invented; the real spaCy model parses them."""

from __future__ import annotations

import pytest
from _events import found, pair

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "complain_over": "Chile complained to the United Nations on Monday over Peruvian naval drills.",
    "complain_to": "Chile complained to Peru on Friday.",
    "summon": "The Chilean foreign minister summoned Peru's ambassador on Friday.",
    "summon_staff": "The Chilean foreign minister summoned his staff on Friday.",
    "inspectors": "The United Nations dispatched inspectors to Bolivia last week.",
    "people": "Thousands of Kurds marched in Ankara on Sunday to demand independence from Turkey.",
    "withdraw_from": "Canada withdrew its last troops from Mali on Monday.",
    "withdrawal_of": "Canada completed the withdrawal of its remaining forces from Mali on Monday.",
    "ordered": "A Chilean court ordered the former minister Jorge Soto to appear for questioning.",
    "asylum": "Hundreds of Bolivian miners sought asylum in Chile last week.",
    "renege": "Chile reneged on its promise to Bolivia on Tuesday.",
}


def test_complaint_targets_what_it_is_about(articles: dict[str, Article]) -> None:
    (e,) = found(articles["complain_over"], "11")
    assert e.cameo == "114"
    assert pair(e) == ("CHL", "PER")


def test_complaint_to_a_country_targets_it(articles: dict[str, Article]) -> None:
    (e,) = found(articles["complain_to"], "11")
    assert pair(e) == ("CHL", "PER")


def test_summoned_envoy_is_a_complaint_to_his_country(articles: dict[str, Article]) -> None:
    (e,) = found(articles["summon"], "11")
    assert e.cameo == "114"
    assert pair(e) == ("CHL", "PER")
    assert found(articles["summon_staff"], "11") == []


def test_dispatched_inspectors_investigate_the_place(articles: dict[str, Article]) -> None:
    (e,) = found(articles["inspectors"], "09")
    assert e.source.name == "United Nations"
    assert e.target is not None and e.target.country == "BOL"
    assert e.action == "dispatched"


def test_a_people_against_its_own_state_is_an_event(articles: dict[str, Article]) -> None:
    events = found(articles["people"], "14")
    assert events, articles["people"].events
    assert {pair(e) for e in events} == {("TUR", "TUR")}


def test_withdrawal_targets_the_place_left(articles: dict[str, Article]) -> None:
    for key in ("withdraw_from", "withdrawal_of"):
        (e,) = found(articles[key], "087")
        assert pair(e) == ("CAN", "MLI"), key


def test_order_to_an_actor_is_a_demand(articles: dict[str, Article]) -> None:
    (e,) = found(articles["ordered"], "10")
    assert e.cameo == "100"
    assert e.source.country == "CHL"
    assert e.target is not None and e.target.name == "Jorge Soto"


def test_asylum_sought_is_a_demand_for_aid_on_the_host(articles: dict[str, Article]) -> None:
    (e,) = found(articles["asylum"], "10")
    assert e.cameo == "1033"
    assert pair(e) == ("BOL", "CHL")


def test_reneging_is_a_rejection(articles: dict[str, Article]) -> None:
    (e,) = found(articles["renege"], "12")
    assert pair(e) == ("CHL", "BOL")
