"""``storyline actors update`` and ``storyline actors check``: keep the knowledge base current."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli._common import fail, stderr
from storyline.errors import StorylineError
from storyline.kb import WIKIDATA_SPARQL, KnowledgeBase, load_actor_file, load_kb, wikidata_file


def register(app: typer.Typer) -> None:
    actors = typer.Typer(
        help="The actor knowledge base: refresh it from Wikidata, check your own actors file.",
        no_args_is_help=True,
    )
    app.add_typer(actors, name="actors")

    @actors.command("update")
    def update(
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help="Where to write (default: $STORYLINE_DATA_DIR or "
                "~/.local/share/storyline, file wikidata-actors.yaml; loaded automatically).",
                show_default=False,
            ),
        ] = None,
        endpoint: Annotated[
            str, typer.Option("--endpoint", help="SPARQL endpoint to query.")
        ] = WIKIDATA_SPARQL,
        since: Annotated[
            str, typer.Option("--since", help="Only offices held on or after this date.")
        ] = "2000-01-01",
        timeout: Annotated[float, typer.Option("--timeout", help="Seconds per query.")] = 120.0,
    ) -> None:
        """Fetch heads of state and government, ministers and spokespeople from Wikidata.

        The result is a user actors file loaded on top of the shipped knowledge base:
        new people are added, and people already known gain the offices and spellings
        Wikidata has. A failed run leaves the previous file in place.
        """
        from storyline.kb import update_from_wikidata

        try:
            report = update_from_wikidata(
                output or wikidata_file(), endpoint=endpoint, since=since, timeout=timeout
            )
        except StorylineError as exc:
            raise fail(str(exc)) from None
        stderr.print(f"{report.people} people with {report.roles} offices written to {report.path}")
        typer.echo(str(report.path))

    @actors.command("check")
    def check(
        files: Annotated[
            list[Path], typer.Argument(help="YAML files of people and organisations.")
        ],
    ) -> None:
        """Validate your own actors files (the $STORYLINE_ACTORS format) and count them."""
        base = load_kb(())
        for path in files:
            kb = KnowledgeBase(dict(base.entries), {k: list(v) for k, v in base.aliases.items()})
            kb.org_ids.update(base.org_ids)
            before = len(kb.entries)
            try:
                load_actor_file(kb, path)
            except StorylineError as exc:
                raise fail(str(exc)) from None
            typer.echo(f"{path}: ok, {len(kb.entries) - before} new entries")
