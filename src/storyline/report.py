"""A self-contained HTML report: dyad timeline chart, stories, events with evidence, quotes.

One file, no scripts or external assets, so it opens offline and can be mailed.
Every piece of article text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline import query as q
from storyline.store import Store

QUAD_COLOURS = {1: "#4c9be8", 2: "#2ca25f", 3: "#f5a142", 4: "#d7301f"}
QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem} h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
.meta{color:#666;font-size:.9rem} table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f6f6} td.num{text-align:right;font-variant-numeric:tabular-nums}
mark.src{background:#cfe3ff} mark.act{background:#ffe08a} mark.tgt{background:#ffd0d0}
.story{border:1px solid #e4e4e4;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0}
.story h3{margin:.2rem 0}
blockquote{margin:.4rem 0 .4rem 1rem;border-left:3px solid #ccc;padding-left:.6rem}
.legend{font-size:.85rem;margin:.3rem 0 1rem} .legend span{display:inline-block;margin-right:1rem}
.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
.keyfacts{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0;padding:0;list-style:none}
.keyfacts li{background:#f3f6fa;border-radius:6px;padding:.4rem .8rem}
.keyfacts b{display:block;font-size:1.3rem}
.trend{font-size:1.05rem;background:#fafafa;border-left:4px solid #888;padding:.5rem .8rem}
.trend.up{border-color:#2ca25f} .trend.down{border-color:#d7301f}
nav.toc a{margin-right:1rem} .outlets{font-size:.9rem} .cite{font-size:.8rem;color:#666}
details summary{cursor:pointer;color:#335;margin:.4rem 0} .dup{color:#999}
@media print{details{display:block} nav.toc{display:none}}
"""


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def highlight(ev: dict[str, Any]) -> str:
    """The evidence sentence with source, action and target marked."""
    sentence = ev["sentence"]
    base = ev["sentence_start"]
    spans = []
    for cls, part in (("src", ev["source"]), ("tgt", ev["target"])):
        if part and part.get("start") is not None:
            spans.append((part["start"] - base, part["end"] - base, cls))
    act = ev["action"]
    spans.append((act["start"] - base, act["end"] - base, "act"))
    spans = sorted((s, t, c) for s, t, c in spans if 0 <= s < t <= len(sentence))
    out, pos = [], 0
    for s, t, cls in spans:
        if s < pos:
            continue  # overlapping spans: keep the first
        out.append(e(sentence[pos:s]))
        out.append(f'<mark class="{cls}">{e(sentence[s:t])}</mark>')
        pos = t
    out.append(e(sentence[pos:]))
    return "".join(out)


