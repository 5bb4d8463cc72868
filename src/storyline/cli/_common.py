"""Options, output formatting and error handling shared by every command."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyline.config import db_path
from storyline.errors import NotFoundError, StorylineError
from storyline.store import Store

# soft_wrap: a rejection line stays one line for scripts that grep stderr.
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Database file (default ./storyline.duckdb, or $STORYLINE_DB).",
        show_default=False,
    ),
]
LISTING_FORMATS = ("jsonl", "json", "csv", "table")
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Output format: jsonl, json, csv or table.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", help="At most this many records.")]


def fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(Text(f"error: {message}", style="red"))
    return typer.Exit(code)


@contextmanager
def open_store(db: Path | None, *, write: bool = False) -> Iterator[Store]:
    """Open the database, turning storyline errors into exit code 2 with a message."""
    path = db_path(db)
    try:
        store = Store(path, read_only=not write, create=write)
    except NotFoundError as exc:
        raise fail(str(exc)) from None
    except StorylineError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def run_query(fn: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    try:
        return fn()
    except StorylineError as exc:
        raise fail(str(exc)) from None


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        if "name" in value:
            return str(value.get("name") or "") + (
                f" ({value['country']})" if value.get("country") else ""
            )
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    return str(value)


def emit(
    records: Sequence[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    allowed: Sequence[str] = LISTING_FORMATS,
) -> None:
    """Write records to stdout in the chosen format."""
    if fmt not in allowed:
        raise fail(f"--format {fmt!r}: choose one of {', '.join(allowed)}")
    out = sys.stdout
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "json":
        out.write(json.dumps(list(records), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "csv":
        cols = list(columns or (records[0].keys() if records else []))
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(cols)
        for r in records:
            writer.writerow([_flat(r.get(c)) for c in cols])
        out.write(buf.getvalue())
    else:
        cols = list(columns or (records[0].keys() if records else []))
        table = Table(show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in records:
            # Text(), not markup strings: article text is untrusted and may contain "[...]".
            table.add_row(*[Text(_flat(r.get(c))[:300]) for c in cols])
        Console(highlight=False, width=max(120, Console().width)).print(table)


def setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    from rich.logging import RichHandler

    handler = RichHandler(console=stderr, show_path=False, markup=False)
    logging.basicConfig(level=level, handlers=[handler], format="%(message)s", force=True)
