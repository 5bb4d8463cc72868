"""Listing commands: articles, entities, events, quotes, stories, timeline, search."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline import query as q
from storyline.cli._common import (
    DbOption,
    FormatOption,
    LimitOption,
    emit,
    fail,
    open_store,
    run_query,
)
from storyline.errors import StorylineError

DyadOption = Annotated[
    str | None,
    typer.Option("--dyad", help="Two actors A:B, country codes (USA:RUS) or entity ids."),
]
DirectedOption = Annotated[
    bool, typer.Option("--directed", help="Only A acting on B, not both ways.")
]


def _dyad(text: str | None, directed: bool) -> q.Dyad | None:
    if text is None:
        return None
    try:
        return q.Dyad.parse(text, directed)
    except StorylineError as exc:
        raise fail(str(exc)) from None


def register(app: typer.Typer) -> None:
    @app.command()
    def articles(
        article_id: Annotated[str | None, typer.Option("--id", help="Only this article.")] = None,
        show_removed: Annotated[
            bool,
            typer.Option("--show-removed", help="Include what the cleaner removed, with reasons."),
        ] = False,
        fmt: FormatOption = "jsonl",
        limit: LimitOption = None,
        db: DbOption = None,
    ) -> None:
        """Cleaned articles."""
        with open_store(db) as store:
            rows = run_query(
                lambda: q.articles(
                    store, article_id=article_id, show_removed=show_removed, limit=limit
                )
            )
        emit(
            rows,
            fmt,
            columns=["id", "source", "published", "title", "language", "duplicate_of"]
            if fmt in ("table", "csv")
            else None,
        )

    @app.command()
    def entities(
        fmt: FormatOption = "jsonl", limit: LimitOption = None, db: DbOption = None
    ) -> None:
        """Resolved entities (people, organisations, places) with their aliases and mentions."""
        with open_store(db) as store:
            rows = run_query(lambda: q.entities(store, limit=limit))
        emit(
            rows,
            fmt,
            columns=["id", "name", "type", "country", "sector", "mentions", "aliases"]
            if fmt in ("table", "csv")
            else None,
        )

    @app.command()
    def events(
        dyad: DyadOption = None,
        directed: DirectedOption = False,
        since: Annotated[
            str | None, typer.Option("--since", help="Events on or after this date.")
        ] = None,
        until: Annotated[
            str | None, typer.Option("--until", help="Events on or before this date.")
        ] = None,
        cameo: Annotated[
            str | None, typer.Option("--type", help="CAMEO code prefix (e.g. 16) or PLOVER type.")
        ] = None,
        article_id: Annotated[
            str | None, typer.Option("--article", help="Only events of this article.")
        ] = None,
        include_duplicates: Annotated[
            bool, typer.Option("--include-duplicates", help="Also events of duplicate articles.")
        ] = False,
        fmt: FormatOption = "jsonl",
        limit: LimitOption = None,
        db: DbOption = None,
    ) -> None:
        """Coded events, each with its source sentence."""
        d = _dyad(dyad, directed)
        with open_store(db) as store:
            rows = run_query(
                lambda: q.events(
                    store,
                    dyad=d,
                    since=since,
                    until=until,
                    cameo=cameo,
                    article_id=article_id,
                    include_duplicates=include_duplicates,
                    limit=limit,
                )
            )
        emit(
            rows,
            fmt,
            columns=["date", "source", "cameo", "target", "modality", "negated", "sentence"]
            if fmt in ("table", "csv")
            else None,
        )

    @app.command()
    def quotes(
        speaker: Annotated[
            str | None, typer.Option("--speaker", help="Speaker name (part of it) or entity id.")
        ] = None,
        fmt: FormatOption = "jsonl",
        limit: LimitOption = None,
        db: DbOption = None,
    ) -> None:
        """Attributed quotes, direct and indirect."""
        with open_store(db) as store:
            rows = run_query(lambda: q.quotes(store, speaker=speaker, limit=limit))
        emit(rows, fmt, columns=["speaker", "kind", "text"] if fmt in ("table", "csv") else None)

    @app.command()
    def stories(
        fmt: FormatOption = "jsonl", limit: LimitOption = None, db: DbOption = None
    ) -> None:
        """Same-story clusters across outlets."""
        with open_store(db) as store:
            rows = run_query(lambda: q.stories(store, limit=limit))
        emit(
            rows,
            fmt,
            columns=["id", "first_date", "last_date", "title", "article_ids"]
            if fmt in ("table", "csv")
            else None,
        )

    @app.command()
    def timeline(
        dyad: Annotated[
            str,
            typer.Option("--dyad", help="Two actors A:B, country codes (USA:RUS) or entity ids."),
        ],
        by: Annotated[str, typer.Option("--by", help="day, week, month or year.")] = "month",
        directed: DirectedOption = False,
        since: Annotated[str | None, typer.Option("--since")] = None,
        until: Annotated[str | None, typer.Option("--until")] = None,
        cameo: Annotated[
            str | None, typer.Option("--type", help="CAMEO code prefix or PLOVER type.")
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="table, json, csv or jsonl.")
        ] = "table",
        db: DbOption = None,
    ) -> None:
        """The relation between two actors over time (duplicates, plans and denials excluded)."""
        d = _dyad(dyad, directed)
        assert d is not None
        with open_store(db) as store:
            rows = run_query(
                lambda: q.timeline(store, dyad=d, by=by, since=since, until=until, cameo=cameo)
            )
        emit(rows, fmt, columns=q.TIMELINE_COLUMNS)

    @app.command()
    def search(
        query: Annotated[
            str, typer.Argument(help="Words to find (all must occur in the sentence).")
        ],
        fmt: FormatOption = "jsonl",
        limit: Annotated[int, typer.Option("--limit")] = 20,
        db: DbOption = None,
    ) -> None:
        """Full-text search over sentences, with their article and events."""
        with open_store(db) as store:
            rows = run_query(lambda: q.search(store, query, limit=limit))
        emit(
            rows,
            fmt,
            columns=["article_id", "title", "sentence", "events"]
            if fmt in ("table", "csv")
            else None,
        )
