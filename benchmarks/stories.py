"""Stories: same-story clustering quality, duplicate recall, and how the cost grows.

Prints, from ../shared/data (or the folder given):

1. BASIL (``basil/articles/YEAR/UUID_N.json``): B-cubed precision, recall and F1 of
   the story groups, all 150 articles in one pool, articles sharing a ``triplet-uuid``
   being one story. The articles go through the whole pipeline (real spaCy model),
   then the story step is re-run with each signal switched on or off, so every
   signal's contribution is measured on the same processed texts.
2. BBC (``bbc/TOPIC/N.txt``): recall of exact duplicates (files with the same text),
   and how many further articles the near-duplicate search marks.
3. Cost of the story step (fingerprints, duplicates, grouping, story records) on
   10k and 100k synthetic articles built from BBC sentences, at a constant number of
   articles per day (news grows with time, not within a day), and the cost of adding
   1,000 articles to each store afterwards (incremental: independent of store size).

    python benchmarks/stories.py [DATA] [--sizes 10000,100000] [--skip-basil]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.config import StoriesConfig
from storyline.ids import content_hash, digest
from storyline.models import Article
from storyline.stages.stories import Fingerprint, assign_stories
from storyline.store import Store

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data"


# --------------------------------------------------------------------------- metrics


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin) over the items of ``gold``."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in gold:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in gold:
        cp, cg = by_pred[pred[item]], by_gold[gold[item]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- BASIL


def basil(root: Path, tmp: Path) -> None:
    from storyline.run import ingest
    from storyline.stages.ingest import load_manifest

    files = sorted((root / "articles").glob("*/*.json"))
    if not files:
        print(f"BASIL: no articles under {root}/articles", file=sys.stderr)
        return
    folder = tmp / "basil"
    folder.mkdir()
    gold_by_name: dict[str, str] = {}
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["path", "date", "source", "title"])
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            body = "\n\n".join(" ".join(p) for p in doc["body-paragraphs"])
            name = f"{f.parent.name}_{f.stem}.txt"
            (folder / name).write_text(body + "\n", encoding="utf-8")
            out.writerow([name, doc["date"], doc["source"].lower(), doc["title"]])
            gold_by_name[name] = doc["triplet-uuid"]
    manifest = load_manifest(folder / "manifest.csv")
    t0 = time.perf_counter()
    with Store(tmp / "basil.duckdb") as store:
        report = ingest(
            [str(folder / n) for n in sorted(gold_by_name)], store=store, manifest=manifest
        )
        spent = time.perf_counter() - t0
        ids = {
            r[0]: Path(r[1]).name
            for r in store.execute("SELECT id, input FROM articles").fetchall()
        }
        gold = {a: gold_by_name[n] for a, n in ids.items()}
        print(
            f"BASIL: {report.stored} of {len(files)} articles through the pipeline in "
            f"{spent:.0f}s, {len(set(gold.values()))} gold stories, "
            f"{len(report.rejections)} rejected\n"
        )

        def score(config: StoriesConfig, *, dates: bool = True) -> tuple[float, float, float, int]:
            if not dates:
                store.execute("CREATE TEMP TABLE _pub AS SELECT id, published FROM articles")
                store.execute("UPDATE articles SET published = NULL")
            try:
                assign_stories(store, config, rebuild=True)
                pred = dict(store.execute("SELECT id, story_id FROM articles").fetchall())
            finally:
                if not dates:
                    store.execute(
                        "UPDATE articles SET published = p.published FROM _pub p "
                        "WHERE articles.id = p.id"
                    )
                    store.execute("DROP TABLE _pub")
            return (*bcubed(pred, gold), len(set(pred.values())))

        base = StoriesConfig()
        # The word cosine alone, at the thresholds it was calibrated for.
        words = base.model_copy(
            update={"entity_vote": 0.0, "dated_threshold": 0.2, "undated_threshold": 0.3}
        )
        rows: list[tuple[str, StoriesConfig, bool]] = [
            ("words + actor vote + dates (default)", base, True),
            ("words + actor vote, dates withheld", base, False),
            ("words + dates (no actor vote)", words, True),
            ("words only, dates withheld", words, False),
            ("words + entities x0.5 + dates", base.model_copy(update={"entity_weight": 0.5}), True),
            ("words + entities x1 + dates", base.model_copy(update={"entity_weight": 1.0}), True),
            (
                "words + entities x1, dates withheld",
                base.model_copy(update={"entity_weight": 1.0}),
                False,
            ),
            (
                "exact + near duplicates only",
                base.model_copy(update={"dated_threshold": 2.0, "undated_threshold": 2.0}),
                True,
            ),
        ]
        print("| signals | B3 precision | B3 recall | B3 F1 | stories |")
        print("| --- | --- | --- | --- | --- |")
        for label, config, dates in rows:
            p, r, f, n = score(config, dates=dates)
            print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
        print("\nthreshold plateau (default signals): dated_threshold -> B3 F1")
        cells = []
        for th in (0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32):
            f = score(base.model_copy(update={"dated_threshold": th}))[2]
            cells.append(f"{th:.2f}: {f:.3f}")
        print("  " + ", ".join(cells))
        cells = []
        for th in (0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.42):
            f = score(base.model_copy(update={"undated_threshold": th}), dates=False)[2]
            cells.append(f"{th:.2f}: {f:.3f}")
        print("undated_threshold (dates withheld) -> B3 F1\n  " + ", ".join(cells))
        assign_stories(store, base, rebuild=True)


# --------------------------------------------------------------------------- seeds


def seeds(root: Path, tmp: Path) -> None:
    """Pairwise scores of the seed articles against the threshold they are judged by."""
    from storyline.run import ingest
    from storyline.stages.stories import pair_similarities

    files = sorted(root.glob("*.txt"))
    if not files:
        print(f"seeds: no articles under {root}", file=sys.stderr)
        return
    config = StoriesConfig()
    with Store(tmp / "seeds.duckdb") as store:
        ingest([str(f) for f in files], store=store)
        dated = store.execute("SELECT count(published) FROM articles").fetchone()
        name = {
            i: Path(p).name[:3]
            for i, p in store.execute("SELECT id, input FROM articles").fetchall()
        }
        story = dict(store.execute("SELECT id, story_id FROM articles").fetchall())
        pairs = pair_similarities(store, config)
    undated = not (dated and dated[0])
    th = config.undated_threshold if undated else config.dated_threshold
    print(
        f"\nSeeds ({len(files)} articles, {'undated' if undated else 'dated'}): pairwise scores, "
        f"threshold {th:.2f} (linking score = words + {config.entity_vote:g} x actors)\n"
    )
    print("| pair | words | actors | linking score | margin | same story |")
    print("| --- | --- | --- | --- | --- | --- |")
    for a, b, words, actors, joint in sorted(pairs, key=lambda p: sorted((name[p[0]], name[p[1]]))):
        x, y = sorted((name[a], name[b]))
        print(
            f"| {x}-{y} | {words:.3f} | {actors:.3f} | {joint:.3f} | {joint - th:+.3f} "
            f"| {'yes' if story[a] == story[b] else 'no'} |"
        )


# --------------------------------------------------------------------------- BBC duplicates


def _bbc_texts(root: Path) -> list[tuple[str, str]]:
    out = []
    for f in sorted(root.glob("*/*.txt")):
        raw = f.read_text(encoding="utf-8", errors="replace")
        out.append((f"{f.parent.name}/{f.name}", raw))
    return out


def _article(name: str, text: str, published: date | None = None) -> Article:
    return Article(
        id=digest("bench", name),
        input=name,
        text=text,
        paragraphs=tuple(text.split("\n\n")),
        content_hash=content_hash(text),
        published=published.isoformat() if published else None,
    )


def _write(store: Store, articles: list[Article], fingerprint: Fingerprint) -> float:
    """Fingerprint and write in batches as the driver does; returns the fingerprint time."""
    spent = 0.0
    for i in range(0, len(articles), 2000):
        t0 = time.perf_counter()
        done = [a for a in fingerprint(articles[i : i + 2000]) if isinstance(a, Article)]
        spent += time.perf_counter() - t0
        store.write_batch(done, [], versions={}, run_id="bench")
    return spent


def bbc_duplicates(root: Path, tmp: Path) -> None:
    texts = _bbc_texts(root)
    if not texts:
        print(f"BBC: no articles under {root}", file=sys.stderr)
        return
    # Gold: files whose text is the same once line endings and outer space are ignored.
    first: dict[str, str] = {}
    gold: dict[str, str] = {}
    for name, raw in texts:
        key = "\n".join(line.rstrip() for line in raw.strip().splitlines())
        if key in first:
            gold[name] = first[key]
        else:
            first[key] = name
    articles = [_article(name, raw) for name, raw in texts]
    name_of = {a.id: a.input for a in articles}
    with Store(tmp / "bbc.duckdb") as store:
        _write(store, articles, Fingerprint())
        t0 = time.perf_counter()
        counts = assign_stories(store)
        spent = time.perf_counter() - t0
        marked = {
            name_of[a]: name_of[d]
            for a, d in store.execute(
                "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL"
            ).fetchall()
        }

    def root(name: str) -> str:
        while name in marked:
            name = marked[name]
        return name

    # A gold pair is found when both files end in one duplicate group, whichever of
    # the two is kept as the original.
    found = sum(1 for a, b in gold.items() if root(a) == root(b) and (a in marked or b in marked))
    extra = len({n for n in marked} - set(gold) - set(gold.values()))
    print(
        f"\nBBC: {len(texts)} articles, {len(gold)} exact duplicates (gold); "
        f"found {found}: recall {found / max(len(gold), 1):.3f}; "
        f"{extra} other articles marked as near duplicates; "
        f"story step {spent:.1f}s ({counts})"
    )


# --------------------------------------------------------------------------- scaling


def synthetic(root: Path, n: int, per_day: int, seed: int, start: date) -> list[Article]:
    """``n`` articles stitched from BBC sentences, ``per_day`` a day from ``start``.

    Each is 8-16 sentences from one to three BBC articles of one topic, so the
    corpus has the vocabulary and the word overlap of real news; 3% are exact and
    3% near copies of an article of the day before, as scraped feeds have.
    """
    rng = random.Random(seed)
    by_topic: dict[str, list[list[str]]] = {}
    for name, raw in _bbc_texts(root):
        sents = [
            s for s in re.split(r"(?<=[.!?])\s+", " ".join(raw.splitlines()[1:])) if len(s) > 30
        ]
        if len(sents) >= 4:
            by_topic.setdefault(name.split("/")[0], []).append(sents)
    topics = sorted(by_topic)
    out: list[Article] = []
    for i in range(n):
        day = start + timedelta(days=i // per_day)
        roll = rng.random()
        if out and roll < 0.06:
            src = out[max(0, len(out) - per_day - rng.randrange(per_day))]
            text = src.text or ""
            if roll >= 0.03:
                words = text.split(" ")
                j = rng.randrange(len(words))
                words[j] = words[j] + "s"
                text = " ".join(words)
            out.append(_article(f"syn/{i}", text, day))
            continue
        pool = by_topic[rng.choice(topics)]
        sents: list[str] = []
        for src_sents in rng.sample(pool, rng.randint(1, 3)):
            k = rng.randint(3, 6)
            j = rng.randrange(max(1, len(src_sents) - k))
            sents += src_sents[j : j + k]
        out.append(_article(f"syn/{i}", " ".join(sents[:16]), day))
    return out


def scaling(root: Path, tmp: Path, sizes: list[int], per_day: int) -> None:
    print(f"\nCost of the story step, synthetic articles from BBC sentences, {per_day} a day:\n")
    print(
        "| articles | fingerprint s | group s (one call) | total s | per 1k articles s "
        "| add 1,000 more s | stories |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    fingerprint = Fingerprint()
    totals: dict[int, float] = {}
    for n in sizes:
        arts = synthetic(root, n + 1000, per_day, seed=n, start=date(2020, 1, 1))
        base, extra = arts[:n], arts[n:]
        with Store(tmp / f"scale{n}.duckdb") as store:
            fp = _write(store, base, fingerprint)
            t0 = time.perf_counter()
            counts = assign_stories(store)
            group = time.perf_counter() - t0
            fp2 = _write(store, extra, fingerprint)
            t0 = time.perf_counter()
            assign_stories(store)
            add = time.perf_counter() - t0 + fp2
        totals[n] = fp + group
        print(
            f"| {n:,} | {fp:.1f} | {group:.1f} | {fp + group:.1f} | "
            f"{(fp + group) / n * 1000:.2f} | {add:.2f} | {counts['stories']:,} |"
        )
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        print(
            f"\n{a:,} -> {b:,} articles ({b / a:.0f}x): the story step costs "
            f"{totals[b] / totals[a]:.1f}x (target: at most 12x for 10x)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--skip-basil", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    steps: list[Callable[[Path], Any]] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if not args.skip_basil:
            steps.append(lambda t: basil(args.data / "basil", t))
        steps.append(lambda t: seeds(args.data / "seeds", t))
        steps.append(lambda t: bbc_duplicates(args.data / "bbc", t))
        if not args.skip_scaling:
            sizes = [int(s) for s in args.sizes.split(",")]
            steps.append(lambda t: scaling(args.data / "bbc", t, sizes, args.per_day))
        for step in steps:
            step(tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
