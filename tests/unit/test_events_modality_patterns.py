"""Event patterns and modality (invented sentences, real model): obligations reported
as demands, acts begun, negated commitments, attempts, military posture, strikes and
stoppages, joint war games, easing of domestic measures."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    # reported obligations
    "has_to": "China insisted that Japan has to apologise for the remarks.",
    "must": "Brazil concluded that Argentina must cut its tariffs.",
    "needs_to": "The Arab League said Israel needs to halt the raids.",
    "had_to": "Chilean officials said Bolivia had to close its border last year.",
    # acts begun
    "began_shelling": "Kenyan troops began shelling Somali positions.",
    "started_to": "Ethiopian forces started to withdraw from Somalia.",
    "prepared_resume": "The Egyptian army prepared to resume shelling Libyan positions.",
    # negated commitments
    "vowed_not": "Turkey vowed not to send troops to Syria.",
    "pledged_never": "Iran pledged never to recognise Israel.",
    "vowed_to": "Turkey vowed to send food to Syria.",
    # attempts
    "attempted": "Gunmen attempted to assassinate the Kenyan interior minister in Nairobi.",
    "tried": "Ugandan rebels tried to kill the Kenyan ambassador in Kampala.",
    "attempt_foiled": "An attempt to kill the Peruvian president was foiled in Lima.",
    "plot_thwarted": "A plot to assassinate the Nigerian governor was thwarted in Kano.",
    "owned_attempt": "The Sudanese rebels' attempt to kill the Ugandan envoy failed.",
    "attempt_ties": "Kenya's attempt to improve ties with Uganda failed.",
    # military posture
    "remained_alert": "Indian troops remained on alert along the border with Pakistan.",
    "placed_alert": "Pakistan placed its air force on maximum alert.",
    "passive_alert": "Canadian troops were put on high alert.",
    "prepared_offensive": "Russia prepared to launch an offensive against Ukrainian positions.",
    "poised": "Syrian troops were poised to storm the Lebanese town of Zahle.",
    "threatened_attack": "Russia threatened to attack Ukrainian positions.",
    # strikes and stoppages
    "stopped_work": "Thousands of miners stopped work in Chile on Monday.",
    "went_on_strike": "Teachers in Malawi went on strike on Monday.",
    "staged_walkout": "Bus drivers in Kenya staged a walkout on Friday.",
    "walked_off": "Workers in Spain walked off the job over pay.",
    "began_strike": "Nurses in Ghana began a strike over unpaid wages.",
    "strikes_on": "Israel began strikes on Gaza.",
    # joint exercises
    "joint_war_games": "Indian and French warships launched joint war games in the Arabian Sea.",
    "joint_drills": "Russia and China began joint naval drills near Vladivostok.",
    # easing domestic measures; calling off a strike
    "shortened_curfew": "The Nepalese government shortened the curfew in Kathmandu.",
    "ended_emergency": "The Thai government ended the state of emergency in Bangkok.",
    "lifted_emergency": "The Peruvian government lifted the state of emergency in Lima.",
    "called_off": "Nigerian doctors called off their strike on Friday.",
    "union_called_off": "The Kenyan teachers' union called off its strike after talks.",
}


def found(article: Article, code: str) -> list[tuple[str | None, str | None, str, bool]]:
    """(source country, target country, modality, negated) of the events coded ``code``."""
    return [
        (e.source.country, e.target.country if e.target else None, e.modality, e.negated)
        for e in article.events
        if e.cameo == code
    ]


def roots(article: Article, root: str) -> list[tuple[str | None, str | None, str, bool]]:
    return [
        (e.source.country, e.target.country if e.target else None, e.modality, e.negated)
        for e in article.events
        if e.cameo.startswith(root)
    ]


@pytest.mark.parametrize(
    ("name", "dyad", "act"),
    [("has_to", ("CHN", "JPN"), "055"), ("must", ("BRA", "ARG"), "085"), ("needs_to", None, None)],
)
def test_a_reported_obligation_is_a_demand_and_the_act_is_not_done(
    articles: dict[str, Article], name: str, dyad: tuple[str, str] | None, act: str | None
) -> None:
    a = articles[name]
    demands = {(s, t) for s, t, _, _ in found(a, "100")}
    if dyad is not None:
        assert dyad in demands, a.events
    else:
        assert {t for _, t in demands} == {"ISR"}, a.events
    if act is not None:
        assert {m for *_, m, _ in found(a, act)} == {"hypothetical"}, a.events


def test_a_past_had_to_reports_an_act_not_a_demand(articles: dict[str, Article]) -> None:
    a = articles["had_to"]
    assert not found(a, "100"), a.events
    assert {m for *_, m, _ in roots(a, "19")} == {"reported"}, a.events


@pytest.mark.parametrize(("name", "code"), [("began_shelling", "194"), ("started_to", "087")])
def test_an_act_begun_is_under_way(articles: dict[str, Article], name: str, code: str) -> None:
    got = found(articles[name], code)
    assert got and all(m == "asserted" for *_, m, _ in got), articles[name].events


def test_an_act_prepared_stays_planned(articles: dict[str, Article]) -> None:
    got = found(articles["prepared_resume"], "194")
    assert got and all(m == "planned" for *_, m, _ in got), articles["prepared_resume"].events


@pytest.mark.parametrize(
    ("name", "refusal", "dyad"),
    [("vowed_not", "122", ("TUR", "SYR")), ("pledged_never", "120", ("IRN", "ISR"))],
)
def test_a_negated_commitment_is_a_refusal_only(
    articles: dict[str, Article], name: str, refusal: str, dyad: tuple[str, str]
) -> None:
    a = articles[name]
    assert (*dyad, "asserted", False) in found(a, refusal), a.events
    assert not found(a, "030"), a.events


def test_a_commitment_to_cooperate_is_still_an_intent(articles: dict[str, Article]) -> None:
    a = articles["vowed_to"]
    assert ("TUR", "SYR", "asserted", False) in found(a, "0333"), a.events
    assert not any(found(a, c) for c in ("120", "122", "1223")), a.events


@pytest.mark.parametrize(
    ("name", "dyad"),
    [
        ("attempted", ("KEN", "KEN")),
        ("tried", ("UGA", "KEN")),
        ("attempt_foiled", ("PER", "PER")),
        ("plot_thwarted", ("NGA", "NGA")),
        ("owned_attempt", ("SDN", "UGA")),
    ],
)
def test_an_attempted_assault_is_the_assault(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    got = roots(articles[name], "18")
    assert (*dyad, "asserted", False) in got, articles[name].events


@pytest.mark.parametrize(
    ("name", "dyad"),
    [
        ("remained_alert", ("IND", "PAK")),
        ("placed_alert", ("PAK", None)),
        ("passive_alert", ("CAN", None)),
    ],
)
def test_alert_status_is_152(
    articles: dict[str, Article], name: str, dyad: tuple[str, str | None]
) -> None:
    assert (*dyad, "asserted", False) in found(articles[name], "152"), articles[name].events


@pytest.mark.parametrize(
    ("name", "dyad", "act"),
    [("prepared_offensive", ("RUS", "UKR"), "190"), ("poised", ("SYR", "LBN"), "190")],
)
def test_preparing_an_attack_shows_force(
    articles: dict[str, Article], name: str, dyad: tuple[str, str], act: str
) -> None:
    a = articles[name]
    assert (*dyad, "asserted", False) in found(a, "150"), a.events
    assert {m for *_, m, _ in found(a, act)} == {"planned"}, a.events
    assert not roots(a, "13"), a.events  # a posture, not a verbal threat


def test_threatening_an_attack_is_a_threat_not_a_posture(articles: dict[str, Article]) -> None:
    a = articles["threatened_attack"]
    assert roots(a, "13") and not found(a, "150"), a.events


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("stopped_work", "CHL"),
        ("went_on_strike", "MWI"),
        ("staged_walkout", "KEN"),
        ("walked_off", "ESP"),
        ("began_strike", "GHA"),
    ],
)
def test_stopping_work_is_a_strike_at_home(
    articles: dict[str, Article], name: str, country: str
) -> None:
    got = found(articles[name], "143")
    assert (country, country, "asserted", False) in got, articles[name].events


def test_strikes_on_a_place_are_military(articles: dict[str, Article]) -> None:
    a = articles["strikes_on"]
    assert not roots(a, "14"), a.events
    assert ("ISR", "PSE", "asserted", False) in found(a, "190"), a.events


@pytest.mark.parametrize(
    ("name", "pair"), [("joint_war_games", {"IND", "FRA"}), ("joint_drills", {"RUS", "CHN"})]
)
def test_joint_exercises_are_military_cooperation(
    articles: dict[str, Article], name: str, pair: set[str]
) -> None:
    got = found(articles[name], "062")
    assert any({s, t} == pair for s, t, _, _ in got), articles[name].events
    assert not roots(articles[name], "15"), articles[name].events


@pytest.mark.parametrize(
    ("name", "code", "country"),
    [
        ("shortened_curfew", "0813", "NPL"),
        ("ended_emergency", "0814", "THA"),
        ("lifted_emergency", "0814", "PER"),
        ("called_off", "082", "NGA"),
        ("union_called_off", "082", "KEN"),
    ],
)
def test_easing_at_home_targets_the_home_country(
    articles: dict[str, Article], name: str, code: str, country: str
) -> None:
    got = found(articles[name], code)
    assert (country, country, "asserted", False) in got, articles[name].events


def test_an_attempt_with_no_agent_has_an_unnamed_attacker(articles: dict[str, Article]) -> None:
    (e,) = [e for e in articles["attempt_foiled"].events if e.cameo.startswith("18")]
    assert e.source.entity_id is None and e.modality == "asserted", e


def test_an_attempt_at_cooperation_is_not_an_act(articles: dict[str, Article]) -> None:
    # Only attempted violence is coded as the act (CAMEO 185/186, 18x).
    assert not roots(articles["attempt_ties"], "05"), articles["attempt_ties"].events
