"""Vocabulary of the rule coder (issue #5, invented sentences): acts named by nouns
with their doers ("X's annexation", "a request by X", "aid from X"), acts under a
reaction verb, gerunds after a preposition of time, public statements (CAMEO 01),
and verbs and phrases whose code the codebook decides (telephone talks, handing over
evidence, military deliveries, arson, mobilisation, chemical weapons, mass
expulsion, missile tests, barred inspectors, massacres, welcoming an act)."""

from __future__ import annotations

import pytest

from storyline.models import Article, Event

pytestmark = pytest.mark.model

TEXTS = {
    # acts named by a noun, a gerund or a relative clause
    "annexation_poss": "Greece condemned Turkey's annexation of the disputed island on Tuesday.",
    "annexation_by": "The United Nations condemned the annexation of the peninsula by Russia.",
    "release_poss": "Kenya welcomed Uganda's release of forty prisoners last week.",
    "release_poss_2": "Chile praised Bolivia's release of the captives.",
    "request_by": "Chile rejected a request by Peru for new border talks.",
    "appeal_by": "Egypt ignored an appeal by Jordan for calm.",
    "aid_from": "Ukraine received military aid from Poland on Monday.",
    "aid_from_2": "Haiti accepted emergency assistance from Canada after the storm.",
    "offer_of": "Colombia accepted an offer of talks from Norway.",
    "holding_after": (
        "Kenyan police released Ugandan opposition leader Kizza Besigye after holding "
        "him for a week."
    ),
    "detaining_before": "Egyptian police questioned Ahmed Nazif for hours before detaining him.",
    "held_responsible": "Britain held Russia responsible for the poisoning.",
    "called_liar": "Venezuela called Colombia a liar.",
    # public statements (01)
    "optimistic": "Iran said it was optimistic about the nuclear talks with France.",
    "optimistic_2": "The Japanese prime minister is optimistic about relations with China.",
    "pessimistic": "Officials in Seoul were pessimistic about the talks with North Korea.",
    "no_comment": "The Egyptian foreign ministry declined to comment on the Israeli report.",
    "no_comment_2": "A Kenyan army spokesman refused to elaborate on the raid.",
    "wreath": "The German chancellor laid a wreath at the memorial in Warsaw.",
    "wreath_2": "Japan's prime minister placed flowers at a war memorial in Manila.",
    "responsibility": (
        "A Pakistani militant group claimed responsibility for the attack on Indian soldiers."
    ),
    "responsibility_2": "Kurdish rebels admitted responsibility for the bombing in Ankara.",
    "condolences": "The French president offered condolences to Morocco after the earthquake.",
    "condolences_2": "Canada sent its condolences to Turkey after the floods.",
    # verbs and phrases
    "phone": "The Polish president spoke by telephone with his Lithuanian counterpart on Monday.",
    "phone_2": "The Kenyan foreign minister talked over the phone with Uganda's president.",
    "evidence": "Pakistan handed over evidence to India about the bombing.",
    "documents": "Serbia passed documents on the massacre to Croatia.",
    "crossing": "China and Kazakhstan opened a new border crossing on Friday.",
    "crossing_2": "Peru and Ecuador reopened the checkpoint at the frontier.",
    "armour": "Russia delivered armoured vehicles to Serbia last month.",
    "armour_2": "France supplied helicopters to Chad in March.",
    "arson": "Serbian nationalists set fire to the Albanian embassy in Belgrade.",
    "arson_2": "Angry Egyptian protesters set fire to the Israeli consulate.",
    "troops_border": "India sent troops to the border with Pakistan.",
    "troops_border_2": "Turkey moved tanks to its frontier with Syria.",
    "reservists": "Armenia called up reservists after clashes with Azerbaijan.",
    "reservists_2": "Ethiopia called up thousands of reservists to face Eritrea.",
    "chemical": "Syrian forces used chemical gas against rebels near Damascus.",
    "chemical_2": "Iraqi warplanes dropped chemical bombs on Iranian villages.",
    "chemical_attack": "Iran condemned Iraq's chemical attack on Iranian troops.",
    "expelled_mass": "Myanmar soldiers drove thousands of Rohingya into Bangladesh.",
    "expelled_mass_2": "Sudanese militias forced hundreds of villagers from their homes.",
    "fired_on": "Indian soldiers fired on Pakistani positions along the border.",
    "fired_at": "Greek coast guards fired at a Turkish fishing boat.",
    "air_strikes": "Israeli air strikes on Gaza killed three people overnight.",
    "air_raid": "Russian air raids against Syrian rebels continued on Monday.",
    # the codebook's root
    "missile_test": "North Korea test-fired a ballistic missile on Sunday.",
    "missile_launch": "North Korea launched a missile over Japan.",
    "missile_at": "Hamas fired rockets at Israeli towns.",
    "missile_test_noun": "South Korea condemned North Korea's missile test.",
    "inspectors": "Iraq barred United Nations inspectors from the site.",
    "inspectors_2": "Iran blocked International Atomic Energy Agency inspectors.",
    "massacre": "Serb forces massacred hundreds of Bosnian Muslims.",
    "massacre_2": "Rwandan militias slaughtered Tutsi villagers in Kibuye.",
    "welcomed_decision": "Kenya welcomed the decision by Uganda to reopen the border.",
    "welcomed_step": "Japan welcomed China's move to resume talks.",
    "welcomed_guest": "Kenya welcomed the Ugandan delegation at the airport.",
    "retook": "Malian troops retook the town from the rebels.",
    "seized_town": "Russian forces seized the Ukrainian town of Izium.",
}


