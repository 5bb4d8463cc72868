"""Schema migrations: registered, ordered, each applied in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storyline.errors import MigrationError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Any], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def deco(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        if any(m.version == version for m in MIGRATIONS):
            raise MigrationError(f"two migrations numbered {version}")
        MIGRATIONS.append(Migration(version, name, fn))
        MIGRATIONS.sort(key=lambda m: m.version)
        return fn

    return deco


# No PRIMARY KEY constraints: rows are replaced per article (delete, then insert)
# inside one transaction, which DuckDB's eager unique checks would refuse.
@migration(1, "initial schema")
def _initial(con: Any) -> None:
    con.execute("""
    CREATE TABLE articles (
        id VARCHAR NOT NULL, input VARCHAR, source VARCHAR, title VARCHAR, published DATE,
        published_from VARCHAR, language VARCHAR, text VARCHAR, paragraphs VARCHAR[],
        removed VARCHAR, authors VARCHAR[], content_hash VARCHAR, duplicate_of VARCHAR,
        story_id VARCHAR, stage_versions VARCHAR, ingested_at TIMESTAMP
    );
    CREATE TABLE raw_inputs (article_id VARCHAR NOT NULL, format VARCHAR, raw VARCHAR, hints VARCHAR);
    CREATE TABLE sentences (
        article_id VARCHAR NOT NULL, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR
    );
    CREATE TABLE entities (
        id VARCHAR NOT NULL, name VARCHAR, type VARCHAR, country VARCHAR, sector VARCHAR, qid VARCHAR
    );
    CREATE TABLE mentions (
        article_id VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR,
        entity_id VARCHAR, score DOUBLE
    );
    CREATE TABLE events (
        id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, sentence VARCHAR, sentence_start INTEGER,
        source_name VARCHAR, source_entity_id VARCHAR, source_country VARCHAR, source_role VARCHAR,
        source_start INTEGER, source_end INTEGER,
        target_name VARCHAR, target_entity_id VARCHAR, target_country VARCHAR, target_role VARCHAR,
        target_start INTEGER, target_end INTEGER,
        action VARCHAR, action_start INTEGER, action_end INTEGER,
        cameo VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        date DATE, date_precision VARCHAR, date_from VARCHAR, negated BOOLEAN, modality VARCHAR,
        location VARCHAR
    );
    CREATE TABLE quotes (
        id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, speaker_name VARCHAR,
        speaker_entity_id VARCHAR, text VARCHAR, kind VARCHAR, sentence VARCHAR,
        start_char INTEGER, end_char INTEGER
    );
    CREATE TABLE minhashes (article_id VARCHAR NOT NULL, signature BLOB);
    CREATE TABLE stories (
        id VARCHAR NOT NULL, title VARCHAR, summary VARCHAR, first_date DATE, last_date DATE
    );
    CREATE TABLE runs (
        id VARCHAR NOT NULL, started TIMESTAMP, finished TIMESTAMP, seen INTEGER, stored INTEGER,
        skipped INTEGER, rejected INTEGER, versions VARCHAR
    );
    CREATE TABLE rejections (
        run_id VARCHAR, input VARCHAR, stage VARCHAR, reason VARCHAR, article_id VARCHAR, rejected_at TIMESTAMP
    );
    """)


# Issue #6: incremental stories. Each article's story vector and its MinHash LSH band
# keys are kept, so a new article is compared with stored ones without recomputing
# the corpus. Articles without a vector are (re)assigned by the next story step, which
# makes an upgraded database regroup once.
@migration(4, "story vectors and LSH bands")
def _story_index(con: Any) -> None:
    con.execute("""
    CREATE TABLE story_vectors (
        article_id VARCHAR NOT NULL, published DATE, terms VARCHAR[], weights FLOAT[]
    );
    CREATE TABLE lsh_bands (article_id VARCHAR NOT NULL, band INTEGER, key BIGINT);
    """)