def chart(rows: list[dict[str, Any]], width: int = 900, height: int = 280) -> str:
    """Stacked bars of quad-class counts per period, and the mean Goldstein score as a line."""
    if not rows:
        return '<p class="meta">No dated events for this pair yet.</p>'
    pad_l, pad_r, pad_b, pad_t = 48, 48, 44, 12
    w, h = width - pad_l - pad_r, height - pad_b - pad_t
    n = len(rows)
    bw = w / n
    top = max(r["events"] for r in rows) or 1
    # Label at most ~16 periods, so daily timelines stay legible.
    every = max(1, math.ceil(n / 16))
    parts = [
        f'<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Events per period by quad class, with mean Goldstein score">'
    ]
    # Left axis: event counts.
    for frac in (0.0, 0.5, 1.0):
        y = pad_t + h - h * frac
        label = round(top * frac, 1)
        label_text = str(int(label)) if float(label).is_integer() else str(label)
        parts.append(
            f'<line x1="{pad_l}" y1="{y:.1f}" x2="{pad_l + w}" y2="{y:.1f}" stroke="#eee"/>'
            f'<text x="{pad_l - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{label_text}</text>'
        )
    parts.append(
        f'<text x="12" y="{pad_t + h / 2:.1f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {pad_t + h / 2:.1f})">events</text>'
    )
    # Goldstein zero line (right axis).
    zero = pad_t + h / 2
    parts.append(
        f'<line x1="{pad_l}" y1="{zero:.1f}" x2="{pad_l + w}" y2="{zero:.1f}" stroke="#999" '
        f'stroke-dasharray="4 3"/>'
    )
    parts.append(
        f'<line x1="{pad_l}" y1="{pad_t + h}" x2="{pad_l + w}" y2="{pad_t + h}" stroke="#999"/>'
    )
    points = []
    for i, r in enumerate(rows):
        x = pad_l + i * bw
        y = pad_t + h
        for quad in (1, 2, 3, 4):
            c = r[f"quad{quad}"]
            if not c:
                continue
            bh = h * c / top
            y -= bh
            parts.append(
                f'<rect class="bar q{quad}" x="{x + bw * 0.15:.1f}" y="{y:.1f}" width="{bw * 0.7:.1f}" '
                f'height="{bh:.1f}" fill="{QUAD_COLOURS[quad]}"><title>{e(r["period"])}: {c} '
                f"{QUAD_LABELS[quad]}</title></rect>"
            )
        if r["goldstein_mean"] is not None:
            gy = zero - (float(r["goldstein_mean"]) / 10) * (h / 2)
            points.append((x + bw / 2, gy, r))
        if i % every == 0:
            parts.append(
                f'<text x="{x + bw / 2:.1f}" y="{pad_t + h + 16}" font-size="11" text-anchor="middle">'
                f"{e(r['period'])}</text>"
            )
    if points:
        parts.append(
            '<polyline class="goldstein" fill="none" stroke="#333" stroke-width="2" points="'
            + " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            + '"/>'
        )
        for px, py, r in points:
            parts.append(
                f'<circle class="goldstein-point" cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#333">'
                f"<title>{e(r['period'])}: mean Goldstein {e(r['goldstein_mean'])}</title></circle>"
            )
    right = pad_l + w + 4
    parts.append(
        f'<text x="{right}" y="{pad_t + 8}" font-size="10">+10</text>'
        f'<text x="{right}" y="{zero + 4:.1f}" font-size="10">0</text>'
        f'<text x="{right}" y="{pad_t + h}" font-size="10">-10</text>'
        f'<text x="{width - 8}" y="{pad_t + h / 2:.1f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(90 {width - 8} {pad_t + h / 2:.1f})">Goldstein</text>'
    )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i class="sw" style="background:{c}"></i>{QUAD_LABELS[k]}</span>'
        for k, c in QUAD_COLOURS.items()
    )
    return (
        "".join(parts) + f'<div class="legend">{legend}<span>— mean Goldstein, −10 conflict to +10 '
        "cooperation (right axis)</span></div>"
    )


def trend(rows: list[dict[str, Any]]) -> tuple[str, str]:
    """One plain sentence on where the relation stands and is heading, and its CSS class."""
    total = sum(r["events"] for r in rows)
    if not total:
        return "", ""
    coop = sum(r["quad1"] + r["quad2"] for r in rows)
    overall = sum(r["goldstein_sum"] or 0 for r in rows) / total
    text = (
        f"{total} distinct event(s) over {len(rows)} period(s); "
        f"{round(100 * coop / total)}% cooperative, mean Goldstein {overall:+.1f}."
    )
    if len(rows) < 2:
        return text, ""
    half = len(rows) // 2
    early, late = rows[:half], rows[half:]

    def mean(part: list[dict[str, Any]]) -> float:
        count = sum(r["events"] for r in part)
        return sum(r["goldstein_sum"] or 0 for r in part) / count if count else 0.0

    a, b = mean(early), mean(late)
    # A shift under one Goldstein point is within what one event's coding moves it.
    if b - a >= 1:
        return text + f" Warming: {a:+.1f} in the earlier periods, {b:+.1f} in the later.", "up"
    if a - b >= 1:
        return text + f" Cooling: {a:+.1f} in the earlier periods, {b:+.1f} in the later.", "down"
    return text + f" Steady: {a:+.1f} earlier, {b:+.1f} later.", ""


