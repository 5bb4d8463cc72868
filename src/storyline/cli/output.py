"""``storyline export``, ``storyline report`` and ``storyline serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli._common import DbOption, fail, open_store, stderr
from storyline.config import db_path
from storyline.errors import StorylineError


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        fmt: Annotated[
            str,
            typer.Option(
                "--format",
                "-f",
                help="parquet, csv (one file per table) or gdelt (GDELT 2.0 event columns, tab-separated).",
            ),
        ],
        out: Annotated[Path, typer.Option("-o", "--output", help="Folder to write into.")],
        db: DbOption = None,
    ) -> None:
        """The whole database as files."""
        from storyline.query import export as run_export

        with open_store(db) as store:
            try:
                paths = run_export(store, fmt, out)
            except StorylineError as exc:
                raise fail(str(exc)) from None
        for p in paths:
            typer.echo(str(p))

    @app.command()
    def report(
        out: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")],
        dyad: Annotated[
            str | None,
            typer.Option(
                "--dyad", help="Pair for the timeline chart (default: the most frequent)."
            ),
        ] = None,
        by: Annotated[str, typer.Option("--by", help="day, week, month or year.")] = "month",
        db: DbOption = None,
    ) -> None:
        """One self-contained HTML report: timeline chart, stories, events with evidence, quotes."""
        from storyline.report import write_report

        with open_store(db) as store:
            try:
                write_report(store, out, dyad=dyad, by=by)
            except StorylineError as exc:
                raise fail(str(exc)) from None
        stderr.print(f"wrote {out}")

    @app.command()
    def serve(
        host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port")] = 8000,
        db: DbOption = None,
    ) -> None:
        """REST API under /api/ and the web UI at /."""
        import uvicorn

        from storyline.server.app import create_app

        path = db_path(db)
        if not path.exists():
            raise fail(f"no database at {path}; run `storyline ingest` first")
        uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
