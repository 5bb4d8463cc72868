"""Throughput of the full pipeline against a bare spaCy ``nlp.pipe`` on the same texts.

Prints, from one run on ../shared/data/bbc (or the folder given): articles/s of the
full pipeline (ingest -> clean -> nlp -> actors -> events -> fingerprint, plus the
store writes and story grouping), articles/s of ``nlp.pipe`` with the same model,
their ratio, and the process's peak memory.

    python benchmarks/throughput.py [FOLDER] [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from storyline.store import Store

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=500, help="articles to use (0 = all)")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"no data at {args.folder}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.folder.rglob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]

    from storyline.run import ingest
    from storyline.stages.nlp import load_model

    nlp = load_model()  # loaded once: neither figure pays for model loading
    for _ in nlp.pipe(texts[:20], batch_size=32):
        pass  # warm-up, so the first timed figure does not pay for cold caches
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = len(texts) / (time.perf_counter() - t0)

    with tempfile.TemporaryDirectory() as tmp:
        # Warm the stages (knowledge base, matcher) outside the timed run.
        with Store(Path(tmp) / "warm.duckdb") as store:
            ingest([str(files[0])], store=store)
        with Store(Path(tmp) / "bench.duckdb") as store:
            t0 = time.perf_counter()
            report = ingest([str(p) for p in files], store=store)
            full = report.stored / (time.perf_counter() - t0)
            events = store.count("events")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(t.split()) for t in texts)
    print(f"articles             {len(texts)} ({words} words) from {args.folder}")
    print(f"stored / rejected    {report.stored} / {len(report.rejections)}   events: {events}")
    print(f"full pipeline        {full:8.1f} articles/s")
    print(f"bare nlp.pipe        {bare:8.1f} articles/s")
    print(f"ratio full/bare      {full / bare:8.2f}")
    print(f"peak memory          {peak_mb:8.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
