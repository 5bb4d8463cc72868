"""Intents, threats, pronouns in reported speech and domestic targets (issue #5)."""

from __future__ import annotations

import pytest

from storyline import ontology
from storyline.models import Article
from storyline.stages.events import INTENT_CODES, intent_code

TEXTS = {
    "considering": "Canada is strongly considering imposing new sanctions on Mexico.",
    "offered": "Mexico offered to send food aid to Canada after the floods.",
    "said_it": "Mexico said it will support Canada in the trade dispute.",
    "may": "Canada may impose sanctions on Mexico.",
    "protest": "Thousands of Mexican farmers demonstrated in Canada on Sunday.",
}


def codes(article: Article) -> dict[str, tuple[str | None, str | None, str]]:
    return {
        e.cameo: (e.source.country, e.target.country if e.target else None, e.modality)
        for e in article.events
    }


def test_intent_codes_are_intents_or_threats() -> None:
    for act, code in INTENT_CODES.items():
        assert ontology.lookup(code).root in ("03", "13"), (act, code)
    assert intent_code("163") == "1312"
    assert intent_code("0841") == "0353"
    assert intent_code("111") is None  # criticism has no intent code


@pytest.mark.model
def test_considering_sanctions_is_a_threat_not_a_sanction(articles: dict[str, Article]) -> None:
    got = codes(articles["considering"])
    assert got["1312"] == ("CAN", "MEX", "asserted")
    assert got["163"][2] == "planned"  # the sanction itself has not happened


@pytest.mark.model
def test_offer_to_give_aid_is_an_intent(articles: dict[str, Article]) -> None:
    got = codes(articles["offered"])
    assert got["0333"][:2] == ("MEX", "CAN")
    assert "030" not in got  # the offer is the intent to give aid, coded once
    assert all(m != "asserted" for c, (_, _, m) in got.items() if c.startswith("07"))


@pytest.mark.model
def test_pronoun_in_reported_speech_is_the_speaker(articles: dict[str, Article]) -> None:
    got = codes(articles["said_it"])
    assert got["051"][:2] == ("MEX", "CAN")
    assert got["032"] == ("MEX", "CAN", "reported")


@pytest.mark.model
def test_conjecture_expresses_no_threat(articles: dict[str, Article]) -> None:
    got = codes(articles["may"])
    assert got["163"][2] == "hypothetical"
    assert not any(c.startswith("13") for c in got)


@pytest.mark.model
def test_protest_without_target_is_aimed_at_the_place(articles: dict[str, Article]) -> None:
    e = next(e for e in articles["protest"].events if e.cameo.startswith("14"))
    assert (e.source.country, e.target.country if e.target else None) == ("MEX", "CAN")
    assert e.quad_class == 4
    assert (
        e.sentence[e.target.start - e.sentence_start :].startswith("Canada") if e.target else False
    )
