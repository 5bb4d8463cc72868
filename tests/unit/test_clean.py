"""Plain-text cleaning, dates found in the text, and the Clean stage."""

from __future__ import annotations

from collections import Counter

import pytest

from storyline.ids import normalise_text
from storyline.models import Article, Rejection
from storyline.stages.clean import Clean, clean_text, cue, latest_text_date, normalise_date

TITLE = "Canada and Mexico extend fisheries accord"
BODY = [
    "Canada and Mexico agreed on Tuesday to extend their fisheries accord for another five "
    "years, officials in both capitals said.",
    'The Canadian fisheries minister said the deal would "support our fishermen and our coastal '
    'towns" through a difficult decade.',
    "Mexican negotiators described the talks as long but friendly, and said inspections would "
    "begin in the spring.",
]
NEWSLETTER = "Sign up for our morning briefing newsletter"
TEASERS = ["Mexico braces for a hot and dry summer…", "Canadian dollar slips as oil prices fall…"]
APPEAL = [
    "Independent journalism needs your support.",
    "Please donate today to keep our reporting free for everyone.",
]


def page() -> str:
    """A scraped page: title, prompt, dateline, body with widgets, teasers, title again, appeal."""
    return "\n\n".join(
        [
            TITLE,
            NEWSLETTER,
            "OTTAWA — " + BODY[0],
            BODY[1],
            "Share",
            BODY[2],
            "More stories",
            *TEASERS,
            TITLE,
            *APPEAL,
        ]
    )


def reasons(removals: list) -> dict[str, str]:
    return {r.text: r.reason for r in removals}


@pytest.fixture(scope="module")
def cleaned() -> tuple:
    return clean_text(page())


def test_body_is_kept_verbatim_in_order(cleaned: tuple) -> None:
    _title, paragraphs, _removals, _meta = cleaned
    assert paragraphs == BODY


def test_newsletter_prompt_removed_with_reason(cleaned: tuple) -> None:
    removed = reasons(cleaned[2])
    assert removed[NEWSLETTER] == "newsletter or subscription prompt"


def test_trailing_donation_appeal_removed(cleaned: tuple) -> None:
    removed = reasons(cleaned[2])
    assert [removed.get(line) for line in APPEAL] == ["donation appeal", "donation appeal"]


def test_trailing_lines_addressing_the_reader_go_with_the_appeal() -> None:
    text = "\n\n".join(
        [*BODY, "Thank you for reading.", "We rely on readers like you to keep going."]
    )
    _title, paragraphs, removals, _meta = clean_text(text, title_known=True)
    assert paragraphs == BODY
    assert reasons(removals)["We rely on readers like you to keep going."] == "donation appeal"


def test_teaser_lines_ending_in_ellipsis_removed(cleaned: tuple) -> None:
    removed = reasons(cleaned[2])
    for teaser in TEASERS:
        assert removed[teaser] == "teaser headline (ends with an ellipsis)"


def test_share_widget_removed(cleaned: tuple) -> None:
    assert reasons(cleaned[2])["Share"] == "share widget"


def test_title_captured_and_its_repetition_removed(cleaned: tuple) -> None:
    title, paragraphs, removals, _meta = cleaned
    assert title == TITLE
    title_removals = [r.reason for r in removals if r.text == TITLE]
    assert sorted(title_removals) == ["repeated line", "title (kept as metadata)"]
    assert all(TITLE not in p for p in paragraphs)


def test_dateline_moved_to_metadata(cleaned: tuple) -> None:
    _title, paragraphs, removals, meta = cleaned
    assert meta["dateline"] == "OTTAWA"
    assert paragraphs[0].startswith("Canada and Mexico agreed")
    assert reasons(removals)["OTTAWA —"] == "dateline (kept as metadata)"


def test_quoted_speech_with_a_cue_word_is_kept(cleaned: tuple) -> None:
    assert BODY[1] in cleaned[1]
    # The same words addressed to the reader, outside quotation marks, are an appeal.
    assert cue("Please support our newsroom with a gift today.") == "donation appeal"
    assert cue('The minister urged people to "support our troops" at the rally.') is None


def test_nothing_vanishes_every_word_is_kept_or_removed_with_a_reason(cleaned: tuple) -> None:
    _title, paragraphs, removals, _meta = cleaned
    assert all(r.reason for r in removals)
    kept = " ".join([*paragraphs, *(r.text for r in removals)])
    assert Counter(normalise_text(kept).split()) == Counter(normalise_text(page()).split())


def test_body_printed_whole_and_split_keeps_the_split_version() -> None:
    whole = " ".join(BODY)
    text = "\n\n".join([TITLE, whole, *BODY, "Share this article"])
    _title, paragraphs, removals, _meta = clean_text(text)
    assert paragraphs == BODY
    out = "\n\n".join(paragraphs)
    for sentence in BODY:
        assert out.count(sentence) == 1
    assert reasons(removals)[whole] == "repeated body (appears again split into paragraphs)"


def test_body_printed_whole_and_split_with_a_dateline() -> None:
    whole = "OTTAWA — " + " ".join(BODY)
    text = "\n\n".join([TITLE, whole, *BODY])
    _title, paragraphs, _removals, _meta = clean_text(text)
    out = "\n\n".join(paragraphs)
    for sentence in BODY:
        assert out.count(sentence) == 1


def test_cleaning_is_idempotent(cleaned: tuple) -> None:
    _title, paragraphs, _removals, _meta = cleaned
    again_title, again, again_removals, _ = clean_text("\n\n".join(paragraphs), title_known=True)
    assert again == paragraphs
    assert again_removals == []
    # Without the title flag too: a body paragraph is not headline-shaped.
    assert clean_text("\n\n".join(paragraphs))[1:3] == (paragraphs, [])
    assert again_title is None


