"""The blind held-out event sets (benchmarks/data/events_fresh.yaml, events_fresh2.yaml,
events_fresh3.yaml) and their scorer.

The file's shape is checked against the project's own tables (cameo.tsv, countries.tsv),
so a typo in a code or an actor fails here rather than silently costing recall in
benchmarks/events.py; the scorer is checked on a small case worked out by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from storyline.ontology import codebook

ROOT = Path(__file__).resolve().parents[2]
FRESH = ROOT / "benchmarks" / "data" / "events_fresh.yaml"
FRESH2 = ROOT / "benchmarks" / "data" / "events_fresh2.yaml"
FRESH3 = ROOT / "benchmarks" / "data" / "events_fresh3.yaml"
COUNTRIES = ROOT / "src" / "storyline" / "data" / "countries.tsv"


def _bench() -> ModuleType:
    """benchmarks/events.py as a module (benchmarks/ is not a package)."""
    name = "storyline_bench_events"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "events.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up while being built
        spec.loader.exec_module(module)
    return sys.modules[name]


def _load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    return _load(FRESH)


@pytest.fixture(scope="module")
def items2() -> list[dict[str, Any]]:
    return _load(FRESH2)


@pytest.fixture(scope="module")
def items3() -> list[dict[str, Any]]:
    return _load(FRESH3)


def _check_well_formed(items: list[dict[str, Any]]) -> None:
    codes = set(codebook())
    with COUNTRIES.open(encoding="utf-8") as fh:
        iso3 = {row["code"] for row in csv.DictReader(fh, delimiter="\t")}
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert len({i["text"] for i in items}) == len(items), "texts must be unique"
    for item in items:
        assert set(item) == {"id", "text", "published", "events", "why"}, item["id"]
        assert isinstance(item["published"], dt.date), item["id"]
        assert item["text"].strip() and item["why"].strip(), item["id"]
        for e in item["events"]:
            assert set(e) <= {"source", "target", "cameo", "counted", "mutual"}, item["id"]
            assert e["cameo"] in codes, (item["id"], e["cameo"])
            assert isinstance(e["counted"], bool), item["id"]
            assert isinstance(e.get("mutual", False), bool), item["id"]
            for actor in (e["source"], e["target"]):
                assert actor is None or actor == "IO" or actor in iso3, (item["id"], actor)


def test_items_are_well_formed(items: list[dict[str, Any]]) -> None:
    _check_well_formed(items)


def test_second_set_items_are_well_formed(items2: list[dict[str, Any]]) -> None:
    _check_well_formed(items2)
    assert all(i["id"] == f"fresh2-{n:03d}" for n, i in enumerate(items2, 1))


def test_the_second_set_has_the_mix_it_promises(items2: list[dict[str, Any]]) -> None:
    # issue #5: every CAMEO root 3+ times, 20+ sentences with nothing counted (plans,
    # conjecture, negation, denial, cancellation), 15+ with two or more events.
    roots = Counter(e["cameo"][:2] for i in items2 for e in i["events"])
    assert all(roots[f"{r:02d}"] >= 3 for r in range(1, 21)), roots
    unasserted = [i for i in items2 if not any(e["counted"] for e in i["events"])]
    assert len(unasserted) >= 20
    two = [
        i for i in items2 if len({(e["source"], e["target"], e["cameo"]) for e in i["events"]}) > 1
    ]
    assert len(two) >= 15
    assert len(items2) == 120


def test_the_two_sets_share_no_sentence(
    items: list[dict[str, Any]], items2: list[dict[str, Any]]
) -> None:
    assert not {i["text"] for i in items} & {i["text"] for i in items2}
    assert not {i["id"] for i in items} & {i["id"] for i in items2}


def test_a_joint_act_names_two_actors(
    items2: list[dict[str, Any]], items3: list[dict[str, Any]]
) -> None:
    # A mutual event is scored as an unordered pair: it needs both ends.
    for item in items2 + items3:
        for e in item["events"]:
            if e.get("mutual"):
                assert e["source"] and e["target"], item["id"]


def test_the_set_has_the_mix_it_promises(items: list[dict[str, Any]]) -> None:
    roots = Counter(e["cameo"][:2] for i in items for e in i["events"])
    assert all(roots[f"{r:02d}"] >= 4 for r in range(1, 21)), roots
    unasserted = [i for i in items if not any(e["counted"] for e in i["events"])]
    assert len(unasserted) >= 25
    two = [
        i for i in items if len({(e["source"], e["target"], e["cameo"]) for e in i["events"]}) > 1
    ]
    assert len(two) >= 10
    assert len(items) == 150


def test_the_benchmark_loads_the_set() -> None:
    bench = _bench()
    assert [i["id"] for i in bench.load_fresh(FRESH)][:2] == ["fresh-001", "fresh-002"]
    assert [i["id"] for i in bench.load_fresh(FRESH2)][:2] == ["fresh2-001", "fresh2-002"]
    assert [i["id"] for i in bench.load_fresh(FRESH3)][:2] == ["fresh3-001", "fresh3-002"]


def test_third_set_items_are_well_formed(items3: list[dict[str, Any]]) -> None:
    _check_well_formed(items3)
    assert all(i["id"] == f"fresh3-{n:03d}" for n, i in enumerate(items3, 1))


# A sentence ends at . ! or ? after a lower-case letter, digit, bracket or quote and before
# a capital: "U.S. Senate" and "U.N. investigators" do not end one.
SENTENCE_END = re.compile(r'(?<=[a-z0-9)"][.!?])\s+(?=[A-Z])')


def test_sentences_split_at_ends_not_at_abbreviations() -> None:
    text = 'The U.S. envoy met him. He called it "a step". Talks end on Friday.'
    assert SENTENCE_END.split(text) == [
        "The U.S. envoy met him.",
        'He called it "a step".',
        "Talks end on Friday.",
    ]


def test_the_third_set_has_the_mix_it_promises(items3: list[dict[str, Any]]) -> None:
    # issue #5, third set: as the second, plus wire-story shape: 60 items of one sentence
    # and 40 short paragraphs of two or three consecutive sentences.
    roots = Counter(e["cameo"][:2] for i in items3 for e in i["events"])
    assert all(roots[f"{r:02d}"] >= 3 for r in range(1, 21)), roots
    unasserted = [i for i in items3 if not any(e["counted"] for e in i["events"])]
    assert len(unasserted) >= 20
    two = [
        i for i in items3 if len({(e["source"], e["target"], e["cameo"]) for e in i["events"]}) > 1
    ]
    assert len(two) >= 15
    sentences = Counter(len(SENTENCE_END.split(i["text"])) for i in items3)
    assert sentences[1] == 60 and sentences[2] + sentences[3] == 40, sentences
    assert len(items3) == 100


def test_the_third_set_shares_no_sentence_with_the_others(
    items: list[dict[str, Any]], items2: list[dict[str, Any]], items3: list[dict[str, Any]]
) -> None:
    earlier = {i["text"] for i in items + items2}
    assert not {i["text"] for i in items3} & earlier
    sentences = {s for t in earlier for s in SENTENCE_END.split(t)}
    assert not {s for i in items3 for s in SENTENCE_END.split(i["text"])} & sentences


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"source": "USA", "target": "RUS", "cameo": "999", "counted": True}, "CAMEO code"),
        ({"source": "USA", "target": "XYZ", "cameo": "040", "counted": True}, "target 'XYZ'"),
        ({"source": "USA", "target": None, "cameo": "040", "counted": "yes"}, "counted"),
    ],
)
def test_a_malformed_item_is_named_with_its_reason(
    tmp_path: Path, event: dict[str, Any], reason: str
) -> None:
    bad = tmp_path / "bad.yaml"
    item = {"id": "x-1", "text": "Invented.", "published": "2020-01-01", "events": [event]}
    bad.write_text(yaml.safe_dump({"items": [item]}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml: item 1 \(x-1\)") as err:
        _bench().load_fresh(bad)
    assert reason in str(err.value)


def test_the_scorer_counts_a_small_case_by_hand() -> None:
    bench = _bench()
    gold = [
        ("USA", "RUS", "04", True, True),  # "the two met": either direction, once
        ("USA", "UKR", "07", False, True),  # aid given
        ("RUS", "UKR", "19", False, False),  # an attack only threatened: not counted
    ]
    pred = [
        ("RUS", "USA", "04"),
        ("USA", "RUS", "04"),
        ("USA", "UKR", "19"),  # wrong quad for the aid
        ("RUS", "UKR", "19"),  # the uncounted act counted
    ]
    sets = bench.fresh_sets(gold, pred)
    scores = {level: bench.Score() for level in sets}
    for level, (g, p) in sets.items():
        scores[level].add(g, p)
    quad = scores["actors+quad"]
    assert (quad.tp, quad.fp, quad.fn) == (1, 2, 1)
    root = scores["actors+root"]
    assert (root.tp, root.fp, root.fn) == (1, 2, 1)
    only = scores["quad"]  # keys are quad classes per sentence: {1, 2} against {1, 4}
    assert (only.tp, only.fp, only.fn) == (1, 1, 1)


def test_a_joint_act_that_did_not_happen_costs_one_false_positive() -> None:
    bench = _bench()
    gold = [("ARM", "AZE", "04", True, False)]
    sets = bench.fresh_sets(gold, [("ARM", "AZE", "04"), ("AZE", "ARM", "04")])
    g, p = sets["actors+quad"]
    assert g == set() and p == {("ARM", "AZE", 1)}
