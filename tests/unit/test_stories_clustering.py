"""Same-story groups across outlets, incremental assignment, and counting happenings once.

The articles are invented: one happening (a border accord between Chile and
Argentina) told by two outlets in their own words, and later happenings between
the same two countries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storyline import query
from storyline.models import Hints
from storyline.stages.stories import assign_stories, summarise
from storyline.store import Store

pytestmark = pytest.mark.model

ACCORD_WIRE = "\n\n".join(
    [
        ("Chile and Argentina sign accord on disputed glacier border"),
        (
            "Chile and Argentina signed an agreement in Santiago on Monday that settles the "
            "border across the Southern Patagonian Ice Field, ending a dispute over the "
            "glacier that had strained relations between the neighbours for three decades."
        ),
        (
            "The foreign ministers of both countries signed the accord after eleven rounds of "
            "talks. Under the deal, a joint commission of surveyors will mark the new line on "
            "the ice before the end of next year, and both sides agreed to withdraw their "
            "patrols from the glacier."
        ),
        (
            "Mountaineering guides and park rangers in the region welcomed the settlement, "
            "which opens the ice field to joint scientific expeditions."
        ),
    ]
)

ACCORD_PAPER = "\n\n".join(
    [
        ("Glacier dispute ends as Santiago and Buenos Aires settle frontier"),
        (
            "The decades-old quarrel over the Patagonian ice field is over. Argentina signed "
            "an accord with Chile on Monday in the Chilean capital, fixing the frontier that "
            "crosses the glacier and the Southern Patagonian Ice Field."
        ),
        (
            "Surveyors from a joint commission are to mark the line on the ice by the end of "
            "next year, and patrols of both armies will leave the glacier, officials said. "
            "Scientists said joint expeditions to the ice field could begin next summer."
        ),
    ]
)

# Months later, the same two countries, a different happening.
FISHING = "\n\n".join(
    [
        ("Argentina accuses Chile over fishing fleet in the south Atlantic"),
        (
            "Argentina accused Chile on Thursday of letting its trawlers fish illegally in "
            "Argentine waters near Tierra del Fuego, and summoned the Chilean ambassador in "
            "Buenos Aires to explain the incursions."
        ),
        (
            "The Argentine coast guard said it had tracked four Chilean trawlers inside the "
            "exclusive economic zone over the weekend. Chile denied the vessels had crossed "
            "the line and said its own satellite data showed them in international waters."
        ),
    ]
)

# Unrelated, to show nothing else is touched.
DROUGHT = "\n\n".join(
    [
        ("Drought cuts coffee harvest in Kenya"),
        (
            "Kenya's coffee harvest fell by a third this season after the long rains failed "
            "across the central highlands, the country's coffee board said on Wednesday, "
            "pushing prices at the Nairobi auction to a ten-year high."
        ),
        (
            "Farmers in Nyeri and Kirinyaga said many young bushes had dried out before "
            "flowering, and cooperatives warned that smallholders would struggle to repay "
            "their loans."
        ),
    ]
)


@dataclass(frozen=True)
class Corpus:
    store: Store
    ids: dict[str, str]
    first_run: dict[str, dict[str, Any]]


def _ingest(store: Store, folder: Path, name: str, text: str, date: str, source: str) -> str:
    from storyline.run import ingest

    path = folder / name
    path.write_text(text, encoding="utf-8")
    report = ingest([str(path)], store=store, hints=Hints(date=date, source=source))
    assert report.rejections == [] and report.stored == 1, report
    (art,) = [a for a in query.articles(store) if a["input"] == str(path)]
    return str(art["id"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    folder = tmp_path_factory.mktemp("clustering_in")
    with Store(tmp_path_factory.mktemp("clustering_db") / "c.duckdb") as store:
        ids = {
            "wire": _ingest(store, folder, "wire.txt", ACCORD_WIRE, "2023-06-12", "Wire"),
            "drought": _ingest(store, folder, "drought.txt", DROUGHT, "2023-06-14", "Daily"),
        }
        # The state after the first two runs, to check that later runs only add.
        first_run = {
            "articles": {a["id"]: a["story_id"] for a in query.articles(store)},
            "stories": {s["id"]: s for s in query.stories(store)},
        }
        ids["paper"] = _ingest(store, folder, "paper.txt", ACCORD_PAPER, "2023-06-13", "Paper")
        ids["fishing"] = _ingest(store, folder, "fishing.txt", FISHING, "2023-10-05", "Wire")
        yield Corpus(store=store, ids=ids, first_run=first_run)


def story_of(corpus: Corpus) -> dict[str, str]:
    by_id = {a["id"]: a["story_id"] for a in query.articles(corpus.store)}
    return {name: by_id[i] for name, i in corpus.ids.items()}


def test_two_outlets_in_their_own_words_are_one_story(corpus: Corpus) -> None:
    stories = story_of(corpus)
    arts = {a["id"]: a for a in query.articles(corpus.store)}
    assert arts[corpus.ids["paper"]]["duplicate_of"] is None  # not a copy: its own words
    assert stories["wire"] == stories["paper"]


def test_later_happening_between_the_same_actors_is_its_own_story(corpus: Corpus) -> None:
    stories = story_of(corpus)
    assert stories["fishing"] != stories["wire"]
    assert stories["drought"] not in (stories["wire"], stories["fishing"])
    assert len({s["id"] for s in query.stories(corpus.store)}) == 3


def test_a_new_article_joins_the_stored_story_without_regrouping(corpus: Corpus) -> None:
    stories = story_of(corpus)
    # The accord story kept the id it had before the second outlet arrived ...
    assert corpus.first_run["articles"][corpus.ids["wire"]] == stories["wire"]
    # ... and the untouched story's record is exactly as it was.
    now = {s["id"]: s for s in query.stories(corpus.store)}
    drought = corpus.first_run["articles"][corpus.ids["drought"]]
    assert now[drought] == corpus.first_run["stories"][drought]
    accord = now[stories["wire"]]
    assert sorted(accord["article_ids"]) == sorted([corpus.ids["wire"], corpus.ids["paper"]])
    assert (accord["first_date"], accord["last_date"]) == ("2023-06-12", "2023-06-13")


def test_nothing_new_means_nothing_to_do(corpus: Corpus) -> None:
    counts = assign_stories(corpus.store)
    assert counts == {"new": 0, "stories": 0, "exact_duplicates": 0, "near_duplicates": 0}


def test_summary_draws_on_both_outlets_and_cites_them(corpus: Corpus) -> None:
    stories = story_of(corpus)
    (accord,) = [s for s in query.stories(corpus.store) if s["id"] == stories["wire"]]
    texts = {a["id"]: a["text"] for a in query.articles(corpus.store)}
    assert 1 <= len(accord["summary"]) <= 3
    for item in accord["summary"]:
        assert item["sentence"] in texts[item["article_id"]]
    assert {i["article_id"] for i in accord["summary"]} == {corpus.ids["wire"], corpus.ids["paper"]}


def test_timeline_counts_a_happening_once_across_outlets(corpus: Corpus) -> None:
    dyad = query.Dyad.parse("CHL:ARG")
    listed = [
        e
        for e in query.events(corpus.store, dyad=dyad)
        if e["date"] and not e["negated"] and e["modality"] in query.HAPPENED
    ]
    accord_articles = {corpus.ids["wire"], corpus.ids["paper"]}
    accord_events = [e for e in listed if e["article_id"] in accord_articles]
    # Both outlets carry the signing ...
    assert {e["article_id"] for e in accord_events} == accord_articles, accord_events

    def key(e: dict[str, Any]) -> tuple[Any, ...]:
        pair = [e["source"]["country"], (e["target"] or {}).get("country") or ""]
        if e["cameo"][:2] in query.MUTUAL_ROOTS:  # signing an accord: both sides alike
            pair.sort()
        return (e["story_id"], *pair, e["cameo"][:2], e["date"])

    happenings = {key(e) for e in listed}
    rows = query.timeline(corpus.store, dyad=dyad, by="day")
    # ... but the timeline counts each happening once.
    assert sum(r["events"] for r in rows) == len(happenings) < len(listed)


def test_rebuilding_from_scratch_gives_the_same_groups(corpus: Corpus, tmp_path: Path) -> None:
    before = story_of(corpus)
    assign_stories(corpus.store, rebuild=True)
    after = story_of(corpus)
    assert (before["wire"] == before["paper"]) and (after["wire"] == after["paper"])
    assert len(set(after.values())) == len(set(before.values())) == 3


def test_summary_skips_a_sentence_that_repeats_another() -> None:
    lead = "Chile and Argentina signed a border accord on the glacier in Santiago on Monday."
    echo = "Chile and Argentina signed a border accord on the glacier in Santiago on Monday, officials said."
    other = "Surveyors from a joint commission will mark the new frontier on the ice next year."
    out = summarise([("a", [lead, other]), ("b", [echo])])
    sentences = [i["sentence"] for i in out]
    assert lead in sentences and other in sentences and echo not in sentences


def test_summary_reaches_past_the_lead_for_what_the_outlets_share() -> None:
    # Each outlet opens with its own colour; the fact both carry sits further down.
    wire = [
        "Rain fell all morning over the harbour town as crowds gathered near the quay.",
        "Fishing boats stayed tied up while vendors sold hot soup to the waiting families.",
        "Local musicians played old sea songs under a tarpaulin by the customs house.",
        "Several schools closed early so that pupils could watch from the promenade.",
        "Police diverted traffic away from the coast road for most of the afternoon.",
        "Norway and Iceland agreed a new quota for herring in the northern fishing grounds.",
    ]
    paper = [
        "The ministers arrived by ferry after a delayed crossing through heavy swell.",
        "A brass band from the naval academy greeted them on the windswept pier.",
        "Officials from both delegations declined to comment before the ceremony began.",
        "Journalists waited for hours in a converted warehouse beside the fish market.",
        "The mayor thanked residents for their patience during the security measures.",
        "Iceland and Norway agreed the herring quota for the northern fishing grounds.",
    ]
    out = summarise([("wire", wire), ("paper", paper)], size=2)
    sentences = [i["sentence"] for i in out]
    assert wire[-1] in sentences or paper[-1] in sentences, sentences
