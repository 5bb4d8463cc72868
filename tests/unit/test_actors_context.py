"""Where unknown actors and generic bodies get their country (#4): only from
evidence about themselves, never from a country their verb acts on. Sentences are
invented."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import mentions_at
from storyline.models import Article, Mention

pytestmark = pytest.mark.model


def _one(article: Article, surface: str, type_: str) -> Mention:
    found = [m for m in mentions_at(article, surface) if m.type == type_]
    assert len(found) == 1, [(m.text, m.entity_id, m.country) for m in article.mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "type_"),
    [
        # The target of the verb is someone else's country.
        (
            "Archbishop Tomas Velandro called for sanctions against Nigeria on Monday.",
            "Tomas Velandro",
            "PERSON",
        ),
        # So is the country of whoever acts on the actor.
        ("Ruritanian drones struck Zarvok Front camps overnight.", "Zarvok Front", "ORG"),
        # Where a person speaks is no nationality.
        (
            "Helga Marwitz told reporters in Nairobi that the talks had stalled.",
            "Helga Marwitz",
            "PERSON",
        ),
    ],
)
def test_no_country_from_what_the_verb_acts_on(
    process_one: Any, text: str, surface: str, type_: str
) -> None:
    assert _one(process_one(text), surface, type_).country is None


@pytest.mark.parametrize(
    ("text", "surface", "type_", "country"),
    [
        # A nationality in the actor's own phrase still counts.
        (
            "The Kenyan lawyer Ruth Wanjiru Odera filed a complaint against Uganda.",
            "Ruth Wanjiru Odera",
            "PERSON",
            "KEN",
        ),
        # A domestic office belongs to the country its sentence is about.
        (
            "President Olu Badejoko banned Zambian opposition rallies on Friday.",
            "Olu Badejoko",
            "PERSON",
            "ZMB",
        ),
        # The place where a group acts places it.
        (
            "The Velmar Liberation Army fought government troops in Chad on Friday.",
            "Velmar Liberation Army",
            "ORG",
            "TCD",
        ),
    ],
)
def test_country_from_evidence_about_the_actor(
    process_one: Any, text: str, surface: str, type_: str, country: str
) -> None:
    assert _one(process_one(text), surface, type_).country == country


@pytest.mark.parametrize(
    ("text", "surface", "country", "sector"),
    [
        # The possessor wins over another country in the sentence.
        (
            "The French foreign minister held talks with leaders of Romania's new "
            "government in Bucharest.",
            "government",
            "ROU",
            "GOV",
        ),
        (
            "Israel's high court rejected the settlers' appeal on Sunday.",
            "high court",
            "ISR",
            "JUD",
        ),
        (
            "The Khartoum government accused the rebels of burning villages.",
            "government",
            "SDN",
            "GOV",
        ),
        ("Indonesian police arrested three men in Surabaya.", "police", "IDN", "COP"),
        (
            "The government of Chad rejected the report, the French envoy said.",
            "government",
            "TCD",
            "GOV",
        ),
    ],
)
def test_a_generic_body_is_its_owners(
    process_one: Any, text: str, surface: str, country: str, sector: str
) -> None:
    body = _one(process_one(text), surface, "ORG")
    assert (body.country, body.sector) == (country, sector)


def test_a_passing_adjective_is_not_part_of_the_body(process_one: Any) -> None:
    a = process_one("Lawmakers criticised Romania's new government on Tuesday.")
    b = process_one("Lawmakers criticised Romania's government on Tuesday.")
    assert _one(a, "government", "ORG").entity_id == _one(b, "government", "ORG").entity_id


@pytest.mark.parametrize(
    "text",
    [
        "Kenzo Haramaki told reporters that the aid would arrive soon.",
        "Speaking after the vote, Kenzo Haramaki said the camps were full.",
    ],
)
def test_a_surname_after_a_given_name_is_no_town(process_one: Any, text: str) -> None:
    article = process_one(text)
    assert not any((m.entity_id or "").startswith("geonames:") for m in article.mentions)
    assert any(m.type == "PERSON" and m.text.endswith("Haramaki") for m in article.mentions), [
        (m.text, m.entity_id) for m in article.mentions
    ]


def test_a_town_is_still_a_town(process_one: Any) -> None:
    article = process_one("Floods killed twelve people in Cizre on Monday.")
    (town,) = mentions_at(article, "Cizre")
    assert (town.entity_id or "").startswith("geonames:") and town.country == "TUR"
