"""Article-body extraction quality: storyline against trafilatura and jusText.

Scores each system on ../shared/data/extraction (or the folder given) against the
gold ``articleBody`` of ``ground-truth.json``, exactly as the scrapinghub
article-extraction-benchmark's ``evaluate.py`` does: 4-word shingles of ``\\w+``
tokens, true/false positives and negatives counted per document and normalised by
the document's total (so long pages weigh no more than short ones), then macro
precision and recall over documents and F1 of those two means.

Two inputs per page: its HTML (``html/ID.html.gz``) and its full visible text with
the boilerplate still in (``page-text.json``). For the plain-text rows the peers get
the text as one ``<p>`` per line, the only structure plain text has.

Then, for each seed article (../shared/data/seeds), what storyline removed and why.

The pages are also split by id into two fixed halves (A: the lower half of the
sorted ids, B: the upper half), each scored on its own: a rule that helps only one
half is fitted to those pages, not general (the data set itself is one half of a
held-back split).

    python benchmarks/extraction.py [FOLDER] [--seeds FOLDER] [--limit N] [--per-page] [--only NAME]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_TOKEN = re.compile(r"\w+")

TpFpFn = tuple[float, float, float]


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_match(true: str, pred: str) -> TpFpFn:
    """(tp, fp, fn) over 4-word shingles, normalised to sum to 1 (evaluate.py)."""
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def macro(scores: list[TpFpFn]) -> tuple[float, float, float]:
    p = statistics.mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- systems


def _lines_as_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(ln)}</p>" for ln in text.splitlines() if ln.strip())
    return f"<html><body>{paras}</body></html>"


def trafilatura_html(page: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(page, url=url, include_comments=False, include_tables=False) or ""


def justext_html(page: str, url: str | None) -> str:
    import justext

    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def storyline_html(page: str, url: str | None) -> str:
    return _storyline(page, "html", url)


def storyline_text(text: str, url: str | None) -> str:
    return _storyline(text, "text", None)


def _storyline(raw: str, fmt: str, url: str | None) -> str:
    from storyline.models import Article, Hints

    (out,) = _clean_stage()(
        [Article(id="x", input=url or "page", raw=raw, format=fmt, hints=Hints(url=url))]
    )
    # A page the cleaner rejects (no body found) scores as an empty prediction.
    return getattr(out, "text", None) or ""


@functools.cache
def _clean_stage() -> Any:
    from storyline.stages.clean import Clean

    return Clean()


def as_is(text: str, url: str | None) -> str:
    return text


def on_lines(fn: Callable[[str, str | None], str]) -> Callable[[str, str | None], str]:
    return lambda text, url: fn(_lines_as_html(text), None)


# --------------------------------------------------------------------------- main


def run(folder: Path, limit: int, per_page: bool, only: str | None = None) -> int:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    texts = json.loads((folder / "page-text.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[: limit or None]
    pages = {
        i: gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace"
        )
        for i in ids
    }
    systems: list[tuple[str, str, Callable[[str, str | None], str]]] = [
        ("page text as is", "text", as_is),
        ("trafilatura", "text", on_lines(trafilatura_html)),
        ("jusText", "text", on_lines(justext_html)),
        ("storyline", "text", storyline_text),
        ("trafilatura", "html", trafilatura_html),
        ("jusText", "html", justext_html),
        ("storyline", "html", storyline_html),
    ]
    if only:
        systems = [s for s in systems if s[0] == only]
    half = {i: ("A" if k < (len(ids) + 1) // 2 else "B") for k, i in enumerate(ids)}
    rows = []
    worst: dict[str, list[tuple[float, str]]] = {}
    for name, kind, fn in systems:
        scores: list[TpFpFn] = []
        # One call first, so ms/page measures the work per page, not loading
        # libraries and models (lingua, trafilatura's settings).
        fn(texts[ids[0]] if kind == "text" else pages[ids[0]], gold[ids[0]].get("url"))
        t0 = time.perf_counter()
        for i in ids:
            src = texts[i] if kind == "text" else pages[i]
            pred = fn(src, gold[i].get("url"))
            scores.append(shingle_match(gold[i].get("articleBody", ""), pred))
        ms = 1000 * (time.perf_counter() - t0) / len(ids)
        p, r, f = macro(scores)
        fa, fb = (
            macro([s for s, i in zip(scores, ids, strict=True) if half[i] == h])[2] for h in "AB"
        )
        rows.append((name, kind, p, r, f, fa, fb, ms))
        worst[f"{name} ({kind})"] = sorted(
            (2 * s[0] / (2 * s[0] + s[1] + s[2]) if s[0] else 0.0, i)
            for s, i in zip(scores, ids, strict=True)
        )
    print(f"extraction benchmark: {len(ids)} pages from {folder}\n")
    print(f"| {'system':<16} | input | precision | recall |   F1  | F1 (A) | F1 (B) | ms/page |")
    print(f"| {'-' * 16} | ----- | --------- | ------ | ----- | ------ | ------ | ------- |")
    for name, kind, p, r, f, fa, fb, ms in rows:
        print(
            f"| {name:<16} | {kind:<5} | {p:9.3f} | {r:6.3f} | {f:5.3f} | {fa:6.3f} | {fb:6.3f} "
            f"| {ms:7.1f} |"
        )
    if per_page:
        for label in ("storyline (text)", "storyline (html)"):
            if label not in worst:
                continue
            print(f"\nlowest F1, {label}:")
            for f1, i in worst[label][:12]:
                print(f"  {f1:.3f}  {i[:16]}  {gold[i].get('url', '')}")
    return 0


def seeds_listing(folder: Path) -> None:
    from storyline.models import Article
    from storyline.stages.clean import Clean

    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"\nno seed articles at {folder}")
        return
    clean = Clean()
    print(f"\nwhat storyline removed from each seed ({folder}):")
    for path in files:
        raw = path.read_text(encoding="utf-8")
        (out,) = clean([Article(id=path.stem, input=str(path), raw=raw, format="text")])
        if not isinstance(out, Article):
            print(f"\n## {path.name}: rejected: {out.reason}")
            continue
        print(
            f"\n## {path.name}: {len(out.paragraphs)} paragraphs kept; "
            f"title={out.title!r} source={out.source!r} authors={list(out.authors)}"
        )
        for r in out.removed:
            text = r.text if len(r.text) <= 110 else r.text[:107] + "…"
            print(f"  - [{r.reason}] {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DATA / "extraction")
    parser.add_argument("--seeds", type=Path, default=DATA / "seeds")
    parser.add_argument("--limit", type=int, default=0, help="pages to use (0 = all)")
    parser.add_argument("--per-page", action="store_true", help="list the worst pages too")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--only", help="score only this system (e.g. storyline)")
    args = parser.parse_args()
    if not (args.folder / "ground-truth.json").is_file():
        print(f"no extraction data at {args.folder}", file=sys.stderr)
        return 2
    code = run(args.folder, args.limit, args.per_page, args.only)
    if not args.no_seeds:
        seeds_listing(args.seeds)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
