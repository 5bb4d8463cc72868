"""Building and running pipelines: ordering checks, batch contract, per-article failures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import pytest

from storyline.errors import (
    IngestError,
    PipelineConfigError,
    StageContractError,
    StageError,
    UnknownStageError,
)
from storyline.models import Article, Rejection
from storyline.pipeline import READER_FIELDS, Pipeline, get_stage, per_article
from storyline.stages import Actors, Clean, Events, Fingerprint, Ingest, Nlp


def _art(n: int) -> Article:
    return Article(id=f"id{n}", input=f"in{n}.txt", raw=f"raw {n}", format="text")


class Upper:
    name: ClassVar[str] = "upper"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"text"})

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, lambda a: a.replace(text=(a.raw or "").upper()))


class DropsOne(Upper):
    name: ClassVar[str] = "drops_one"

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return list(batch[1:])


class ReturnsStrings(Upper):
    name: ClassVar[str] = "returns_strings"

    def __call__(self, batch: Sequence[Article], /) -> list[Any]:
        return [a.id for a in batch]


class RejectsOdd(Upper):
    name: ClassVar[str] = "rejects_odd"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"title"})

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        def one(a: Article) -> Article:
            if int(a.id[2:]) % 2:
                raise ValueError(f"odd article {a.id}")
            return a.replace(title="even")

        return per_article(self.name, batch, one)


# --------------------------------------------------------------------------- building


def test_the_built_in_order_is_valid() -> None:
    # The classes carry requires/provides as class attributes: no model is loaded.
    pipeline = Pipeline([Ingest, Clean, Nlp, Actors, Events, Fingerprint])  # type: ignore[list-item]
    assert list(pipeline.versions) == ["ingest", "clean", "nlp", "actors", "events", "fingerprint"]


def test_events_before_nlp_names_the_stage_and_the_missing_field() -> None:
    with pytest.raises(PipelineConfigError) as info:
        Pipeline([Ingest(), Clean(), Events(), Nlp, Actors])  # type: ignore[list-item]
    message = str(info.value)
    assert "'events'" in message
    assert "'doc'" in message
    assert "nlp" in message  # the stage that provides it, placed later


def test_missing_field_nobody_provides() -> None:
    with pytest.raises(PipelineConfigError) as info:
        Pipeline([Clean(), Upper()])  # Clean needs raw/format; readers give raw_bytes only
    assert "'clean'" in str(info.value)
    assert "'format'" in str(info.value)
    assert "placed later" not in str(info.value)


def test_available_fields_decide_what_the_first_stage_may_need() -> None:
    with pytest.raises(PipelineConfigError):
        Pipeline([Upper()], available=READER_FIELDS)
    Pipeline([Upper()], available={"raw"})  # no error


# --------------------------------------------------------------------------- running


def test_pipeline_runs_stages_in_order() -> None:
    live, rejected = Pipeline([Upper()], available={"raw"})([_art(1), _art(2)])
    assert [a.text for a in live] == ["RAW 1", "RAW 2"]
    assert rejected == []


def test_stage_returning_wrong_length_raises_contract_error() -> None:
    pipeline = Pipeline([DropsOne()], available={"raw"})
    with pytest.raises(
        StageContractError, match=r"'drops_one' returned 1 records for a batch of 2"
    ):
        pipeline([_art(1), _art(2)])


def test_stage_returning_wrong_type_raises_contract_error() -> None:
    pipeline = Pipeline([ReturnsStrings()], available={"raw"})
    with pytest.raises(StageContractError, match="returned str"):
        pipeline([_art(1)])


def test_rejected_articles_leave_the_batch_and_later_stages_see_the_rest() -> None:
    pipeline = Pipeline([Upper(), RejectsOdd()], available={"raw"})
    live, rejected = pipeline([_art(n) for n in range(4)])
    assert [a.id for a in live] == ["id0", "id2"]
    assert all(a.title == "even" for a in live)
    assert [(r.input, r.stage, r.article_id) for r in rejected] == [
        ("in1.txt", "rejects_odd", "id1"),
        ("in3.txt", "rejects_odd", "id3"),
    ]
    assert "odd article id1" in rejected[0].reason


def test_empty_batch_runs_no_stage() -> None:
    assert Pipeline([DropsOne()], available={"raw"})([]) == ([], [])


# --------------------------------------------------------------------------- per_article


def test_per_article_turns_exceptions_into_rejections() -> None:
    def fn(a: Article) -> Article:
        if a.id == "id1":
            raise KeyError("boom")
        if a.id == "id2":
            raise StageError("mine", a.input, "no verbs found")
        if a.id == "id3":
            raise IngestError(a.input, "cannot decode")
        return a.replace(text="ok")

    out = per_article("mine", [_art(n) for n in range(4)], fn)
    assert isinstance(out[0], Article) and out[0].text == "ok"
    rejections = out[1:]
    assert all(isinstance(r, Rejection) for r in rejections)
    assert [(r.input, r.stage, r.article_id) for r in rejections] == [  # type: ignore[union-attr]
        ("in1.txt", "mine", "id1"),
        ("in2.txt", "mine", "id2"),
        ("in3.txt", "mine", "id3"),
    ]
    assert [r.reason for r in rejections] == [  # type: ignore[union-attr]
        "KeyError('boom')",
        "no verbs found",
        "cannot decode",
    ]


# --------------------------------------------------------------------------- registry


def test_get_stage_knows_the_built_in_stages() -> None:
    assert get_stage("events") is Events
    assert get_stage("clean") is Clean


def test_unknown_stage_lists_the_available_ones() -> None:
    with pytest.raises(UnknownStageError) as info:
        get_stage("sentiment")
    assert isinstance(info.value, LookupError)
    assert info.value.name == "sentiment"
    assert {"ingest", "clean", "nlp", "actors", "events", "fingerprint"} <= set(
        info.value.available
    )
    assert "clean" in str(info.value) and "'sentiment'" in str(info.value)
