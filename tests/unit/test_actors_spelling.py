"""Spellings of known people that transliteration, translation and typing produce
(#4), and the lookalikes they must not catch. Sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.kb import load_kb, name_key
from storyline.models import Article
from storyline.stages.actors.matching import _trailing_vowel, _typo

pytestmark = pytest.mark.model


def test_german_tz_is_z() -> None:
    assert name_key("Schultz") == name_key("Scholz")
    assert name_key("Schulte") != name_key("Scholz")


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        ("Markel", "Merkel", True),  # one vowel for another
        ("Leyden", "Leyen", True),  # one letter added inside
        ("Rubin", "Rubio", False),  # a consonant for a vowel: another name
        ("Rybakov", "Ryabkov", False),  # two edits
        ("Pence", "Spence", False),  # the first letter differs
    ],
)
def test_one_slip(a: str, b: str, slip: bool) -> None:
    assert _typo(a, b) is slip


def test_trailing_vowel() -> None:
    assert _trailing_vowel("Lavrovi", "Lavrov")
    assert not _trailing_vowel("Lavrova", "Lavrov")  # a feminine form: someone else


CASES = [
    # (date, text, surface, expected name or None)
    ("2023-05-02", "German Chancellor Olaf Schultz met reporters in Berlin.", "Olaf Schultz",
     "Olaf Scholz"),
    ("2023-05-02", "Chinese President Xi Jin Ping welcomed the delegation in Beijing.",
     "Xi Jin Ping", "Xi Jinping"),
    ("2023-05-02", "Commission President Ursula von der Leyden announced the package.",
     "Ursula von der Leyden", "Ursula von der Leyen"),
    ("2021-05-02", "Chancellor Angela Markel spoke with the Spanish prime minister.",
     "Angela Markel", "Angela Merkel"),
    ("2023-05-02", "Sergei Lavrovi, the foreign minister, spoke to reporters.",
     "Sergei Lavrovi", "Sergey Lavrov"),
    ("2023-05-02", "Russian Foreign Minister Sergej Lawrow criticised the new sanctions.",
     "Sergej Lawrow", "Sergey Lavrov"),
    # Lookalikes the same rules must leave alone.
    ("2023-05-02", "Joe Boden, a Kansas plumber, fixed the pipes at the school.", "Joe Boden",
     None),
    ("2023-05-02", "Boris Johnston, a Scottish golfer, finished second in Dundee.",
     "Boris Johnston", None),
    ("2023-05-02", "Olga Lavrova, a teacher from Omsk, won a regional prize.", "Olga Lavrova",
     None),
]  # fmt: skip


@pytest.fixture(scope="module")
def done(process: Any) -> list[Article]:
    out = []
    for date, text, _s, _n in CASES:
        out += process([text], date=date)
    return out


@pytest.mark.parametrize("index", range(len(CASES)))
def test_spelling_variants(done: list[Article], index: int) -> None:
    _date, text, surface, want = CASES[index]
    article = done[index]
    start = text.index(surface)
    kb = load_kb()
    got = {
        kb.entries[m.entity_id].name
        for m in article.mentions
        if m.start < start + len(surface) and start < m.end and m.entity_id in kb.entries
    }
    assert got == ({want} if want else set()), [(m.text, m.name) for m in article.mentions]
