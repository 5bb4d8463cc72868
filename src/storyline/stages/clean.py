"""Clean: from raw text or HTML to the article body, its metadata, and what was removed.

Plain text is cleaned line by line, then sentence by sentence, from signals that
hold across outlets rather than phrases of particular sites:

* shape: length, final punctuation, ellipsis endings, URLs, letter case;
* position: labels and titles at the top, teaser lists and appeals at the end;
* repetition: a line seen before, or a block whose sentences all appear again
  in other blocks (a body printed once whole and again split into paragraphs);
* lexical cues of calls to action (subscribe, donate, share, comment, cookies)
  and of addressing the reader (we/our/you) outside quotations.

HTML goes through trafilatura (body, metadata) and htmldate (date), then the same
line rules. Every removal is kept with its reason.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, ClassVar

from storyline.config import CleanConfig
from storyline.errors import StageError
from storyline.ids import content_hash, normalise_text
from storyline.models import Article, Rejection, Removal
from storyline.pipeline import per_article, register

logger = logging.getLogger(__name__)

_SENT_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_URL = re.compile(r"https?://\S+|www\.\S+")
_TERMINAL = re.compile(r"[.!?…][\"”’)]*$")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

# Calls to action and page furniture. Each pattern is a kind of widget, not a site.
_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "newsletter or subscription prompt",
        re.compile(
            r"\b(newsletter|subscribe|subscription|sign[- ]up for|sign up to|in-?box|daily briefing|"
            r"morning briefing|delivered to you)\b",
            re.I,
        ),
    ),
    (
        "donation appeal",
        re.compile(
            r"\b(donat(e|ion|ing)|support (us|our)|your support|your help|(your|every|make a) contribution|"
            r"become a (member|patron|subscriber)|make a gift|dear readers?|"
            r"thank you for (reading|standing|your support))\b",
            re.I,
        ),
    ),
    (
        "share widget",
        re.compile(
            r"^(share( this( article| story)?| button| on \w+)?|tweet|print|email|whatsapp|facebook|"
            r"copy link|save)\b[\s:]*$",
            re.I,
        ),
    ),
    (
        "comment form",
        re.compile(
            r"\b(leave a (reply|comment)|comments? (are|is) closed|your email address will not|"
            r"required fields are marked|post (a )?comment|join the (conversation|discussion)|"
            r"\d+ comments?$)\b",
            re.I,
        ),
    ),
    (
        "cookie or login prompt",
        re.compile(
            r"\b(cookies?|privacy policy|terms of (use|service)|accept all|log ?in to|sign in to|"
            r"create an account|remind me later|already a (member|subscriber))\b",
            re.I,
        ),
    ),
    (
        "related-story link",
        re.compile(
            r"^(>|»|›)|^(read more|more|related|watch|video|see also|recommended|most read|"
            r"also read|listen)\s*:|\((video|photos?|watch|gallery)\)|click here|follow us|"
            r"download (our|the) app",
            re.I,
        ),
    ),
    (
        "photo caption or credit",
        re.compile(
            r"\((photo|image|picture|credit)s?( by|:)[^)]*\)|\b(getty images|afp photo|reuters/|"
            r"ap photo|epa-efe|shutterstock|photo credit|photograph:)|"
            r"^(photo|image|picture|caption|credit)s?\s*:",
            re.I,
        ),
    ),
    (
        "reporting credit",
        re.compile(
            r"\b(contributed (reporting|to this (report|article|story))|(reporting|writing|editing) by|"
            r"all rights reserved)\b|©",
            re.I,
        ),
    ),
]
# Lines of a trailing appeal keep addressing the reader; news prose rarely does.
# "us" only in lower case: "US" is the country.
_READER = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]our|[Yy]ours)\b")
_BYLINE = re.compile(r"^(?i:by)\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})(?:\s*(?:,|and)\s*.*)?$")
_SIGNOFF = re.compile(
    r"\b(?:a )?message from\s+((?:the\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s*:?\s*$", re.I
)
# "MOSCOW (Reuters) - ", "OTTAWA/MEXICO CITY, March 15 (Wire) - ", "SOCHI — "
_DATELINE = re.compile(
    r"^((?:[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*)(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
    r"(?:\s*\([^)]{1,40}\))?)\s*[—–-]{1,2}\s+(?=[A-Z“\"])(?![A-Z]+ \d{1,2}:)"
)
_CAPTION_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40} - [A-Z]+ \d{1,2}:")


# A period after these does not end a sentence ("U.S. officials", "Mr. Peskov").
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Pres|St|"
    r"Jr|Sr|No|Vol|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc)\.)$"
)


def split_sentences(text: str) -> list[str]:
    parts = [s for s in _SENT_SPLIT.split(text.strip()) if s.strip()]
    out: list[str] = []
    for part in parts:
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def cue(text: str) -> str | None:
    """The kind of page furniture ``text`` is, judged from lexical cues, or None.

    Quoted speech is ignored: a minister saying "support our troops" is news.
    """
    outside = _QUOTED.sub(" ", text)
    for reason, pattern in _CUES:
        if pattern.search(outside):
            return reason
    if _CAPTION_DATELINE.match(text):
        return "photo caption or credit"
    return None


def _reader_address(text: str) -> bool:
    outside = _QUOTED.sub(" ", text)
    return bool(_READER.search(outside))


@dataclass
class _Line:
    text: str
    reason: str | None = None


def _is_titleish(text: str) -> bool:
    words = _words(text)
    return 2 <= len(words) <= 25 and not _TERMINAL.search(text.rstrip()) and not text.endswith(":")


def _shape_reason(text: str, position: int, n_lines: int) -> str | None:
    words = _words(text)
    stripped = _URL.sub("", text).strip()
    if not stripped:
        return "URL"
    if text.rstrip().endswith(("…", "...")) and not text.rstrip().endswith(("”", '"')):
        return "teaser headline (ends with an ellipsis)"
    if _URL.search(text) and len(words) < 40:
        return "link"
    if len(words) <= 3 and not _TERMINAL.search(text):
        return "section label or widget"
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return "all-caps label"
    return None


def _drop_recombined(lines: list[_Line]) -> None:
    """Drop a block whose sentences reappear spread over two or more other blocks.

    Scraped pages often print the body once as one paragraph and again split into
    paragraphs; the split version keeps the structure, so it is the one kept.
    """
    sents = {
        i: [normalise_text(s) for s in split_sentences(line.text)]
        for i, line in enumerate(lines)
        if line.reason is None
    }
    where: dict[str, set[int]] = {}
    for i, ss in sents.items():
        for s in ss:
            if len(s) > 20:
                where.setdefault(s, set()).add(i)
    for i, ss in sents.items():
        long = [s for s in ss if len(s) > 20]
        if len(long) < 3:
            continue
        others = [where[s] - {i} for s in long]
        covered = sum(1 for o in others if o)
        blocks = set().union(*others)
        if covered >= 0.7 * len(long) and len(blocks) >= 2:
            lines[i].reason = "repeated body (appears again split into paragraphs)"
            for s in ss:
                where.get(s, set()).discard(i)


def clean_text(
    text: str, *, title_known: bool = False
) -> tuple[str | None, list[str], list[Removal], dict[str, Any]]:
    """Clean plain text. Returns (title, paragraphs, removals, metadata)."""
    meta: dict[str, Any] = {"authors": [], "source": None}
    raw_lines = [
        re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.replace("\r\n", "\n").split("\n")
    ]
    lines = [_Line(ln) for ln in raw_lines if ln]
    n = len(lines)
    title: str | None = None
    seen: set[str] = set()

    for pos, line in enumerate(lines):
        norm = normalise_text(line.text)
        if not norm:
            line.reason = "no words"
            continue
        if norm in seen:
            line.reason = "repeated line"
            continue
        seen.add(norm)
        if m := _BYLINE.match(line.text):
            meta["authors"].append(m.group(1))
            line.reason = "byline (kept as metadata)"
            continue
        if m := _SIGNOFF.search(line.text):
            meta["source"] = m.group(1).strip()
            line.reason = "sign-off (outlet kept as metadata)"
            continue
        # A line of several sentences can mix a prompt with content: judge those
        # sentence by sentence below, not as a whole.
        single = len(split_sentences(line.text)) <= 1 or bool(_CAPTION_DATELINE.match(line.text))
        line.reason = (cue(line.text) if single else None) or _shape_reason(line.text, pos, n)

    # A short line that addresses the reader, next to removed furniture, belongs to it
    # ("We find the news you need to know" under a newsletter prompt).
    for i, line in enumerate(lines):
        if line.reason is None and len(_words(line.text)) <= 20 and _reader_address(line.text):
            near = [lines[j].reason for j in (i - 1, i + 1) if 0 <= j < n and lines[j].reason]
            prompts = [r for r in near if r and ("prompt" in r or "appeal" in r)]
            if prompts:
                line.reason = prompts[0]

    # Title: the first remaining line, if it is headline-shaped and more follows.
    kept = [ln for ln in lines if ln.reason is None]
    if kept and not title_known and len(kept) > 1 and _is_titleish(kept[0].text):
        title = kept[0].text
        kept[0].reason = "title (kept as metadata)"
        # The same headline often recurs as a teaser run into the body.
    # A dateline opening the body is metadata, not text.
    first = next((ln for ln in lines if ln.reason is None), None)
    if first is not None and (m := _DATELINE.match(first.text)):
        meta["dateline"] = m.group(1)
        lines.insert(lines.index(first), _Line(m.group(0).strip(), "dateline (kept as metadata)"))
        first.text = first.text[m.end() :]

    _drop_recombined(lines)

    # A trailing appeal: the run of lines at the end that are furniture or address
    # the reader, when that run holds an appeal or prompt, is all furniture.
    k = len(lines)
    while k > 0 and (
        lines[k - 1].reason is not None
        or _reader_address(lines[k - 1].text)
        or len(_words(lines[k - 1].text)) <= 6
    ):
        k -= 1
    tail = lines[k:]
    if any(ln.reason in ("donation appeal", "newsletter or subscription prompt") for ln in tail):
        for line in tail:
            if line.reason is None:
                line.reason = "donation appeal"

    # Sentence level: a block can mix a prompt with content.
    removals: list[Removal] = []
    paragraphs: list[str] = []
    for line in lines:
        if line.reason is not None:
            removals.append(Removal(text=line.text, reason=line.reason))
            continue
        sents = split_sentences(line.text)
        keep: list[str] = []
        for k, s in enumerate(sents):
            reason = cue(s)
            if reason is None and k + 1 < len(sents) and len(_words(s)) <= 10 and cue(sents[k + 1]):
                # The blurb that introduces a prompt ("The day's top stories.") goes with it.
                reason = cue(sents[k + 1])
            if (
                reason is None
                and s.rstrip().endswith(("…", "..."))
                and k == len(sents) - 1
                and len(sents) > 1
            ):
                reason = "teaser headline (ends with an ellipsis)"
            if reason:
                removals.append(Removal(text=s, reason=reason))
            else:
                keep.append(s)
        if keep:
            paragraphs.append(" ".join(keep) if len(keep) < len(sents) else line.text)
    return title, paragraphs, removals, meta


# --------------------------------------------------------------------------- HTML


def extract_html(html: str, url: str | None = None) -> dict[str, Any]:
    """Body and metadata with trafilatura; the date with htmldate when trafilatura has none."""
    import trafilatura

    out = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
    )
    data: dict[str, Any] = json.loads(out) if out else {}
    if not data.get("date"):
        try:
            from htmldate import find_date

            data["date"] = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
        except Exception:
            data["date"] = None
    return data


# --------------------------------------------------------------------------- language, dates


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in languages]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: str, languages: tuple[str, ...]) -> str | None:
    if len(text.strip()) < 20:
        return None
    lang = _detector(languages).detect_language_of(text[:3000])
    return None if lang is None else str(lang.iso_code_639_1.name).lower()


_FULL_DATE = re.compile(
    r"\b(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)"
    r"|(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+((?:19|20)\d\d)"
    r"|((?:19|20)\d\d)-(\d\d)-(\d\d))\b"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def latest_text_date(text: str) -> str | None:
    """The latest full date written in the text: a lower bound for publication."""
    found: list[date] = []
    for m in _FULL_DATE.finditer(text):
        try:
            if m.group(1):
                found.append(
                    date(int(m.group(3)), _MONTHS[m.group(1)[:3].lower()], int(m.group(2)))
                )
            elif m.group(4):
                found.append(
                    date(int(m.group(6)), _MONTHS[m.group(5)[:3].lower()], int(m.group(4)))
                )
            else:
                found.append(date(int(m.group(7)), int(m.group(8)), int(m.group(9))))
        except ValueError:
            continue
    return max(found).isoformat() if found else None


def normalise_date(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) from a user or metadata value, or None."""
    if not value:
        return None
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


