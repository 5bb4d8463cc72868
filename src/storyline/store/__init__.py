"""The DuckDB store: one writer, batches written in one transaction each.

Workers (threads, processes, Ray actors) never open the database; they return
records and the driver writes them here. Ids are deterministic, so writing the
same article twice replaces it rather than adding a copy.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from storyline.errors import MigrationError, NotFoundError, StoreError
from storyline.models import Article, Rejection
from storyline.store.migrations import MIGRATIONS

logger = logging.getLogger(__name__)

ARTICLE_TABLES = (
    "articles",
    "raw_inputs",
    "sentences",
    "mentions",
    "events",
    "quotes",
    "minhashes",
    "story_vectors",  # issue #6: the story step's per-article index
    "lsh_bands",
)


class Store:
    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        import duckdb

        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory and not self.path.exists() and (read_only or not create):
            raise NotFoundError(f"no database at {self.path}; run `storyline ingest` first")
        try:
            self.con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.pending():
            raise StoreError(
                f"database {self.path} is at an older schema; open it once for writing "
                "(e.g. `storyline store migrate`) to upgrade it"
            )

    # -- lifecycle -------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # -- migrations ------------------------------------------------------------
    def applied(self) -> list[int]:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return []
        return [
            r[0]
            for r in self.con.execute("SELECT version FROM _migrations ORDER BY version").fetchall()
        ]

    def pending(self) -> list[int]:
        done = set(self.applied())
        return [m.version for m in MIGRATIONS if m.version not in done]

    def migrate(self) -> list[int]:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER, name VARCHAR, applied_at TIMESTAMP)"
        )
        done = set(self.applied())
        ran = []
        for m in MIGRATIONS:
            if m.version in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                m.apply(self.con)
                self.con.execute(
                    "INSERT INTO _migrations VALUES (?, ?, ?)",
                    [m.version, m.name, datetime.now(UTC)],
                )
                self.con.execute("COMMIT")
            except Exception as exc:
                self.con.execute("ROLLBACK")
                raise MigrationError(f"migration {m.version} ({m.name}) failed: {exc}") from exc
            ran.append(m.version)
        return ran

    # -- reads used by the driver ----------------------------------------------
    def stored_state(self, ids: Sequence[str]) -> dict[str, tuple[dict[str, str], dict[str, Any]]]:
        """For each stored id: the stage versions it was made with, and its user hints."""
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT a.id, a.stage_versions, r.hints FROM articles a "
            "LEFT JOIN raw_inputs r ON r.article_id = a.id WHERE a.id IN (SELECT unnest(?))",
            [list(ids)],
        ).fetchall()
        return {r[0]: (json.loads(r[1] or "{}"), json.loads(r[2] or "{}")) for r in rows}

    def count(self, table: str) -> int:
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    # -- writes ------------------------------------------------------------------
    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        import pyarrow as pa

        data = pa.Table.from_pylist(rows)
        self.con.register("_batch", data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    def write_batch(
        self,
        articles: Sequence[Article],
        rejections: Sequence[Rejection],
        *,
        versions: dict[str, str],
        run_id: str,
    ) -> None:
        """Replace these articles and everything derived from them, in one transaction."""
        now = datetime.now(UTC)
        ids = [a.id for a in articles]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                for table in ARTICLE_TABLES:
                    key = "id" if table == "articles" else "article_id"
                    self.con.execute(
                        f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [ids]
                    )
            self._insert("articles", [_article_row(a, versions, now) for a in articles])
            self._insert(
                "raw_inputs",
                [
                    {
                        "article_id": a.id,
                        "format": a.format,
                        "raw": a.raw,
                        "hints": json.dumps(hints_dict(a)),
                    }
                    for a in articles
                ],
            )
            self._insert(
                "sentences",
                [
                    {
                        "article_id": a.id,
                        "idx": i,
                        "start_char": s.start,
                        "end_char": s.end,
                        "text": s.text,
                    }
                    for a in articles
                    for i, s in enumerate(a.sentences)
                ],
            )
            self._insert(
                "mentions",
                [
                    {
                        "article_id": a.id,
                        "start_char": m.start,
                        "end_char": m.end,
                        "text": m.text,
                        "entity_id": m.entity_id,
                        "score": m.score,
                    }
                    for a in articles
                    for m in a.mentions
                ],
            )
            entities = {m.entity_id: m for a in articles for m in a.mentions}
            if entities:
                self.con.execute(
                    "DELETE FROM entities WHERE id IN (SELECT unnest(?))", [list(entities)]
                )
                self._insert(
                    "entities",
                    [
                        {
                            "id": m.entity_id,
                            "name": m.name,
                            "type": m.type,
                            "country": m.country,
                            # A country has no sector; "the Kremlin" as GOV is the mention's role.
                            "sector": None if m.type == "GPE" else m.sector,
                            "qid": m.entity_id if m.entity_id.startswith("Q") else None,
                        }
                        for m in entities.values()
                    ],
                )
            self._insert("events", [_event_row(e) for a in articles for e in a.events])
            self._insert(
                "quotes",
                [
                    {
                        "id": q.id,
                        "article_id": q.article_id,
                        "speaker_name": q.speaker_name,
                        "speaker_entity_id": q.speaker_entity_id,
                        "text": q.text,
                        "kind": q.kind,
                        "sentence": q.sentence,
                        "start_char": q.start,
                        "end_char": q.end,
                    }
                    for a in articles
                    for q in a.quotes
                ],
            )
            self._insert(
                "minhashes",
                [{"article_id": a.id, "signature": a.minhash} for a in articles if a.minhash],
            )
            self._insert(
                "rejections",
                [
                    {
                        "run_id": run_id,
                        "input": r.input,
                        "stage": r.stage,
                        "reason": r.reason,
                        "article_id": r.article_id,
                        "rejected_at": now,
                    }
                    for r in rejections
                ],
            )
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not write a batch of {len(articles)} articles: {exc}") from exc

    def record_run(
        self,
        run_id: str,
        started: datetime,
        seen: int,
        stored: int,
        skipped: int,
        rejected: int,
        versions: dict[str, str],
    ) -> None:
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                started,
                datetime.now(UTC),
                seen,
                stored,
                skipped,
                rejected,
                json.dumps(versions),
            ],
        )

    def execute(self, sql: str, params: Iterable[Any] | None = None) -> Any:
        return self.con.execute(sql, list(params) if params is not None else None)


def hints_dict(a: Article) -> dict[str, Any]:
    h = a.hints
    return {
        "date": h.date,
        "source": h.source,
        "title": h.title,
        "language": h.language,
        "url": h.url,
        "authors": list(h.authors),
    }


def _article_row(a: Article, versions: dict[str, str], now: datetime) -> dict[str, Any]:
    return {
        "id": a.id,
        "input": a.input,
        "source": a.source,
        "title": a.title,
        "published": a.published,
        "published_from": a.published_from,
        "language": a.language,
        "text": a.text,
        "paragraphs": list(a.paragraphs),
        "removed": json.dumps(
            [{"text": r.text, "reason": r.reason} for r in a.removed], ensure_ascii=False
        ),
        "authors": list(a.authors),
        "content_hash": a.content_hash,
        "duplicate_of": None,
        "story_id": None,
        "stage_versions": json.dumps(versions, sort_keys=True),
        "ingested_at": now,
    }


def _event_row(e: Any) -> dict[str, Any]:
    row = {
        "id": e.id,
        "article_id": e.article_id,
        "sentence": e.sentence,
        "sentence_start": e.sentence_start,
        "action": e.action,
        "action_start": e.action_start,
        "action_end": e.action_end,
        "cameo": e.cameo,
        "plover": e.plover,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "date": e.date,
        "date_precision": e.date_precision,
        "date_from": e.date_from,
        "negated": e.negated,
        "modality": e.modality,
        "location": e.location,
    }
    for side in ("source", "target"):
        ref = getattr(e, side)
        for k in ("name", "entity_id", "country", "role", "start", "end"):
            row[f"{side}_{k}"] = getattr(ref, k) if ref is not None else None
    return row