def found(article: Article, root: str) -> list[Event]:
    return [e for e in article.events if e.cameo.startswith(root)]


def pair(e: Event) -> tuple[str | None, str | None]:
    return e.source.country, e.target.country if e.target else None


@pytest.mark.parametrize(
    ("name", "cameo", "dyad"),
    [
        ("annexation_poss", "192", ("TUR", None)),
        ("annexation_by", "192", ("RUS", None)),
        ("release_poss", "0841", ("UGA", None)),
        ("release_poss_2", "0841", ("BOL", None)),
        ("request_by", "020", ("PER", None)),
        ("appeal_by", "020", ("JOR", None)),
        ("aid_from", "070", ("POL", "UKR")),
        ("aid_from_2", "070", ("CAN", "HTI")),
    ],
)
def test_an_act_named_by_a_noun_has_its_doer(
    articles: dict[str, Article], name: str, cameo: str, dyad: tuple[str, str | None]
) -> None:
    # The possessor or the "by"/"from" phrase does the act, even under a verb that
    # reacts to it (condemned, welcomed, rejected) and codes an event of its own.
    got = [pair(e) for e in found(articles[name], cameo)]
    assert dyad in got, articles[name].events


@pytest.mark.parametrize(("name", "reaction"), [("annexation_poss", "111"), ("request_by", "120")])
def test_the_reaction_to_a_named_act_stays_coded(
    articles: dict[str, Article], name: str, reaction: str
) -> None:
    assert found(articles[name], reaction), articles[name].events


def test_an_offered_act_is_not_yet_done(articles: dict[str, Article]) -> None:
    talks = found(articles["offer_of"], "040")
    assert talks and all(e.modality == "planned" for e in talks), articles["offer_of"].events
    assert all(e.source.country == "NOR" for e in talks)


@pytest.mark.parametrize(
    ("name", "source"), [("holding_after", "KEN"), ("detaining_before", "EGY")]
)
def test_a_gerund_after_a_preposition_of_time_shares_the_subject(
    articles: dict[str, Article], name: str, source: str
) -> None:
    got = [e.source.country for e in found(articles[name], "173")]
    assert source in got, articles[name].events


@pytest.mark.parametrize(("name", "wrong"), [("held_responsible", "173"), ("called_liar", "041")])
def test_a_judgement_on_an_actor_is_not_the_act(
    articles: dict[str, Article], name: str, wrong: str
) -> None:
    # "held X responsible", "called X a liar": the verb predicates, it does not detain
    # or telephone.
    assert not found(articles[name], wrong), articles[name].events


