"""The DuckDB store: migrations, replacing writes, atomic batches, read-only opening."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import query
from storyline.errors import NotFoundError, StoreError
from storyline.ids import content_hash
from storyline.models import (
    ActorRef,
    Article,
    Event,
    Hints,
    Mention,
    Quote,
    Rejection,
    Removal,
    Sentence,
)
from storyline.store import Store
from storyline.store.migrations import MIGRATIONS

VERSIONS = {"clean": "1", "events": "1"}
SENTENCE = "Canada imposed sanctions on Russia on Tuesday."


def article(art_id: str = "art1", text: str = SENTENCE, *, events: bool = True) -> Article:
    """A fully processed article, built by hand (no model needed)."""
    second = "Officials in Ottawa said more measures were possible."
    body = f"{text}\n\n{second}"
    canada = Mention(
        start=0,
        end=6,
        text="Canada",
        entity_id="country:CAN",
        name="Canada",
        type="GPE",
        country="CAN",
    )
    russia = Mention(
        start=28,
        end=34,
        text="Russia",
        entity_id="country:RUS",
        name="Russia",
        type="GPE",
        country="RUS",
    )
    event = Event(
        id=f"{art_id}-ev",
        article_id=art_id,
        sentence=text,
        sentence_start=0,
        source=ActorRef(
            name="Canada", entity_id="country:CAN", country="CAN", role=None, start=0, end=6
        ),
        target=ActorRef(
            name="Russia", entity_id="country:RUS", country="RUS", role=None, start=28, end=34
        ),
        action="imposed",
        action_start=7,
        action_end=14,
        cameo="163",
        plover="SANCTION",
        quad_class=4,
        goldstein=-4.0,
        date="2024-03-05",
        date_precision="day",
        date_from="text",
        negated=False,
        modality="asserted",
    )
    quote = Quote(
        id=f"{art_id}-q",
        article_id=art_id,
        speaker_name="Officials in Ottawa",
        speaker_entity_id=None,
        text="more measures were possible",
        kind="indirect",
        sentence=second,
        start=len(text) + 2 + 25,
        end=len(body) - 1,
    )
    return Article(
        id=art_id,
        input=f"{art_id}.txt",
        raw=body,
        format="text",
        hints=Hints(date="2024-03-08", source="Wire"),
        source="Wire",
        title="Sanctions",
        published="2024-03-08",
        published_from="manifest",
        language="en",
        text=body,
        paragraphs=(text, second),
        removed=(Removal(text="Share", reason="share widget"),),
        content_hash=content_hash(body),
        sentences=(
            Sentence(start=0, end=len(text), text=text),
            Sentence(start=len(text) + 2, end=len(body), text=second),
        ),
        mentions=(canada, russia),
        events=(event,) if events else (),
        quotes=(quote,),
        minhash=b"\x00" * 16,
    )


def counts(store: Store) -> dict[str, int]:
    tables = ("articles", "raw_inputs", "sentences", "mentions", "events", "quotes", "minhashes")
    return {t: store.count(t) for t in tables}


def stage_versions(store: Store) -> dict[str, dict[str, str]]:
    rows = store.execute("SELECT id, stage_versions FROM articles").fetchall()
    return {r[0]: json.loads(r[1]) for r in rows}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_new_database_has_every_migration_applied(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    assert not path.exists()
    with Store(path) as s:
        assert s.applied() == [m.version for m in MIGRATIONS]
        assert s.pending() == []
        assert s.migrate() == []  # nothing left to run
    with Store(path, read_only=True) as s:
        assert s.pending() == []
        assert s.count("articles") == 0


def test_write_batch_stores_the_article_and_what_derives_from_it(store: Store) -> None:
    store.write_batch([article()], [], versions=VERSIONS, run_id="r1")
    assert counts(store) == {
        "articles": 1,
        "raw_inputs": 1,
        "sentences": 2,
        "mentions": 2,
        "events": 1,
        "quotes": 1,
        "minhashes": 1,
    }
    assert stage_versions(store) == {"art1": VERSIONS}
    (rec,) = query.articles(store, show_removed=True)
    assert rec["text"] == article().text
    assert rec["paragraphs"] == list(article().paragraphs)
    assert rec["removed"] == [{"text": "Share", "reason": "share widget"}]
    (ev,) = query.events(store)
    assert ev["source"]["country"] == "CAN" and ev["target"]["country"] == "RUS"
    assert ev["date"] == "2024-03-05"


def test_rewriting_an_article_replaces_its_rows(store: Store) -> None:
    store.write_batch([article()], [], versions=VERSIONS, run_id="r1")
    before = counts(store)
    store.write_batch([article()], [], versions=VERSIONS, run_id="r2")
    assert counts(store) == before
    store.write_batch([article(events=False)], [], versions={"clean": "2"}, run_id="r3")
    assert store.count("events") == 0
    assert store.count("articles") == 1
    assert stage_versions(store) == {"art1": {"clean": "2"}}


def test_entities_are_shared_between_articles(store: Store) -> None:
    store.write_batch([article("a"), article("b")], [], versions=VERSIONS, run_id="r1")
    store.write_batch([article("a")], [], versions=VERSIONS, run_id="r2")
    ents = {e["id"]: e for e in query.entities(store)}
    assert set(ents) == {"country:CAN", "country:RUS"}
    assert ents["country:CAN"]["mentions"] == 2
    assert sorted(ents["country:CAN"]["articles"]) == ["a", "b"]


def test_rejections_are_recorded(store: Store) -> None:
    rej = Rejection(input="bad.bin", stage="ingest", reason="binary file", article_id=None)
    store.write_batch([], [rej], versions=VERSIONS, run_id="r1")
    rows = store.execute("SELECT run_id, input, stage, reason FROM rejections").fetchall()
    assert rows == [("r1", "bad.bin", "ingest", "binary file")]


def test_failed_write_leaves_earlier_data_intact(store: Store) -> None:
    original = article()
    store.write_batch([original], [], versions=VERSIONS, run_id="r1")
    before = counts(store)

    changed_text = "Canada lifted sanctions on Russia on Tuesday."
    broken_event = dataclasses.replace(
        original.events[0],
        sentence=changed_text,
        sentence_start="not a number",  # type: ignore[arg-type]
    )
    replacement = dataclasses.replace(
        article(text=changed_text), events=(broken_event,)
    )  # same id: the write must first delete the stored rows
    newcomer = article("art2")
    with pytest.raises(StoreError, match="could not write a batch of 2 articles"):
        store.write_batch([replacement, newcomer], [], versions=VERSIONS, run_id="r2")

    assert counts(store) == before
    (rec,) = query.articles(store)
    assert rec["id"] == "art1" and rec["text"] == original.text
    (ev,) = query.events(store)
    assert ev["sentence"] == SENTENCE
    # The connection is still usable after the rollback.
    store.write_batch([newcomer], [], versions=VERSIONS, run_id="r3")
    assert store.count("articles") == 2


def test_opening_a_missing_database_read_only_raises_not_found(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(NotFoundError) as info:
        Store(path, read_only=True)
    assert isinstance(info.value, LookupError)
    assert str(path) in str(info.value)
    assert not path.exists()
    with pytest.raises(NotFoundError):
        Store(path, create=False)
    assert not path.exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as s, pytest.raises(StoreError):
        s.write_batch([article()], [], versions=VERSIONS, run_id="r1")


def test_unknown_article_id_raises_not_found(store: Store) -> None:
    store.write_batch([article()], [], versions=VERSIONS, run_id="r1")
    with pytest.raises(NotFoundError, match="no article with id 'nope'"):
        query.articles(store, article_id="nope")
    assert query.articles(store, article_id="art1")[0]["title"] == "Sanctions"
