"""Stories: exact and near duplicates, and same-story groups across outlets.

Two parts, because grouping is not a per-article function:

* :class:`Fingerprint` (a per-batch stage) computes each article's MinHash
  signature over word shingles, so workers can do the costly part;
* :func:`assign_stories` (a corpus step run by the driver after writing) looks only
  at articles it has not placed yet (those without a row in ``story_vectors``):

  1. exact duplicates: same normalised text (``content_hash``) as an earlier article;
  2. near duplicates: MinHash LSH, with band keys kept in ``lsh_bands`` so stored
     articles are found by a join instead of rebuilding the index, then checked by
     their estimated Jaccard similarity;
  3. same story: cosine of word vectors, each word weighted by how rare it is in
     general English (wordfreq), so the weights do not depend on what else is in the
     store and a five-article corpus is weighted as well as a million-article one;
     plus a second vote, ``entity_vote`` times the cosine of the named actors both
     reports mention, each weighted by how few stored articles name it (shared
     specific actors: the same happening; shared dyad countries: nothing). Events
     were measured as a vote too, and left out: most reports of one happening code
     none in common (benchmarks/stories.py). Reports dated within ``window_days`` of each other link at ``dated_threshold``;
     undated ones need the stricter ``undated_threshold``; reports dated further
     apart never link (a new happening between the same actors is a new story).
     Links are single-link: a new article joins the story of every stored article it
     links to, merging stories it bridges.

  Only the stories that gained or lost articles get their record (title, dates,
  summary) rewritten. The cost of one call grows with the number of new articles
  and with how many stored articles fall in their date window, not with the store.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
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


# --------------------------------------------------------------------------- word vectors

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# wordfreq's Zipf scale: 7+ is "the", 3 is "sanctions", 0 is unknown. A word's
# weight is how far below a function word it sits.
_ZIPF_CEILING = 7.0
# Unknown words are names, typos and machine-translation debris alike: weight them
# as a moderately rare word, not as the rarest.
_UNKNOWN_WEIGHT = 4.0


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


_RARITY: dict[tuple[str, str], float] = {}


def _rarity(word: str, language: str) -> float:
    # A plain dict: this runs once per word of every article, and lru_cache's call
    # overhead doubled the cost of a vector. Bounded by the languages' vocabularies.
    try:
        return _RARITY[word, language]
    except KeyError:
        from wordfreq import zipf_frequency

        z = float(zipf_frequency(word, language))
        x = _UNKNOWN_WEIGHT if z <= 0 else max(0.0, _ZIPF_CEILING - z)
        if len(_RARITY) < 1_000_000:
            _RARITY[word, language] = x
        return x


def terms(text: str) -> Counter[str]:
    """Word counts of a text: lower-cased, possessives dropped, one-letter words skipped."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return Counter(w[:-2] if w.endswith("'s") else w for w in words if len(w) > 1)


