"""Control, relative clauses, obligations, plans, context targets and "as he said"
(issue #5). Every sentence is invented; the real spaCy model parses them."""

from __future__ import annotations

import pytest
from _events import found, pair

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "deter": "The protests did not deter Canada from adding three Mexican banks to a "
    "sanctions blacklist.",
    "prevent": "Canada prevented Mexico from sending troops to Cuba on Monday.",
    "relative": "Mexico, which imposed sanctions on Canada in May, changed its trade policy.",
    "aid_with": "Canada supported Ukraine with aid and weapons last year.",
    "plan_noun": "Canada develops a plan for the softening of sanctions against Mexico.",
    "counter": (
        "Canada imposed sanctions on Mexico in May. "
        "Mexican lawmakers are scheduled to debate counter-sanctions on Friday."
    ),
    "obligation": "The Canadian government said on Tuesday that Mexico must withdraw its troops.",
    "declined": "Canada declined to comment on the Mexican proposal.",
    "group_place": "Rebels in Mexico blocked roads on Sunday.",
    "threatened": "Canada threatened to impose new tariffs on Mexico.",
    "engage": "Canada and Mexico could engage in dialogue on energy prices.",
    "as_said": (
        "Mexican Foreign Minister Marcelo Ebrard met reporters in Ottawa. "
        "As he said, Mexico and Canada will expand their trade in grain next year."
    ),
    "short_marks": (
        'Mexican Foreign Minister Marcelo Ebrard said that Mexico is "seriously '
        'weighing" new tariffs on Canadian wood.'
    ),
}


def test_object_of_deter_adds_to_blacklist(articles: dict[str, Article]) -> None:
    (e,) = found(articles["deter"], "16")
    assert pair(e) == ("CAN", "MEX")
    assert not e.negated and e.modality == "asserted"


def test_prevented_act_is_negated(articles: dict[str, Article]) -> None:
    (e,) = found(articles["prevent"], "07")
    assert e.source.country == "MEX"
    assert e.negated


def test_relative_pronoun_is_its_antecedent(articles: dict[str, Article]) -> None:
    (e,) = found(articles["relative"], "163")
    assert pair(e) == ("MEX", "CAN")


def test_support_with_aid_is_material_aid(articles: dict[str, Article]) -> None:
    events = found(articles["aid_with"], "07")
    assert [pair(e) for e in events] == [("CAN", "UKR")]
    assert not found(articles["aid_with"], "05")


def test_plan_for_softening_sanctions_is_planned_easing(articles: dict[str, Article]) -> None:
    (e,) = found(articles["plan_noun"], "085")
    assert pair(e) == ("CAN", "MEX")
    assert e.modality == "planned"


def test_counter_sanctions_target_the_sanctioning_country(
    articles: dict[str, Article],
) -> None:
    events = {(pair(e), e.modality) for e in found(articles["counter"], "163")}
    assert events == {(("CAN", "MEX"), "asserted"), (("MEX", "CAN"), "planned")}


def test_must_in_reported_speech_is_a_demand(articles: dict[str, Article]) -> None:
    (e,) = found(articles["obligation"], "10")
    assert pair(e) == ("CAN", "MEX")
    withdrawals = found(articles["obligation"], "087")
    assert all(w.modality == "hypothetical" for w in withdrawals)


def test_declining_to_comment_is_no_rejection(articles: dict[str, Article]) -> None:
    assert not found(articles["declined"], "12")


def test_group_named_by_place_protests_at_home(articles: dict[str, Article]) -> None:
    (e,) = found(articles["group_place"], "144")
    assert pair(e) == ("MEX", "MEX")


def test_threatening_a_sanction_is_the_specific_threat(articles: dict[str, Article]) -> None:
    counted = {
        (e.cameo, pair(e))
        for e in articles["threatened"].events
        if e.modality in ("asserted", "reported")
    }
    assert ("1312", ("CAN", "MEX")) in counted
    assert all(not c.startswith("16") for c, _ in counted)


def test_engage_in_dialogue_is_no_fight(articles: dict[str, Article]) -> None:
    assert not found(articles["engage"], "19")


def test_as_he_said_attributes_the_main_clause(articles: dict[str, Article]) -> None:
    (q,) = articles["as_said"].quotes
    assert q.speaker_name == "Marcelo Ebrard"
    assert q.kind == "indirect"
    assert q.text.startswith("Mexico and Canada will expand")


def test_short_quoted_phrase_keeps_indirect_speech(articles: dict[str, Article]) -> None:
    (q,) = articles["short_marks"].quotes
    assert q.kind == "indirect"
    assert q.speaker_name == "Marcelo Ebrard"
    assert "new tariffs" in q.text
