"""Shared fixtures.

The spaCy model, the knowledge base and the stage pipeline are built once per
session; so are the two databases the read-only query tests use: the five seed
articles from ``../shared/data/seeds`` (ingested through the CLI), and a small
corpus of invented, dated articles written here (ingested through the library).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storyline.ids import article_id
from storyline.models import Article, Hints, Mention, Rejection

# tests/conftest.py -> the repository (parents[1]) -> its folder, which holds shared/.
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"


def _clear_storyline_env(mp: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("STORYLINE_"):
            mp.delenv(name, raising=False)
    mp.setenv("STORYLINE_NO_PROGRESS", "1")


@pytest.fixture(scope="session", autouse=True)
def _session_environment() -> Iterator[None]:
    # Session fixtures (the databases below) run before function-scoped ones, so the
    # environment is cleaned once for the whole session too.
    with pytest.MonkeyPatch.context() as mp:
        _clear_storyline_env(mp)
        yield


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No STORYLINE_* setting from the developer's shell leaks into a test."""
    _clear_storyline_env(monkeypatch)


def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not sorted(SEEDS.glob("*.txt")):
        pytest.skip(f"../shared/data is absent: no seed articles at {SEEDS}")
    return SEEDS


# --------------------------------------------------------------------------- articles


def mentions_at(article: Article, surface: str) -> list[Mention]:
    """The article's mentions overlapping the first occurrence of ``surface``."""
    text = article.text or ""
    start = text.index(surface)
    end = start + len(surface)
    return [m for m in article.mentions if m.start < end and start < m.end]


def make_article(text: str, *, name: str = "example.txt", date: str | None = None) -> Article:
    """An Article as a reader would produce it from a file holding ``text``."""
    data = text.encode("utf-8")
    return Article(
        id=article_id(data), input=name, raw_bytes=data, hints=Hints(date=date), format="text"
    )


@pytest.fixture(scope="session")
def pipeline() -> Any:
    """The full stage pipeline (ingest -> ... -> fingerprint) with the real spaCy model.

    The cleaner's minimum body length is lowered so that one-sentence examples pass.
    """
    from storyline.config import CleanConfig, Settings
    from storyline.run import build_pipeline

    return build_pipeline(Settings(clean=CleanConfig(min_words=3)))


@pytest.fixture(scope="session")
def process(pipeline: Any) -> Any:
    """Run the pipeline on texts; returns one processed Article per text, in order."""

    def run(texts: Sequence[str], *, date: str | None = "2024-03-08") -> list[Article]:
        batch = [make_article(t, name=f"text{i}.txt", date=date) for i, t in enumerate(texts)]
        live, rejected = pipeline(batch)
        assert rejected == [], rejected
        by_id = {a.id: a for a in live}
        return [by_id[a.id] for a in batch]

    return run


@pytest.fixture(scope="module")
def articles(process: Any, request: pytest.FixtureRequest) -> dict[str, Article]:
    """The requesting module's TEXTS (name -> invented text), each run through the pipeline."""
    texts: dict[str, str] = request.module.TEXTS
    done = process(list(texts.values()))
    return dict(zip(texts, done, strict=True))


@pytest.fixture(scope="session")
def process_one(process: Any) -> Any:
    def run(text: str, *, date: str | None = "2024-03-08") -> Article:
        return process([text], date=date)[0]

    return run


# --------------------------------------------------------------------------- corpora

# Invented articles about the United States and Russia, each with its own date, so
# that timelines, stories and the report have dated events to show.
OWN_ARTICLES = {
    "sanctions.txt": (
        "2024-03-08",
        "Washington tightens pressure on Moscow\n\n"
        "The United States imposed sanctions on Russia on Tuesday after talks on a "
        "prisoner exchange collapsed, officials in Washington said.\n\n"
        '"We will never accept <script>alert(1)</script> from Moscow," the minister said '
        "after the announcement.\n\n"
        "Russian Deputy Foreign Minister Sergey Rjabkov said that Moscow would respond to "
        "the new measures within days.\n",
    ),
    "talks.txt": (
        "2024-05-17",
        "Diplomats meet in Geneva\n\n"
        "The United States and Russia held talks in Geneva on Monday about arms control "
        "and the future of the last remaining treaty between the two countries.\n\n"
        "The Kremlin praised the United States for the constructive tone of the meeting, a "
        "spokesman told reporters on Wednesday.\n",
    ),
    "denial.txt": (
        "2024-05-24",
        "No rebuke over missile test\n\n"
        "The United States did not criticise Russia over the missile test on Thursday, "
        "and Russia may meet American negotiators again next month in Vienna, officials "
        "on both sides said after a long day of consultations.\n",
    ),
}


