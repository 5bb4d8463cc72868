"""Exact and near duplicates and story grouping, through the real ingest driver."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storyline import query
from storyline.models import Article, Hints, RunReport
from storyline.store import Store

pytestmark = pytest.mark.model

FISHERIES = [
    "Canada and Mexico signed a fisheries agreement in Ottawa on Tuesday after two years of "
    "difficult negotiations over quotas in the Pacific.",
    "Under the deal, boats from both countries will share data on their catches and allow "
    "inspectors from the other side to board them at sea.",
    "Mexico criticised Canada on Wednesday over the slow pace of inspections at northern "
    "ports, saying that its fleet had lost several weeks of fishing.",
    "Canadian officials said the delays were caused by a shortage of trained inspectors and "
    "promised to hire more staff before the summer season begins.",
    "The agreement replaces an older arrangement that expired last spring and had been "
    "criticised by coastal communities on both sides for being too vague.",
    "Environmental groups welcomed the new rules on bycatch but warned that the quotas were "
    "still too high for several endangered species of tuna and shark.",
    "Talks on a second agreement covering the Gulf of Mexico are expected to begin in the "
    "autumn, according to a senior official in Mexico City.",
]
PENSIONS = [
    "The United States praised Russia for releasing two detained journalists on Thursday, "
    "officials in Washington said after the pair landed in Helsinki.",
    "The journalists had been held for eleven months on charges that their employers "
    "described as invented, and their families had campaigned for their freedom.",
    "Diplomats said the release followed months of quiet contacts between the two "
    "governments but did not signal a wider thaw in relations.",
]


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


# One word changed in a long text.
NEAR = [p.replace("several weeks", "several days") for p in FISHERIES]
assert NEAR != FISHERIES

FILES = {
    # Same body, different furniture: two inputs (two ids), one clean text.
    "outlet_a.txt": "Fisheries deal signed\n\n" + body(FISHERIES) + "\n\nShare this article\n",
    "outlet_b.txt": body(FISHERIES) + "\n\nSign up for our daily briefing newsletter\n",
    # Byte-for-byte the same as outlet_a: the same article, stored once.
    "zz_mirror/outlet_a_copy.txt": "Fisheries deal signed\n\n"
    + body(FISHERIES)
    + "\n\nShare this article\n",
    "outlet_c.txt": body(NEAR) + "\n\nRead more: Tuna stocks fall\n",
    "journalists.txt": body(PENSIONS),
}


@dataclass(frozen=True)
class Run:
    store: Store
    report: RunReport
    by_name: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    from storyline.run import ingest

    folder = tmp_path_factory.mktemp("stories_in")
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("stories_db") / "stories.duckdb"
    with Store(db) as store:
        report = ingest([str(folder)], store=store, hints=Hints(date="2024-04-12"))
        by_name = {str(Path(a["input"]).relative_to(folder)): a for a in query.articles(store)}
        yield Run(store=store, report=report, by_name=by_name)


def test_identical_bytes_are_one_article(run: Run) -> None:
    assert run.report.rejections == []
    assert run.report.seen == len(FILES)
    assert run.report.skipped == 1
    assert run.report.stored == len(FILES) - 1
    assert len(run.by_name) == len(FILES) - 1
    assert "zz_mirror/outlet_a_copy.txt" not in run.by_name


def test_exact_duplicate_points_to_the_other(run: Run) -> None:
    a, b = run.by_name["outlet_a.txt"], run.by_name["outlet_b.txt"]
    assert a["id"] != b["id"]
    assert a["text"] == b["text"]
    dups = {a["id"]: a["duplicate_of"], b["id"]: b["duplicate_of"]}
    assert sorted(dups.values(), key=str) == sorted([None, min(dups)], key=str)
    original = a if a["duplicate_of"] is None else b
    copy = b if original is a else a
    assert copy["duplicate_of"] == original["id"]


def test_near_duplicate_is_marked(run: Run) -> None:
    a, b = run.by_name["outlet_a.txt"], run.by_name["outlet_b.txt"]
    original = a if a["duplicate_of"] is None else b
    near = run.by_name["outlet_c.txt"]
    assert near["text"] != original["text"]
    assert near["duplicate_of"] == original["id"]


def test_different_articles_are_in_different_stories(run: Run) -> None:
    fish = {run.by_name[n]["story_id"] for n in ("outlet_a.txt", "outlet_b.txt", "outlet_c.txt")}
    assert len(fish) == 1
    other = run.by_name["journalists.txt"]
    assert other["duplicate_of"] is None
    assert other["story_id"] not in fish
    stories = {s["id"]: s for s in query.stories(run.store)}
    assert set(stories) == fish | {other["story_id"]}
    (fish_id,) = fish
    assert sorted(stories[fish_id]["article_ids"]) == sorted(
        run.by_name[n]["id"] for n in ("outlet_a.txt", "outlet_b.txt", "outlet_c.txt")
    )
    assert stories[other["story_id"]]["article_ids"] == [other["id"]]
    texts = {a["id"]: a["text"] for a in run.by_name.values()}
    for st in stories.values():
        assert st["summary"], st
        for item in st["summary"]:
            assert item["article_id"] in st["article_ids"]
            assert item["sentence"] in texts[item["article_id"]]


def test_duplicate_events_are_not_counted_twice(run: Run) -> None:
    original_id = next(
        a["id"]
        for n, a in run.by_name.items()
        if n in ("outlet_a.txt", "outlet_b.txt") and a["duplicate_of"] is None
    )
    everything = query.events(run.store, include_duplicates=True)
    per_article: dict[str, int] = {}
    for ev in everything:
        per_article[ev["article_id"]] = per_article.get(ev["article_id"], 0) + 1
    fish_ids = [run.by_name[n]["id"] for n in ("outlet_a.txt", "outlet_b.txt", "outlet_c.txt")]
    # Each copy carries its own events ...
    assert per_article[original_id] >= 2
    assert all(per_article.get(i) == per_article[original_id] for i in fish_ids)
    # ... but listings and the timeline count the story once.
    dyad = query.Dyad.parse("CAN:MEX")
    listed = query.events(run.store, dyad=dyad)
    assert listed and {e["article_id"] for e in listed} == {original_id}
    counted = [
        e
        for e in listed
        if e["date"] and not e["negated"] and e["modality"] in ("asserted", "reported")
    ]
    rows = query.timeline(run.store, dyad=dyad, by="day")
    # "A and B signed" is coded both ways (#5); the timeline counts a mutual act once
    once = {(e["sentence_start"], e["cameo"]) for e in counted}
    assert sum(r["events"] for r in rows) == len(once) > 0


def test_story_summary_does_not_split_abbreviations(tmp_path: Path) -> None:
    from storyline.ids import content_hash
    from storyline.stages.stories import assign_stories

    lead = "The U.S. Treasury imposed sanctions on two Russian banks on Tuesday, officials said."
    text = f"{lead} Moscow called the decision hostile and promised to respond."
    art = Article(
        id="a1",
        input="a1.txt",
        text=text,
        paragraphs=(text,),
        content_hash=content_hash(text),
        published="2024-03-08",
    )
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([art], [], versions={}, run_id="r1")
        assign_stories(store)
        (story,) = query.stories(store)
    assert story["summary"][0] == {"sentence": lead, "article_id": "a1"}
