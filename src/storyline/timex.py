"""Time expressions: resolve "on Feb. 26", "last week", "on Tuesday", "in 2014"
against an article's publication date.

Hand-written on purpose: general date parsers guess too freely on news text
("June 28-29" becomes 2029), and anchoring relative expressions needs the
publication date, which only we know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_MD = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d))?", re.I)
_DM = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+((?:19|20)\d\d))?", re.I
)
_MY = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_MONTH_ONLY = re.compile(
    r"^(?:in |since |until |by |early |late |mid-?|last |this )*"
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)$",
    re.I,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


@dataclass(frozen=True, slots=True)
class TimePoint:
    date: str  # ISO date: the first day of the period for month/year precision
    precision: str  # day | month | year


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(expression: str, published: str | None, *, future: bool = False) -> TimePoint | None:
    """Resolve one time expression; None when it cannot be placed on the calendar.

    ``future`` allows a yearless date after publication ("scheduled for May 15");
    otherwise such a date is taken to be in the previous year.
    """
    text = expression.strip().lower()
    pub = date.fromisoformat(published) if published else None

    if m := _ISO.search(text):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return TimePoint(d.isoformat(), "day") if d else None
    for pattern, mi, di, yi in ((_MD, 1, 2, 3), (_DM, 2, 1, 3)):
        if m := pattern.search(text):
            month = MONTHS[m.group(mi).lower()[:3]]
            day = int(m.group(di))
            if m.group(yi):
                d = _safe(int(m.group(yi)), month, day)
            elif pub:
                d = _safe(pub.year, month, day)
                if d and not future and d > pub + timedelta(days=7):
                    d = _safe(pub.year - 1, month, day)
            else:
                return None
            return TimePoint(d.isoformat(), "day") if d else None
    if m := _MY.search(text):
        return TimePoint(
            date(int(m.group(2)), MONTHS[m.group(1).lower()[:3]], 1).isoformat(), "month"
        )
    if pub is not None and (m := _MONTH_ONLY.search(text)):
        month = MONTHS[m.group(1).lower()[:3]]
        year = pub.year if (future or month <= pub.month) else pub.year - 1
        return TimePoint(date(year, month, 1).isoformat(), "month")
    if m := _YEAR.search(text):
        return TimePoint(f"{m.group(1)}-01-01", "year")
    if pub is None:
        return None
    if m := _WEEKDAY.search(text):
        target = WEEKDAYS.index(m.group(1).lower())
        delta = (pub.weekday() - target) % 7
        if future or "next" in text:
            return TimePoint(
                (pub + timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat(), "day"
            )
        return TimePoint((pub - timedelta(days=delta)).isoformat(), "day")
    if "yesterday" in text:
        return TimePoint((pub - timedelta(days=1)).isoformat(), "day")
    if "today" in text or "this morning" in text or "tonight" in text:
        return TimePoint(pub.isoformat(), "day")
    if "tomorrow" in text:
        return TimePoint((pub + timedelta(days=1)).isoformat(), "day")
    if "last week" in text or "past week" in text:
        return TimePoint((pub - timedelta(days=7)).isoformat(), "day")
    if "last month" in text:
        first = pub.replace(day=1) - timedelta(days=1)
        return TimePoint(first.replace(day=1).isoformat(), "month")
    if "this month" in text:
        return TimePoint(pub.replace(day=1).isoformat(), "month")
    if "last year" in text:
        return TimePoint(f"{pub.year - 1}-01-01", "year")
    if "this year" in text:
        return TimePoint(f"{pub.year}-01-01", "year")
    if m := re.search(r"\b(\d+|one|two|three|four|five|six|seven) days? ago\b", text):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        return TimePoint((pub - timedelta(days=n)).isoformat(), "day")
    if re.search(r"\b(a few|several|some) days ago\b", text):
        # Within the last week or so: the month of three days before is the honest claim.
        return TimePoint((pub - timedelta(days=3)).replace(day=1).isoformat(), "month")
    if "next week" in text:
        return TimePoint((pub + timedelta(days=7)).isoformat(), "day")
    if "next month" in text:
        nxt = (pub.replace(day=1) + timedelta(days=32)).replace(day=1)
        return TimePoint(nxt.isoformat(), "month")
    if "next year" in text:
        return TimePoint(f"{pub.year + 1}-01-01", "year")
    return None