@dataclass(frozen=True)
class Corpus:
    db: Path
    folder: Path
    report: Any  # storyline.models.RunReport


@pytest.fixture(scope="session")
def own_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Corpus:
    """A database of the invented articles above, ingested with the library."""
    from storyline.run import ingest
    from storyline.stages.ingest import load_manifest
    from storyline.store import Store

    folder = tmp_path_factory.mktemp("own_articles")
    lines = ["path,date,source"]
    for name, (date, text) in OWN_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        lines.append(f"{name},{date},Invented Wire")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = load_manifest(manifest)
    manifest.unlink()
    db = tmp_path_factory.mktemp("own_db") / "own.duckdb"
    with Store(db) as store:
        report = ingest([str(folder)], store=store, manifest=rows)
    assert report.rejections == [], report.rejections
    assert report.stored == len(OWN_ARTICLES)
    return Corpus(db=db, folder=folder, report=report)


@dataclass(frozen=True)
class SeedRun:
    db: Path
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> SeedRun:
    """The seed articles ingested once through the CLI; read-only tests share it."""
    from typer.testing import CliRunner

    from storyline.cli import app

    seeds = seeds_dir()
    db = tmp_path_factory.mktemp("seeds_db") / "seeds.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(seeds), "--db", str(db)])
    return SeedRun(db=db, exit_code=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def rejected_inputs(items: Sequence[Article | Rejection]) -> list[str]:
    return [r.input for r in items if isinstance(r, Rejection)]


# --------------------------------------------------------------------------- contract

# Field names of the records in ../shared/CONTRACT.md (records may carry more).
ARTICLE_FIELDS = {
    "id",
    "input",
    "source",
    "title",
    "published",
    "published_from",
    "language",
    "text",
    "paragraphs",
    "duplicate_of",
}
ENTITY_FIELDS = {"id", "name", "type", "country", "aliases", "mentions", "articles"}
ACTOR_FIELDS = {"name", "entity_id", "country", "role"}
EVENT_FIELDS = {
    "id",
    "article_id",
    "sentence",
    "source",
    "target",
    "cameo",
    "plover",
    "quad_class",
    "goldstein",
    "date",
    "date_precision",
    "negated",
    "modality",
    "story_id",
    "location",
}
QUOTE_FIELDS = {"id", "article_id", "speaker", "text", "kind", "sentence"}
STORY_FIELDS = {"id", "title", "article_ids", "event_ids", "first_date", "last_date", "summary"}
TIMELINE_FIELDS = {
    "period",
    "events",
    "goldstein_sum",
    "goldstein_mean",
    "quad1",
    "quad2",
    "quad3",
    "quad4",
}


def check_event(ev: dict[str, Any]) -> None:
    """An event record has the contract's fields with values in their documented ranges."""
    assert set(ev) >= EVENT_FIELDS, EVENT_FIELDS - set(ev)
    assert set(ev["source"]) >= ACTOR_FIELDS
    assert ev["target"] is None or set(ev["target"]) >= ACTOR_FIELDS
    assert isinstance(ev["cameo"], str) and ev["cameo"].isdigit()
    assert ev["quad_class"] in (1, 2, 3, 4)
    assert -10 <= ev["goldstein"] <= 10
    assert ev["modality"] in ("asserted", "reported", "planned", "hypothetical")
    assert isinstance(ev["negated"], bool)
    assert ev["date_precision"] in ("day", "month", "year", None)
    assert (ev["date"] is None) == (ev["date_precision"] is None)
