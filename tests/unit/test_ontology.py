"""The codebook's documented crosswalk choices (ONTOLOGY.md sections 5-7)."""

from __future__ import annotations

from storyline import ontology


def test_signing_an_agreement_is_support_as_in_both_plover_crosswalks() -> None:
    code = ontology.lookup("057")
    assert code.plover == "SUPPORT"
    assert code.goldstein == 8.0
    assert code.quad_class == 1


def test_an_intent_to_cooperate_is_agree_not_support() -> None:
    assert ontology.lookup("030").plover == "AGREE"
    assert ontology.lookup("036").plover == "AGREE"


def test_codes_added_for_recall_exist_with_their_quad() -> None:
    # Coded by the rules for asylum sought, summoned envoys and reneging.
    assert ontology.lookup("1033").quad_class == 3
    assert ontology.lookup("114").quad_class == 3
    assert ontology.lookup("120").plover == "REJECT"
