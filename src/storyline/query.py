"""Read-side functions shared by the CLI, the server and the report.

Each returns plain dicts shaped as the records of the public contract
(CONTRACT.md), so every front end shows the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import NotFoundError, StorylineError
from storyline.store import Store

PERIODS = ("day", "week", "month", "year")
# Fields of a timeline row, in display order (CONTRACT.md).
TIMELINE_COLUMNS = (
    "period",
    "events",
    "goldstein_sum",
    "goldstein_mean",
    "quad1",
    "quad2",
    "quad3",
    "quad4",
)
# What a timeline counts: things said to have happened, not plans or conjecture.
HAPPENED = ("asserted", "reported")
# CAMEO roots whose acts both sides perform together (consult, diplomatic and material
# cooperation): "A met B" and "B met A" are one meeting.
MUTUAL_ROOTS = ("04", "05", "06")


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = store.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- articles


def articles(
    store: Store,
    *,
    article_id: str | None = None,
    show_removed: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    sql = (
        "SELECT id, input, source, title, published, published_from, language, text, paragraphs, "
        "removed, authors, duplicate_of, story_id FROM articles"
    )
    params: list[Any] = []
    if article_id:
        sql += " WHERE id = ?"
        params.append(article_id)
    sql += " ORDER BY published NULLS LAST, ingested_at, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = _rows(store, sql, params)
    if article_id and not rows:
        raise NotFoundError(f"no article with id {article_id!r}")
    out = []
    for r in rows:
        rec = {
            "id": r["id"],
            "input": r["input"],
            "source": r["source"],
            "title": r["title"],
            "published": _iso(r["published"]),
            "published_from": r["published_from"],
            "language": r["language"],
            "text": r["text"],
            "paragraphs": list(r["paragraphs"] or []),
            "authors": list(r["authors"] or []),
            "duplicate_of": r["duplicate_of"],
            "story_id": r["story_id"],
        }
        if show_removed:
            rec["removed"] = json.loads(r["removed"] or "[]")
        out.append(rec)
    return out


# --------------------------------------------------------------------------- entities


# Pronouns resolved by coreference count as mentions but are not names of the entity.
PRONOUNS = ", ".join(
    f"'{p}'" for p in ("he", "she", "him", "her", "his", "they", "them", "it", "its", "their")
)


def entities(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    rows = _rows(
        store,
        f"""
        SELECT e.id, e.name, e.type, e.country, e.sector, e.qid,
               list_distinct(list(m.text ORDER BY m.text)
                   FILTER (WHERE lower(m.text) NOT IN ({PRONOUNS}))) AS aliases,
               count(m.entity_id) AS mentions,
               list_distinct(list(m.article_id ORDER BY m.article_id)) AS articles
        FROM entities e JOIN mentions m ON m.entity_id = e.id
        GROUP BY ALL ORDER BY mentions DESC, e.name
    """
        + (f" LIMIT {int(limit)}" if limit else ""),
    )
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "country": r["country"],
            "sector": r["sector"],
            "qid": r["qid"],
            "aliases": list(r["aliases"]),
            "mentions": int(r["mentions"]),
            "articles": list(r["articles"]),
        }
        for r in rows
    ]


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Dyad:
    a: str
    b: str
    directed: bool = False

    @classmethod
    def parse(cls, text: str, directed: bool = False) -> Dyad:
        parts = text.split(":") if text.count(":") == 1 else _split_dyad(text)
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise StorylineError(f"--dyad {text!r}: expected A:B, e.g. USA:RUS")
        return cls(parts[0].strip(), parts[1].strip(), directed)

    def sql(self) -> tuple[str, list[Any]]:
        def side(prefix: str, actor: str) -> tuple[str, list[Any]]:
            if re.fullmatch(r"[A-Z]{3}", actor):
                return f"{prefix}_country = ?", [actor]
            return f"{prefix}_entity_id = ?", [actor]

        s1, p1 = side("source", self.a)
        t1, q1 = side("target", self.b)
        forward = f"({s1} AND {t1})"
        if self.directed:
            return forward, p1 + q1
        s2, p2 = side("source", self.b)
        t2, q2 = side("target", self.a)
        return f"({forward} OR ({s2} AND {t2}))", p1 + q1 + p2 + q2


def _split_dyad(text: str) -> list[str]:
    # Entity ids may contain a colon ("person:sergei-ryabkov"): split at the colon
    # that leaves a known id shape on both sides.
    m = re.fullmatch(r"((?:[a-z]+:)?[^:]+):((?:[a-z]+:)?[^:]+)", text)
    return [m.group(1), m.group(2)] if m else []


def _event_filters(
    dyad: Dyad | None,
    since: str | None,
    until: str | None,
    include_duplicates: bool,
    cameo: str | None = None,
) -> tuple[str, list[Any]]:
    where, params = ["1=1"], []
    if dyad:
        clause, p = dyad.sql()
        where.append(clause)
        params += p
    if since:
        where.append("e.date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("e.date <= CAST(? AS DATE)")
        params.append(until)
    if cameo:
        where.append("(e.cameo LIKE ? OR e.plover = ?)")
        params += [cameo + "%", cameo.upper()]
    if not include_duplicates:
        where.append("a.duplicate_of IS NULL")
    return " AND ".join(where), params


def event_record(r: dict[str, Any]) -> dict[str, Any]:
    def actor(side: str) -> dict[str, Any] | None:
        if r[f"{side}_name"] is None:
            return None
        return {
            k: r[f"{side}_{k}"] for k in ("name", "entity_id", "country", "role", "start", "end")
        }

    return {
        "id": r["id"],
        "article_id": r["article_id"],
        "sentence": r["sentence"],
        "sentence_start": r["sentence_start"],
        "source": actor("source"),
        "target": actor("target"),
        "action": {"text": r["action"], "start": r["action_start"], "end": r["action_end"]},
        "cameo": r["cameo"],
        "plover": r["plover"],
        "quad_class": r["quad_class"],
        "goldstein": r["goldstein"],
        "date": _iso(r["date"]),
        "date_precision": r["date_precision"],
        "date_from": r["date_from"],
        "negated": bool(r["negated"]),
        "modality": r["modality"],
        "story_id": r["story_id"],
        "location": r["location"],
    }


def events(
    store: Store,
    *,
    dyad: Dyad | None = None,
    since: str | None = None,
    until: str | None = None,
    include_duplicates: bool = False,
    cameo: str | None = None,
    article_id: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    where, params = _event_filters(dyad, since, until, include_duplicates, cameo)
    if article_id:
        where += " AND e.article_id = ?"
        params.append(article_id)
    sql = (
        f"SELECT e.*, a.story_id FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
        "ORDER BY e.date NULLS LAST, e.article_id, e.action_start"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [event_record(r) for r in _rows(store, sql, params)]


def timeline(
    store: Store,
    *,
    dyad: Dyad,
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
    cameo: str | None = None,
) -> list[dict[str, Any]]:
    if by not in PERIODS:
        raise StorylineError(f"--by {by!r}: choose one of {', '.join(PERIODS)}")
    fmt = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}[by]
    where, params = _event_filters(dyad, since, until, False, cameo)
    # Count each happening once (issue #6): outlets reporting one story each carry the
    # event, and an article may state it twice (lead and recap). A happening is one
    # (story, source, target, CAMEO root, date); actors compare by country where known,
    # so "Putin" and "Russia" meeting "the U.S." on one day in one story is one meeting.
    # The CAMEO root (two digits), because outlets word one act differently enough for
    # the coder to pick sibling codes (040 consult, 043 visit). Meetings, agreements and
    # cooperation (MUTUAL_ROOTS) involve both sides alike and reporters name either
    # first, so for those the pair is unordered. Its Goldstein score and quad class are
    # those of the event with the smallest id, so reruns agree.
    mutual = ", ".join(f"'{r}'" for r in MUTUAL_ROOTS)
    sql = f"""
        WITH ev AS (
            SELECT e.id, e.date, e.goldstein, e.quad_class, left(e.cameo, 2) AS root,
                   coalesce(a.story_id, e.article_id) AS story,
                   coalesce(e.source_country, e.source_entity_id, e.source_name, '') AS src,
                   coalesce(e.target_country, e.target_entity_id, e.target_name, '') AS tgt
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {where} AND e.date IS NOT NULL AND NOT e.negated
              -- An unnamed actor placed by where it acted ("unidentified attacker
              -- (IRQ)") says where, not who: it must not make a country the doer.
              AND e.source_entity_id IS NOT NULL
              AND e.modality IN ({", ".join("?" for _ in HAPPENED)})
        ), happenings AS (
            SELECT date, arg_min(goldstein, id) AS goldstein, arg_min(quad_class, id) AS quad_class
            FROM ev
            GROUP BY story, root, date,
                     CASE WHEN root IN ({mutual}) THEN least(src, tgt) ELSE src END,
                     CASE WHEN root IN ({mutual}) THEN greatest(src, tgt) ELSE tgt END
        )
        SELECT strftime(date, '{fmt}') AS period, count(*) AS events,
               round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class = 1) AS quad1,
               count(*) FILTER (WHERE quad_class = 2) AS quad2,
               count(*) FILTER (WHERE quad_class = 3) AS quad3,
               count(*) FILTER (WHERE quad_class = 4) AS quad4
        FROM happenings
        GROUP BY 1 ORDER BY 1
    """
    rows = _rows(store, sql, [*params, *HAPPENED])
    return [
        {**r, "events": int(r["events"]), **{f"quad{i}": int(r[f"quad{i}"]) for i in range(1, 5)}}
        for r in rows
    ]


# --------------------------------------------------------------------------- quotes, stories


def quotes(
    store: Store, *, speaker: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    sql = "SELECT * FROM quotes"
    params: list[Any] = []
    if speaker:
        sql += " WHERE speaker_name ILIKE ? OR speaker_entity_id = ?"
        params += [f"%{speaker}%", speaker]
    sql += " ORDER BY article_id, start_char"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [
        {
            "id": r["id"],
            "article_id": r["article_id"],
            "speaker": {"name": r["speaker_name"], "entity_id": r["speaker_entity_id"]},
            "text": r["text"],
            "kind": r["kind"],
            "sentence": r["sentence"],
            "start": r["start_char"],
            "end": r["end_char"],
        }
        for r in _rows(store, sql, params)
    ]


def stories(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    rows = _rows(
        store,
        """
        SELECT s.id, s.title, s.summary, s.first_date, s.last_date,
               list(a.id ORDER BY a.published NULLS LAST, a.id) AS article_ids
        FROM stories s JOIN articles a ON a.story_id = s.id
        GROUP BY ALL ORDER BY s.first_date NULLS LAST, s.id
    """
        + (f" LIMIT {int(limit)}" if limit else ""),
    )
    ev = {}
    for r in store.execute(
        "SELECT a.story_id, list(e.id ORDER BY e.date, e.id) FROM events e JOIN articles a "
        "ON a.id = e.article_id WHERE a.duplicate_of IS NULL GROUP BY 1"
    ).fetchall():
        ev[r[0]] = list(r[1])
    return [
        {
            "id": r["id"],
            "title": r["title"],
            "article_ids": list(r["article_ids"]),
            "event_ids": ev.get(r["id"], []),
            "first_date": _iso(r["first_date"]),
            "last_date": _iso(r["last_date"]),
            "summary": json.loads(r["summary"] or "[]"),
        }
        for r in rows
    ]


# --------------------------------------------------------------------------- search


def search(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    terms = [t for t in re.findall(r"[\w'’-]+", query.lower()) if len(t) > 1]
    if not terms:
        raise StorylineError(f"search query {query!r} has no words to look for")
    matches = " AND ".join("s.text ILIKE ?" for _ in terms)
    score = " + ".join(
        "(length(s.text) - length(replace(lower(s.text), ?, ''))) / length(?)" for _ in terms
    )
    params: list[Any] = []
    for t in terms:
        params += [t, t]
    params += [f"%{t}%" for t in terms]
    rows = _rows(
        store,
        f"""
        SELECT s.article_id, s.idx, s.start_char, s.end_char, s.text, a.title, a.source,
               CAST(a.published AS VARCHAR) AS published, ({score}) AS score
        FROM sentences s JOIN articles a ON a.id = s.article_id
        WHERE {matches} AND a.duplicate_of IS NULL
        ORDER BY score DESC, a.published DESC NULLS LAST, s.article_id, s.idx LIMIT {int(limit)}
    """,
        params,
    )
    out = []
    for r in rows:
        ev = store.execute(
            "SELECT id, cameo, source_name, target_name FROM events WHERE article_id = ? AND sentence_start = ?",
            [r["article_id"], r["start_char"]],
        ).fetchall()
        out.append(
            {
                "article_id": r["article_id"],
                "title": r["title"],
                "source": r["source"],
                "published": r["published"],
                "sentence": r["text"],
                "start": r["start_char"],
                "end": r["end_char"],
                "score": float(r["score"]),
                "events": [{"id": e[0], "cameo": e[1], "source": e[2], "target": e[3]} for e in ev],
            }
        )
    return out


# --------------------------------------------------------------------------- export

EXPORT_TABLES = (
    "articles",
    "entities",
    "mentions",
    "events",
    "quotes",
    "stories",
    "sentences",
    "rejections",
)
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]


def export(store: Store, fmt: str, out_dir: Path) -> list[Path]:
    """Write the database as files: one per table (parquet, csv), or GDELT's event layout."""
    if fmt not in ("parquet", "csv", "gdelt"):
        raise StorylineError(f"--format {fmt!r}: choose parquet, csv or gdelt")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if fmt == "gdelt":
        path = out_dir / "events.gdelt.tsv"
        with path.open("w", encoding="utf-8") as fh:
            for ev in events(store):
                fh.write("\t".join(_gdelt_row(store, ev)) + "\n")
        return [path]
    for table in EXPORT_TABLES:
        path = out_dir / f"{table}.{fmt}"
        opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
        store.execute(f"COPY {table} TO '{_sql_path(path)}' {opts}")
        written.append(path)
    return written


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _gdelt_row(store: Store, ev: dict[str, Any]) -> list[str]:
    row = dict.fromkeys(GDELT_COLUMNS, "")
    date = (ev["date"] or "").replace("-", "")
    row["GLOBALEVENTID"] = str(int(ev["id"][:13], 16))
    if date:
        row.update(
            SQLDATE=date,
            MonthYear=date[:6],
            Year=date[:4],
            FractionDate=f"{int(date[:4]) + (int(date[4:6]) - 1) / 12:.4f}",
        )
    for n, side in ((1, "source"), (2, "target")):
        actor = ev[side]
        if actor:
            code = (actor["country"] or "") + (actor["role"] or "")
            row[f"Actor{n}Code"] = code
            row[f"Actor{n}Name"] = (actor["name"] or "").upper()
            row[f"Actor{n}CountryCode"] = actor["country"] or ""
            row[f"Actor{n}Type1Code"] = actor["role"] or ""
    row.update(
        IsRootEvent="1",
        EventCode=ev["cameo"],
        EventBaseCode=ev["cameo"][:3],
        EventRootCode=ev["cameo"][:2],
        QuadClass=str(ev["quad_class"]),
        GoldsteinScale=str(ev["goldstein"]),
        NumMentions="1",
        NumSources="1",
        NumArticles="1",
        ActionGeo_FullName=ev["location"] or "",
    )
    src = store.execute("SELECT input FROM articles WHERE id = ?", [ev["article_id"]]).fetchone()
    row["SOURCEURL"] = src[0] if src else ""
    return [row[c].replace("\t", " ").replace("\n", " ") for c in GDELT_COLUMNS]
