"""FastAPI application factory. Routes call the same query functions as the CLI."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline import query as q
from storyline.errors import NotFoundError, StorylineError
from storyline.report import render
from storyline.store import Store


def create_app(db: Path) -> FastAPI:
    """An app reading the database at ``db`` (opened read-only per request)."""
    app = FastAPI(title="storyline", version="0.1.0")

    @contextmanager
    def store() -> Iterator[Store]:
        s = Store(db, read_only=True)
        try:
            yield s
        finally:
            s.close()

    def listing(fn: Callable[[Store], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        with store() as s:
            return fn(s)

    @app.exception_handler(NotFoundError)
    async def _not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.exception_handler(StorylineError)
    async def _bad(_: Request, exc: StorylineError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=422)

    @app.get("/api/articles")
    def api_articles(
        id: str | None = None, show_removed: bool = False, limit: int = 100
    ) -> list[dict[str, Any]]:
        return listing(
            lambda s: q.articles(s, article_id=id, show_removed=show_removed, limit=limit)
        )

    @app.get("/api/entities")
    def api_entities(limit: int = 100) -> list[dict[str, Any]]:
        return listing(lambda s: q.entities(s, limit=limit))

    @app.get("/api/events")
    def api_events(
        dyad: str | None = None,
        directed: bool = False,
        since: str | None = None,
        until: str | None = None,
        limit: int = 500,
    ) -> list[dict[str, Any]]:
        d = q.Dyad.parse(dyad, directed) if dyad else None
        return listing(lambda s: q.events(s, dyad=d, since=since, until=until, limit=limit))

    @app.get("/api/quotes")
    def api_quotes(speaker: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        return listing(lambda s: q.quotes(s, speaker=speaker, limit=limit))

    @app.get("/api/stories")
    def api_stories(limit: int = 100) -> list[dict[str, Any]]:
        return listing(lambda s: q.stories(s, limit=limit))

    @app.get("/api/timeline")
    def api_timeline(
        dyad: str = Query(...), by: str = "month", directed: bool = False
    ) -> list[dict[str, Any]]:
        d = q.Dyad.parse(dyad, directed)
        return listing(lambda s: q.timeline(s, dyad=d, by=by))

    @app.get("/api/search")
    def api_search(q_: str = Query(..., alias="q"), limit: int = 20) -> list[dict[str, Any]]:
        return listing(lambda s: q.search(s, q_, limit=limit))

    @app.get("/", response_class=HTMLResponse)
    def index(dyad: str | None = None) -> str:
        try:
            with store() as s:
                return render(s, dyad=dyad)
        except NotFoundError as exc:
            return f"<!DOCTYPE html><p>{html.escape(str(exc))}</p>"

    return app