def happening_key(ev: dict[str, Any]) -> tuple[Any, ...]:
    """The key under which the timeline counts events once (see ``query.timeline``)."""

    def actor(a: dict[str, Any] | None) -> Any:
        return None if a is None else (a["country"] or a["entity_id"] or a["name"])

    src, tgt = actor(ev["source"]) or "", actor(ev["target"]) or ""
    root = ev["cameo"][:2]
    if root in q.MUTUAL_ROOTS:
        src, tgt = min(src, tgt), max(src, tgt)
    return (ev["story_id"], src, tgt, root, ev["date"])


def top_dyad(store: Store) -> str | None:
    rows = store.execute(
        "SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL "
        "AND target_country IS NOT NULL AND source_country <> target_country"
    ).fetchall()
    if not rows:
        return None
    pair = Counter(tuple(sorted(r)) for r in rows).most_common(1)[0][0]
    return f"{pair[0]}:{pair[1]}"


def _cite(a: dict[str, Any] | None, art_id: str) -> str:
    if not a:
        return f'<span class="cite">[{e(art_id)}]</span>'
    label = ", ".join(x for x in (a.get("source"), a.get("published")) if x) or art_id
    return f'<a class="cite" href="#article-{e(art_id)}">[{e(label)}]</a>'


def render(store: Store, *, dyad: str | None = None, by: str = "month") -> str:
    dyad = dyad or top_dyad(store)
    rows = q.timeline(store, dyad=q.Dyad.parse(dyad), by=by) if dyad else []
    arts = {a["id"]: a for a in q.articles(store)}
    evs = q.events(store)
    stories = q.stories(store)
    by_story: dict[str | None, list[dict[str, Any]]] = {}
    for ev in evs:
        by_story.setdefault(ev["story_id"], []).append(ev)
    outlets = {a["source"] for a in arts.values() if a["source"]}
    dates = sorted(a["published"] for a in arts.values() if a["published"])
    duplicates = sum(1 for a in arts.values() if a["duplicate_of"])
    out = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>storyline report{e(' · ' + dyad if dyad else '')}</title>"
        f"<style>{CSS}</style></head><body>"
    ]
    out.append(
        f'<h1>storyline report</h1><p class="meta">{len(arts)} articles, {len(evs)} events. '
        f"Generated {e(datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC'))}.</p>"
    )
    out.append(
        '<nav class="toc"><a href="#timeline">Timeline</a><a href="#stories">Stories</a>'
        '<a href="#quotes">Quotes</a></nav>'
    )
    facts = [
        (len(stories), "stories"),
        (len(arts) - duplicates, "articles (duplicates left out)"),
        (len(outlets), "outlets"),
        (sum(r["events"] for r in rows), f"distinct events {dyad or ''}".strip()),
    ]
    out.append(
        '<ul class="keyfacts">'
        + "".join(f"<li><b>{n}</b>{e(label)}</li>" for n, label in facts)
        + (f"<li><b>{e(dates[0])}</b>to {e(dates[-1])}</li>" if dates else "")
        + "</ul>"
    )
    out.append(f'<h2 id="timeline">Timeline {e(dyad or "")}</h2>')
    sentence, cls = trend(rows)
    if sentence:
        out.append(f'<p class="trend {cls}">{e(sentence)}</p>')
    out.append(chart(rows))
    if rows:
        out.append(
            "<details><summary>Figures per period</summary>"
            "<table><tr><th>period</th><th>events</th><th>Goldstein sum</th><th>mean</th>"
            "<th>verbal coop.</th><th>material coop.</th><th>verbal conflict</th>"
            "<th>material conflict</th></tr>"
        )
        for r in rows:
            cells = [f"<td>{e(r['period'])}</td>"] + [
                f'<td class="num">{e(r[k])}</td>' for k in q.TIMELINE_COLUMNS[1:]
            ]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table></details>")
        out.append(
            '<p class="meta">Counted: events said to have happened (not plans, conjecture '
            "or denials), with a date, each happening once however many outlets report it.</p>"
        )
    out.append('<h2 id="stories">Stories</h2>')
    if not stories:
        out.append('<p class="meta">No stories yet.</p>')
    # Newest first: what a reader opens a report for.
    for st in sorted(stories, key=lambda s: (s["last_date"] or "", s["id"]), reverse=True):
        members = [arts[a] for a in st["article_ids"] if a in arts]
        sources = sorted({a["source"] for a in members if a["source"]})
        when = " – ".join(dict.fromkeys(x for x in (st["first_date"], st["last_date"]) if x))
        out.append(f'<section class="story" id="story-{e(st["id"])}">')
        out.append(f"<h3>{e(st['title'] or '(untitled)')}</h3>")
        out.append(
            f'<p class="meta">{e(when or "undated")} · {len(members)} article(s)'
            + (f" from {len(sources)} outlet(s): {e(', '.join(sources))}" if sources else "")
            + "</p>"
        )
        for s in st["summary"]:
            out.append(
                f"<blockquote>{e(s['sentence'])} {_cite(arts.get(s['article_id']), s['article_id'])}"
                "</blockquote>"
            )
        out.append('<ul class="outlets">')
        for a in members:
            dup = ' <span class="dup">(duplicate, not counted)</span>' if a["duplicate_of"] else ""
            out.append(
                f'<li id="article-{e(a["id"])}">{e(a["source"] or "unknown outlet")}: '
                f"{e(a['title'] or a['input'])}{dup} "
                f'<span class="meta">{e(a["published"] or "")}</span></li>'
            )
        out.append("</ul>")
        story_events = by_story.get(st["id"], [])
        if story_events:
            groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
            for ev in story_events:
                groups.setdefault(happening_key(ev), []).append(ev)
            open_attr = " open" if len(groups) <= 8 else ""
            out.append(
                f"<details{open_attr}><summary>{len(groups)} event(s) with their evidence"
                "</summary>"
                '<table class="events"><tr><th>date</th><th>source</th><th>event</th>'
                "<th>target</th><th>evidence</th></tr>"
            )
            for group in groups.values():
                ev = group[0]
                tgt = ev["target"]["name"] if ev["target"] else ""
                flags = ("not " if ev["negated"] else "") + ev["modality"]
                also = (
                    f'<br><span class="meta">also in {len(group) - 1} more sentence(s)</span>'
                    if len(group) > 1
                    else ""
                )
                label = ontology_label(ev["cameo"])
                out.append(
                    f"<tr><td>{e(ev['date'] or '')}</td><td>{e(ev['source']['name'])}</td>"
                    f"<td>{e(label or ev['plover'] or '')}"
                    f'<br><span class="meta">CAMEO {e(ev["cameo"])} · {e(flags)}</span></td>'
                    f'<td>{e(tgt)}</td><td class="evidence">{highlight(ev)} '
                    f"{_cite(arts.get(ev['article_id']), ev['article_id'])}{also}</td></tr>"
                )
            out.append("</table></details>")
        out.append("</section>")
    out.append('<h2 id="quotes">Quotes</h2>')
    quotes = q.quotes(store)
    if not quotes:
        out.append('<p class="meta">No quotes yet.</p>')
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for qt in quotes:
        by_speaker.setdefault(qt["speaker"]["name"] or "unknown speaker", []).append(qt)
    for speaker, said in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(f'<h3>{e(speaker)} <span class="meta">({len(said)})</span></h3>')
        for qt in said:
            out.append(
                f'<blockquote class="quote">“{e(qt["text"])}” <span class="meta">— '
                f"{e(qt['speaker']['name'])} ({e(qt['kind'])})</span> "
                f"{_cite(arts.get(qt['article_id']), qt['article_id'])}</blockquote>"
            )
    out.append("</body></html>")
    return "\n".join(out)


def ontology_label(cameo: str) -> str | None:
    """The CAMEO code's name from the codebook, for readers who do not know the codes."""
    from storyline.ontology import codebook

    code = codebook().get(cameo)
    return code.name if code else None


def write_report(store: Store, path: Path, *, dyad: str | None = None, by: str = "month") -> Path:
    path.write_text(render(store, dyad=dyad, by=by), encoding="utf-8")
    return path