def test_signoff_becomes_metadata() -> None:
    text = "\n\n".join([*BODY, "A message from the Harbour Gazette:"])
    _title, paragraphs, removals, meta = clean_text(text, title_known=True)
    assert paragraphs == BODY
    assert meta["source"] == "the Harbour Gazette"
    assert [r.reason for r in removals] == ["sign-off (outlet kept as metadata)"]


@pytest.mark.parametrize("byline", ["By Ana Ruiz", "By Ana Ruiz and Tom Li"])
def test_capitalised_byline_becomes_metadata(byline: str) -> None:
    text = "\n\n".join([byline, *BODY])
    _title, paragraphs, removals, meta = clean_text(text, title_known=True)
    assert meta["authors"] == ["Ana Ruiz"]
    assert paragraphs == BODY
    assert [r.reason for r in removals] == ["byline (kept as metadata)"]


def test_lower_case_byline_becomes_metadata() -> None:
    text = "\n\n".join(["by Ana Ruiz and Tom Li", *BODY])
    _title, paragraphs, removals, meta = clean_text(text, title_known=True)
    assert meta["authors"] == ["Ana Ruiz"]
    assert paragraphs == BODY
    assert [r.reason for r in removals] == ["byline (kept as metadata)"]


@pytest.mark.parametrize("label", ["Share:", "To spread:", "Exclusive:"])
def test_label_run_into_the_first_paragraph_is_removed(label: str) -> None:
    text = "\n\n".join([f"{label} {BODY[0]}", *BODY[1:]])
    _title, paragraphs, removals, _meta = clean_text(text, title_known=True)
    assert paragraphs == BODY
    assert reasons(removals)[label] == "label opening the text"


@pytest.mark.parametrize(
    "first",
    [
        # A field list is content; so is a colon after a longer clause or a number.
        "Tested by: Ana Ruiz Price: 40 dollars Length: six hours of recorded interviews.",
        "The minister gave one reason for the delay: the boats were not ready in time.",
        "Summary: 4-2: the home side won the final after extra time in the rain.",
    ],
)
def test_colon_inside_content_is_not_a_label(first: str) -> None:
    text = "\n\n".join([first, *BODY])
    _title, paragraphs, _removals, _meta = clean_text(text, title_known=True)
    assert paragraphs[0] == first


def test_closing_pointer_to_other_coverage_is_removed() -> None:
    pointer = "More about the new fisheries quotas wrote the Harbour Gazette on March 2."
    last = BODY[2] + " " + pointer
    _title, paragraphs, removals, _meta = clean_text(
        "\n\n".join([*BODY[:2], last]), title_known=True
    )
    assert paragraphs == BODY
    assert reasons(removals)[pointer] == "related-story link"
    # A sentence opening with "More" is otherwise news.
    assert cue("More than forty boats joined the protest on Tuesday.") is None


def test_wire_photo_caption_is_removed() -> None:
    caption = (
        "In this March 3, 2021, file photo, provided by the ministry, Canadian and Mexican "
        "negotiators shake hands in Ottawa."
    )
    assert cue(caption) == "photo caption or credit"
    assert cue("In this town the fishermen gave the photo album to the mayor.") is None


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-3-5", "2024-03-05"),
        ("2024-03-05T14:22:00+02:00", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("2024-02-30", None),
        ("no date here", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_latest_text_date_takes_the_latest_full_date() -> None:
    text = (
        "The accord was first signed on Jan. 5, 2021 and reviewed on 12 March 2024. "
        "A draft dated 2023-11-30 was leaked, and a Feb. 30, 2024 memo is a typo."
    )
    assert latest_text_date(text) == "2024-03-12"


def test_latest_text_date_ignores_partial_dates() -> None:
    assert latest_text_date("They met on March 5 and again in April 2024.") is None


# --------------------------------------------------------------------------- Clean stage


def _raw(text: str, **hints: str) -> Article:
    from storyline.models import Hints

    return Article(id="a1", input="a.txt", raw=text, format="text", hints=Hints(**hints))


def test_clean_stage_fills_article_fields() -> None:
    (out,) = Clean()([_raw(page())])
    assert isinstance(out, Article)
    assert out.title == TITLE
    assert out.text == "\n\n".join(BODY)
    assert out.paragraphs == tuple(BODY)
    assert out.language == "en"
    assert out.content_hash is not None
    assert {r.reason for r in out.removed} >= {"share widget", "donation appeal"}
    # No date given and none written in full in the text.
    assert (out.published, out.published_from) == (None, None)


def test_clean_stage_date_sources() -> None:
    # A full date in the body, not in the furniture after it.
    dated = page().replace(BODY[2], BODY[2] + " The accord was first signed on June 3, 2019.")
    (from_text,) = Clean()([_raw(dated)])
    assert (from_text.published, from_text.published_from) == ("2019-06-03", "text")
    (from_hint,) = Clean()([_raw(dated, date="2024-03-08", title="Given title")])
    assert (from_hint.published, from_hint.published_from) == ("2024-03-08", "manifest")
    assert from_hint.title == "Given title"


def test_clean_stage_rejects_an_article_without_body() -> None:
    (out,) = Clean()([_raw("Share\n\nSign up for our newsletter\n\nOnly a few words here.")])
    assert isinstance(out, Rejection)
    assert out.stage == "clean" and out.input == "a.txt"
    assert "no article body found" in out.reason
