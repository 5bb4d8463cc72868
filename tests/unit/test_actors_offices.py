"""International offices, generic bodies and office synonyms (#4). Sentences are
invented; the real spaCy model parses them."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.kb import load_kb
from storyline.models import Article, Mention

pytestmark = pytest.mark.model


def covering(article: Article, surface: str) -> list[Mention]:
    start = (article.text or "").index(surface)
    end = start + len(surface)
    return [m for m in article.mentions if m.start < end and start < m.end]


def person(article: Article, surface: str) -> Mention:
    people = [m for m in covering(article, surface) if m.type == "PERSON"]
    assert people, [(m.text, m.name) for m in article.mentions]
    return people[0]


@pytest.mark.parametrize(
    ("date", "text", "surface", "name"),
    [
        ("2023-05-02", "The NATO secretary-general said the alliance would send more troops.",
         "secretary-general", "Jens Stoltenberg"),
        ("2025-05-02", "The NATO chief told reporters in Brussels that the alliance was united.",
         "chief", "Mark Rutte"),
        ("2023-05-02", "The UN secretary-general called for a ceasefire in Geneva on Monday.",
         "secretary-general", "António Guterres"),
        ("2012-05-02", "The UN secretary-general called for a ceasefire in Geneva on Monday.",
         "secretary-general", "Ban Ki-moon"),
        ("2022-05-02", "The IAEA chief warned in Vienna that the plant was at risk.", "chief",
         "Rafael Grossi"),
        ("2023-05-02", "The EU foreign policy chief met ministers in Brussels.",
         "foreign policy chief", "Josep Borrell"),
        ("2015-05-02", "The IMF managing director praised the reforms in Washington.",
         "managing director", "Christine Lagarde"),
        ("2010-05-02", "The WTO director-general opened the talks in Geneva.",
         "director-general", "Pascal Lamy"),
    ],
)  # fmt: skip
def test_international_office_is_its_holder_for_the_organisation(
    process_one: Any, date: str, text: str, surface: str, name: str
) -> None:
    m = person(process_one(text, date=date), surface)
    assert m.name == name
    assert m.country is None and m.sector == "IGO"  # not the host city's country


@pytest.mark.parametrize(
    "text",
    [
        "Helga Brandt, the OSCE secretary-general, visited Vienna on Monday.",
        "OSCE Secretary-General Helga Brandt visited Vienna on Monday.",
    ],
)
def test_unknown_person_with_an_international_office_acts_for_it(
    process_one: Any, text: str
) -> None:
    m = person(process_one(text, date="2023-05-02"), "Helga Brandt")
    assert m.country is None and m.sector == "IGO"


def test_body_office_is_found_by_its_body(process_one: Any) -> None:
    article = process_one(
        "The Pentagon chief said the United States would send more weapons.", date="2023-05-02"
    )
    assert person(article, "chief").name == "Lloyd Austin"


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Indian external affairs minister said India wanted peace.",
         "external affairs minister", "Subrahmanyam Jaishankar"),
        ("The Chancellor of the Exchequer said the British economy would grow.",
         "Chancellor of the Exchequer", "Jeremy Hunt"),
    ],
)  # fmt: skip
def test_office_synonyms(process_one: Any, text: str, surface: str, name: str) -> None:
    assert person(process_one(text, date="2023-05-02"), surface).name == name


def test_an_unqualified_chief_or_leader_is_nobody(process_one: Any) -> None:
    article = process_one(
        "The police chief said the opposition leader had been warned.", date="2023-05-02"
    )
    assert not [m for m in article.mentions if m.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "surface", "country", "sector", "known"),
    [
        ("Brazil's supreme court ruled against the mining company.", "supreme court", "BRA",
         "JUD", True),
        ("Germany's foreign ministry protested on Monday.", "foreign ministry", "DEU", "GOV",
         True),
        ("Indonesia's armed forces held drills near the coast.", "armed forces", "IDN", "MIL",
         True),
        ("The Mexican senate approved the law on Tuesday.", "senate", "MEX", "LEG", True),
        ("Kenya's parliament debated the bill until late at night.", "parliament", "KEN", "LEG",
         False),
        ("Iran's judiciary sentenced the activist to prison.", "judiciary", "IRN", "JUD", False),
    ],
)  # fmt: skip
def test_generic_bodies_take_the_country_before_them(
    process_one: Any, text: str, surface: str, country: str, sector: str, known: bool
) -> None:
    article = process_one(text, date="2023-05-02")
    (body,) = [m for m in covering(article, surface) if m.type == "ORG"]
    assert (body.country, body.sector) == (country, sector)
    # The knowledge base's body when it lists one; else a local entity, scored as one.
    assert (body.entity_id in load_kb().entries) is known
    assert body.score == (100.0 if known else 50.0)


def test_heads_of_international_organisations_are_in_the_knowledge_base() -> None:
    kb = load_kb()
    for org in ("OSCE", "ARAB_LEAGUE", "AFRICAN_UNION", "OPEC", "WTO", "WHO", "WORLD_BANK"):
        family = kb.family(org)
        heads = [
            e for e in kb.people() if any((o := kb.org(r.org)) and o.id in family for r in e.roles)
        ]
        assert len(heads) >= 3, org
    assert kb.family("UN") >= {kb.org_ids["UN"], kb.org_ids["UN_SECRETARIAT"]}