def vector(
    text: str,
    *,
    language: str | None = None,
    entities: Iterable[str] = (),
    entity_weight: float = 0.0,
    limit: int = 200,
) -> dict[str, float]:
    """Unit-length sparse vector: sublinear term frequency times general rarity."""
    lang = language if language and language in _languages() else "en"
    weights: dict[str, float] = {}
    for w, c in terms(text).items():
        x = (1.0 + math.log(c)) * _rarity(w, lang)
        if x > 0:
            weights[w] = x
    if entity_weight > 0:
        for ent, c in Counter(entities).items():
            weights["@" + ent] = entity_weight * (1.0 + math.log(c)) * _UNKNOWN_WEIGHT
    if len(weights) > limit:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {w: x / norm for w, x in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


# --------------------------------------------------------------------------- LSH bands


def _band_params(config: StoriesConfig) -> tuple[int, int]:
    from datasketch.lsh import _optimal_param

    b, r = _optimal_param(config.near_duplicate_threshold, config.num_perm, 0.5, 0.5)
    return int(b), int(r)


def band_keys(signature: bytes, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band of a stored MinHash signature."""
    values = np.frombuffer(signature, dtype=np.uint64)
    keys = []
    for i in range(bands):
        chunk = values[i * rows : (i + 1) * rows].tobytes()
        keys.append(
            int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)
        )
    return keys


def _jaccard(a: bytes, b: bytes) -> float:
    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.mean(x == y)) if len(x) == len(y) and len(x) else 0.0


# --------------------------------------------------------------------------- the corpus step


@dataclass
class _New:
    id: str
    content_hash: str | None
    published: date | None
    language: str | None
    text: str
    title: str | None
    signature: bytes | None
    duplicate_of: str | None = None
    story_id: str | None = None
    vec: dict[str, float] = field(default_factory=dict)
    ents: dict[str, float] = field(default_factory=dict)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, rank: dict[str, Any]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        # The story that existed first (or began earliest) keeps its id.
        if rank[rb] < rank[ra]:
            ra, rb = rb, ra
        self.parent[rb] = ra


def assign_stories(
    store: Any, config: StoriesConfig | None = None, *, rebuild: bool = False
) -> dict[str, int]:
    """Place the articles not yet placed: duplicates, then stories. ``rebuild`` starts over."""
    config = config or StoriesConfig()
    con = store.con
    if rebuild:
        con.execute("DELETE FROM story_vectors; DELETE FROM lsh_bands; DELETE FROM stories")
    new = _load_new(store)
    counts = {"new": len(new), "stories": 0, "exact_duplicates": 0, "near_duplicates": 0}
    if not new:
        return counts
    new_ids = {n.id for n in new}

    _mark_exact(store, new, new_ids)
    counts["exact_duplicates"] = sum(1 for n in new if n.duplicate_of)
    bands, rows = _band_params(config)
    near_rows = _mark_near(store, new, new_ids, config, bands, rows)
    counts["near_duplicates"] = sum(1 for n in new if n.duplicate_of) - counts["exact_duplicates"]

    use_entities = config.entity_weight > 0 or config.entity_vote > 0
    entities = _entities(store, new_ids) if use_entities else {}
    for n in new:
        n.ents = {e: 1.0 + math.log(c) for e, c in Counter(entities.get(n.id, ())).items()}
        n.vec = vector(
            f"{n.title or ''}\n{n.text}",
            language=n.language,
            entities=entities.get(n.id, ()),
            entity_weight=config.entity_weight,
            limit=config.vector_terms,
        )

    old = _load_candidates(store, new, new_ids, config)
    idf = _entity_idf(store, new, old) if config.entity_vote > 0 else {}
    merged = _link(new, old, config, idf)
    missing = {n.duplicate_of for n in new if n.duplicate_of and n.story_id is None}
    if missing:
        # The original is stored but outside the date window (an old text re-published).
        found = dict(
            store.execute(
                "SELECT id, story_id FROM articles WHERE id IN (SELECT unnest(?))",
                [sorted(missing)],
            ).fetchall()
        )
        for n in new:
            if n.duplicate_of and n.story_id is None:
                n.story_id = found.get(n.duplicate_of) or digest("story", n.id)

    # Rewrite what changed, in one transaction.
    import pyarrow as pa

    touched = {n.story_id for n in new if n.story_id} | set(merged.values())
    moved = sorted(merged.items())
    if moved:
        logger.info("a new article bridged stored stories: %s", moved)
    con.execute("BEGIN TRANSACTION")
    try:
        update = pa.Table.from_pylist(
            [{"id": n.id, "duplicate_of": n.duplicate_of, "story_id": n.story_id} for n in new],
            schema=pa.schema(
                [("id", pa.string()), ("duplicate_of", pa.string()), ("story_id", pa.string())]
            ),
        )
        con.register("_upd", update)
        con.execute(
            "UPDATE articles SET duplicate_of = u.duplicate_of, story_id = u.story_id "
            "FROM _upd u WHERE articles.id = u.id"
        )
        con.unregister("_upd")
        for loser, winner in moved:
            con.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [winner, loser])
        _insert(
            con,
            "story_vectors",
            [
                {
                    "article_id": n.id,
                    "published": n.published,
                    # Named actors ride along as "#"-prefixed terms (no word starts
                    # with "#"), their weights raw: rarity is applied when linking.
                    "terms": list(n.vec) + [ENTITY_PREFIX + e for e in n.ents],
                    "weights": [float(x) for x in n.vec.values()]
                    + [float(x) for x in n.ents.values()],
                }
                for n in new
            ],
            pa.schema(
                [
                    ("article_id", pa.string()),
                    ("published", pa.date32()),
                    ("terms", pa.list_(pa.string())),
                    ("weights", pa.list_(pa.float32())),
                ]
            ),
        )
        _insert(
            con,
            "lsh_bands",
            near_rows,
            pa.schema([("article_id", pa.string()), ("band", pa.int32()), ("key", pa.int64())]),
        )
        # Stories that lost every article (merged away, or their articles re-placed).
        con.execute(
            "DELETE FROM stories WHERE id NOT IN "
            "(SELECT story_id FROM articles WHERE story_id IS NOT NULL)"
        )
        touched = {s for s in touched if s not in merged}
        touched |= {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL "
                "AND story_id NOT IN (SELECT id FROM stories)"
            ).fetchall()
        }
        con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [sorted(touched)])
        story_rows = _story_rows(store, sorted(touched))
        _insert(con, "stories", story_rows, None)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    counts["stories"] = len(touched)
    return counts


def _insert(con: Any, table: str, rows: list[dict[str, Any]], schema: Any) -> None:
    if not rows:
        return
    import pyarrow as pa

    con.register("_rows", pa.Table.from_pylist(rows, schema=schema))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _load_new(store: Any) -> list[_New]:
    rows = store.execute(
        "SELECT a.id, a.content_hash, a.published, a.language, coalesce(a.text, ''), a.title, "
        "m.signature FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id "
        "WHERE a.id NOT IN (SELECT article_id FROM story_vectors) "
        "ORDER BY a.published NULLS LAST, a.ingested_at, a.id"
    ).fetchall()
    return [_New(*r) for r in rows]


def _mark_exact(store: Any, new: list[_New], new_ids: set[str]) -> None:
    hashes = sorted({n.content_hash for n in new if n.content_hash})
    first: dict[str, str] = {}
    if hashes:
        # The earliest stored canonical article with that text stays the original.
        for chash, art_id in store.execute(
            "SELECT content_hash, arg_min(id, ingested_at) FROM articles "
            "WHERE content_hash IN (SELECT unnest(?)) AND duplicate_of IS NULL "
            "AND id IN (SELECT article_id FROM story_vectors) GROUP BY 1",
            [hashes],
        ).fetchall():
            if art_id not in new_ids:
                first[chash] = art_id
    for n in new:
        if not n.content_hash:
            continue
        if n.content_hash in first:
            n.duplicate_of = first[n.content_hash]
        else:
            first[n.content_hash] = n.id


def _mark_near(
    store: Any,
    new: list[_New],
    new_ids: set[str],
    config: StoriesConfig,
    bands: int,
    rows: int,
) -> list[dict[str, Any]]:
    """Mark near duplicates; return the band rows of the new canonical articles."""
    keys = {n.id: band_keys(n.signature, bands, rows) for n in new if n.signature}
    query = [
        {"article_id": a, "band": i, "key": k} for a, ks in keys.items() for i, k in enumerate(ks)
    ]
    stored_hits: dict[str, set[str]] = {}
    if query:
        import pyarrow as pa

        store.con.register(
            "_q",
            pa.Table.from_pylist(
                query,
                schema=pa.schema(
                    [("article_id", pa.string()), ("band", pa.int32()), ("key", pa.int64())]
                ),
            ),
        )
        try:
            for a, b in store.execute(
                "SELECT DISTINCT q.article_id, l.article_id FROM _q q "
                "JOIN lsh_bands l ON l.band = q.band AND l.key = q.key"
            ).fetchall():
                if b not in new_ids:
                    stored_hits.setdefault(a, set()).add(b)
        finally:
            store.con.unregister("_q")
    signatures: dict[str, bytes] = {n.id: n.signature for n in new if n.signature}
    wanted = sorted({b for hits in stored_hits.values() for b in hits})
    if wanted:
        for art_id, sig in store.execute(
            "SELECT article_id, signature FROM minhashes WHERE article_id IN (SELECT unnest(?))",
            [wanted],
        ).fetchall():
            signatures[art_id] = sig
    stored_order = {b: i for i, b in enumerate(wanted)}
    local: dict[tuple[int, int], list[str]] = {}
    out: list[dict[str, Any]] = []
    for n in new:
        if n.id not in keys:
            continue
        if n.duplicate_of is None:
            cands = [
                b
                for b in sorted(stored_hits.get(n.id, ()), key=stored_order.__getitem__)
                if _jaccard(signatures[n.id], signatures[b]) >= config.near_duplicate_threshold
            ]
            seen: set[str] = set()
            for i, k in enumerate(keys[n.id]):
                for b in local.get((i, k), ()):
                    if b not in seen:
                        seen.add(b)
                        if (
                            _jaccard(signatures[n.id], signatures[b])
                            >= config.near_duplicate_threshold
                        ):
                            cands.append(b)
            if cands:
                n.duplicate_of = cands[0]
        if n.duplicate_of is None:
            for i, k in enumerate(keys[n.id]):
                local.setdefault((i, k), []).append(n.id)
                out.append({"article_id": n.id, "band": i, "key": k})
    return out


def _entities(store: Any, ids: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for art_id, ent in store.execute(
        "SELECT article_id, entity_id FROM mentions WHERE article_id IN (SELECT unnest(?))",
        [sorted(ids)],
    ).fetchall():
        out.setdefault(art_id, []).append(ent)
    return out


@dataclass
class _Old:
    id: str
    published: date | None
    story_id: str
    vec: dict[str, float]
    ents: dict[str, float]


ENTITY_PREFIX = "#"


def _entity_idf(store: Any, new: list[_New], old: list[_Old]) -> dict[str, float]:
    """log((N+1)/(df+1)) of each entity the candidates mention, over the stored articles.

    Relative to the store on purpose: an actor every report names (the two countries
    of a dyad) says nothing about which happening a report is about. One grouped
    count over the entities at hand, not over the store's vocabulary.
    """
    wanted = sorted(
        {e for n in new if n.duplicate_of is None for e in n.ents}
        | {e for o in old for e in o.ents}
    )
    if not wanted:
        return {}
    total = store.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()
    n_docs = int(total[0]) if total else 0
    df = dict(
        store.execute(
            "SELECT m.entity_id, count(DISTINCT m.article_id) FROM mentions m "
            "JOIN articles a ON a.id = m.article_id "
            "WHERE a.duplicate_of IS NULL AND m.entity_id IN (SELECT unnest(?)) GROUP BY 1",
            [wanted],
        ).fetchall()
    )
    return {e: math.log((n_docs + 1) / (int(df.get(e, 0)) + 1)) for e in wanted}


def _load_candidates(
    store: Any, new: list[_New], new_ids: set[str], config: StoriesConfig
) -> list[_Old]:
    """Stored canonical articles a new one could link to: in its date window, or undated."""
    dates = [n.published for n in new if n.duplicate_of is None and n.published]
    any_undated = any(n.duplicate_of is None and not n.published for n in new)
    sql = (
        "SELECT v.article_id, v.published, a.story_id, v.terms, v.weights FROM story_vectors v "
        "JOIN articles a ON a.id = v.article_id "
        "WHERE a.duplicate_of IS NULL AND a.story_id IS NOT NULL"
    )
    params: list[Any] = []
    if not any_undated:
        if not dates:
            return []
        # Whole days; the exact window is applied when linking.
        sql += (
            " AND (v.published IS NULL OR v.published BETWEEN "
            "CAST(? AS DATE) - ? AND CAST(? AS DATE) + ?)"
        )
        params += [min(dates), config.window_days, max(dates), config.window_days]
    out = []
    for art_id, published, story_id, ts, ws in store.execute(sql, params).fetchall():
        if art_id in new_ids:
            continue
        vec: dict[str, float] = {}
        ents: dict[str, float] = {}
        for t, w in zip(ts, ws, strict=True):
            if t.startswith(ENTITY_PREFIX):
                ents[t[len(ENTITY_PREFIX) :]] = w
            else:
                vec[t] = w
        out.append(_Old(art_id, published, story_id, vec, ents))
    return out


def _joint(
    vec: dict[str, float], ents: dict[str, float], idf: dict[str, float], vote: float
) -> dict[str, float]:
    """Word vector and rarity-weighted actor vector side by side, the latter scaled by
    sqrt(vote), so one dot product gives word cosine + vote x actor cosine."""
    if vote <= 0 or not ents:
        return vec
    weighted = {e: x * idf.get(e, 0.0) for e, x in ents.items()}
    norm = math.sqrt(sum(x * x for x in weighted.values()))
    if norm == 0:
        return vec
    scale = math.sqrt(vote) / norm
    out = dict(vec)
    out.update({ENTITY_PREFIX + e: x * scale for e, x in weighted.items() if x > 0})
    return out


def _link(
    new: list[_New], old: list[_Old], config: StoriesConfig, idf: dict[str, float]
) -> dict[str, str]:
    """Set each new article's story; returns stored stories merged away (loser -> winner)."""
    from scipy import sparse

    canon = [n for n in new if n.duplicate_of is None]
    vote = config.entity_vote
    docs: list[tuple[str, date | None, dict[str, float]]] = [
        (o.id, o.published, _joint(o.vec, o.ents, idf, vote)) for o in old
    ] + [(n.id, n.published, _joint(n.vec, n.ents, idf, vote)) for n in canon]
    n_old = len(old)
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for _, _, vec in docs:
        for w, x in vec.items():
            indices.append(vocab.setdefault(w, len(vocab)))
            data.append(x)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), indices, indptr), shape=(len(docs), max(len(vocab), 1))
    )
    ordinal = [d.toordinal() if d else None for _, d, _ in docs]
    dated = sorted((d, i) for i, d in enumerate(ordinal) if d is not None)
    dated_ord = [d for d, _ in dated]
    undated = [i for i, d in enumerate(ordinal) if d is None]
    links: list[tuple[int, int]] = []

    def compare(rows: list[int], cols: list[int], threshold: float) -> None:
        if not rows or not cols:
            return
        sims = (matrix[rows] @ matrix[cols].T).tocoo()
        # Almost every pair shares some word: filter in numpy, not in a Python loop.
        keep = sims.data >= threshold
        for r, c in zip(sims.row[keep].tolist(), sims.col[keep].tolist(), strict=True):
            i, j = rows[r], cols[c]
            if i != j:
                links.append((i, j))

    # New dated articles, grouped by day, against everything dated within the window.
    by_day: dict[int, list[int]] = {}
    for k in range(n_old, len(docs)):
        day = ordinal[k]
        if day is not None:
            by_day.setdefault(day, []).append(k)
    for day, rows in sorted(by_day.items()):
        lo = bisect.bisect_left(dated_ord, day - config.window_days)
        hi = bisect.bisect_right(dated_ord, day + config.window_days)
        compare(rows, [i for _, i in dated[lo:hi]], config.dated_threshold)
    # Anything undated on one side: no time evidence, so more word overlap is needed.
    new_dated = [k for k in range(n_old, len(docs)) if ordinal[k] is not None]
    new_undated = [k for k in range(n_old, len(docs)) if ordinal[k] is None]
    compare(new_dated, undated, config.undated_threshold)
    compare(new_undated, list(range(len(docs))), config.undated_threshold)

    # Single link over the new articles; stored stories are the starting groups.
    uf = _UnionFind()
    key = [f"a:{d[0]}" for d in docs]
    rank: dict[str, Any] = {}
    for k, o in enumerate(old):
        key[k] = f"s:{o.story_id}"
        rank[key[k]] = (0, o.story_id)
    for k in range(n_old, len(docs)):
        rank[key[k]] = (1, k)  # `new` is in date order: the earliest new article roots
    for i, j in links:
        uf.union(key[i], key[j], rank)

    merged: dict[str, str] = {}
    for o in old:
        root = uf.find(f"s:{o.story_id}")
        if root != f"s:{o.story_id}":
            merged[o.story_id] = root[2:]
    story_of: dict[str, str] = {}
    for k in range(n_old, len(docs)):
        root = uf.find(key[k])
        story_of[docs[k][0]] = root[2:] if root.startswith("s:") else digest("story", root[2:])
    for n in new:
        if n.duplicate_of is None:
            n.story_id = story_of[n.id]
    # Duplicates go with their original, stored or new.
    stored_story = {o.id: o.story_id for o in old}
    for n in new:
        if n.duplicate_of is not None:
            n.story_id = story_of.get(n.duplicate_of) or stored_story.get(n.duplicate_of)
    return merged


