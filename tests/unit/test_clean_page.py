"""The plain-text cleaner on whole scraped pages, outlet-level boilerplate, and HTML.

Every page here is invented: a body about a made-up fisheries dispute, wrapped in the
furniture scrapers leave in (menus, teaser lists, comment threads, footers).
"""

from __future__ import annotations

from collections import Counter

from storyline.ids import normalise_text
from storyline.models import Article, Hints
from storyline.stages.clean import Clean, clean_text, line_key, outlet_boilerplate

TITLE = "Halifax and Nuuk settle a long dispute over shrimp quotas"
BODY = [
    "Negotiators from Canada and Greenland agreed on Thursday to split the northern shrimp "
    "quota evenly for the next four seasons, ending a dispute that had kept trawlers idle.",
    "The deal, reached after three days of talks in Halifax, also sets up a joint survey of "
    "shrimp stocks in the Davis Strait, which both fleets have fished for decades.",
    "Fishing crews in Nuuk welcomed the quota agreement, though some captains said the "
    "survey should have started years ago, when catches first began to fall.",
    "Canadian officials said the shrimp survey would be paid for by both governments and "
    "that its first results on the Davis Strait stocks would be published next spring.",
]
MENU = ["Home", "World", "Business", "Sports", "Opinion", "Weather", "Search", "Sign in"]
TEASERS = [
    "Storm closes ferry routes along the southern coast",
    "Travellers were stranded overnight after gales cancelled every sailing on Tuesday.",
    "City council approves new bicycle lanes downtown",
    "The plan adds twelve kilometres of protected lanes by the end of next summer.",
    "Local bakery wins national bread award",
    "Its sourdough beat more than two hundred entries from across the country.",
]
COMMENTS = [
    "14 Comments",
    "harbourwatcher says:",
    "Finally some sense from both sides, the boats have been tied up far too long this year.",
    "oldsalt99 says:",
    "I will believe it when I see the survey results, we have heard these promises before.",
]
FOOTER = ["About us", "Contact", "Privacy Policy", "© 2031 The Harbour Gazette"]


def scraped_page() -> str:
    return "\n".join(
        [
            f"{TITLE} | The Harbour Gazette",
            *MENU,
            TITLE,
            "By Maren Olsen",
            *BODY[:2],
            "Advertisement",
            *BODY[2:],
            "More from the Gazette",
            *TEASERS,
            *COMMENTS,
            *FOOTER,
        ]
    )


def test_page_keeps_exactly_the_body_in_order() -> None:
    title, paragraphs, _removals, meta = clean_text(scraped_page())
    assert paragraphs == BODY
    assert title == TITLE
    assert meta["authors"] == ["Maren Olsen"]


def test_every_removed_line_has_a_reason_and_nothing_vanishes() -> None:
    _title, paragraphs, removals, _meta = clean_text(scraped_page())
    assert all(r.reason for r in removals)
    kept = " ".join([*paragraphs, *(r.text for r in removals)])
    assert Counter(normalise_text(kept).split()) == Counter(normalise_text(scraped_page()).split())


def test_comment_thread_is_never_part_of_the_body() -> None:
    _title, paragraphs, removals, _meta = clean_text(scraped_page())
    reasons = {r.text: r.reason for r in removals}
    assert COMMENTS[2] not in paragraphs
    assert reasons[COMMENTS[2]] == "comment section"


def test_teaser_headlines_with_blurbs_are_left_out() -> None:
    _title, paragraphs, removals, _meta = clean_text(scraped_page())
    removed = {r.text for r in removals}
    assert set(TEASERS) <= removed
    assert not set(TEASERS) & set(paragraphs)


def test_list_announced_by_a_colon_stays_with_the_body() -> None:
    schedule = [
        "March 3 -- Halifax, Nova Scotia",
        "March 9 -- St. John's, Newfoundland",
        "March 15 -- Nuuk, Greenland",
    ]
    text = "\n".join(
        [*MENU, *BODY, "The survey vessel will call at these ports:", *schedule, *FOOTER]
    )
    _title, paragraphs, _removals, _meta = clean_text(text)
    assert paragraphs == [*BODY, "The survey vessel will call at these ports:", *schedule]


def test_a_single_line_trailing_off_is_kept_but_a_run_of_cut_teasers_is_not() -> None:
    trailing = "Asked what comes next, the captain only shrugged and said we will see…"
    cut = [
        "Provincial ministers meet on Monday to discuss the new ferry subsidies that were…",
        "A retired lighthouse keeper has written a book about the winter storms that nearly…",
    ]
    _title, paragraphs, removals, _meta = clean_text(
        "\n".join([*BODY[:2], trailing, *BODY[2:], *cut])
    )
    assert trailing in paragraphs
    assert {r.text: r.reason for r in removals}[cut[0]] == "teaser headline (ends with an ellipsis)"


