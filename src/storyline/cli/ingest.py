"""``storyline ingest``, ``storyline rerun`` and ``storyline store``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.text import Text

from storyline.cli._common import DbOption, fail, open_store, stderr
from storyline.config import ActorsConfig, EventsConfig, LlmConfig, Settings
from storyline.errors import StorylineError
from storyline.models import Hints, RunReport
from storyline.stages.ingest import FORMATS, load_manifest


def _progress_bar() -> tuple[Progress, TaskID]:
    progress = Progress(
        TextColumn("[bold]ingest[/]"),
        BarColumn(bar_width=None),
        TextColumn(
            "{task.fields[stored]} stored, {task.fields[skipped]} unchanged, "
            "{task.fields[rejected]} rejected"
        ),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        console=stderr,
        transient=False,
        disable=bool(os.environ.get("STORYLINE_NO_PROGRESS")),
    )
    task = progress.add_task("ingest", total=None, stored=0, skipped=0, rejected=0, rate=0.0)
    return progress, task


def _summarise(report: RunReport) -> None:
    stderr.print(
        f"{report.stored} stored, {report.skipped} unchanged, {len(report.rejections)} rejected "
        f"in {report.seconds:.1f}s"
    )
    for r in report.rejections:
        stderr.print(Text(f"rejected: {r.input} [{r.stage}] {r.reason}", style="yellow"))
    if report.rejections:
        raise typer.Exit(1)


def _run(fn: object, **kwargs: object) -> RunReport:
    import time

    progress, task = _progress_bar()
    t0 = time.perf_counter()

    def update(report: RunReport) -> None:
        elapsed = max(time.perf_counter() - t0, 1e-6)
        progress.update(
            task,
            advance=0,
            stored=report.stored,
            skipped=report.skipped,
            rejected=len(report.rejections),
            rate=report.stored / elapsed,
        )

    with progress:
        try:
            return fn(progress=update, **kwargs)  # type: ignore[operator,no-any-return]
        except StorylineError as exc:
            raise fail(str(exc)) from None


CoderOption = Annotated[
    str,
    typer.Option(
        "--coder",
        envvar="STORYLINE_CODER",
        help="Event coder: rules (dependency parse) or llm (an OpenAI-compatible endpoint).",
    ),
]
LlmUrlOption = Annotated[
    str | None,
    typer.Option(
        "--llm-url",
        envvar="STORYLINE_LLM_URL",
        help="With --coder llm: the endpoint's base URL, e.g. http://127.0.0.1:8080/v1.",
        show_default=False,
    ),
]
LlmModelOption = Annotated[
    str | None,
    typer.Option(
        "--llm-model",
        envvar="STORYLINE_LLM_MODEL",
        help="With --coder llm: the model name the endpoint serves.",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="With --coder llm: ask the endpoint again, keep no answers."),
]


def _events_config(coder: str, url: str | None, model: str | None, no_cache: bool) -> EventsConfig:
    """The events config the flags ask for; a usage error names the missing flag."""
    if coder not in ("rules", "llm"):
        raise fail(f"--coder {coder!r}: choose rules or llm")
    if coder == "rules":
        return EventsConfig()
    if not url:
        raise fail("--coder llm needs --llm-url (or $STORYLINE_LLM_URL)")
    if not url.startswith(("http://", "https://")):
        raise fail(f"--llm-url {url!r} is not an http(s) URL")
    if not model:
        raise fail("--coder llm needs --llm-model (or $STORYLINE_LLM_MODEL)")
    return EventsConfig(
        coder="llm", llm=LlmConfig(base_url=url, model=model, use_cache=not no_cache)
    )


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        inputs: Annotated[
            list[str] | None,
            typer.Argument(
                help="Files, folders (read recursively), - for stdin, URLs or RSS/Atom feeds.",
                show_default=False,
            ),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", help="auto, text, html, jsonl or warc.")
        ] = "auto",
        date: Annotated[
            str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for all inputs.")
        ] = None,
        source: Annotated[
            str | None, typer.Option("--source", help="Outlet name for all inputs.")
        ] = None,
        manifest: Annotated[
            Path | None,
            typer.Option(
                "--manifest",
                help="CSV or JSONL: path or url, date, source, title, language; its values win.",
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Re-process inputs already stored.")
        ] = False,
        actors: Annotated[
            list[Path] | None,
            typer.Option(
                "--actors",
                help="Your own actors (YAML, see README); repeat for several, last wins.",
            ),
        ] = None,
        coder: CoderOption = "rules",
        llm_url: LlmUrlOption = None,
        llm_model: LlmModelOption = None,
        no_cache: NoCacheOption = False,
        db: DbOption = None,
    ) -> None:
        """Read articles, run the whole pipeline and store the results.

        Re-ingesting the same content adds nothing. Exit code 1 when some inputs
        were rejected (each is listed with its reason); the others are stored.
        """
        from storyline.run import ingest as run_ingest
        from storyline.stages.clean import normalise_date

        if fmt not in FORMATS:
            raise fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        if date is not None and normalise_date(date) is None:
            raise fail(f"--date {date!r} is not a date (use YYYY-MM-DD)")
        rows = {}
        if manifest is not None:
            try:
                rows = load_manifest(manifest)
            except StorylineError as exc:
                raise fail(str(exc)) from None
        paths = list(inputs or [])
        if not paths and rows:
            paths = list(rows)
        if not paths:
            raise fail("nothing to ingest: give files, folders, URLs, - for stdin, or --manifest")
        hints = Hints(date=date, source=source)
        settings = Settings(events=_events_config(coder, llm_url, llm_model, no_cache))
        if actors:
            from storyline.kb import actor_files, load_kb

            files = tuple(str(p) for p in actors)
            try:
                load_kb(actor_files(files))  # a bad file fails here, before any input
            except StorylineError as exc:
                raise fail(f"--actors: {exc}") from None
            settings = settings.model_copy(update={"actors": ActorsConfig(files=files)})
        with open_store(db, write=True) as store:
            report = _run(
                run_ingest,
                inputs=paths,
                store=store,
                fmt=fmt,
                hints=hints,
                manifest=rows,
                force=force,
                settings=settings,
            )
        _summarise(report)

    @app.command()
    def rerun(
        force: Annotated[
            bool,
            typer.Option("--force", help="Re-run every stored article, not only out-of-date ones."),
        ] = False,
        coder: CoderOption = "rules",
        llm_url: LlmUrlOption = None,
        llm_model: LlmModelOption = None,
        no_cache: NoCacheOption = False,
        db: DbOption = None,
    ) -> None:
        """Re-run the pipeline on stored articles whose stage versions changed.

        Articles coded by another coder or model (--coder) count as changed."""
        from storyline.run import rerun as run_rerun

        settings = Settings(events=_events_config(coder, llm_url, llm_model, no_cache))
        with open_store(db, write=True) as store:
            report = _run(run_rerun, store=store, force=force, settings=settings)
        _summarise(report)

    store_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
    app.add_typer(store_app, name="store")

    @store_app.command("status")
    def store_status(db: DbOption = None) -> None:
        """Schema version and row counts."""
        with open_store(db) as store:
            typer.echo(f"database: {store.path}")
            typer.echo(f"migrations applied: {store.applied()}  pending: {store.pending()}")
            for table in ("articles", "entities", "events", "quotes", "stories", "rejections"):
                typer.echo(f"{table}: {store.count(table)}")

    @store_app.command("migrate")
    def store_migrate(db: DbOption = None) -> None:
        """Apply pending schema migrations."""
        with open_store(db, write=True) as store:
            typer.echo(f"schema at migration {max(store.applied() or [0])}")
