"""Wire-style acts the coder must recognise (issue #5, round 3; invented sentences with
datelines, attributions and two acts each): verbs and verb phrases of each CAMEO root,
intents in reported speech, acts named by a noun, one event per act, and criticism
phrased as naming."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    # 07: a loan or a sum approved or disbursed is economic aid (071)
    "loan_approved": (
        "NAIROBI, March 4 (Reuters) - The World Bank on Monday approved a $150 million loan "
        "to Kenya for road building, a spokesman for the lender said, days after Nairobi "
        "asked for support."
    ),
    "sum_disbursed": (
        "BRUSSELS - The European Union disbursed 600 million euros to Moldova on Tuesday, "
        "the second tranche of its aid package, officials said."
    ),
    # 15: warships sent somewhere show force; not military aid
    "warships_sent": (
        '"We will not be intimidated," the admiral said on Monday, after the United States '
        "dispatched three warships to the Black Sea last week."
    ),
    "frigate_deployed": (
        "Officials in Beijing said China had deployed a frigate to the disputed waters "
        "near Vietnam on Friday."
    ),
    # 15: a weapon test-fired is a show of force, also "into the sea"
    "test_fired": (
        "SEOUL - North Korea test-fired two cruise missiles into the sea off its east coast "
        "on Wednesday, South Korea's military said, the second launch this month."
    ),
    "test_launched": "Iran test-launched a new long-range rocket on Sunday, state television reported.",
    # 08: a prisoner exchange releases people both ways
    "prisoners_swapped": (
        "Ukraine and Russia swapped dozens of prisoners of war on Thursday in a deal "
        "brokered by the United Arab Emirates."
    ),
    "prisoners_exchanged": (
        "Armenia and Azerbaijan exchanged prisoners at the border on Friday, officials in "
        "both capitals said."
    ),
    # 16: an envoy recalled downgrades relations with the host
    "ambassador_recalled": (
        "Peru recalled its ambassador to Mexico on Tuesday in protest at remarks by the "
        "Mexican president."
    ),
    "envoy_withdrawn": "Algeria withdrew its envoy from Madrid, the foreign ministry in Algiers said.",
    # 16: cooperation halted
    "cooperation_suspended": (
        "Pakistan said on Saturday it was suspending intelligence cooperation with "
        "Afghanistan after the border clashes."
    ),
    "coordination_halted": (
        "Niger halted security coordination with France, the junta said in a statement "
        "read on state television."
    ),
    # 16: assets frozen are a sanction on their owner
    "assets_frozen": "Britain froze the assets of three Iranian banks on Monday, the Treasury said.",
    "accounts_frozen": "Canada has frozen bank accounts held by Russian oligarchs, Ottawa said.",
    # 19: heavy fire, weapon unnamed
    "pounded": (
        "Ethiopian artillery pounded Tigrayan towns overnight, residents said, as "
        "fighting entered a third week."
    ),
    "bombarded": "Ethiopian warplanes bombarded Tigrayan towns on Sunday, aid workers said.",
    # 19: drones launched at a target strike from the air (195)
    "drones_launched": (
        "Russia launched dozens of drones at Ukrainian cities overnight, the Ukrainian air "
        "force said on Tuesday."
    ),
    "drones_fired": "Ukraine fired drones at Russian oil refineries on Friday, Moscow said.",
    # 16: walking out of talks halts negotiations (164)
    "walked_out": (
        "The Serbian delegation walked out of the talks with Kosovo in Brussels on Monday, "
        "EU officials said."
    ),
    "pulled_out": (
        "Venezuela pulled out of the negotiations with the opposition, its chief "
        "negotiator announced."
    ),
    # 16: an order to leave expels (166), it is no mere demand
    "ordered_to_leave": (
        "Mali ordered the French ambassador to leave the country within 72 hours, state "
        "television said on Monday."
    ),
    "told_to_leave": (
        "Kuwait told four Iranian diplomats to leave the country after the raid, the "
        "foreign ministry said."
    ),
    # 12: entry or access denied to an actor
    "entry_refused": (
        "Egyptian border guards refused the Sudanese officials entry at the crossing, a "
        "source said."
    ),
    "access_denied": "Israel denied the Jordanian envoys access to the mosque on Friday.",
    "denied_passive": (
        "Palestinian officials were denied access to the mosque by Israeli police on "
        "Friday, the Waqf said."
    ),
    "refused_passive": "The Turkish journalists were refused entry by Egyptian border guards.",
    # 17 vs 11: a sentence is legal action (173), a verdict of guilt 116
    "sentenced_prison": (
        "A Moscow court on Friday sentenced the American journalist to 16 years in prison, "
        "Russian news agencies reported."
    ),
    "sentenced_espionage": (
        "An Iranian court sentenced a French tourist to eight years in prison on espionage charges."
    ),
    "convicted": (
        "A Turkish court convicted the German journalist of spreading propaganda on Tuesday."
    ),
    # 06 + intent: trade in energy; "keep", "will", "would continue"
    "keep_buying": (
        "The Indian oil minister said on Monday that New Delhi would keep buying oil from "
        "Russia despite Western pressure."
    ),
    "will_supply_gas": (
        "Qatar will supply liquefied natural gas to Germany from next year, the Qatari "
        "energy minister said."
    ),
    "continue_aid": "Japan said on Tuesday it would continue to provide aid to Ukraine.",
    "continue_food": "Canada said it would continue to supply food to Haiti despite the violence.",
    # 04 refused: "would not take part in", "will not attend"
    "not_take_part": "Brazil said on Thursday it would not take part in the summit in Caracas.",
    "not_attend": "Belarus will not attend the peace talks in Istanbul, Minsk said on Monday.",
    # an act given by a noun: "X's decision to V", "a stopover in X", "raid on X"
    "decision_recognise": (
        "Serbia on Friday condemned Kosovo's decision to recognise Taiwan, calling it a "
        "provocation."
    ),
    "decision_expel": "Morocco welcomed Ghana's decision to expel the Malian diplomats on Monday.",
    "stopover": "The Japanese prime minister made a stopover in Kenya on his way to South Africa.",
    "raid_noun": "The Israeli raid on the Jenin camp killed seven people, Palestinian officials said.",
    # 11: criticism phrased as naming
    "in_what_called": "Georgia held a referendum in Abkhazia on Sunday, in what Russia called a sham.",
    "called_farce": "Chile called the Peruvian vote a farce on Monday, saying observers had been barred.",
    "described_as": (
        "Cuba described the US embargo as a crime against its people, the foreign "
        "minister said at the United Nations."
    ),
    "called_nonsense": "The Kremlin on Tuesday called the accusations from Lithuania total nonsense.",
    # 11: saying an actor is the cause of a harm
    "root_of_crisis": (
        "ISLAMABAD - Pakistan's foreign minister said on Monday that India was the root of "
        "the crisis in Kashmir, a day after the two sides exchanged fire."
    ),
    "main_obstacle": (
        "Egypt told the Arab League on Sunday that Ethiopia was the main obstacle to a "
        "deal on the Nile dam."
    ),
    "not_the_cause": "Kenya said Somalia was not the cause of the drought.",
    # the CAMEO roots' common wire verbs
    "shot_down": (
        "ANKARA - Turkey shot down a Russian warplane near the Syrian border on Tuesday, "
        "the Turkish military said, the first such incident in decades."
    ),
    "intercepted": "Iran intercepted a US drone over the Gulf on Sunday, state media said.",
    "besieged": "Serbian forces besieged the Bosnian town of Gorazde for three months.",
    "encircled": "Armenian troops encircled the Azerbaijani city of Agdam on Friday, Baku said.",
    "hanged": "Russia hanged two Ukrainian saboteurs on Monday, Kyiv said.",
    "gunned_down": "Israeli troops gunned down three Palestinian militants near Jenin.",
    "party_dissolved": "Thailand dissolved the main opposition party on Wednesday, its leader said.",
    "party_disbanded": "Myanmar's junta disbanded the Burmese opposition party last week.",
    "ratified": "Georgia ratified the trade agreement with Turkey on Friday.",
    "treaty_signed": "Chile and Argentina signed a border treaty in Santiago on Monday.",
    "amnesty_granted": "Rwanda granted amnesty to Congolese rebels who surrender, Kigali said.",
    "amnesty_offered": "Uganda offered an amnesty to the Kenyan fighters on Tuesday.",
    "laid_down_arms": "Colombian rebels laid down their arms under the deal with Bogota.",
    "handed_in_weapons": "Kosovar fighters handed in their weapons to NATO on Monday.",
    "handed_over_land": "Nigeria handed over the Bakassi peninsula to Cameroon on Monday.",
    "returned_island": "Russia handed back the disputed island to China in 2008, officials said.",
    "tanker_seized": "The US Navy seized an Iranian tanker in the Gulf on Friday, the Pentagon said.",
    "ship_impounded": "Greece impounded a Russian cargo ship at Piraeus, the coast guard said.",
    # a participle of consequence is no second act
    "allowing": (
        "Jordan opened the Allenby crossing on Monday, allowing Palestinian travellers to "
        "cross into the West Bank."
    ),
    "permitting": (
        "Libya reopened its border with Tunisia on Friday, permitting trucks to resume deliveries."
    ),
    # "to protest" as the purpose of a diplomatic message is a complaint, said
    "note_to_protest": (
        "Japan sent a note to China on Monday to protest the incursion of Chinese coast "
        "guard ships into its waters."
    ),
    "letter_to_protest": (
        "Greece sent a letter to Turkey on Friday to protest the violation of its airspace."
    ),
    # one act, one event: a participle or a purpose restating the act
    "summoned_to_protest": (
        "Sweden summoned the Iranian ambassador on Tuesday to protest the execution of a "
        "Swedish citizen."
    ),
    "complained_describing": (
        "Poland complained to Belarus about the border incidents, describing them as a provocation."
    ),
    # 13: the threatened act names the threat
    "threat_sanctions": "China threatened Lithuania with sanctions on Friday over its ties with Taiwan.",
    "threat_force": (
        "Russia threatened Finland with military action if it joined NATO, the Kremlin "
        "spokesman said."
    ),
    # 11: wire synonyms of criticism
    "lambasted": "Venezuela lambasted the United States on Friday over its support for the opposition.",
    "castigated": "Iran castigated the European Union on Monday for its new human rights sanctions.",
}


def codes(article: Article) -> list[tuple[str, str, str | None, str]]:
    return [
        (e.cameo, e.source.country or "", e.target.country if e.target else None, e.modality)
        for e in article.events
        if not e.negated
    ]


def has(article: Article, code: str, source: str, target: str | None = "") -> bool:
    """Whether an event with this code (or code prefix) and source, and ``target``
    when given (``""`` for any), was coded."""
    return any(
        c[0].startswith(code) and c[1] == source and (target == "" or c[2] == target)
        for c in codes(article)
    )


@pytest.mark.parametrize(
    ("name", "code", "source", "target"),
    [
        ("loan_approved", "071", "", "KEN"),
        ("sum_disbursed", "071", "", "MDA"),
        ("prisoners_swapped", "0841", "UKR", "RUS"),
        ("prisoners_swapped", "0841", "RUS", "UKR"),
        ("prisoners_exchanged", "0841", "AZE", "ARM"),
        ("ambassador_recalled", "161", "PER", "MEX"),
        ("envoy_withdrawn", "161", "DZA", "ESP"),
        ("cooperation_suspended", "160", "PAK", "AFG"),
        ("coordination_halted", "160", "NER", "FRA"),
        ("assets_frozen", "163", "GBR", "IRN"),
        ("accounts_frozen", "163", "CAN", "RUS"),
        ("pounded", "19", "ETH", ""),
        ("bombarded", "19", "ETH", ""),
        ("drones_launched", "195", "RUS", "UKR"),
        ("drones_fired", "195", "UKR", "RUS"),
        ("walked_out", "164", "SRB", "XKX"),
        ("pulled_out", "164", "VEN", ""),
        ("ordered_to_leave", "166", "MLI", "FRA"),
        ("told_to_leave", "166", "KWT", "IRN"),
        ("entry_refused", "12", "EGY", "SDN"),
        ("access_denied", "12", "ISR", "JOR"),
        ("denied_passive", "12", "ISR", "PSE"),
        ("refused_passive", "12", "EGY", "TUR"),
        ("sentenced_prison", "173", "RUS", "USA"),
        ("sentenced_espionage", "173", "IRN", "FRA"),
        ("convicted", "116", "TUR", "DEU"),
        ("threat_sanctions", "1312", "CHN", "LTU"),
        ("threat_force", "138", "RUS", "FIN"),
        ("lambasted", "111", "VEN", "USA"),
        ("shot_down", "190", "TUR", "RUS"),
        ("intercepted", "190", "IRN", "USA"),
        ("besieged", "191", "SRB", "BIH"),
        ("encircled", "191", "ARM", "AZE"),
        ("hanged", "18", "RUS", "UKR"),
        ("gunned_down", "18", "ISR", "PSE"),
        ("party_dissolved", "1722", "THA", ""),
        ("party_disbanded", "1722", "MMR", ""),
        ("ratified", "057", "GEO", "TUR"),
        ("treaty_signed", "057", "CHL", "ARG"),
        ("amnesty_granted", "056", "RWA", "COD"),
        ("amnesty_offered", "056", "UGA", "KEN"),
        ("laid_down_arms", "0873", "COL", ""),
        ("handed_in_weapons", "0873", "XKX", ""),
        ("handed_over_land", "0842", "NGA", "CMR"),
        ("returned_island", "0842", "RUS", "CHN"),
        ("tanker_seized", "1711", "USA", "IRN"),
        ("ship_impounded", "1711", "GRC", "RUS"),
        ("castigated", "111", "IRN", ""),
    ],
)
def test_wire_verbs_and_phrases_code_their_act(
    articles: dict[str, Article], name: str, code: str, source: str, target: str
) -> None:
    assert has(articles[name], code, source, target), codes(articles[name])


@pytest.mark.parametrize("name", ["warships_sent", "frigate_deployed"])
def test_warships_sent_somewhere_show_force_not_aid(
    articles: dict[str, Article], name: str
) -> None:
    got = codes(articles[name])
    assert any(c[0] == "150" and c[1] in ("USA", "CHN") for c in got), got
    assert not [c for c in got if c[0].startswith("07")], got


@pytest.mark.parametrize(("name", "source"), [("test_fired", "PRK"), ("test_launched", "IRN")])
def test_a_weapon_test_shows_force_and_attacks_no_one(
    articles: dict[str, Article], name: str, source: str
) -> None:
    got = codes(articles[name])
    assert any(c[0] == "150" and c[1] == source for c in got), got
    assert not [c for c in got if c[0].startswith("19")], got


def test_a_sentence_is_legal_action_and_a_verdict_a_finding(
    articles: dict[str, Article],
) -> None:
    assert not [c for c in codes(articles["sentenced_prison"]) if c[0] == "116"]
    assert not [c for c in codes(articles["convicted"]) if c[0] == "173"]


@pytest.mark.parametrize(
    ("name", "intent", "act", "dyad"),
    [
        ("keep_buying", "0311", "061", ("IND", "RUS")),
        ("will_supply_gas", "0311", "061", ("QAT", "DEU")),
        ("continue_aid", "033", "070", ("JPN", "UKR")),
        ("continue_food", "0333", "073", ("CAN", "HTI")),
    ],
)
def test_reported_will_and_would_keep_commit_to_the_act(
    articles: dict[str, Article], name: str, intent: str, act: str, dyad: tuple[str, str]
) -> None:
    got = codes(articles[name])
    assert any(c[0] == intent and c[1:3] == dyad and c[3] == "reported" for c in got), got
    assert any(c[0] == act and c[1:3] == dyad and c[3] == "planned" for c in got), got


@pytest.mark.parametrize(("name", "source"), [("not_take_part", "BRA"), ("not_attend", "BLR")])
def test_refusing_to_take_part_in_talks_refuses_to_meet(
    articles: dict[str, Article], name: str, source: str
) -> None:
    got = codes(articles[name])
    assert any(c[0] == "125" and c[1] == source for c in got), got


@pytest.mark.parametrize(
    ("name", "code", "dyad"),
    [
        ("decision_recognise", "054", ("XKX", "TWN")),
        ("decision_expel", "166", ("GHA", "MLI")),
        ("stopover", "042", ("JPN", "KEN")),
        ("raid_noun", "190", ("ISR", "")),
    ],
)
def test_an_act_named_by_a_noun_is_its_owners(
    articles: dict[str, Article], name: str, code: str, dyad: tuple[str, str]
) -> None:
    assert has(articles[name], code, *dyad), codes(articles[name])


@pytest.mark.parametrize(
    ("name", "dyad"),
    [
        ("in_what_called", ("RUS", "GEO")),
        ("called_farce", ("CHL", "")),
        ("described_as", ("CUB", "USA")),
    ],
)
def test_naming_a_thing_a_sham_criticises_its_owner(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert has(articles[name], "111", *dyad), codes(articles[name])


def test_a_word_that_only_denies_is_no_criticism(articles: dict[str, Article]) -> None:
    got = codes(articles["called_nonsense"])
    assert not [c for c in got if c[0].startswith("11") and c[1] == "RUS"], got


@pytest.mark.parametrize(("name", "dyad"), [("allowing", "JOR"), ("permitting", "LBY")])
def test_a_participle_of_consequence_is_no_second_act(
    articles: dict[str, Article], name: str, dyad: str
) -> None:
    got = [c for c in codes(articles[name]) if c[0].startswith("08") and c[1] == dyad]
    assert len(got) == 1, got


@pytest.mark.parametrize(
    ("name", "dyad"), [("note_to_protest", ("JPN", "CHN")), ("letter_to_protest", ("GRC", "TUR"))]
)
def test_to_protest_by_a_message_is_a_complaint(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    got = codes(articles[name])
    assert has(articles[name], "114", *dyad), got
    assert not [c for c in got if c[0].startswith("14")], got


@pytest.mark.parametrize(
    ("name", "source", "target"),
    [("summoned_to_protest", "SWE", "IRN"), ("complained_describing", "POL", "BLR")],
)
def test_one_act_one_event(
    articles: dict[str, Article], name: str, source: str, target: str
) -> None:
    got = [c for c in codes(articles[name]) if c[0].startswith("11") and c[1] == source]
    assert got and all(c[2] == target for c in got), got
    assert len(got) == 1, got


def test_in_protest_is_a_motive_not_a_rally(articles: dict[str, Article]) -> None:
    got = codes(articles["ambassador_recalled"])
    assert not [c for c in got if c[0].startswith("14")], got


@pytest.mark.parametrize(
    ("name", "dyad"), [("root_of_crisis", ("PAK", "IND")), ("main_obstacle", ("EGY", "ETH"))]
)
def test_saying_an_actor_is_the_root_of_a_harm_criticises_it(
    articles: dict[str, Article], name: str, dyad: tuple[str, str]
) -> None:
    assert has(articles[name], "111", *dyad), codes(articles[name])


def test_denying_an_actor_is_the_cause_criticises_no_one(articles: dict[str, Article]) -> None:
    got = codes(articles["not_the_cause"])
    assert not [c for c in got if c[0].startswith("11")], got