# --------------------------------------------------------------------------- story records

SUMMARY_SENTENCES = 3
# Sentences read per article. Leads carry the news, but a later sentence that several
# outlets share can say it better; past this depth it is background and boilerplate.
LEAD_SENTENCES = 20
# A long-running story can gather thousands of reports; its summary is drawn from the
# first ones and the latest ones, so rewriting it costs the same at any size.
SUMMARY_ARTICLES = (8, 4)


def _story_rows(store: Any, story_ids: list[str]) -> list[dict[str, Any]]:
    from storyline.stages.clean import split_sentences

    if not story_ids:
        return []
    arts = store.execute(
        "SELECT id, story_id, title, published, duplicate_of IS NULL, language FROM articles "
        "WHERE story_id IN (SELECT unnest(?)) "
        "ORDER BY published NULLS LAST, ingested_at, id",
        [story_ids],
    ).fetchall()
    members: dict[str, list[tuple[Any, ...]]] = {}
    for a in arts:
        members.setdefault(a[1], []).append(a)
    head, tail = SUMMARY_ARTICLES
    shown: dict[str, list[tuple[Any, ...]]] = {}
    for sid, group in members.items():
        canon = [a for a in group if a[4]] or group
        shown[sid] = canon if len(canon) <= head + tail else canon[:head] + canon[-tail:]
    wanted = sorted({a[0] for group in shown.values() for a in group})
    sentences: dict[str, list[str]] = {}
    # The parser's sentences, as stored; the regex splitter is only a fallback.
    for art_id, text in store.execute(
        "SELECT article_id, text FROM sentences WHERE article_id IN (SELECT unnest(?)) "
        f"AND idx < {LEAD_SENTENCES} ORDER BY article_id, idx",
        [wanted],
    ).fetchall():
        sentences.setdefault(art_id, []).append(text)
    unparsed = [a for a in wanted if a not in sentences]
    if unparsed:
        for art_id, text in store.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [unparsed]
        ).fetchall():
            paragraphs = (text or "").split("\n\n")
            lead = split_sentences(" ".join(paragraphs[:6])) if text else []
            sentences[art_id] = lead[:LEAD_SENTENCES]
    rows = []
    for sid in story_ids:
        group = members.get(sid, [])
        if not group:
            continue
        per_article = [(a[0], sentences.get(a[0], [])) for a in shown[sid]]
        summary = summarise(per_article, language=shown[sid][0][5])
        titled = next((a for a in shown[sid] if a[2]), None)
        title = titled[2] if titled else (_shorten(summary[0]["sentence"]) if summary else None)
        # A story's dates are when it was reported; the events it recalls
        # ("the 2014 annexation") have their own dates.
        published = sorted(a[3] for a in group if a[3])
        rows.append(
            {
                "id": sid,
                "title": title,
                "summary": json.dumps(summary, ensure_ascii=False),
                "first_date": published[0] if published else None,
                "last_date": published[-1] if published else None,
            }
        )
    return rows