@register
class Clean:
    """Body text, paragraphs, title, outlet, date, language and the removals."""

    name: ClassVar[str] = "clean"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"raw", "format"})
    provides: ClassVar[frozenset[str]] = frozenset(
        {
            "text",
            "paragraphs",
            "removed",
            "title",
            "source",
            "published",
            "published_from",
            "language",
            "authors",
            "content_hash",
        }
    )

    def __init__(self, config: CleanConfig | None = None) -> None:
        self.config = config or CleanConfig()

    def _one(self, article: Article) -> Article:
        assert article.raw is not None
        hints = article.hints
        meta_title = meta_source = meta_date = None
        authors: list[str] = []
        if article.format == "html":
            data = extract_html(article.raw, hints.url)
            body = data.get("text") or ""
            meta_title, meta_source, meta_date = (
                data.get("title"),
                data.get("sitename"),
                data.get("date"),
            )
            if data.get("author"):
                authors = [a.strip() for a in str(data["author"]).split(";") if a.strip()]
            if not meta_source and data.get("hostname"):
                meta_source = data["hostname"]
        else:
            body = article.raw
        title, paragraphs, removals, meta = clean_text(body, title_known=bool(meta_title))
        if (
            meta_title
            and paragraphs
            and normalise_text(paragraphs[0]) == normalise_text(meta_title)
        ):
            removals.insert(0, Removal(text=paragraphs.pop(0), reason="title (kept as metadata)"))
        text = "\n\n".join(paragraphs)
        if len(_words(text)) < self.config.min_words:
            raise StageError(
                self.name,
                article.input,
                f"no article body found ({len(_words(text))} words left after cleaning)",
            )
        published, published_from = normalise_date(hints.date), "manifest"
        if published is None and meta_date:
            published, published_from = normalise_date(meta_date), "metadata"
        if published is None:
            published, published_from = latest_text_date(text), "text"
        return article.replace(
            text=text,
            paragraphs=tuple(paragraphs),
            removed=tuple(removals),
            title=hints.title or meta_title or title,
            source=hints.source or meta_source or meta["source"],
            published=published,
            published_from=published_from if published else None,
            language=hints.language or detect_language(text, self.config.languages),
            authors=tuple(hints.authors or authors or meta["authors"]),
            content_hash=content_hash(text),
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, self._one)
