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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import urlsplit

from storyline.config import CleanConfig
from storyline.errors import StageError
from storyline.ids import content_hash, digest
from storyline.ids import normalise_text as _normalise_text
from storyline.models import Article, Rejection, Removal
from storyline.pipeline import per_article, register

logger = logging.getLogger(__name__)

_SENT_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_URL = re.compile(r"https?://\S+|www\.\S+")
_TERMINAL = re.compile(r"[.!?…。！？][\"”’)」』]*$")
# Scripts written without spaces: count characters, not space-separated words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

# Calls to action and page furniture. Each pattern is a kind of widget, not a site.
_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "newsletter or subscription prompt",
        re.compile(
            r"\b(newsletters?|sign[- ]up (for|to) (\w+ ){0,4}(briefing|emails?|alerts?|updates|digest)|^subscribe\b|"
            r"subscribe (now|today|here|for free|to (our|the|this))|in-?box|daily briefing|"
            r"morning briefing|delivered to (you|your)|activation link|"
            r"stay (up to date|informed|in the loop) (with|on)|get (the latest|our) (news|updates|headlines))\b",
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
        "advertisement label",
        re.compile(
            r"^(advertisement|advertising|sponsored( content)?|promoted|ad|"
            r"(story|article) continues (below|after)( (the )?(advertisement|ad))?)\s*:?$",
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
            r"download (our|the) app|"
            # A pointer to other coverage closing a text: "More about the deal wrote X on
            # Monday.", "Read more on this here." (common in translated wire copy).
            r"^(read )?more (about|on) .{3,120}\b(wrote|reported|published|here|link)\b|"
            r"^(more |further |full )?details( are)? (here|at|in our)\b",
            re.I,
        ),
    ),
    (
        "photo caption or credit",
        re.compile(
            r"\((photo|image|picture|credit)s?( by|:)[^)]*\)|\b(getty images|afp photo|reuters/|"
            r"ap photo|epa-efe|shutterstock|photo credit|photograph:)|"
            r"^(photo|image|picture|caption|credit)s?\s*:|"
            # Wire captions: "In this March 3 file photo, ...", "This undated image shows ..."
            r"^(in )?this\b.{0,40}\b(file |handout |undated |aerial )?(photo|image|picture|photograph)"
            r"( \w+)?,? (taken|provided|released|made available|shows?|distributed|obtained)",
            re.I,
        ),
    ),
    (
        "legal notice",
        re.compile(
            r"\b(registered trademarks?|trademarks? of|copyright|disclaimer|affiliate (links?|commissions?)|"
            r"not intended to (diagnose|be (used|relied))|(this|our) (web)?site (uses|is not)|"
            r"for informational purposes only|terms and conditions)\b",
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
# One to three words and a colon, then the text ("Share: The ministry said ...");
# not a speaker's quote ("Smith: “We ...").
_LABEL_PREFIX = re.compile(r"^([A-Z][\w'’-]*(?: [\w'’-]+){0,2}) ?:\s+(?=[\w(])")
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


@lru_cache(maxsize=1 << 16)
def normalise_text(text: str) -> str:
    # The same lines are compared several times per page (repeats, title, body
    # printed twice): normalise each once.
    return _normalise_text(text)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


@lru_cache(maxsize=1 << 14)
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


# A teaser cut off mid-sentence: the ellipsis follows a word directly ("to give…").
# Writers who trail off usually leave a space ("If you are …") or end a sentence.
_TEASER_END = re.compile(r"\w(?:…|\.\.\.)$")


def _shape_reason(text: str, *, labels: bool = True) -> str | None:
    """Furniture judged from shape. ``labels``: also short labels, URLs and
    all-caps lines, which inside a body are usually subheads, list items or
    sources, so they are only reasons for lines already outside the main text."""
    words = _words(text)
    if _TEASER_END.search(text) and len(words) >= 6:
        return "teaser headline (ends with an ellipsis)"
    if not labels:
        return None
    stripped = _URL.sub("", text).strip()
    if not stripped:
        return "URL"
    if len(stripped) < 0.5 * len(text):
        return "link"
    if len(words) <= 3 and not _TERMINAL.search(text):
        return "section label or widget"
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return "all-caps label"
    return None


# Where a page's comment section starts: the main text never runs past one of these.
_COMMENT_MARK = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|reactions?)\b"
    r"|(?:reader )?(?:comments?|discussion|conversation)\s*(?:\(\d+\))?:?$"
    r"|(?:show|view|load|hide|sort|add|see)\s+(?:all\s+|the\s+)?(?:\d+\s+)?comments?\b"
    r"|.{1,40}\s(?:says|said|wrote|replied):$"
    r"|leave a (?:reply|comment)|post a comment|join the (?:conversation|discussion))",
    re.I,
)
# Share of a run's content words that must already occur in the main text for the
# run to join it.
COHERENCE = 0.2
# Longest blurb of a teaser (one story in a list of other stories); sections of a
# listicle under their own headings run longer.
TEASER_WORDS = 35
# A heading over a block of other stories or sharing buttons ("More from the
# Herald", "You may also like", "Share this:"): the whole line is the label. Not a
# hard barrier, since the same label inline can sit between two parts of a body.
_END_MARK = re.compile(
    r"^(?:(?:more|latest|other|top|related|recommended|popular|trending|most (?:read|popular|viewed|shared))"
    r"(?:\s+(?:from|in|on|stories|news|articles|posts|reads?|videos?|now|content|links?|coverage|this week)\b.{0,40})?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,20}|(?:read|see|watch) (?:more|next|also)"
    r"|share (?:this|the|on).{0,20}|like this (?:article|story)\?|what to read next|editor'?s picks?"
    r"|around the web|sponsored(?: content| stories)?|advertisement)\s*:?$",
    re.I,
)
_END_VALUE = -50.0
# A hard barrier outweighs any run of prose, so the main text stops at it.
_BARRIER = -10_000.0


