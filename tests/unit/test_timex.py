"""Time expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from storyline.timex import TimePoint, resolve

# A Friday.
PUBLISHED = "2024-03-08"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Feb. 26", TimePoint("2024-02-26", "day")),
        ("Feb 26th", TimePoint("2024-02-26", "day")),
        ("26 February", TimePoint("2024-02-26", "day")),
        ("on Feb. 26, 2019", TimePoint("2019-02-26", "day")),
        ("2021-07-04", TimePoint("2021-07-04", "day")),
        ("last week", TimePoint("2024-03-01", "day")),
        ("yesterday", TimePoint("2024-03-07", "day")),
        ("today", TimePoint("2024-03-08", "day")),
        ("Monday", TimePoint("2024-03-04", "day")),
        ("on Friday", TimePoint("2024-03-08", "day")),  # the publication day itself
        ("Saturday", TimePoint("2024-03-02", "day")),  # the last one, not the next
        ("in 2014", TimePoint("2014-01-01", "year")),
        ("March 2014", TimePoint("2014-03-01", "month")),
        ("last month", TimePoint("2024-02-01", "month")),
        ("last year", TimePoint("2023-01-01", "year")),
        ("this year", TimePoint("2024-01-01", "year")),
    ],
)
def test_resolve_against_publication_date(expression: str, expected: TimePoint) -> None:
    assert resolve(expression, PUBLISHED) == expected


def test_yearless_date_after_publication_is_taken_from_the_previous_year() -> None:
    assert resolve("on Dec. 20", PUBLISHED) == TimePoint("2023-12-20", "day")
    # Within a week after publication it is still this year (a slightly late report).
    assert resolve("March 12", PUBLISHED) == TimePoint("2024-03-12", "day")


def test_yearless_date_in_the_future_when_allowed() -> None:
    assert resolve("on Dec. 20", PUBLISHED, future=True) == TimePoint("2024-12-20", "day")
    assert resolve("next Monday", PUBLISHED) == TimePoint("2024-03-11", "day")
    assert resolve("Monday", PUBLISHED, future=True) == TimePoint("2024-03-11", "day")


@pytest.mark.parametrize(
    "expression", ["on Feb. 26", "last week", "Monday", "last year", "yesterday", "March 3"]
)
def test_relative_expressions_need_a_publication_date(expression: str) -> None:
    assert resolve(expression, None) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("in 2014", TimePoint("2014-01-01", "year")),
        ("March 2014", TimePoint("2014-03-01", "month")),
        ("Feb. 26, 2019", TimePoint("2019-02-26", "day")),
    ],
)
def test_absolute_expressions_need_no_publication_date(
    expression: str, expected: TimePoint
) -> None:
    assert resolve(expression, None) == expected


@pytest.mark.parametrize("expression", ["Feb. 30", "2023-02-30", "soon", "the coming decades"])
def test_impossible_or_vague_expressions_are_not_placed(expression: str) -> None:
    assert resolve(expression, PUBLISHED) is None


def test_days_ago_lands_in_the_right_month() -> None:
    point = resolve("two days ago", "2024-03-20")
    assert point is not None and point.date.startswith("2024-03")


@pytest.mark.parametrize("expression", ["two days ago", "three days ago", "a few days ago"])
def test_days_ago_early_in_the_month_is_in_the_previous_month(expression: str) -> None:
    point = resolve(expression, "2024-03-01")
    assert point is not None
    assert point.date.startswith("2024-02")
