"""Stories: exact and near duplicates, and same-story groups across outlets.

Two parts, because grouping is not a per-article function:

* :class:`Fingerprint` (a per-batch stage) computes each article's MinHash
  signature over word shingles, so workers can do the costly part;
* :func:`assign_stories` (a corpus step run by the driver after writing) marks
  exact duplicates (same normalised text) and near duplicates (MinHash LSH),
  then gives each group one story with a title, dates and an extractive summary.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from storyline.config import StoriesConfig
from storyline.ids import digest, normalise_text
from storyline.models import Article, Rejection
from storyline.pipeline import register

logger = logging.getLogger(__name__)

# Stored signatures are only comparable under the scheme that made them.
SCHEME = "affine32"


def shingles(text: str, k: int) -> set[bytes]:
    words = normalise_text(text).split()
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


@register
class Fingerprint:
    """MinHash signature of each article's clean text, for near-duplicate search."""

    name: ClassVar[str] = "fingerprint"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"minhash"})

    def __init__(self, config: StoriesConfig | None = None) -> None:
        self.config = config or StoriesConfig()

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        from datasketch import MinHash

        sets = [list(shingles(a.text or "", self.config.shingle_words)) for a in batch]
        hashes = MinHash.bulk(sets, num_perm=self.config.num_perm, scheme=SCHEME)
        return [
            a.replace(minhash=np.asarray(h.hashvalues, dtype=np.uint64).tobytes())
            for a, h in zip(batch, hashes, strict=True)
        ]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, order: dict[str, Any]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        # The earliest article (by date, then id) stays the group's root.
        if order[rb] < order[ra]:
            ra, rb = rb, ra
        self.parent[rb] = ra


def assign_stories(store: Any, config: StoriesConfig | None = None) -> dict[str, int]:
    """Recompute duplicates and stories over the whole store."""
    from datasketch import LeanMinHash, MinHashLSH

    config = config or StoriesConfig()
    rows = store.execute(
        "SELECT a.id, a.content_hash, coalesce(CAST(a.published AS VARCHAR), '9999'), a.ingested_at, m.signature "
        "FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id ORDER BY a.ingested_at, a.id"
    ).fetchall()
    order = {r[0]: (r[2], str(r[3]), r[0]) for r in rows}
    duplicate_of: dict[str, str] = {}
    first_by_hash: dict[str, str] = {}
    for art_id, chash, *_ in sorted(rows, key=lambda r: order[r[0]]):
        if chash in first_by_hash:
            duplicate_of[art_id] = first_by_hash[chash]
        else:
            first_by_hash[chash] = art_id

    groups = _UnionFind()
    lsh = MinHashLSH(threshold=config.near_duplicate_threshold, num_perm=config.num_perm)
    near = 0
    for art_id, _chash, _pub, _at, sig in sorted(rows, key=lambda r: order[r[0]]):
        groups.find(art_id)
        if art_id in duplicate_of:
            groups.union(duplicate_of[art_id], art_id, order)
            continue
        if sig is None:
            continue
        mh = LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype=np.uint64), scheme=SCHEME)
        hits = lsh.query(mh)
        if hits:
            canonical = min(hits, key=lambda h: order[h])
            duplicate_of[art_id] = canonical
            groups.union(canonical, art_id, order)
            near += 1
        lsh.insert(art_id, mh)

    members: dict[str, list[str]] = {}
    for art_id in order:
        members.setdefault(groups.find(art_id), []).append(art_id)
    story_of = {a: digest("story", root) for root, arts in members.items() for a in arts}

    import pyarrow as pa

    update = pa.Table.from_pylist(
        [{"id": a, "duplicate_of": duplicate_of.get(a), "story_id": story_of[a]} for a in order],
        schema=pa.schema(
            [("id", pa.string()), ("duplicate_of", pa.string()), ("story_id", pa.string())]
        ),
    )
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_upd", update)
        con.execute(
            "UPDATE articles SET duplicate_of = u.duplicate_of, story_id = u.story_id "
            "FROM _upd u WHERE articles.id = u.id"
        )
        con.unregister("_upd")
        con.execute("DELETE FROM stories")
        story_rows = _story_rows(store, members)
        if story_rows:
            con.register("_st", pa.Table.from_pylist(story_rows))
            con.execute("INSERT INTO stories BY NAME SELECT * FROM _st")
            con.unregister("_st")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {
        "stories": len(members),
        "exact_duplicates": len(duplicate_of) - near,
        "near_duplicates": near,
    }


def _story_rows(store: Any, members: dict[str, list[str]]) -> list[dict[str, Any]]:
    from storyline.stages.clean import split_sentences

    info = {
        r[0]: r[1:]
        for r in store.execute(
            "SELECT id, title, CAST(published AS VARCHAR), text FROM articles"
        ).fetchall()
    }
    # The parser's sentences, as stored; the regex splitter is only a fallback.
    first_sentences: dict[str, list[str]] = {}
    for art_id, sentence in store.execute(
        "SELECT article_id, text FROM sentences WHERE idx < 2 ORDER BY article_id, idx"
    ).fetchall():
        first_sentences.setdefault(art_id, []).append(sentence)
    rows = []
    for root, arts in members.items():
        title, _pub, text = info[root]
        sents = first_sentences.get(root) or (
            split_sentences((text or "").split("\n\n")[0]) if text else []
        )
        summary = [{"sentence": s, "article_id": root} for s in sents[:2]]
        # A story's dates are when it was reported; the events it recalls
        # ("the 2014 annexation") have their own dates.
        published = sorted(info[a][1] for a in arts if info[a][1])
        rows.append(
            {
                "id": digest("story", root),
                "title": title or (_shorten(sents[0]) if sents else None),
                "summary": json.dumps(summary, ensure_ascii=False),
                "first_date": published[0] if published else None,
                "last_date": published[-1] if published else None,
            }
        )
    return rows


def _shorten(sentence: str, limit: int = 100) -> str:
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"
