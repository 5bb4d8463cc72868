"""Actors of no state, and country words that name no actor (#5).

Three readings of the parse that the resolution steps apply after the names and
countries are found:

* :func:`thing_words`: a nationality that qualifies a language or a thing, not
  people ("the Russian language", "Russian-language media", "French cuisine"), and a
  region's adjective on a relation ("its European partners"), are no actors.
* :func:`unnamed_ngos`: a body the text names only by what it does for people ("a
  human rights group", "aid agencies", "a charity") is non-governmental: CAMEO's
  class NGO with no country, or the country a nationality or place in its own phrase
  gives ("a Kenyan rights group", "two American aid groups").
* :func:`faith_phrases`: a group named by a faith is its whole noun phrase
  ("Moslem forces", "the largest Protestant extremist organization"), not the faith
  word; a faith gives no country, but a place on an organised or armed group's own
  noun does ("Sunni militias in Anbar").

Like :mod:`places`, they read only the parse and the mentions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.kb import KnowledgeBase, fold
from storyline.models import Mention
from storyline.stages.actors.places import _REGIONAL, RELIGIOUS

# Nouns of language and culture: a nationality on them describes a thing ("Chinese
# characters", "Italian opera"), not the state or its people.
THING_NOUNS = frozenset(
    [
        "language", "tongue", "dialect", "script", "alphabet", "character", "grammar",
        "accent", "cuisine", "food", "dish", "recipe", "wine", "literature", "poetry",
        "novel", "music", "song", "opera", "art", "film", "cinema", "proverb", "idiom",
        "translation", "subtitle",
    ]
)  # fmt: skip
# Second halves of a hyphenated compound that make a nationality a description of a
# thing or of anyone: "Russian-language newspapers", "Russian-speaking residents",
# "French-style bread", "German-made cars".
THING_SUFFIXES = frozenset(["language", "speaking", "style", "made", "built"])
# Relations a region's adjective qualifies: "its European partners" are some states
# of a region, none of which the phrase names (#5).
RELATION_NOUNS = frozenset(
    ["partner", "ally", "neighbour", "neighbor", "counterpart", "colleague", "friend"]
)

# Bodies named by their work for people rather than by a name: with a cause word
# before the noun they are non-governmental organisations (CAMEO NGO).
NGO_NOUNS = frozenset(
    ["group", "organisation", "organization", "agency", "body", "coalition", "network",
     "charity", "association", "society", "foundation", "watchdog"]
)  # fmt: skip
# The causes that mark such a body as non-governmental ("rights group", "aid agency",
# "humanitarian organisation", "relief organizations", "advocacy group").
NGO_CAUSES = frozenset(
    ["rights", "aid", "humanitarian", "relief", "charity", "charitable", "advocacy",
     "environmental", "environmentalist", "conservation", "non-governmental",
     "nongovernmental", "campaign", "campaigning", "anti-poverty", "press-freedom",
     "anti-corruption"]
)  # fmt: skip
# Nouns that are a non-governmental organisation without a cause word.
NGO_ALONE = frozenset(["charity", "ngo"])

# Heads of an organised or armed group named by a faith: their own place phrase
# places them even when they are an object ("a truce with Moslem forces in east
# Bosnia"), since such a group is where it operates, whoever else acts there. Not
# a community or its leaders: "the Jewish community in Paris" is no nationality.
ORGANISED_HEADS = frozenset(
    ["force", "forces", "militia", "militiaman", "organization", "organisation", "group",
     "movement", "party", "army", "front", "guerrilla", "rebel", "fighter", "gunman",
     "insurgent", "militant", "extremist", "fundamentalist", "faction", "brigade",
     "unit", "paramilitary"]
)  # fmt: skip
_PLACE_PREPS = ("in", "of", "from", "inside", "across", "throughout")

# People named by their trade or condition ("Nigerian dockworkers", "French farmers",
# "Kenyan truckers"): with a nationality they are that country's people, not its
# state, as CAMEO codes civilians by country with no government role. Nouns with a
# state role (officials, troops, police) are left to the bodies and the events
# stage's agent sectors; "workers" and the like already placed by a "from" phrase
# to coref.agents.
OCCUPATION_NOUNS = frozenset(
    [
        "farmer", "peasant", "herder", "herdsman", "fisherman", "miner", "dockworker",
        "docker", "longshoreman", "stevedore", "trucker", "driver", "worker", "labourer",
        "laborer", "workman", "employee", "teacher", "student", "pupil", "nurse",
        "doctor", "pilot", "sailor", "seaman", "fisherfolk", "trader", "merchant",
        "shopkeeper", "vendor", "businessman", "businesswoman", "lawyer", "journalist",
        "reporter", "activist", "protester", "protestor", "demonstrator", "striker",
        "unionist", "villager", "resident", "civilian", "settler", "pilgrim", "tourist",
        "refugee", "migrant", "immigrant", "worshipper", "voter", "youth", "monk",
        "priest", "academic", "scientist", "engineer", "taxpayer", "consumer",
        "retiree", "pensioner", "veteran", "hostage", "prisoner", "detainee",
    ]
)  # fmt: skip


def _demonym(kb: KnowledgeBase, m: Mention) -> bool:
    return m.type == "GPE" and any(k == "demonym" for _e, k in kb.lookup(m.text))


def thing_words(doc: Any, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """The mentions that are a nationality on a thing or a region on a relation."""
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) != 1 or m.type != "GPE":
            continue
        word = span[0]
        regional = fold(word.text) in _REGIONAL
        if not (regional or _demonym(kb, m)):
            continue
        after = doc[word.i + 1 : word.i + 3]
        if len(after) == 2 and after[0].text == "-" and after[1].lower_ in THING_SUFFIXES:
            out.append(m)
            continue
        head = word.head
        if word.dep_ not in ("amod", "compound") or head.pos_ != "NOUN":
            continue
        lemma = head.lemma_.lower()
        if lemma in THING_NOUNS or (regional and lemma in RELATION_NOUNS):
            out.append(m)
    return out


def _phrase_country(head: Any, country_at: dict[int, str], own: range) -> str | None:
    """The one country the noun's own modifiers or place phrase name ("a Kenyan rights
    group", "Kenya's rights groups", "a rights group in Kenya")."""
    found = {
        country_at[t.i]
        for c in head.children
        if c.dep_ in ("amod", "compound", "poss", "nmod")
        for t in c.subtree
        if t.i in country_at
    }
    if not found:
        found = {
            country_at[t.i]
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS
            for t in prep.subtree
            if t.i in country_at and t.i not in own
        }
    return found.pop() if len(found) == 1 else None


