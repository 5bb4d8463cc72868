"""Lines recurring across an outlet's stored articles are boilerplate (issue #3).

The driver learns them from the store before cleaning a batch; a line that only
this outlet prints under every article goes, whatever its wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import query
from storyline.models import Article, Hints
from storyline.stages.clean import Clean, line_key
from storyline.store import Store

# A footer with no call-to-action words: only its recurrence marks it.
FOOTER = "The Harbour Gazette has been read in every port town from the bay to the cape."
BODIES = [
    "The harbour board voted on Monday to dredge the northern channel before the autumn "
    "storms, after two cargo ships ran aground there in the spring.",
    "Fishermen in the old quarter protested outside the town hall on Wednesday against new "
    "limits on the cod catch, which the council says will protect spawning grounds.",
    "A ferry linking the island to the mainland resumed service on Friday after engineers "
    "replaced a damaged propeller shaft, the operator said.",
    "The lighthouse on the southern cape will be converted into a museum of navigation, the "
    "heritage trust announced, with the first visitors expected next summer.",
]
RECURS = "recurs across the outlet's articles"


def _ingest(store: Store, folder: Path, name: str, text: str, source: str) -> dict[str, Any]:
    from storyline.run import ingest

    path = folder / name
    path.write_text(text, encoding="utf-8")
    report = ingest([str(path)], store=store, hints=Hints(source=source))
    assert report.rejections == [] and report.stored == 1, report
    (art,) = [a for a in query.articles(store, show_removed=True) if a["input"] == str(path)]
    return art


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[dict[str, Any]]]:
    """Four articles of one outlet, each ingested in its own run, then one of another."""
    folder = tmp_path_factory.mktemp("outlets_in")
    with Store(tmp_path_factory.mktemp("outlets_db") / "o.duckdb") as store:
        arts = [
            _ingest(store, folder, f"gazette{i}.txt", f"{body}\n\n{FOOTER}\n", "Harbour Gazette")
            for i, body in enumerate(BODIES)
        ]
        arts.append(
            _ingest(store, folder, "other.txt", f"{BODIES[0]}\n\n{FOOTER}\n", "Coast Courier")
        )
        yield arts


def test_footer_kept_while_the_outlet_has_too_few_stored_articles(stored: list) -> None:
    assert [FOOTER in a["text"] for a in stored[:3]] == [True, True, True]


def test_footer_removed_once_three_stored_articles_share_it(stored: list) -> None:
    fourth = stored[3]
    assert FOOTER not in fourth["text"]
    assert BODIES[3] in fourth["text"]
    assert {"text": FOOTER, "reason": RECURS} in fourth["removed"]


def test_other_outlets_do_not_inherit_the_lines(stored: list) -> None:
    assert FOOTER in stored[4]["text"]


def test_learn_outlets_asks_once_per_outlet_and_skips_html() -> None:
    asked: list[str] = []

    def stored_texts(outlet: str) -> list[str]:
        asked.append(outlet)
        return [f"{body}\n{FOOTER}" for body in BODIES[:3]]

    def art(source: str, fmt: str = "text") -> Article:
        return Article(id=source, input=source, raw="x", format=fmt, hints=Hints(source=source))

    clean = Clean()
    clean.learn_outlets([art("A"), art("A"), art("B", "html")], stored_texts)
    clean.learn_outlets([art("A")], stored_texts)
    assert asked == ["A"]
    assert line_key(FOOTER) in clean.outlet_lines["A"]
