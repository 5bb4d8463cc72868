"""The driver: read inputs, run the stages in batches, write each batch, group stories.

This is the single writer. Stages never touch the store, so the middle of the
loop (``pipeline(batch)``) can move to worker processes or Ray actors unchanged.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from storyline.config import Settings
from storyline.ids import digest
from storyline.models import Article, Hints, Rejection, RunReport
from storyline.pipeline import READER_FIELDS, RERUN_FIELDS, Pipeline
from storyline.stages import Actors, Clean, Events, Fingerprint, Ingest, Nlp
from storyline.stages.ingest import Fetcher, read_inputs
from storyline.stages.stories import assign_stories
from storyline.store import Store, hints_dict

logger = logging.getLogger(__name__)

Progress = Callable[[RunReport], None]


def build_pipeline(settings: Settings, *, rerun: bool = False) -> Pipeline:
    stages: list[Any] = [] if rerun else [Ingest(settings.ingest)]
    stages += [
        Clean(settings.clean),
        Nlp(settings.nlp),
        Actors(settings.actors, settings.nlp),
        Events(settings.events),
        Fingerprint(settings.stories),
    ]
    return Pipeline(stages, available=RERUN_FIELDS if rerun else READER_FIELDS)


def stage_versions(settings: Settings | None = None) -> dict[str, str]:
    """Versions of every stage, including those not run on a rerun (ingest).

    The events version names the coder when it is not the rule coder ("11+llm1:MODEL"),
    so articles coded by another coder or model are out of date and re-coded."""
    versions = {s.name: s.version for s in (Ingest, Clean, Nlp, Actors, Events, Fingerprint)}
    events = (settings or Settings()).events
    if events.coder == "llm":
        from storyline.stages.events.llm import coder_version

        versions[Events.name] += coder_version(events.llm)
    return versions


def _with_llm_cache(settings: Settings, store: Store) -> Settings:
    """The LLM coder's answer cache defaults to a file beside the database."""
    llm = settings.events.llm
    if settings.events.coder != "llm" or llm.cache is not None or str(store.path) == ":memory:":
        return settings
    llm = llm.model_copy(update={"cache": f"{store.path}.llm-cache.sqlite"})
    events = settings.events.model_copy(update={"llm": llm})
    return settings.model_copy(update={"events": events})


def _batches(
    items: Iterable[Article | Rejection], size: int
) -> Iterator[list[Article | Rejection]]:
    batch: list[Article | Rejection] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _unchanged(
    a: Article, state: tuple[dict[str, str], dict[str, Any]] | None, versions: dict[str, str]
) -> bool:
    """Stored with the current stages, and no new metadata given for it."""
    if state is None or state[0] != versions:
        return False
    return a.hints == Hints() or hints_dict(a) == state[1]


def _process(
    store: Store,
    make_pipeline: Callable[[], Pipeline],
    items: Iterable[Article | Rejection],
    report: RunReport,
    run_id: str,
    settings: Settings,
    progress: Progress | None,
    force: bool,
) -> None:
    versions = stage_versions(settings)
    seen_ids: set[str] = set()
    pipeline: Pipeline | None = None
    for batch in _batches(items, settings.batch_size):
        rejected = [r for r in batch if isinstance(r, Rejection)]
        articles = [a for a in batch if isinstance(a, Article)]
        report.seen += len(batch)
        state = store.stored_state([a.id for a in articles])
        todo = []
        for a in articles:
            # Same content seen before (in the store or earlier in this run): nothing new.
            if a.id in seen_ids or (not force and _unchanged(a, state.get(a.id), versions)):
                report.skipped += 1
                continue
            seen_ids.add(a.id)
            todo.append(a)
        if todo and pipeline is None:
            pipeline = make_pipeline()  # models load only when there is work
        if todo and pipeline is not None:
            _learn_outlets(store, pipeline, todo)
        done, failed = pipeline(todo) if todo and pipeline is not None else ([], [])
        rejected += failed
        store.write_batch(done, rejected, versions=versions, run_id=run_id)
        report.stored += len(done)
        report.rejections.extend(rejected)
        for r in rejected:
            logger.info("rejected %s at %s: %s", r.input, r.stage, r.reason)
        if progress:
            progress(report)


