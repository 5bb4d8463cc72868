"""The ``storyline`` command: a thin layer over the library's functions.

Data goes to stdout; logs, progress and errors go to stderr. Exit codes: 0 done,
1 some inputs were rejected (the rest was processed), 2 usage error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli import actors as _actors
from storyline.cli import ingest as _ingest
from storyline.cli import output as _output
from storyline.cli import query as _query
from storyline.cli._common import setup_logging

app = typer.Typer(
    name="storyline",
    help="Turn raw news into coded events between countries and people, each traced to its sentence.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="-v info, -vv debug logs on stderr.")
    ] = 0,
) -> None:
    setup_logging(verbose)


_ingest.register(app)
_query.register(app)
_output.register(app)
_actors.register(app)


def main() -> None:
    app()