def summarise(
    per_article: list[tuple[str, list[str]]],
    *,
    language: str | None = None,
    size: int = SUMMARY_SENTENCES,
) -> list[dict[str, str]]:
    """A few sentences that say what the story's reports share, each citing its article.

    Each sentence is scored by what it shares with the *other* reports (its cosine
    with the centroid of their sentences: what the outlets agree on, wherever it sits
    in the article) and, more gently, by its position (news puts the point first). A
    story of one report scores against that report's own centroid. Then sentences are
    taken best first, skipping any that repeat one already taken, preferring a new
    article over a second sentence from the same one. Shown in reading order.
    """
    cands = []
    for a_rank, (art_id, sents) in enumerate(per_article):
        for pos, s in enumerate(sents):
            words = len(s.split())
            if words < 6 or words > 80:
                continue  # datelines, captions, run-on debris
            cands.append((a_rank, pos, art_id, s, vector(s, language=language)))
    if not cands:
        # Short texts: fall back to whatever there is, lead first.
        return [
            {"sentence": s, "article_id": art_id}
            for art_id, sents in per_article[:1]
            for s in sents[:size]
        ]
    per_rank: dict[int, dict[str, float]] = {}
    for a_rank, *_, v in cands:
        acc = per_rank.setdefault(a_rank, {})
        for w, x in v.items():
            acc[w] = acc.get(w, 0.0) + x
    total: dict[str, float] = {}
    for acc in per_rank.values():
        for w, x in acc.items():
            total[w] = total.get(w, 0.0) + x

    def others(a_rank: int) -> dict[str, float]:
        if len(per_rank) == 1:
            rest = total
        else:
            own = per_rank[a_rank]
            rest = {w: x - own.get(w, 0.0) for w, x in total.items()}
        norm = math.sqrt(sum(x * x for x in rest.values())) or 1.0
        return {w: x / norm for w, x in rest.items()}

    centroids = {r: others(r) for r in per_rank}
    scored = sorted(
        cands,
        key=lambda c: (-(cosine(c[4], centroids[c[0]]) + 0.1) / (1.0 + 0.1 * c[1]), c[0], c[1]),
    )
    chosen: list[tuple[int, int, str, str, dict[str, float]]] = []
    used_articles: set[str] = set()
    for repeat_article in (False, True):
        for c in scored:
            if len(chosen) >= size:
                break
            if c in chosen or (not repeat_article and c[2] in used_articles):
                continue
            if any(cosine(c[4], other[4]) > 0.5 for other in chosen):
                continue  # says again what another chosen sentence says
            chosen.append(c)
            used_articles.add(c[2])
    chosen.sort(key=lambda c: (c[0], c[1]))
    return [{"sentence": c[3], "article_id": c[2]} for c in chosen]