def _learn_outlets(store: Store, pipeline: Pipeline, todo: list[Article]) -> None:
    """Pre-pass for the cleaner: lines recurring across each outlet's stored articles
    are boilerplate (issue #3). One query per outlet and run; the stage caches it."""
    clean = next((s for s in pipeline.stages if isinstance(s, Clean)), None)
    if clean is None:
        return
    ids = {a.id for a in todo}

    def stored_texts(outlet: str) -> list[str]:
        rows = store.execute(
            "SELECT a.id, r.raw FROM articles a JOIN raw_inputs r ON r.article_id = a.id "
            "WHERE a.source = ? AND r.format <> 'html' ORDER BY a.ingested_at DESC LIMIT 200",
            [outlet],
        ).fetchall()
        return [raw for art_id, raw in rows if art_id not in ids and raw]

    clean.learn_outlets(todo, stored_texts)


def ingest(
    inputs: Sequence[str],
    *,
    store: Store,
    settings: Settings | None = None,
    fmt: str = "auto",
    hints: Hints | None = None,
    manifest: dict[str, Hints] | None = None,
    fetch: Fetcher | None = None,
    stdin: Any = None,
    progress: Progress | None = None,
    force: bool = False,
) -> RunReport:
    """Read ``inputs``, run the whole pipeline on what is new, and store it."""
    settings = settings or Settings()
    items = read_inputs(
        inputs,
        fmt=fmt,
        hints=hints,
        manifest=manifest,
        fetch=fetch,
        stdin=stdin,
        max_bytes=settings.ingest.max_bytes,
    )
    return _run(store, items, settings, progress, force=force, rerun=False)


def rerun(
    *,
    store: Store,
    settings: Settings | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> RunReport:
    """Re-run the stages on stored articles whose stage versions are out of date."""
    current = json.dumps(stage_versions(settings), sort_keys=True)
    rows = store.execute(
        "SELECT a.id, a.input, r.raw, r.format, r.hints, a.stage_versions FROM articles a "
        "JOIN raw_inputs r ON r.article_id = a.id ORDER BY a.ingested_at, a.id"
    ).fetchall()
    items = []
    for art_id, name, raw, fmt, hints_json, versions in rows:
        if not force and versions == current:
            continue
        h = json.loads(hints_json or "{}")
        h["authors"] = tuple(h.get("authors") or ())
        items.append(Article(id=art_id, input=name, raw=raw, format=fmt, hints=Hints(**h)))
    return _run(store, items, settings or Settings(), progress, force=True, rerun=True)


def _run(
    store: Store,
    items: Iterable[Article | Rejection],
    settings: Settings,
    progress: Progress | None,
    *,
    force: bool,
    rerun: bool,
) -> RunReport:
    settings = _with_llm_cache(settings, store)
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    run_id = digest("rerun" if rerun else "run", started.isoformat())
    report = RunReport()
    _process(
        store,
        lambda: build_pipeline(settings, rerun=rerun),
        items,
        report,
        run_id,
        settings,
        progress,
        force,
    )
    _finish(store, report, run_id, started, t0, settings)
    return report


def _finish(
    store: Store, report: RunReport, run_id: str, started: datetime, t0: float, settings: Settings
) -> None:
    if report.stored:
        counts = assign_stories(store, settings.stories)
        logger.info("stories: %s", counts)
    report.seconds = time.perf_counter() - t0
    store.record_run(
        run_id,
        started,
        report.seen,
        report.stored,
        report.skipped,
        len(report.rejections),
        stage_versions(settings),
    )
