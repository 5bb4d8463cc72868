"""Lookalikes of known actors stay unlinked (#4): another person with a known
surname, a town named like a politician, a person named after a country, and a US
state named like one. Sentences are invented; the real spaCy model parses them."""

from __future__ import annotations

import pytest

from storyline.kb import load_kb
from storyline.models import Article, Mention

pytestmark = pytest.mark.model

TEXTS = {
    "given": "Maria Putin, a schoolteacher from Ohio, won the county spelling contest on Tuesday.",
    "given2": (
        "Linda Biden, a nurse in Texas, said the hospital needed more staff. "
        "Biden has worked there for twelve years."
    ),
    "town": "Heavy rain flooded the town of Gore in New Zealand on Monday.",
    "mayor": "The mayor of Kerry said the county council would meet on Friday.",
    "boxer": "The boxer Israel Vazquez won the title fight in Las Vegas on Saturday.",
    "founder": "Chad Hurley, a co-founder of the video site, invested in a new startup.",
    "footballer": "Jordan Henderson scored twice as the club won the match.",
    "atlanta": "Lawmakers in Atlanta, Georgia, passed a new school budget on Thursday.",
    "governor": "The Georgia legislature approved the voting bill, and Georgia's governor signed it.",
    "country": "Putin met Georgia's president in Moscow to discuss trade.",
    "known": "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow.",
}


def covering(article: Article, surface: str) -> list[Mention]:
    start = (article.text or "").index(surface)
    end = start + len(surface)
    return [m for m in article.mentions if m.start < end and start < m.end]


def linked_names(article: Article, surface: str) -> set[str]:
    kb = load_kb()
    return {
        kb.entries[m.entity_id].name
        for m in covering(article, surface)
        if m.entity_id in kb.entries
    }


@pytest.mark.parametrize(
    ("key", "surface"),
    [
        ("given", "Maria Putin"),  # a given name that is not the leader's
        ("given2", "Linda Biden"),
        ("town", "Gore"),  # a town named like a politician
        ("mayor", "Kerry"),
        ("boxer", "Israel Vazquez"),  # a person named after a country
        ("founder", "Chad Hurley"),
        ("footballer", "Jordan Henderson"),
    ],
)
def test_lookalikes_link_to_no_known_actor(
    articles: dict[str, Article], key: str, surface: str
) -> None:
    assert linked_names(articles[key], surface) == set()


def test_surname_alone_after_another_persons_full_name_is_that_person(
    articles: dict[str, Article],
) -> None:
    text = articles["given2"].text or ""
    later = [m for m in articles["given2"].mentions if m.start > text.index("staff")]
    assert [m.name for m in later if m.type == "PERSON"] == ["Linda Biden"]


@pytest.mark.parametrize(("key", "nth"), [("atlanta", 1), ("governor", 1), ("governor", 2)])
def test_georgia_beside_us_cues_is_the_us_state(
    articles: dict[str, Article], key: str, nth: int
) -> None:
    found = [m for m in articles[key].mentions if m.text == "Georgia"]
    assert len(found) >= nth
    assert found[nth - 1].country == "USA"
    assert found[nth - 1].entity_id != "country:GEO"


def test_georgia_elsewhere_is_the_country(articles: dict[str, Article]) -> None:
    (georgia,) = [m for m in articles["country"].mentions if m.text == "Georgia"]
    assert georgia.entity_id == "country:GEO"


def test_known_people_still_link(articles: dict[str, Article]) -> None:
    assert linked_names(articles["known"], "Vladimir Putin") == {"Vladimir Putin"}
    assert linked_names(articles["known"], "Xi Jinping") == {"Xi Jinping"}
    assert linked_names(articles["country"], "Putin") == {"Vladimir Putin"}