def test_lines_recurring_across_an_outlets_articles_are_boilerplate() -> None:
    footer = "Read the Gazette every morning for the stories that shape the coast."
    bodies = [
        "Ferry operators raised fares by four percent on Monday, blaming the rising cost of fuel.",
        "The harbour authority opened a new cold-storage warehouse near the container pier.",
        "A fishing trawler ran aground near Sable Island, but its crew of nine was rescued.",
    ]
    texts = [f"{b}\n{b.replace('.', ' today.')}\n{footer}" for b in bodies]
    keys = outlet_boilerplate(texts)
    assert line_key(footer) in keys
    assert line_key(bodies[0]) not in keys
    _t, paragraphs, removals, _m = clean_text(texts[1], boilerplate=keys)
    assert footer not in paragraphs
    assert {r.text: r.reason for r in removals}[footer] == "recurs across the outlet's articles"


def test_versions_of_one_story_do_not_make_their_body_boilerplate() -> None:
    body = "\n".join(BODY)
    versions = [body, body + "\nThis story has been updated.", body + "\nUpdated with reaction."]
    assert not {line_key(line) for line in BODY} & outlet_boilerplate(versions)


def test_clean_stage_finds_outlet_boilerplate_within_a_batch() -> None:
    footer = "Support the Gazette: independent local news since 1884 and counting today"
    stories = [
        "Ferry operators raised fares by four percent on Monday, blaming the rising cost of "
        "fuel and a shortage of trained engineers across the whole Atlantic fleet this year.",
        "The harbour authority opened a new cold-storage warehouse near the container pier, "
        "which it says will let local fishers sell their catch further afield than before.",
        "A fishing trawler ran aground near Sable Island in thick fog on Sunday night, but "
        "the coast guard rescued all nine members of its crew without injury to anyone.",
    ]
    batch = [
        Article(
            id=str(i),
            input=f"{i}.txt",
            raw=f"{s}\n{footer}",
            format="text",
            hints=Hints(source="Harbour Gazette"),
        )
        for i, s in enumerate(stories)
    ]
    out = Clean()(batch)
    for article, story in zip(out, stories, strict=True):
        assert isinstance(article, Article)
        assert article.text == story
        assert ("recurs across the outlet's articles", footer) in {
            (r.reason, r.text) for r in article.removed
        }


def test_source_falls_back_to_the_url_domain() -> None:
    raw = "\n".join(BODY)
    (out,) = Clean()(
        [
            Article(
                id="u",
                input="x",
                raw=raw,
                format="text",
                hints=Hints(url="https://www.harbour-gazette.example/news/shrimp"),
            )
        ]
    )
    assert isinstance(out, Article)
    assert out.source == "harbour-gazette.example"


def html_page() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    links = "".join(f'<li><a href="/{i}">{t}</a></li>' for i, t in enumerate(TEASERS[::2]))
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{TITLE} - The Harbour Gazette</title>"
        f'<meta property="og:title" content="{TITLE}">'
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<meta name="author" content="Maren Olsen">'
        '<meta property="article:published_time" content="2024-04-17T09:30:00Z">'
        "</head><body>"
        f"<nav><ul>{''.join(f'<li><a href=/{m}>{m}</a></li>' for m in MENU)}</ul></nav>"
        f"<article><h1>{TITLE}</h1>{paragraphs}"
        "<p>Sign up for our morning briefing newsletter</p></article>"
        f"<aside><h2>More from the Gazette</h2><ul>{links}</ul></aside>"
        "<footer>© 2031 The Harbour Gazette</footer></body></html>"
    )


def test_html_body_metadata_and_prompt_removed() -> None:
    (out,) = Clean()(
        [
            Article(
                id="h",
                input="page.html",
                raw=html_page(),
                format="html",
                hints=Hints(url="https://harbour-gazette.example/a"),
            )
        ]
    )
    assert isinstance(out, Article)
    assert list(out.paragraphs) == BODY
    assert out.title == TITLE
    assert out.source == "The Harbour Gazette"
    assert (out.published, out.published_from) == ("2024-04-17", "metadata")
    assert out.authors == ("Maren Olsen",)
    assert ("newsletter or subscription prompt", "Sign up for our morning briefing newsletter") in {
        (r.reason, r.text) for r in out.removed
    }
