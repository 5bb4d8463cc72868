"""Helpers shared by the event-coder tests (not a test module)."""

from __future__ import annotations

from storyline.models import Article, Event


def found(article: Article, root: str) -> list[Event]:
    """The article's events whose CAMEO code starts with ``root``."""
    return [e for e in article.events if e.cameo.startswith(root)]


def pair(e: Event) -> tuple[str | None, str | None]:
    """(source country, target country) of an event."""
    return e.source.country, e.target.country if e.target else None
