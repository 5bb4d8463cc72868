"""Religious groups, political parties, and false positives of the rules added in
the third round (#4, fourth round). Sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.kb import load_kb
from storyline.models import Article, Mention
from storyline.stages.actors.resolution import international

pytestmark = pytest.mark.model


def _at(article: Article, surface: str) -> Mention:
    text = article.text or ""
    start = text.index(surface)
    end = start + len(surface)
    found = [m for m in article.mentions if m.start < end and start < m.end]
    shown = [(m.text, m.entity_id, m.type, m.country, m.sector) for m in article.mentions]
    assert len(found) == 1, (surface, shown)
    return found[0]


def _person(name: str) -> str:
    (entry,) = [e for e, _k in load_kb().lookup(name) if e.type == "PERSON"]
    return entry.id


def _org(local: str) -> str:
    entry = load_kb().org(local)
    assert entry is not None, local
    return entry.id


# --------------------------------------------------------------------------- faiths


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Christian leaders condemned the attack on Sunday.", "Christian"),
        ("Catholic bishops met the prime minister on Monday.", "Catholic"),
        ("Shiite militias attacked the base in the north.", "Shiite"),
        ("Buddhist monks marched to the temple.", "Buddhist"),
    ],
)
def test_a_faith_is_a_religious_group_not_a_place(
    process_one: Any, text: str, surface: str
) -> None:
    m = _at(process_one(text), surface)
    assert (m.type, m.sector, m.country) == ("NORP", "REL", None)
    assert m.entity_id is not None and m.entity_id.startswith("group:")


def test_a_faith_takes_no_country_from_where_the_verb_happens(process_one: Any) -> None:
    article = process_one("Egyptian police clashed with Hindu pilgrims in Alexandria.")
    hindu = _at(article, "Hindu")
    assert (hindu.type, hindu.sector, hindu.country) == ("NORP", "REL", None)
    assert _at(article, "police").country == "EGY"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # Before its verb, the place is the group's own phrase.
        ("Muslims in Alexandria protested against the new ban.", "Muslims", "EGY"),
        # A nationality in its own name.
        ("Egyptian Copts marched through Cairo on Friday.", "Egyptian Copts", "EGY"),
    ],
)
def test_a_faith_takes_a_country_from_its_own_phrase(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    m = _at(process_one(text), surface)
    assert (m.type, m.sector, m.country) == ("NORP", "REL", country)


def test_religions_in_the_knowledge_base_have_no_home_country() -> None:
    kb = load_kb()
    for word in ("muslim", "christian", "hindu", "shia", "sunni", "catholic"):
        assert word in kb.religions and kb.groups[word] == ()
    # Ethno-religious peoples keep their homeland.
    assert "copts" in kb.religions and kb.groups["copts"] == ("EGY",)
    assert "kurds" not in kb.religions


# --------------------------------------------------------------------------- parties


@pytest.mark.parametrize(
    ("text", "surface", "local", "country"),
    [
        (
            "The Democratic National Committee sued the campaign.",
            "Democratic National Committee",
            "USA_DNC",
            "USA",
        ),
        (
            "Democrats blocked the spending bill on Friday.",
            "Democrats",
            "USA_DEMOCRATIC_PARTY",
            "USA",
        ),
        ("Republicans walked out of the hearing.", "Republicans", "USA_REPUBLICAN_PARTY", "USA"),
        ("The GOP raised more money than expected.", "GOP", "USA_REPUBLICAN_PARTY", "USA"),
        ("The RNC filed a complaint.", "RNC", "USA_RNC", "USA"),
        ("Labour and the Conservatives clashed in London.", "Labour", "GBR_LABOUR", "GBR"),
        (
            "Labour and the Conservatives clashed in London.",
            "Conservatives",
            "GBR_CONSERVATIVES",
            "GBR",
        ),
        ("The CDU and the SPD agreed on a coalition.", "CDU", "DEU_CDU", "DEU"),
        ("The CDU and the SPD agreed on a coalition.", "SPD", "DEU_SPD", "DEU"),
        ("United Russia won most seats.", "United Russia", "RUS_UNITED_RUSSIA", "RUS"),
        ("The BJP and the Congress party campaigned hard.", "BJP", "IND_BJP", "IND"),
        ("The BJP and the Congress party campaigned hard.", "Congress party", "IND_INC", "IND"),
        ("The LDP chose a new leader in Tokyo.", "LDP", "JPN_LDP", "JPN"),
        ("The ANC lost its majority.", "ANC", "ZAF_ANC", "ZAF"),
        ("Morena and the PRI registered candidates in Mexico.", "Morena", "MEX_MORENA", "MEX"),
        ("Morena and the PRI registered candidates in Mexico.", "PRI", "MEX_PRI", "MEX"),
        ("Liberals and Conservatives debated in Ottawa.", "Liberals", "CAN_LIBERALS", "CAN"),
        (
            "Liberals and Conservatives debated in Ottawa.",
            "Conservatives",
            "CAN_CONSERVATIVES",
            "CAN",
        ),
    ],
)
def test_major_parties_belong_to_their_country(
    process_one: Any, text: str, surface: str, local: str, country: str
) -> None:
    m = _at(process_one(text), surface)
    assert (m.entity_id, m.country, m.sector) == (_org(local), country, "LEG")


def test_congress_is_the_us_legislature_in_a_us_article(process_one: Any) -> None:
    m = _at(process_one("Congress passed the spending bill in Washington."), "Congress")
    assert m.entity_id == _org("USA_CONGRESS") and m.country == "USA"


def test_congress_is_the_indian_party_in_an_indian_article(process_one: Any) -> None:
    text = "Congress won three states, Indian officials in New Delhi said."
    m = _at(process_one(text), "Congress")
    assert m.entity_id == _org("IND_INC") and m.country == "IND"


def test_labour_outside_britain_is_not_the_british_party(process_one: Any) -> None:
    m = _at(process_one("Labour won the election in Australia on Saturday."), "Labour")
    assert m.entity_id != _org("GBR_LABOUR") and m.country != "GBR"


def test_labour_without_any_country_is_nobodys(process_one: Any) -> None:
    article = process_one("Labour won the vote on Saturday.")
    assert not [m for m in article.mentions if m.entity_id == _org("GBR_LABOUR")]


# ----------------------------------------------------- review: transliterated names


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Russian President Wladimir Putin met the envoy on Monday.", "Vladimir Putin"),
        ("Former Russian President Dmitri Medvedev warned the West.", "Dmitry Medvedev"),
        ("Russian Foreign Minister Sergej Lavrov arrived in Ankara.", "Sergey Lavrov"),
        ("U.S. President Joseph Biden spoke with allies on Tuesday.", "Joe Biden"),
        ("Ukrainian President Volodimir Zelenskyy addressed parliament.", "Volodymyr Zelenskyy"),
        ("Saudi Crown Prince Mohammad bin Salman received the envoy.", "Mohammed bin Salman"),
    ],
)
def test_transliterated_given_names_keep_the_link(process_one: Any, text: str, person: str) -> None:
    article = process_one(text)
    surname = person.split()[-1] if "bin" not in person else "Salman"
    assert _at(article, surname).entity_id == _person(person)


def test_a_different_given_name_still_unlinks(process_one: Any) -> None:
    article = process_one("Maria Putin, a nurse from Ohio, won the regional prize.")
    assert _at(article, "Putin").entity_id != _person("Vladimir Putin")


# --------------------------------------------- review: country words before names


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Jordan's King Abdullah met the Egyptian president in Amman.", "Jordan", "JOR"),
        ("Chad's president dissolved the government on Friday.", "Chad", "TCD"),
        ("Militants attacked an oil platform in the Niger Delta.", "Niger Delta", "NGA"),
    ],
)
def test_a_country_word_before_a_title_or_place_is_still_the_country(
    process_one: Any, text: str, surface: str, country: str
) -> None:
    assert _at(process_one(text), surface).country == country


def test_a_king_named_after_his_country_word_keeps_that_country(process_one: Any) -> None:
    article = process_one("Jordan's King Abdullah met the Egyptian president in Amman.")
    assert _at(article, "Abdullah").country == "JOR"


def test_israel_defense_forces_stay_the_israeli_military(process_one: Any) -> None:
    m = _at(
        process_one("The Israel Defense Forces struck targets in Gaza."), "Israel Defense Forces"
    )
    assert (m.entity_id, m.country, m.sector) == (_org("ISR_IDF"), "ISR", "MIL")


# ------------------------------------------------------------ review: Georgia


@pytest.mark.parametrize(
    "text",
    [
        "Georgian police detained protesters in Tbilisi after Russia warned Georgia.",
        "Georgia accused Russia of occupying its territory near Tbilisi.",
    ],
)
def test_georgia_beside_tbilisi_and_russia_is_the_country(process_one: Any, text: str) -> None:
    article = process_one(text)
    index = text.rindex("Georgia")
    (m,) = [x for x in article.mentions if x.start == index]
    assert m.entity_id == "country:GEO"


# ---------------------------------------------- review: the leader by date


@pytest.mark.parametrize(
    ("date", "person"),
    [
        ("2005-05-01", "Vladimir Putin"),
        ("2010-05-01", "Dmitry Medvedev"),
        ("2024-05-01", "Vladimir Putin"),
    ],
)
def test_the_russian_leader_is_the_president_on_the_date(
    process_one: Any, date: str, person: str
) -> None:
    article = process_one("The Russian leader met foreign envoys in Moscow.", date=date)
    assert _at(article, "leader").entity_id == _person(person)


# --------------------------------------- review: IGO class for bodies of no country


def test_companies_and_charities_of_no_country_are_not_international() -> None:
    kb = load_kb()
    assert international(kb.entries[_org("UN")])
    assert not international(kb.entries[_org("AMNESTY")])
    for sector in ("BUS", "MED", "NGO", None):
        from dataclasses import replace

        assert not international(replace(kb.entries[_org("UN")], sector=sector))


def test_an_association_of_firms_linked_to_an_igo_is_not_one(process_one: Any) -> None:
    text = "Acme Partners, an association of firms linked to the European Union, lobbied ministers."
    m = _at(process_one(text), "Acme Partners")
    assert m.sector != "IGO"


def test_a_body_linked_to_an_igo_is_still_international(process_one: Any) -> None:
    text = "Members of Acme Partners, a body linked to the United Nations, met on Monday."
    m = _at(process_one(text), "Acme Partners")
    assert (m.sector, m.country) == ("IGO", None)


def test_unknown_companies_and_charities_take_no_igo_sector(process_one: Any) -> None:
    article = process_one("Acme Holdings and the Global Wildlife Fund signed a pact.")
    assert _at(article, "Acme Holdings").sector != "IGO"
    assert _at(article, "Global Wildlife Fund").sector != "IGO"