@pytest.mark.parametrize(
    ("name", "cameo", "source"),
    [
        ("optimistic", "013", "IRN"),
        ("optimistic_2", "013", "JPN"),
        ("pessimistic", "012", "KOR"),
        ("no_comment", "011", "EGY"),
        ("no_comment_2", "011", "KEN"),
        ("wreath", "017", "DEU"),
        ("wreath_2", "017", "JPN"),
        ("responsibility", "015", "PAK"),
        ("responsibility_2", "015", None),
        ("condolences", "018", "FRA"),
        ("condolences_2", "018", "CAN"),
    ],
)
def test_public_statements_have_their_own_codes(
    articles: dict[str, Article], name: str, cameo: str, source: str | None
) -> None:
    got = found(articles[name], cameo)
    assert got, articles[name].events
    if source is not None:
        assert source in {e.source.country for e in got}
    # no longer read as a promise, a rejection or an offer
    assert not found(articles[name], "03") and not found(articles[name], "12")


@pytest.mark.parametrize(
    ("name", "cameo", "dyad"),
    [
        ("phone", "041", ("POL", "LTU")),
        ("phone_2", "041", ("KEN", "UGA")),
        ("evidence", "064", ("PAK", "IND")),
        ("documents", "064", ("SRB", "HRV")),
        ("crossing", "086", ("CHN", "KAZ")),
        ("crossing_2", "086", ("PER", "ECU")),
        ("armour", "072", ("RUS", "SRB")),
        ("armour_2", "072", ("FRA", "TCD")),
        ("arson", "1712", ("SRB", "ALB")),
        ("arson_2", "1712", ("EGY", "ISR")),
        ("troops_border", "154", ("IND", "PAK")),
        ("troops_border_2", "154", ("TUR", "SYR")),
        ("reservists", "154", ("ARM", "AZE")),
        ("reservists_2", "154", ("ETH", "ERI")),
        ("chemical", "2041", ("SYR", "SYR")),
        ("chemical_2", "2041", ("IRQ", "IRN")),
        ("chemical_attack", "2041", ("IRQ", "IRN")),
        ("expelled_mass", "201", ("MMR", "MMR")),
        ("expelled_mass_2", "201", ("SDN", "SDN")),
        ("fired_on", "190", ("IND", "PAK")),
        ("fired_at", "190", ("GRC", "TUR")),
        ("air_strikes", "195", ("ISR", "PSE")),
        ("air_raid", "195", ("RUS", "SYR")),
        ("missile_test", "150", ("PRK", None)),
        ("missile_launch", "150", ("PRK", "JPN")),
        ("missile_at", "190", ("PSE", "ISR")),
        ("missile_test_noun", "150", ("PRK", None)),
        ("massacre", "202", ("SRB", "BIH")),
        ("massacre_2", "202", ("RWA", "RWA")),
        ("welcomed_decision", "051", ("KEN", "UGA")),
        ("welcomed_step", "051", ("JPN", "CHN")),
        ("welcomed_guest", "043", ("KEN", "UGA")),
        ("retook", "192", ("MLI", None)),
        ("seized_town", "192", ("RUS", "UKR")),
    ],
)
def test_the_codebook_code_of_a_phrase(
    articles: dict[str, Article], name: str, cameo: str, dyad: tuple[str, str | None]
) -> None:
    got = {pair(e) for e in articles[name].events if e.cameo == cameo and not e.negated}
    assert dyad in got, articles[name].events


@pytest.mark.parametrize(
    ("name", "source", "body"),
    [
        ("inspectors", "IRQ", "United Nations"),
        ("inspectors_2", "IRN", "International Atomic Energy Agency"),
    ],
)
def test_barring_inspectors_withdraws_them_from_their_body(
    articles: dict[str, Article], name: str, source: str, body: str
) -> None:
    got = {
        (e.source.country, e.target.name if e.target else None)
        for e in found(articles[name], "1662")
    }
    assert (source, body) in got, articles[name].events


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("missile_test", "19"),
        ("inspectors", "1722"),
        ("massacre", "18"),
        ("welcomed_decision", "043"),
        ("seized_town", "1711"),
        ("condolences", "030"),
    ],
)
def test_the_competing_code_is_not_given(
    articles: dict[str, Article], name: str, wrong: str
) -> None:
    assert not found(articles[name], wrong), articles[name].events
