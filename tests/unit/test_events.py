"""Event coding and quote attribution with the real spaCy model."""

from __future__ import annotations

from typing import Any

import pytest
from _events import pair

from storyline import ontology
from storyline.models import Article, Event, Quote

pytestmark = pytest.mark.model

# All published on Friday 2024-03-08 (the `process` fixture's default date).
TEXTS = {
    "sanction": "Canada imposed sanctions on Russia on Tuesday.",
    "may_meet": "Mexico may meet Canadian officials again in Mexico City.",
    "negated": "The United States did not criticise Russia over the missile test on Monday.",
    "talks": "Canada and Mexico held talks in Ottawa on Monday about trade and border security.",
    "met": "Canada and Mexico met in Ottawa on Monday.",
    "passive": "Sanctions were imposed on Russia by the European Union on Wednesday.",
    "planned": "Canada will impose new tariffs on Mexico, the trade minister said.",
    "expel": "Canada expelled two Russian diplomats on Monday. Russia accused Canada of spying.",
    "direct": '"We will not accept these measures," the minister said after the meeting in Ottawa.',
    "indirect": "Mexican Foreign Minister Marcelo Ebrard said that Mexico would answer Canada soon.",
    "continued": (
        '"Canada has made a serious mistake," Russian Deputy Foreign Minister Sergei Ryabkov '
        'told reporters in Moscow on Thursday. "There will be consequences for the fishing '
        'fleet and for trade."'
    ),
    "two_clauses": (
        "Mexico criticised Canada on Monday, and Canada will impose tariffs on Mexico next year."
    ),
    "no_actor": "Prices of wheat rose sharply on Monday as traders worried about the harvest.",
}


def only_event(article: Article, cameo: str | None = None) -> Event:
    events = [e for e in article.events if cameo is None or e.cameo == cameo]
    assert len(events) == 1, [(e.cameo, e.source.name, e.action) for e in article.events]
    return events[0]


def test_imposed_sanctions(articles: dict[str, Article]) -> None:
    e = only_event(articles["sanction"])
    assert e.cameo == "163"
    assert e.plover == ontology.lookup("163").plover
    assert pair(e) == ("CAN", "RUS")
    assert e.quad_class == 4
    assert e.goldstein == ontology.lookup("163").goldstein < 0
    assert e.action == "imposed"
    # "on Tuesday" before Friday 2024-03-08.
    assert (e.date, e.date_precision, e.date_from) == ("2024-03-05", "day", "text")
    assert (e.negated, e.modality) == (False, "asserted")


def test_may_meet_is_hypothetical(articles: dict[str, Article]) -> None:
    e = only_event(articles["may_meet"])
    assert e.cameo == "040"
    assert pair(e) == ("MEX", "CAN")
    assert e.modality == "hypothetical"
    assert e.negated is False


def test_did_not_criticise_is_negated(articles: dict[str, Article]) -> None:
    e = only_event(articles["negated"])
    assert e.cameo == "111" and e.quad_class == 3
    assert pair(e) == ("USA", "RUS")
    assert e.negated is True
    assert e.modality == "asserted"
    assert e.date == "2024-03-04"


def test_held_talks_involves_both_actors(articles: dict[str, Article]) -> None:
    # "A and B held talks": each towards the other (#5, reciprocal acts)
    e, back = articles["talks"].events
    assert e.cameo == back.cameo == "040" and e.quad_class == 1
    assert {e.source.country, e.target.country if e.target else None} == {"CAN", "MEX"}
    assert (back.source, back.target) == (e.target, e.source) or e.source == back.target
    assert e.date == "2024-03-04"


def test_symmetric_verb_with_location(articles: dict[str, Article]) -> None:
    e, back = articles["met"].events  # each towards the other (#5, reciprocal acts)
    assert e.cameo == back.cameo == "040" and e.action == "met"
    assert e.source.country != back.source.country
    assert {e.source.country, e.target.country if e.target else None} == {"CAN", "MEX"}
    assert e.location == "Ottawa"


