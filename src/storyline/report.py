"""A self-contained HTML report: dyad timeline chart, stories, events with evidence, quotes.

One file, no scripts or external assets, so it opens offline and can be mailed.
Every piece of article text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
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
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:70rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem} h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#666;font-size:.9rem} table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
mark.src{background:#cfe3ff} mark.act{background:#ffe08a} mark.tgt{background:#ffd0d0}
.story{border:1px solid #e4e4e4;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0}
blockquote{margin:.4rem 0 .4rem 1rem;border-left:3px solid #ccc;padding-left:.6rem}
.legend span{display:inline-block;margin-right:1rem} .sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
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


def chart(rows: list[dict[str, Any]], width: int = 900, height: int = 260) -> str:
    """Stacked bars of quad-class counts per period, and the mean Goldstein score as a line."""
    if not rows:
        return '<p class="meta">No dated events for this pair yet.</p>'
    pad_l, pad_b, pad_t = 40, 40, 10
    w, h = width - pad_l - 40, height - pad_b - pad_t
    n = len(rows)
    bw = w / n
    top = max(r["events"] for r in rows) or 1
    parts = [
        f'<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="Events per period by quad class, with mean Goldstein score">'
    ]
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
            gy = pad_t + h / 2 - (float(r["goldstein_mean"]) / 10) * (h / 2)
            points.append(f"{x + bw / 2:.1f},{gy:.1f}")
        parts.append(
            f'<text x="{x + bw / 2:.1f}" y="{pad_t + h + 16}" font-size="11" text-anchor="middle">'
            f"{e(r['period'])}</text>"
        )
    if points:
        parts.append(
            f'<polyline class="goldstein" fill="none" stroke="#333" stroke-width="2" points="{" ".join(points)}"/>'
        )
    parts.append(
        f'<text x="{pad_l + w + 4}" y="{pad_t + 10}" font-size="10">+10</text>'
        f'<text x="{pad_l + w + 4}" y="{pad_t + h / 2}" font-size="10">0</text>'
        f'<text x="{pad_l + w + 4}" y="{pad_t + h}" font-size="10">-10</text>'
    )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i class="sw" style="background:{c}"></i>{QUAD_LABELS[k]}</span>'
        for k, c in QUAD_COLOURS.items()
    )
    return (
        "".join(parts)
        + f'<div class="legend">{legend}<span>— mean Goldstein (right axis)</span></div>'
    )


def top_dyad(store: Store) -> str | None:
    rows = store.execute(
        "SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL "
        "AND target_country IS NOT NULL AND source_country <> target_country"
    ).fetchall()
    if not rows:
        return None
    pair = Counter(tuple(sorted(r)) for r in rows).most_common(1)[0][0]
    return f"{pair[0]}:{pair[1]}"


def render(store: Store, *, dyad: str | None = None, by: str = "month") -> str:
    dyad = dyad or top_dyad(store)
    rows = q.timeline(store, dyad=q.Dyad.parse(dyad), by=by) if dyad else []
    arts = {a["id"]: a for a in q.articles(store)}
    evs = q.events(store)
    by_story: dict[str | None, list[dict[str, Any]]] = {}
    for ev in evs:
        by_story.setdefault(ev["story_id"], []).append(ev)
    out = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>storyline report</title>'
        f"<style>{CSS}</style></head><body>"
    ]
    out.append(
        f'<h1>storyline report</h1><p class="meta">{len(arts)} articles, {len(evs)} events. '
        f"Generated {e(datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC'))}.</p>"
    )
    out.append(f"<h2>Timeline {e(dyad or '')}</h2>")
    out.append(chart(rows))
    if rows:
        out.append(
            "<table><tr><th>period</th><th>events</th><th>Goldstein sum</th><th>mean</th>"
            "<th>q1</th><th>q2</th><th>q3</th><th>q4</th></tr>"
        )
        for r in rows:
            out.append(
                "<tr>"
                + "".join(
                    f"<td>{e(r[k])}</td>"
                    for k in (
                        "period",
                        "events",
                        "goldstein_sum",
                        "goldstein_mean",
                        "quad1",
                        "quad2",
                        "quad3",
                        "quad4",
                    )
                )
                + "</tr>"
            )
        out.append("</table>")
    out.append("<h2>Stories</h2>")
    for st in q.stories(store):
        out.append('<section class="story">')
        out.append(f"<h3>{e(st['title'] or '(untitled)')}</h3>")
        out.append(
            f'<p class="meta">{e(st["first_date"] or "")} – {e(st["last_date"] or "")} · '
            f"{len(st['article_ids'])} article(s)</p><ul>"
        )
        for aid in st["article_ids"]:
            a = arts.get(aid, {})
            dup = " (duplicate)" if a.get("duplicate_of") else ""
            out.append(
                f"<li>{e(a.get('source') or 'unknown outlet')}: {e(a.get('title') or a.get('input'))}"
                f'{e(dup)} <span class="meta">{e(a.get("published") or "")}</span></li>'
            )
        out.append("</ul>")
        for s in st["summary"]:
            out.append(
                f'<blockquote>{e(s["sentence"])} <span class="meta">[{e(s["article_id"])}]</span></blockquote>'
            )
        story_events = by_story.get(st["id"], [])
        if story_events:
            out.append(
                '<table class="events"><tr><th>date</th><th>source</th><th>event</th><th>target</th>'
                "<th>evidence</th></tr>"
            )
            for ev in story_events:
                tgt = ev["target"]["name"] if ev["target"] else ""
                flags = ("not " if ev["negated"] else "") + ev["modality"]
                out.append(
                    f"<tr><td>{e(ev['date'] or '')}</td><td>{e(ev['source']['name'])}</td>"
                    f'<td>{e(ev["cameo"])} {e(ev["plover"] or "")}<br><span class="meta">{e(flags)}</span></td>'
                    f'<td>{e(tgt)}</td><td class="evidence">{highlight(ev)}</td></tr>'
                )
            out.append("</table>")
        out.append("</section>")
    out.append("<h2>Quotes</h2>")
    for qt in q.quotes(store):
        out.append(
            f'<blockquote class="quote">“{e(qt["text"])}” <span class="meta">— '
            f"{e(qt['speaker']['name'])} ({e(qt['kind'])})</span></blockquote>"
        )
    out.append("</body></html>")
    return "\n".join(out)


def write_report(store: Store, path: Path, *, dyad: str | None = None, by: str = "month") -> Path:
    path.write_text(render(store, dyad=dyad, by=by), encoding="utf-8")
    return path
