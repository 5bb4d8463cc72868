"""Acts handled, not made, and aims no more real than their means (issue #5, invented
sentences): a light verb's subject does not make an accusation it dismisses or a
request it considers; sanctions relief given is an easing, not humanitarian relief; a
purpose clause under a possible act is itself only possible; a habit is no event; a denied act is not asserted."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "called_nonsense": "The Kremlin called the accusations against him total nonsense.",
    "dismissed_claims": "Beijing on Monday called the criticism from Tokyo groundless.",
    "considered_request": "The Kenyan cabinet considered the request from Uganda on Friday.",
    "issued_demand": "Iran issued a demand to Iraq for the return of its pilots.",
    "traded_accusations": "Ethiopia and Eritrea traded accusations over the border clashes.",
    "relief_planned": "Washington is preparing to give Moscow sanctions relief.",
    "relief_given": "The European Union granted Iran sanctions relief on Monday.",
    "food_relief": "France sent relief supplies to Morocco after the earthquake.",
    "purpose_possible": ("Japan could hold talks with China next month to improve trade ties."),
    "purpose_planned": "Turkey will send troops to Syria to fight Kurdish militants.",
    "purpose_done": "Qatar sent a delegation to Kabul on Monday to meet Afghan leaders.",
    "habit_every": "Thousands of Polish workers travel to Germany every summer to pick fruit.",
    "habit_usually": "Indian pilgrims usually visit Nepal in May.",
    "habit_each": "Chinese officials visit Pakistan each year for talks.",
    "one_visit": "Chinese officials visited Pakistan on Monday for talks.",
    "denied_gerund": "Pakistan denied supplying weapons to the Taliban.",
    "denied_attacking": "Russia on Friday denied attacking the Ukrainian convoy near Kharkiv.",
    "denied_that": "Rwanda denied that its troops had shelled the Congolese border town.",
    "denied_entry": "Egypt denied entry to the Sudanese envoy.",
}


def codes(article: Article) -> list[tuple[str, str, str | None, str]]:
    return [
        (e.cameo, e.source.country or "", e.target.country if e.target else None, e.modality)
        for e in article.events
        if not e.negated
    ]


@pytest.mark.parametrize("name", ["called_nonsense", "dismissed_claims", "considered_request"])
def test_a_light_verb_that_handles_an_act_does_not_make_it(
    articles: dict[str, Article], name: str
) -> None:
    got = codes(articles[name])
    # the subject neither accused, criticised nor asked: those were someone else's acts
    assert not [c for c in got if c[0][:2] in ("02", "11") and c[1] in ("RUS", "CHN", "KEN")], got


def test_a_light_verb_that_makes_an_act_lends_its_subject(
    articles: dict[str, Article],
) -> None:
    assert any(
        c[0].startswith("10") and c[1:3] == ("IRN", "IRQ") for c in codes(articles["issued_demand"])
    ), codes(articles["issued_demand"])
    traded = codes(articles["traded_accusations"])
    assert any(c[0].startswith("11") and c[1] == "ETH" for c in traded), traded


@pytest.mark.parametrize(
    ("name", "dyad", "modality"),
    [("relief_planned", ("USA", "RUS"), "planned"), ("relief_given", ("IRN",), "asserted")],
)
def test_sanctions_relief_given_is_an_easing(
    articles: dict[str, Article], name: str, dyad: tuple[str, ...], modality: str
) -> None:
    got = codes(articles[name])
    assert not [c for c in got if c[0].startswith("07")], got
    assert any(c[0] == "085" and c[3] == modality and dyad[-1] == c[2] for c in got), got


def test_relief_supplies_stay_aid(articles: dict[str, Article]) -> None:
    got = codes(articles["food_relief"])
    assert any(c[0].startswith("07") and c[1:3] == ("FRA", "MAR") for c in got), got


@pytest.mark.parametrize(
    ("name", "root", "modality"),
    [("purpose_possible", "0", "hypothetical"), ("purpose_planned", "19", "planned")],
)
def test_an_aim_is_no_more_real_than_its_means(
    articles: dict[str, Article], name: str, root: str, modality: str
) -> None:
    got = [c for c in codes(articles[name]) if c[0].startswith(root)]
    assert got and all(c[3] == modality for c in got if c[0][:2] in ("04", "05", "06", "19")), got


def test_the_aim_of_a_done_act_is_still_coded(articles: dict[str, Article]) -> None:
    got = codes(articles["purpose_done"])
    assert any(c[0].startswith("04") and c[1] == "QAT" and c[3] == "asserted" for c in got), got


@pytest.mark.parametrize("name", ["habit_every", "habit_usually", "habit_each"])
def test_a_habit_is_no_event(articles: dict[str, Article], name: str) -> None:
    assert codes(articles[name]) == []


def test_a_dated_visit_is_an_event(articles: dict[str, Article]) -> None:
    got = codes(articles["one_visit"])
    assert any(c[0].startswith("04") and c[1:3] == ("CHN", "PAK") for c in got), got


@pytest.mark.parametrize(
    ("name", "source", "act"),
    [
        ("denied_gerund", "PAK", "07"),
        ("denied_attacking", "RUS", "19"),
        ("denied_that", "RWA", "19"),
    ],
)
def test_a_denial_denies_responsibility_and_asserts_nothing(
    articles: dict[str, Article], name: str, source: str, act: str
) -> None:
    got = codes(articles[name])
    assert any(c[0] == "016" and c[1] == source for c in got), got
    assert not [c for c in got if c[0][:2] in ("12", act) and c[3] in ("asserted", "reported")], got


def test_denying_entry_is_still_a_refusal(articles: dict[str, Article]) -> None:
    got = codes(articles["denied_entry"])
    assert any(c[0] == "1245" and c[1:3] == ("EGY", "SDN") for c in got), got
