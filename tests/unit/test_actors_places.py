"""Countries for actors the knowledge base does not list (#4): towns from the
offline gazetteer, regions, ethnic and religious groups, unknown people and
organisations placed by their sentence. Sentences are invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import make_article, mentions_at
from storyline.errors import OntologyError
from storyline.kb import KnowledgeBase, find_places, load_countries, load_kb, load_regions
from storyline.models import Article, Mention


def test_gazetteer_finds_a_town_by_its_own_name_diacritics_folded() -> None:
    assert [p.country for p in find_places("Samarra")] == ["IRQ"]


def test_gazetteer_lists_namesakes_most_populous_first() -> None:
    countries = [p.country for p in find_places("Tripoli")]
    assert countries[:2] == ["LBY", "LBN"]


def test_regions_and_groups_are_in_the_knowledge_base() -> None:
    kb = load_kb(())
    assert [e.country for e, _ in kb.lookup("Darfur")] == ["SDN"]
    assert [e.country for e, _ in kb.lookup("Northern Ireland")] == ["GBR"]
    assert "BDI" in kb.groups["hutu"]


def test_a_region_with_an_unknown_country_is_refused(tmp_path: Path) -> None:
    kb = KnowledgeBase()
    countries = tmp_path / "countries.tsv"
    countries.write_text("code\tname\naaa\tAa\n".replace("aaa", "AAA"), encoding="utf-8")
    load_countries(kb, countries)
    regions = tmp_path / "regions.tsv"
    regions.write_text("code\tname\taliases\tdemonyms\nZZZ\tNowhere\t\t\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="ZZZ"):
        load_regions(kb, regions)


# --------------------------------------------------------------------------- model


def _mentions(pipeline: Any, text: str) -> tuple[Article, list[Mention]]:
    live, rejected = pipeline([make_article(text)])
    assert rejected == [], rejected
    return live[0], list(live[0].mentions)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # A town the knowledge base lacks, from the gazetteer.
        ("Gunmen attacked a police station in Cizre, officials said.", "Cizre", "TUR"),
        # The namesake in the country the sentence names, not the bigger capital.
        (
            "Rival militias clashed in Tripoli, the northern Lebanese port, on Friday.",
            "Tripoli",
            "LBN",
        ),
        # Regions news names without their country.
        ("Aid convoys reached Darfur on Tuesday after a week of delays.", "Darfur", "SDN"),
        # Misspelt countries NER does not see as places.
        (
            "Ethopia has agreed to reopen its northern border crossings next month.",
            "Ethopia",
            "ETH",
        ),
        # An ethnic demonym placed by its locative is the group, in that country.
        ("Ethnic Hungarians in Romania held a large rally on Sunday.", "Hungarians", "ROU"),
        # An ethnic group: the home country its sentence names, not the neighbour.
        (
            "Karen rebels attacked an army post near the Thai border, Burmese officials said.",
            "Karen",
            "MMR",
        ),
        # An unknown party takes the one country its sentence names.
        (
            "The Zorvani Unity Bloc said it would boycott next year's elections in Moldova.",
            "Zorvani Unity Bloc",
            "MDA",
        ),
    ],
)
def test_country_of_actors_the_kb_lacks(
    pipeline: Any, text: str, surface: str, country: str
) -> None:
    article, _ = _mentions(pipeline, text)
    got = [m.country for m in mentions_at(article, surface)]
    assert country in got, (surface, [(m.text, m.entity_id, m.country) for m in article.mentions])


@pytest.mark.model
def test_a_person_does_not_take_the_country_of_another_persons_title(pipeline: Any) -> None:
    article, _ = _mentions(
        pipeline,
        "President Xaver Lindqvorn welcomed the Chilean foreign minister Tomas Arrieta on Monday.",
    )
    (host,) = mentions_at(article, "Xaver Lindqvorn")
    assert host.country is None


@pytest.mark.model
def test_a_known_name_qualified_by_another_country_is_not_linked(pipeline: Any) -> None:
    article, _ = _mentions(
        pipeline, "Jordan's visiting King Abdullah II met the Egyptian president in Cairo."
    )
    kb = load_kb()
    king = mentions_at(article, "King Abdullah II")
    assert king, article.mentions
    assert all(kb.entries[m.entity_id].country == "JOR" for m in king if m.entity_id in kb.entries)
    assert all(m.country == "JOR" for m in king if m.type == "PERSON")


@pytest.mark.model
def test_a_stance_is_not_a_nationality(pipeline: Any) -> None:
    article, _ = _mentions(
        pipeline,
        "The Syrian-backed Popular Resistance Committee fought rival groups in Lebanon on Friday.",
    )
    front = [m for m in mentions_at(article, "Popular Resistance Committee") if m.type == "ORG"]
    assert front and front[0].country == "LBN"


def test_an_annexed_territory_keeps_the_country_the_un_recognises(process_one: Any) -> None:
    # Invented sentence; the region table, not the annexing state, decides.
    article = process_one("Moscow tightened its grip on Crimea after officials met in Kerch.")
    (crimea,) = [m for m in article.mentions if m.text == "Crimea"]
    assert crimea.country == "UKR" and crimea.entity_id.startswith("region:")