def _size(text: str) -> int:
    """Length in words, counting two CJK characters as one word."""
    cjk = len(_CJK.findall(text))
    return len(_words(text)) + cjk // 2


def _line_value(line: _Line) -> float:
    """How much a line speaks for being inside the main text (negative: against).

    Prose lines count by their length in words, so the main text is the stretch
    of lines with the most prose and the least furniture between it (the idea of
    body-text extraction by maximum-scoring segment, applied to lines).
    """
    n = _size(line.text)
    if _COMMENT_MARK.search(line.text):
        return _BARRIER
    if _END_MARK.match(line.text.strip()):
        return _END_VALUE
    if line.reason is not None:
        return -2.0 - min(n, 40)
    sentence = bool(_TERMINAL.search(line.text.rstrip())) or len(split_sentences(line.text)) > 1
    if sentence and n >= 8:
        return float(n)
    if sentence and n >= 4:
        return 0.5 * n
    if n >= 20:
        return 0.5 * n
    return -2.0 - 0.2 * n


def _values(lines: list[_Line]) -> list[float]:
    """Line values, with the items of a list announced by a colon counted as prose.

    "Tour dates:" followed by a run of short, similar lines is content whose lines
    are not sentences; without this the list would read as a menu.
    """
    values = [_line_value(ln) for ln in lines]
    listing = False
    for i, line in enumerate(lines):
        text = line.text.rstrip()
        if line.reason is None and text.endswith(":") and len(_words(text)) >= 3:
            values[i] = max(values[i], 1.0)
            listing = True
        elif listing and line.reason is None and len(_words(text)) >= 3 and values[i] <= 0:
            values[i] = 1.0
        else:
            listing = False
    return values


def _main_region(lines: list[_Line]) -> tuple[int, int]:
    """[start, end) of the maximum-scoring run of lines (Kadane)."""
    best, best_span = float("-inf"), (0, 0)
    run, start = 0.0, 0
    for i, v in enumerate(_values(lines)):
        if run <= 0:
            run, start = v, i
        else:
            run += v
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span if best > 0 else (0, 0)