def _shorten(sentence: str, limit: int = 100) -> str:
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


def pair_similarities(
    store: Any, config: StoriesConfig | None = None
) -> list[tuple[str, str, float, float, float]]:
    """(a, b, word cosine, actor cosine, linking score) for every pair of placed articles.

    For benchmarks and diagnosis on small stores (quadratic): the linking score is what
    :func:`assign_stories` compares with its thresholds.
    """
    config = config or StoriesConfig()
    arts = [
        _Old(a, p, s, dict(zip(ts, ws, strict=True)), {})
        for a, p, s, ts, ws in store.execute(
            "SELECT v.article_id, v.published, a.story_id, v.terms, v.weights "
            "FROM story_vectors v JOIN articles a ON a.id = v.article_id "
            "WHERE a.duplicate_of IS NULL ORDER BY a.input, a.id"
        ).fetchall()
    ]
    for o in arts:
        o.ents = {t[1:]: w for t, w in o.vec.items() if t.startswith(ENTITY_PREFIX)}
        o.vec = {t: w for t, w in o.vec.items() if not t.startswith(ENTITY_PREFIX)}
    idf = _entity_idf(store, [], arts)
    out = []
    for i, a in enumerate(arts):
        for b in arts[i + 1 :]:
            words = cosine(a.vec, b.vec)
            actors = cosine(_joint({}, a.ents, idf, 1.0), _joint({}, b.ents, idf, 1.0))
            out.append((a.id, b.id, words, actors, words + config.entity_vote * actors))
    return out
