"""A listicle keeps its sections; a list of other stories after a body does not stay.

Both are headline-shaped lines over prose about different things. What tells them
apart: a listicle section runs longer than a teaser's one- or two-sentence blurb.
All text is invented.
"""

from __future__ import annotations

from storyline.stages.clean import clean_text

MENU = ["Home", "Reviews", "Guides", "Deals", "Newsletters", "Search"]
INTRO = (
    "Every winter we try the new gear that promises to make long nights on the water "
    "easier, and this year five pieces stood out from the dozens we tested."
)
SECTIONS = [
    ("Lumen Deck Lantern for $40", "Buy it now: Harbour Supply"),
    ("Keelwright Folding Kayak for $900", "Buy it now: Keelwright"),
    ("Gullwing Thermal Gloves for $35", "Buy it now: Harbour Supply"),
]
BLURBS = [
    # Each blurb is about its own product: little vocabulary shared with the others.
    "The lantern throws a warm, even light across a whole cockpit and its battery lasted "
    "four nights of testing. A magnetic base kept it in place through choppy crossings, and "
    "the dimmer goes low enough to keep your night vision intact.",
    "Folded, the kayak fits into a hatchback; unfolded, it tracks straight and feels stiffer "
    "than its weight suggests. Assembly took our tester twelve minutes on the third try, and "
    "the hull shrugged off a gravel beach landing without a scratch.",
    "These gloves kept fingers warm while hauling wet lines in sleet, yet stayed thin enough "
    "to tie knots. The palms grip rope well even when soaked, and they dried overnight on a "
    "cabin hook next to the heater.",
]
TEASERS = [
    "City harbour plans new floating docks",
    "Work begins in April on berths for forty boats.",
    "Sailing school marks fifty years on the bay",
    "Former students returned for a regatta on Sunday.",
]


def test_listicle_sections_are_kept_and_teasers_after_it_are_not() -> None:
    lines = [*MENU, INTRO]
    for (heading, shop), blurb in zip(SECTIONS, BLURBS, strict=True):
        lines += [heading, shop, blurb]
    lines += ["More stories", *TEASERS]
    _title, paragraphs, _removals, _meta = clean_text("\n".join(lines))
    assert INTRO in paragraphs
    assert [b for b in BLURBS if b in paragraphs] == BLURBS
    assert not set(TEASERS) & set(paragraphs)
