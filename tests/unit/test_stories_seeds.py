"""The seed articles: two outlets (one machine-translated) report one story; three others
are separate moments of the same relationship."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SeedRun
from storyline import query
from storyline.store import Store

pytestmark = pytest.mark.model


def stories_by_seed(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return {Path(a["input"]).name[:3]: a["story_id"] for a in query.articles(store)}


def test_the_same_report_from_two_outlets_is_one_story(seeds_db: SeedRun) -> None:
    stories = stories_by_seed(seeds_db.db)
    assert sorted(stories) == ["000", "001", "002", "003", "004"]
    assert stories["002"] == stories["004"]


@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_other_moments_of_the_relationship_stay_apart(seeds_db: SeedRun, seed: str) -> None:
    stories = stories_by_seed(seeds_db.db)
    others = [s for name, s in stories.items() if name != seed]
    assert stories[seed] not in others


def test_the_shared_story_record_cites_both_outlets(seeds_db: SeedRun) -> None:
    with Store(seeds_db.db, read_only=True) as store:
        arts = {a["id"]: a for a in query.articles(store)}
        by_seed = {Path(a["input"]).name[:3]: a for a in arts.values()}
        (story,) = [s for s in query.stories(store) if s["id"] == by_seed["002"]["story_id"]]
    assert sorted(story["article_ids"]) == sorted([by_seed["002"]["id"], by_seed["004"]["id"]])
    assert story["title"]
    for item in story["summary"]:
        assert item["sentence"] in arts[item["article_id"]]["text"]