def _terms(text: str) -> set[str]:
    """Content words of ``text``: what a paragraph is about, for coherence checks."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w for w in (t.casefold() for t in _words(text)) if len(w) > 3 and w not in STOP_WORDS}


def _coherent_span(lines: list[_Line], start: int, end: int, min_overlap: float) -> tuple[int, int]:
    """Narrow [start, end) to the runs of prose that are about the same thing.

    Runs of prose lines split by non-prose lines (subheads, widgets, teaser
    headlines) are grown outwards from the strongest run while each next run
    shares enough content words with what was taken so far: a section of the
    article shares names and terms with the rest of it; a list of other stories
    (headline, blurb, headline, blurb) does not.
    """
    values = _values(lines)[start:end]
    runs: list[tuple[int, int, float]] = []
    i = start
    while i < end:
        if values[i - start] > 0:
            j = i
            while j < end and values[j - start] > 0:
                j += 1
            runs.append((i, j, sum(values[i - start : j - start])))
            i = j
        else:
            i += 1
    if len(runs) <= 1:
        return start, end
    core = max(range(len(runs)), key=lambda r: runs[r][2])
    taken = set().union(*(_terms(ln.text) for ln in lines[runs[core][0] : runs[core][1]]))

    def coherent(r: int) -> bool:
        a, b, _ = runs[r]
        terms = set().union(*(_terms(ln.text) for ln in lines[a:b]))
        if not terms or len(terms & taken) >= min_overlap * len(terms):
            return True
        # Off-topic prose still belongs to the article unless it has the shape of
        # a teaser: one short blurb under a headline-shaped line. Sections of a
        # listicle or a roundup run longer.
        # Blurbs (decks) run one or two sentences of at most ~30 words.
        teaser = (
            b - a == 1
            and len(split_sentences(lines[a].text)) <= 2
            and len(_words(lines[a].text)) <= TEASER_WORDS
            and a > 0
        )
        return not (teaser and _is_titleish(lines[a - 1].text))

    lo = hi = core
    while hi + 1 < len(runs) and coherent(hi + 1):
        hi += 1
        taken |= set().union(*(_terms(ln.text) for ln in lines[runs[hi][0] : runs[hi][1]]))
    while lo > 0 and coherent(lo - 1):
        lo -= 1
        taken |= set().union(*(_terms(ln.text) for ln in lines[runs[lo][0] : runs[lo][1]]))
    return runs[lo][0], runs[hi][1]


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


def line_key(text: str) -> str:
    """Key of a line for corpus-level repetition: case, punctuation and spacing ignored."""
    return digest("line", normalise_text(text))


def outlet_boilerplate(
    texts: Sequence[str], *, min_articles: int = 3, max_overlap: float = 0.5
) -> frozenset[str]:
    """Keys of lines that recur in at least ``min_articles`` different articles of one outlet.

    Lines an outlet prints under every article (appeals, prompts, footers) are
    boilerplate whatever their wording. Versions of one story share their body
    too, so an article whose lines mostly repeat one already counted is not
    counted again.
    """
    counted: list[set[str]] = []
    seen_in: dict[str, int] = {}
    for text in texts:
        keys = {line_key(ln) for ln in text.splitlines() if len(_words(ln)) >= 2}
        if not keys or any(len(keys & c) > max_overlap * min(len(keys), len(c)) for c in counted):
            continue
        counted.append(keys)
        for k in keys:
            seen_in[k] = seen_in.get(k, 0) + 1
    return frozenset(k for k, c in seen_in.items() if c >= min_articles)


def clean_text(
    text: str,
    *,
    title_known: bool = False,
    find_main: bool = True,
    boilerplate: frozenset[str] | set[str] = frozenset(),
) -> tuple[str | None, list[str], list[Removal], dict[str, Any]]:
    """Clean plain text. Returns (title, paragraphs, removals, metadata).

    ``find_main`` looks for the main text among the page's furniture (menus,
    teasers, comments); text that an HTML extractor already isolated skips it.
    ``boilerplate`` holds :func:`line_key` values of lines known to recur across
    the outlet's articles.
    """
    meta: dict[str, Any] = {"authors": [], "source": None}
    raw_lines = [
        re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.replace("\r\n", "\n").split("\n")
    ]
    lines = [_Line(ln) for ln in raw_lines if ln]
    n = len(lines)
    title: str | None = None
    seen: set[str] = set()

    for line in lines:
        norm = normalise_text(line.text)
        if not norm:
            line.reason = "no words"
            continue
        # A repeated sentence or headline is a duplicate; a repeated short item
        # ("Serves 4", a recurring subhead in a recipe or list) is structure.
        if norm in seen and len(norm.split()) >= 5 and find_main:
            line.reason = "repeated line"
            continue
        seen.add(norm)
        if boilerplate and line_key(line.text) in boilerplate:
            line.reason = "recurs across the outlet's articles"
            continue
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
        line.reason = (cue(line.text) if single else None) or _shape_reason(line.text, labels=False)

    # One line cut off with an ellipsis inside a body is a writer trailing off; a
    # run of them is a list of teasers.
    teaser = "teaser headline (ends with an ellipsis)"
    for i, line in enumerate(lines):
        if line.reason == teaser and not any(
            0 <= j < n and lines[j].reason == teaser for j in (i - 1, i + 1)
        ):
            line.reason = None

    # A short line that addresses the reader, next to removed furniture, belongs to it
    # ("We find the news you need to know" under a newsletter prompt).
    for i, line in enumerate(lines):
        if line.reason is None and len(_words(line.text)) <= 20 and _reader_address(line.text):
            near = [lines[j].reason for j in (i - 1, i + 1) if 0 <= j < n and lines[j].reason]
            prompts = [r for r in near if r and ("prompt" in r or "appeal" in r)]
            if prompts:
                line.reason = prompts[0]

    # The main text: the stretch of lines with the most prose between its furniture.
    # Menus, teaser lists, comment sections and footers fall outside it.
    start, end = _main_region(lines) if find_main else (0, len(lines))
    # A trailing appeal: the run of lines at the end of the main text that are
    # furniture or address the reader, when that run holds an appeal or prompt, is
    # all furniture. The walk stays inside the main text, so a blog written in the
    # first person is not swept up from a prompt in the page footer.
    k = end
    while k > start and (
        lines[k - 1].reason is not None
        or _reader_address(lines[k - 1].text)
        or len(_words(lines[k - 1].text)) <= 6
    ):
        k -= 1
    tail = lines[k:end]
    if k > start and any(
        ln.reason in ("donation appeal", "newsletter or subscription prompt") for ln in tail
    ):
        for line in tail:
            if line.reason is None:
                line.reason = "donation appeal"

    if find_main:
        start, end = _coherent_span(lines, start, end, COHERENCE)
    # Title: the headline-shaped line just above the main text (pages print the
    # headline, then byline and date, then the body).
    if not title_known:
        for j in range(start - 1, max(-1, start - 6), -1):
            cand = lines[j]
            if (
                cand.reason in (None, "repeated line")
                and _is_titleish(cand.text)
                and len(_words(cand.text)) >= 3
                and not cue(cand.text)
            ):
                title = cand.text
                # A repeated headline: its first printing is the title.
                norm = normalise_text(title)
                original = next(ln for ln in lines if normalise_text(ln.text) == norm)
                if original.reason is None:
                    original.reason = "title (kept as metadata)"
                break
    comments = next(
        (j for j in range(end, len(lines)) if _COMMENT_MARK.search(lines[j].text)), len(lines)
    )
    for j, line in enumerate(lines):
        if line.reason is None and not start <= j < end:
            line.reason = (
                cue(line.text)
                or ("comment section" if j > comments else None)
                or _shape_reason(line.text)
                or "outside the main text (menus, teasers, footer)"
            )
    # A dateline opening the body is metadata, not text.
    first = next((ln for ln in lines if ln.reason is None), None)
    if first is not None and (m := _DATELINE.match(first.text)):
        meta["dateline"] = m.group(1)
        lines.insert(lines.index(first), _Line(m.group(0).strip(), "dateline (kept as metadata)"))
        first.text = first.text[m.end() :]
    _drop_recombined(lines)
    # A short label run into the first paragraph ("Share: ...", "Exclusive: ...",
    # a translated widget label) is page furniture: the body's first sentence does
    # not open with a colon after one to three words.
    first = next((ln for ln in lines if ln.reason is None), None)
    if first is not None and (m := _LABEL_PREFIX.match(first.text)):
        rest = first.text[m.end() :]
        # A field list ("Tested by: A. Writer Price: 40 Euro") is content, not a label.
        fields = ":" in " ".join(rest.split()[:6])
        if (
            len(_words(rest)) >= 8
            and rest[0].isalpha()
            and not fields
            and not any(c.isdigit() for c in m.group(1))
        ):
            lines.insert(lines.index(first), _Line(m.group(0).strip(), "label opening the text"))
            first.text = rest

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
    # 3: opening labels, closing pointers to other coverage, wire captions, longer
    # listicle sections kept, outlet lines learnt from the store.
    version: ClassVar[str] = "3"
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
        # Per outlet, keys of lines recurring across its stored articles, learnt by
        # the driver's pre-pass (:meth:`learn_outlets`) and kept for the run.
        self.outlet_lines: dict[str, frozenset[str]] = {}

    def learn_outlets(
        self, batch: Sequence[Article], stored_texts: Callable[[str], Sequence[str]]
    ) -> None:
        """Learn, once per outlet and run, the lines its stored articles share.

        ``stored_texts(outlet)`` gives the raw text of stored articles of that
        outlet; the stage never reads the store itself, so the driver passes it.
        Outlets with fewer than ``min_outlet_repeats`` stored articles learn nothing.
        """
        need = self.config.min_outlet_repeats
        for a in batch:
            key = _outlet_key(a)
            if key is None or a.format == "html" or key in self.outlet_lines:
                continue
            texts = stored_texts(key)
            self.outlet_lines[key] = (
                outlet_boilerplate(texts, min_articles=need) if len(texts) >= need else frozenset()
            )

    def _one(self, article: Article, boilerplate: frozenset[str] = frozenset()) -> Article:
        assert article.raw is not None
        hints = article.hints
        meta_title = meta_source = meta_date = None
        authors: list[str] = []
        if article.format == "html":
            data = extract_html(article.raw, hints.url)
            body = data.get("text") or ""
            meta_title, meta_source, meta_date = (
                data.get("title"),
                # trafilatura's JSON names the site "source-hostname" (og:site_name).
                data.get("sitename") or data.get("source-hostname"),
                data.get("date"),
            )
            if data.get("author"):
                authors = [a.strip() for a in str(data["author"]).split(";") if a.strip()]
            if not meta_source and data.get("hostname"):
                meta_source = data["hostname"]
        else:
            body = article.raw
        title, paragraphs, removals, meta = clean_text(
            body,
            title_known=bool(meta_title),
            # trafilatura has already isolated the main text of an HTML page.
            find_main=article.format != "html",
            boilerplate=boilerplate,
        )
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
            source=hints.source or meta_source or meta["source"] or _domain(hints.url),
            published=published,
            published_from=published_from if published else None,
            language=hints.language or detect_language(text, self.config.languages),
            authors=tuple(hints.authors or authors or meta["authors"]),
            content_hash=content_hash(text),
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        known = frozenset(self.config.boilerplate_lines)
        # Lines recurring across this batch's articles of one outlet, plus what
        # recurs across stored articles (config, or the driver's pre-pass).
        by_outlet: dict[str, list[Article]] = {}
        for a in batch:
            if (key := _outlet_key(a)) and a.raw is not None and a.format != "html":
                by_outlet.setdefault(key, []).append(a)
        per_outlet = {
            key: outlet_boilerplate(
                [a.raw or "" for a in arts], min_articles=self.config.min_outlet_repeats
            )
            for key, arts in by_outlet.items()
            if len(arts) >= self.config.min_outlet_repeats
        }
        return per_article(
            self.name,
            batch,
            lambda a: self._one(
                a,
                known
                | per_outlet.get(_outlet_key(a) or "", frozenset())
                | self.outlet_lines.get(_outlet_key(a) or "", frozenset()),
            ),
        )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _outlet_key(article: Article) -> str | None:
    return article.hints.source or _domain(article.hints.url)