def unnamed_ngos(
    doc: Any, mention_at: dict[int, Mention], country_at: dict[int, str]
) -> Iterator[tuple[Any, str | None, list[Mention]]]:
    """Bodies named by their cause: the span (from its first modifier to the noun),
    its country or None, and the mentions inside it that it replaces (a nationality)."""
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ != "NOUN" or (lemma not in NGO_NOUNS and lemma not in NGO_ALONE):
            continue
        if t.i in mention_at:
            continue
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i]
        words = {fold(w.text) for c in mods for w in c.subtree}
        if lemma not in NGO_ALONE and not words & NGO_CAUSES:
            continue
        inside = [mention_at[w.i] for c in mods for w in c.subtree if w.i in mention_at]
        # A body a name qualifies ("the UN refugee agency", "Amnesty's rights group")
        # is that one, not an unnamed one.
        if any(not (x.type == "GPE" and x.country) for x in inside):
            continue
        start = min([t.i, *(w.i for c in mods for w in c.subtree)])
        span = doc[start : t.i + 1]
        country = _phrase_country(t, country_at, range(span.start, span.end))
        if country is not None and lemma == "agency":
            continue  # "the Japanese aid agency" is a state's, not a charity
        yield span, country, list({id(x): x for x in inside}.values())


def faith_phrases(
    doc: Any, mentions: list[Mention], kb: KnowledgeBase, mention_at: dict[int, Mention]
) -> Iterator[tuple[Mention, Any, str | None]]:
    """Faith-word mentions that modify a group noun: the mention, the phrase from the
    faith word to the noun, and its country (the mention's, else the place on an
    organised group's own noun)."""
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) != 1 or m.type not in ("NORP", "GPE"):
            continue
        word = span[0]
        if fold(word.text) not in RELIGIOUS and fold(word.text) not in kb.religions:
            continue
        if word.dep_ not in ("amod", "compound"):
            continue
        head = word.head
        # "Protestant extremist [organization]": up the chain of modifiers.
        while (
            head.dep_ in ("amod", "compound") and head.head.pos_ == "NOUN" and head.head.i > head.i
        ):
            head = head.head
        if head.i <= word.i or head.pos_ != "NOUN":
            continue
        lemma = head.lemma_.lower()
        if not (head.tag_ == "NNS" or lemma in ORGANISED_HEADS):
            continue  # "Islamic law": a thing, left as it was
        if any(i in mention_at for i in range(word.i + 1, head.i + 1)):
            continue  # another actor's words ("Moslem Bosnian forces")
        country = m.country
        if country is None and lemma in ORGANISED_HEADS:
            country = _place_of(head, mention_at)
        yield m, doc[word.i : head.i + 1], country


def _place_of(head: Any, mention_at: dict[int, Mention]) -> str | None:
    """The one country of a place in the noun's own place phrase ("in east Bosnia")."""
    found = {
        m.country
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS
        for t in prep.subtree
        if (m := mention_at.get(t.i)) is not None and m.country and m.type == "GPE"
    }
    return found.pop() if len(found) == 1 else None