def test_passive_with_agent(articles: dict[str, Article]) -> None:
    e = only_event(articles["passive"])
    assert e.cameo == "163"
    assert e.source.name == "European Union"
    assert e.target is not None and e.target.country == "RUS"
    assert e.date == "2024-03-06"


def test_will_impose_is_planned(articles: dict[str, Article]) -> None:
    e = only_event(articles["planned"], "163")
    assert pair(e) == ("CAN", "MEX")
    assert e.modality == "planned"


def test_two_events_in_two_sentences(articles: dict[str, Article]) -> None:
    expel = only_event(articles["expel"], "166")
    accuse = only_event(articles["expel"], "112")
    assert pair(expel) == ("CAN", "RUS") and pair(accuse) == ("RUS", "CAN")
    assert expel.date == "2024-03-04"
    # No time expression in the second sentence: the publication date, marked as such.
    assert (accuse.date, accuse.date_from) == ("2024-03-08", "published")
    assert expel.sentence != accuse.sentence


def test_each_clause_keeps_its_own_date(articles: dict[str, Article]) -> None:
    criticise = only_event(articles["two_clauses"], "111")
    assert pair(criticise) == ("MEX", "CAN")
    assert criticise.date == "2024-03-04"
    impose = only_event(articles["two_clauses"], "163")
    assert pair(impose) == ("CAN", "MEX")
    assert impose.modality == "planned"


def test_date_is_not_taken_from_another_clause(articles: dict[str, Article]) -> None:
    impose = only_event(articles["two_clauses"], "163")
    assert impose.date not in ("2024-03-04", "2024-03-11")


def test_no_event_without_actors(articles: dict[str, Article]) -> None:
    assert articles["no_actor"].events == ()


def test_event_ids_are_deterministic(process: Any, articles: dict[str, Article]) -> None:
    (again,) = process([TEXTS["expel"]])
    assert [e.id for e in again.events] == [e.id for e in articles["expel"].events]
    assert len({e.id for e in again.events}) == len(again.events)


def test_every_event_sentence_and_offset_is_verbatim(articles: dict[str, Article]) -> None:
    events = [e for a in articles.values() for e in a.events]
    assert len(events) >= 9
    for article in articles.values():
        text = article.text
        assert text is not None
        for e in article.events:
            start, end = e.sentence_start, e.sentence_start + len(e.sentence)
            assert text[start:end] == e.sentence
            assert e.article_id == article.id
            assert start <= e.action_start < e.action_end <= end
            assert text[e.action_start : e.action_end] == e.action
            for ref in (e.source, e.target):
                if ref is not None:
                    assert start <= ref.start < ref.end <= end, (ref, e.sentence)


# --------------------------------------------------------------------------- quotes


def only_quote(article: Article) -> Quote:
    assert len(article.quotes) == 1, article.quotes
    return article.quotes[0]


def test_direct_quote_with_speaker(articles: dict[str, Article]) -> None:
    q = only_quote(articles["direct"])
    assert q.kind == "direct"
    assert q.text.rstrip(",") == "We will not accept these measures"
    assert q.speaker_name == "the minister"
    assert q.speaker_entity_id is None


def test_indirect_quote_with_known_speaker(articles: dict[str, Article]) -> None:
    q = only_quote(articles["indirect"])
    assert q.kind == "indirect"
    assert q.speaker_name == "Marcelo Ebrard"
    assert q.speaker_entity_id is not None
    assert q.text.endswith("Mexico would answer Canada soon")


def test_quote_continued_in_the_next_sentence_keeps_its_speaker(
    articles: dict[str, Article],
) -> None:
    quotes = articles["continued"].quotes
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert {q.speaker_name for q in quotes} == {"Sergei Ryabkov"}
    assert quotes[1].text.startswith("There will be consequences")


def test_quote_offsets_point_into_the_text(articles: dict[str, Article]) -> None:
    quotes = [(a, q) for a in articles.values() for q in a.quotes]
    assert len(quotes) >= 4
    for article, q in quotes:
        assert article.text is not None
        assert article.text[q.start : q.end] == q.text
        assert q.text in q.sentence
        assert q.sentence in article.text
