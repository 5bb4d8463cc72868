"""What the article itself says wins over the knowledge base's defaults (issue #4): a
title refers to the person the article introduced with it, and a body named with its
place ("the government in Ottawa") belongs to that place. Sentences are invented; the
real spaCy model parses them."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model

TEXT = (
    "Mexico's foreign minister, Julia Serrano, visited Ottawa on Tuesday.\n\n"
    "She met Canada's foreign minister on Tuesday afternoon.\n\n"
    '"We came to listen," the Mexican foreign minister said.'
)


def _titles(article: Any, words: str) -> list[Any]:
    return [m for m in article.mentions if m.text.lower().endswith(words)]


def test_title_refers_to_the_person_the_article_introduced(process_one: Any) -> None:
    article = process_one(TEXT, date="2021-06-09")
    later = [m for m in _titles(article, "foreign minister") if m.start > TEXT.index("listen")]
    assert later, [m.text for m in article.mentions]
    assert {m.name for m in later} == {"Julia Serrano"}


def test_other_countrys_title_is_not_the_introduced_person(process_one: Any) -> None:
    article = process_one(TEXT, date="2021-06-09")
    canada = [m for m in article.mentions if m.country == "CAN" and m.type == "PERSON"]
    assert all(m.name != "Julia Serrano" for m in canada)


def test_a_body_named_with_its_place_belongs_to_that_place(process_one: Any) -> None:
    # The article is mostly about Mexico, but "in Ottawa" places this government.
    text = (
        "Mexico rejected the tariffs on Tuesday. Mexico said the tariffs hurt Mexican "
        "workers.\n\nThe government in Ottawa accused the companies of dumping steel."
    )
    article = process_one(text, date="2023-03-15")
    (government,) = [m for m in article.mentions if m.text == "government"]
    assert government.country == "CAN"


def test_a_party_title_is_not_the_introduced_holder_of_the_other_party(process_one: Any) -> None:
    # Invented report: the article names the Republican president first; "the Democrat
    # president" is still his Democratic predecessor, not him.
    article = process_one(
        "President Donald Trump spoke to reporters in Washington on Monday. Last year, "
        "Moscow criticized the Democrat president for sending weapons to Ukraine.",
        date="2025-03-04",
    )
    (president,) = [m for m in article.mentions if m.text == "president"]
    assert president.name == "Joe Biden", [(m.text, m.name) for m in article.mentions]
