"""Matching names to knowledge-base entries: the :class:`Resolver`.

The resolver is built once per stage from the knowledge base and the spaCy
vocabulary, and answers the questions resolution asks of one span: which known
names and official titles a document contains, which entry a surface form names in
context, whether an unknown full name, surname or place is a known one spelt
differently (with a score that the sentence's evidence moves up or down), who held a
title on a date, and which gazetteer town a place name is. The scores and thresholds
that decide those answers live here with it, so calibrating them touches one module.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wordfreq import zipf_frequency

from storyline.kb import (
    KBEntry,
    KnowledgeBase,
    Place,
    Role,
    find_places,
    fold,
    name_key,
    vowels_agree,
)
from storyline.models import Mention

POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Title:
    """An office named in text: the roles it stands for, and the word a holder's
    recorded title must contain for a head of state or government ("President" is
    not the Prime Minister; "Chancellor" is not a president)."""

    roles: frozenset[str]
    needs: tuple[str, ...] = ()
    # An office of the body that qualifies it ("the NATO secretary-general", "the
    # Pentagon chief"): its holder is found by that body, never by a country alone.
    body: bool = False
    # Only a title when a country qualifies it ("the Russian leader"; not "the
    # opposition leader").
    qualified: bool = False
    # Only refers back to someone the article named with it ("Foreign Minister X
    # ... the minister"): alone it names no office, so no holder is looked up.
    anaphoric: bool = False
    # Whoever heads the country's executive (KnowledgeBase.executive) when both
    # heads would fit: "the Russian leader" is the president, "the British leader"
    # the prime minister.
    executive: bool = False


HEADS = frozenset({"head_of_state", "head_of_government"})
# The offices a body's head can hold: not its spokesperson, not a deputy.
BODY_ROLES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
     "finance_minister", "other"}
)  # fmt: skip
# Words in a role's recorded title that make it a deputy's or an aide's, not the head's.
_NOT_HEAD = ("deputy", "vice", "under", "assistant", "spokes", "press", "chief of staff")
# The offices "the minister" can refer back to (a title with "minister" in it).
_MINISTERS = frozenset(
    {"head_of_government", "foreign_minister", "defence_minister", "finance_minister",
     "deputy_foreign_minister", "other"}
)  # fmt: skip
TITLES: dict[str, Title] = {
    "president": Title(HEADS, ("president",)),
    "prime minister": Title(HEADS, ("prime minister", "premier")),
    "premier": Title(HEADS, ("prime minister", "premier")),
    "chancellor": Title(HEADS, ("chancellor",)),
    "foreign minister": Title(frozenset({"foreign_minister"})),
    "foreign secretary": Title(frozenset({"foreign_minister"})),
    "foreign affairs minister": Title(frozenset({"foreign_minister"})),
    "minister of foreign affairs": Title(frozenset({"foreign_minister"})),
    "secretary of state": Title(frozenset({"foreign_minister"}), ("secretary of state",)),
    "top diplomat": Title(frozenset({"foreign_minister"})),
    "external affairs minister": Title(frozenset({"foreign_minister"})),
    "minister of external affairs": Title(frozenset({"foreign_minister"})),
    "minister for foreign affairs": Title(frozenset({"foreign_minister"})),
    "minister for external affairs": Title(frozenset({"foreign_minister"})),
    "defence minister": Title(frozenset({"defence_minister"})),
    "defense minister": Title(frozenset({"defence_minister"})),
    "defence secretary": Title(frozenset({"defence_minister"})),
    "defense secretary": Title(frozenset({"defence_minister"})),
    "secretary of defense": Title(frozenset({"defence_minister"})),
    "minister of defence": Title(frozenset({"defence_minister"})),
    "minister of defense": Title(frozenset({"defence_minister"})),
    "finance minister": Title(frozenset({"finance_minister"})),
    "minister of finance": Title(frozenset({"finance_minister"})),
    "treasury secretary": Title(frozenset({"finance_minister"})),
    "secretary of the treasury": Title(frozenset({"finance_minister"})),
    "chancellor of the exchequer": Title(frozenset({"finance_minister"})),
    "spokesman": Title(frozenset({"spokesperson"})),
    "spokeswoman": Title(frozenset({"spokesperson"})),
    "spokesperson": Title(frozenset({"spokesperson"})),
    "press secretary": Title(frozenset({"spokesperson"})),
    "deputy foreign minister": Title(frozenset({"deputy_foreign_minister"})),
    "vice foreign minister": Title(frozenset({"deputy_foreign_minister"})),
    "leader": Title(HEADS, qualified=True, executive=True),
    "minister": Title(_MINISTERS, ("minister",), anaphoric=True),
    # Offices of a body: international organisations' heads and "the Pentagon chief".
    "chief": Title(BODY_ROLES, body=True),
    "boss": Title(BODY_ROLES, body=True),
    "secretary general": Title(BODY_ROLES, ("secretary general",), body=True),
    "director general": Title(BODY_ROLES, ("director general",), body=True),
    "managing director": Title(BODY_ROLES, ("managing director",), body=True),
    "high representative": Title(BODY_ROLES, ("high representative",), body=True),
    "foreign policy chief": Title(BODY_ROLES, ("high representative",), body=True),
}


def title_key(text: str) -> str:
    """The :data:`TITLES` key of a title as written ("Secretary-General")."""
    return " ".join(text.lower().replace("-", " ").split())


def body_title(title: Title) -> Title | None:
    """The title as an office of a body that is not a state ("the UN spokesman",
    "the World Bank president"), or None when a body has no such office ("the NATO
    foreign minister")."""
    if title.body:
        return title
    if title.roles == frozenset({"spokesperson"}):
        return Title(title.roles, body=True)
    if title.roles == HEADS and "president" in title.needs:
        return Title(BODY_ROLES, ("president",), body=True)
    return None


# Words NER leaves at the front of a person's name that are not part of it.
HONORIFICS = {
    "president", "prime", "minister", "premier", "crown", "prince", "princess", "king",
    "queen", "sheikh", "shaikh", "emir", "sultan", "ayatollah", "chancellor", "general",
    "gen", "dr", "mr", "mrs", "ms", "sir", "lord", "senator", "sen", "rep", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "leader", "chairman", "envoy", "ambassador",
    # Titles quoted from German, French and Spanish reports ("Der Präsident X").
    "der", "die", "präsident", "präsidentin", "président", "présidente", "presidente",
    "presidenta", "kanzler", "kanzlerin", "bundeskanzler", "bundeskanzlerin",
    "ministerpräsident", "premierminister", "außenminister", "herr", "frau", "monsieur",
    "madame", "señor", "señora",
}  # fmt: skip

# Generic bodies of a state, written in lower case as often as not ("Kenya's
# parliament"): the phrase -> its kind; each kind's sector and, when the country has
# no body of that kind in the knowledge base, the kinds that stand in for it.
BODY = "body:"
BODY_PHRASES = {
    "supreme court": "supreme_court",
    "constitutional court": "constitutional_court",
    "judiciary": "judiciary",
    "foreign ministry": "foreign_ministry",
    "foreign affairs ministry": "foreign_ministry",
    "ministry of foreign affairs": "foreign_ministry",
    "external affairs ministry": "foreign_ministry",
    "ministry of external affairs": "foreign_ministry",
    "defence ministry": "defence_ministry",
    "defense ministry": "defence_ministry",
    "ministry of defence": "defence_ministry",
    "ministry of defense": "defence_ministry",
    "finance ministry": "finance_ministry",
    "ministry of finance": "finance_ministry",
    "army": "army",
    "armed forces": "armed_forces",
    "military": "armed_forces",
    "navy": "navy",
    "air force": "air_force",
    "parliament": "parliament",
    "legislature": "parliament",
    "national assembly": "parliament",
    "senate": "senate",
    "upper house": "senate",
    "lower house": "lower_house",
}
BODY_SECTORS = {
    "supreme_court": "JUD",
    "constitutional_court": "JUD",
    "judiciary": "JUD",
    "foreign_ministry": "GOV",
    "defence_ministry": "GOV",
    "finance_ministry": "GOV",
    "army": "MIL",
    "armed_forces": "MIL",
    "navy": "MIL",
    "air_force": "MIL",
    "parliament": "LEG",
    "senate": "LEG",
    "lower_house": "LEG",
}
BODY_NAMES = {
    "supreme_court": "Supreme Court",
    "constitutional_court": "Constitutional Court",
    "judiciary": "Judiciary",
    "foreign_ministry": "Foreign Ministry",
    "defence_ministry": "Defence Ministry",
    "finance_ministry": "Finance Ministry",
    "army": "Army",
    "armed_forces": "Armed Forces",
    "navy": "Navy",
    "air_force": "Air Force",
    "parliament": "Parliament",
    "senate": "Senate",
    "lower_house": "Lower House",
}
# A chamber is part of the parliament, an army of the armed forces: the whole stands
# in for a part the knowledge base does not list.
_BODY_FALLBACK = {
    "army": ("armed_forces",),
    "navy": ("armed_forces",),
    "air_force": ("armed_forces",),
    "senate": ("parliament",),
    "lower_house": ("parliament",),
}
# How the knowledge base names each kind of body (folded names and aliases).
_BODY_KINDS = {
    "supreme_court": re.compile(r"\bsupreme\b.*\bcourt\b"),
    "constitutional_court": re.compile(r"\bconstitutional court\b"),
    "judiciary": re.compile(r"\bjudiciary\b"),
    "foreign_ministry": re.compile(
        r"\bforeign (affairs )?(ministry|office)\b|ministry of (foreign|external) affairs"
        r"|secretariat of foreign affairs|\bstate department\b|department of state"
    ),
    "defence_ministry": re.compile(
        r"\bdefen[cs]e (ministry|department)\b|(ministry|department|secretariat) of"
        r"( national)? defen[cs]e"
    ),
    "finance_ministry": re.compile(r"\bfinance ministry\b|ministry of finance"),
    "army": re.compile(r"\barmy\b"),
    "armed_forces": re.compile(r"\barmed forces\b|\bdefen[cs]e forces\b"),
    "navy": re.compile(r"\bnavy\b"),
    "air_force": re.compile(r"\bair force\b"),
    "parliament": re.compile(
        r"\bparliament\b|\bnational assembly\b|\bcongress\b|\blegislature\b|\bknesset\b"
        r"|\bverkhovna rada\b|\bmajlis\b|\bnational diet\b"
    ),
    "senate": re.compile(
        r"\bsenate\b|\bupper house\b|\bfederation council\b|\brajya sabha\b"
        r"|\bhouse of lords\b|\bbundesrat\b|\bhouse of councillors\b"
    ),
    "lower_house": re.compile(
        r"\blower house\b|\bhouse of representatives\b|\bchamber of deputies\b"
        r"|\bstate duma\b|\blok sabha\b|\bhouse of commons\b|\bbundestag\b"
    ),
}
# Names that contain a kind's words but are something else.
_NOT_BODY = re.compile(
    r"committee|commission|spokes|minister\b|intelligence|party|academy|corps|reserve"
    r"|university|museum|band|club|library|member|speaker|staff|command"
)

# Nouns that end a name made of a person's ("Ronald Reagan Washington National
# Airport", "the Obama Foundation", "Putin Street"): the thing, not the person.
NAMED_AFTER = {
    "airport", "street", "avenue", "road", "boulevard", "square", "bridge", "highway",
    "foundation", "institute", "center", "centre", "university", "college", "school",
    "library", "museum", "hospital", "stadium", "arena", "prize", "award", "memorial",
    "park", "station", "tower", "building", "hall", "trust", "fund", "doctrine",
    "organization", "organisation", "dam", "canal", "port", "base", "cup", "trophy",
}  # fmt: skip
# Words before a name that make it a ship or a storm ("USS Ronald Reagan", "the
# aircraft carrier Charles de Gaulle", "Hurricane Harris").
_VESSEL_OR_STORM = {
    "uss", "hms", "ins", "rfs", "carrier", "warship", "frigate", "destroyer", "ship",
    "vessel", "cruiser", "submarine", "tanker", "ferry", "yacht", "hurricane", "typhoon",
    "cyclone", "storm",
}  # fmt: skip
# Occupations no office holder has, said of a name in apposition or before it
# ("Boris Johnson, a 19-year-old midfielder", "tennis player X"): a namesake.
OCCUPATIONS = {
    "player", "footballer", "midfielder", "striker", "defender", "goalkeeper", "winger",
    "forward", "batsman", "bowler", "cricketer", "golfer", "boxer", "wrestler", "jockey",
    "cyclist", "swimmer", "sprinter", "athlete", "skier", "quarterback", "pitcher",
    "referee", "umpire", "actor", "actress", "singer", "rapper", "musician", "comedian",
    "drummer", "guitarist", "dancer", "novelist", "chef", "cook", "plumber", "farmer",
    "teacher", "pupil", "student", "namesake", "lookalike", "impersonator", "painter",
}  # fmt: skip
# Suffixes that make a name another family member's ("Donald Trump Jr.").
_GENERATION = {"jr", "junior", "sr", "senior", "ii", "iii", "iv"}
# Words before a name that make it a place ("the town of Gore", "the mayor of Kerry").
_PLACE_NOUNS = {
    "town", "city", "village", "county", "district", "province", "region", "suburb",
    "port", "municipality", "mayor", "residents", "borough", "parish", "township",
    "hamlet", "island", "outskirts", "streets", "council",
}  # fmt: skip
# Words after a state's name (directly or after "'s") that make it a US state.
_US_STATE_WORDS = {
    "governor", "gov.", "legislature", "legislators", "statehouse", "senate",
    "county", "counties", "attorney", "secretary", "republicans",
    "democrats", "republican", "democratic", "primary", "runoff",
}  # fmt: skip
# Words of titles ("Vice President Biden", "Foreign Minister Lavrov").
_TITLE_WORDS = {w for words in TITLES for w in words.split()} | {
    "vice", "deputy", "former", "acting", "interim", "first", "lady", "mr", "mrs", "ms",
}  # fmt: skip

# Score adjustments (0-100 scale), calibrated on the project's own labelled set
# (benchmarks/data/actors.yaml): a surname that differs beyond transliteration is
# a different person far more often than a typo ("Marco Rubin" is not Rubio).
UNEXPLAINED_SPELLING = 15.0
CONTRADICTED = 20.0  # a country or office in the sentence that the candidate never had
SUPPORTED = 3.0  # each agreeing country or office
SCORE_TITLE_NAMED = 95.0  # a title resolved to a person the article names
SCORE_TITLE_HOLDER = 90.0  # a title resolved by country and date alone
SCORE_SURNAME_VARIANT = 90.0
# A surname one slip away from a known one (Markel, Leyden, Lavrovi) under a given
# name that agrees: likelier a typo than another person, but less sure than a
# transliteration.
TYPO = 6.0
SCORE_PLACE_VARIANT = 92.0  # a place name that matches a known one once transliterated
SCORE_TOWN = 90.0  # a city from the gazetteer, unambiguous by country or by size
# A city's namesakes abroad must be this many times smaller for it to win unaided
# (London, Paris, Boston do; Victoria, with cities of 0.96M, 0.29M, ... does not).
TOWN_DOMINANCE = 3.0
TOWN_DOMINANCE_CONTEXT = 10.0
# wordfreq Zipf frequency from which a town name is an English word first.
COMMON_WORD_ZIPF = 4.0
# Place names NER tags that are words first: never looked up in the gazetteer.
_NOT_TOWNS = {
    "march",
    "of",
    "university",
    "mobile",
    "reading",
    "bath",
    "nice",
    "split",
    "cork",
    "africa",
    "asia",
    "europe",
    "america",
    "oceania",
    "antarctica",
    "arctic",
    "sea",
}
# Words before a place that only say which part of it ("southern Lebanon").
_DIRECTIONS = {
    f"{a}{b}"
    for a in (
        "north",
        "south",
        "east",
        "west",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    )
    for b in ("", "ern")
} | {"upper", "lower", "greater", "central"}


def strip(text: str) -> str:
    for p in POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip(" ,.;:")


@dataclass
class Evidence:
    """What the sentence says about a name: a country, an office held."""

    country: str | None = None
    title: Title | None = None
    qualifier: str | None = None  # the words that qualified the title ("Kremlin")
    org: str | None = None  # the body that qualified it ("the Russian Foreign Ministry")
    party: str | None = None  # a party adjective ("the Democrat president")


class Resolver:
    """Everything needed to resolve one document's mentions; built once per stage."""

    def __init__(self, kb: KnowledgeBase, nlp: Any, min_score: float) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.kb = kb
        self.min_score = min_score
        # The town rules against people's names and foreign alternate names (#4);
        # benchmarks/actors.py turns them off to measure what they remove.
        self.strict_towns = True
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Headlines and captions in capitals ("ATTACK ZELENSKY"); only matches that
        # are all capitals are kept, so "us" never becomes the United States.
        self.caps_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for surface in kb.aliases:
            variants = {surface, surface[:1].upper() + surface[1:]}
            self.matcher.add(surface, [nlp.make_doc(v) for v in variants])
            if len(surface) >= 4 and not surface.isupper():
                self.caps_matcher.add(surface, [nlp.make_doc(surface)])
        # Names of countries (with demonyms and capitals), for misspelt places.
        self.place_names: dict[str, str] = {}
        self.place_keys: dict[str, set[str]] = {}
        # Every alias by its name_key, with the entries it names (see _place_spelling).
        self._alias_keys: dict[str, list[tuple[str, frozenset[str]]]] | None = None
        for surface, aliases in kb.aliases.items():
            ids = {a.entry_id for a in aliases if kb.entries[a.entry_id].type == "GPE"}
            if len(ids) == 1 and len(surface) >= 4:
                (gpe,) = ids
                if len(surface) >= 6:
                    self.place_names[fold(surface)] = gpe
                # Short names too ("Qatar"), for long misspellings ("Quatar").
                self.place_keys.setdefault(name_key(surface), set()).add(gpe)
        self.title_matcher = Matcher(nlp.vocab)
        for words in TITLES:
            tokens = words.split()
            patterns = [[{"LOWER": w} for w in tokens]]
            if len(tokens) == 2:  # "secretary-general" is three tokens
                patterns.append([{"LOWER": tokens[0]}, {"ORTH": "-"}, {"LOWER": tokens[1]}])
            self.title_matcher.add(words, patterns)
        # Full names (two words or more) of people, each person's surname keys, and
        # their given names (first words of their full names: Joe, Joseph).
        self.person_names: dict[str, str] = {}
        self.surname_keys: dict[str, set[str]] = {}
        self.given_names: dict[str, set[str]] = {}
        for surface, aliases in kb.aliases.items():
            for a in aliases:
                entry = kb.entries[a.entry_id]
                if entry.type != "PERSON":
                    continue
                tokens = surface.split()
                if len(tokens) >= 2:
                    self.person_names[fold(surface)] = entry.id
                    given = fold(tokens[0]).strip(".")
                    if given.lower() not in HONORIFICS:
                        self.given_names.setdefault(entry.id, set()).add(given)
                key = name_key(tokens[-1])
                if len(key) >= 4:
                    self.surname_keys.setdefault(key, set()).add(entry.id)
        # A region named like a country ("Georgia (US state)"): the surface it shares.
        self.homonyms: dict[str, list[tuple[str, str]]] = {}
        for surface, aliases in kb.aliases.items():
            bare = surface.split(" (")[0]
            if bare != surface and any(
                kb.entries[a.entry_id].id.startswith("region:") for a in aliases
            ):
                region = kb.entries[aliases[0].entry_id]
                if region.country:
                    self.homonyms.setdefault(bare, []).append((surface, region.country))
        # Generic bodies ("Brazil's supreme court", "the Mexican senate"): the phrases,
        # and each country's body of each kind.
        self.body_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, kind in BODY_PHRASES.items():
            self.body_matcher.add(BODY + kind, [nlp.make_doc(phrase)])
        self.bodies: dict[tuple[str, str], KBEntry] = {}
        for kind, pattern in _BODY_KINDS.items():
            by_country: dict[str, list[tuple[int, KBEntry]]] = {}
            for surface, aliases in kb.aliases.items():
                low = fold(surface)
                if not pattern.search(low) or _NOT_BODY.search(low):
                    continue
                for a in aliases:
                    e = kb.entries[a.entry_id]
                    if e.type == "ORG" and e.country:
                        # The body's own name first, then its aliases.
                        rank = {"name": 0, "alias": 1}.get(a.kind, 2)
                        by_country.setdefault(e.country, []).append((rank, e))
            for country, found in by_country.items():
                best = min(r for r, _e in found)
                bests = {e.id: e for r, e in found if r == best}
                if len(bests) == 1:
                    self.bodies[(country, kind)] = next(iter(bests.values()))

    # -- knowledge-base spans -------------------------------------------------
    def kb_spans(self, doc: Any, titles: Sequence[tuple[Any, Title]]) -> list[tuple[Any, str]]:
        """Knowledge-base names in ``doc``, screened for lookalikes; ``titles`` are the
        document's :meth:`title_spans`."""
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = doc.vocab.strings[match_id]
            spans.append(span)
        for match_id, start, end in self.caps_matcher(doc):
            span = doc[start:end]
            if span.text.isupper() and sum(c.isalpha() for c in span.text) >= 4:
                span.label_ = doc.vocab.strings[match_id]
                spans.append(span)
        kept = self._screen(doc, [(s, s.label_) for s in filter_spans(spans)], titles)
        return sorted(kept + self._body_spans(doc, kept), key=lambda ss: ss[0].start)

    # -- lookalikes (#4) ---------------------------------------------------------
    def _screen(
        self, doc: Any, spans: list[tuple[Any, str]], title_spans: Sequence[tuple[Any, Title]]
    ) -> list[tuple[Any, str]]:
        """Known names that are not the known actor here.

        A known surname after a given name that is not the person's ("Maria Putin")
        is someone else, and so is that surname alone in the same article; a lone
        surname needs support (the full name, a title before it, the person's country
        named, or NER calling it a person) and is never one in a place phrase ("the
        town of Gore"); a country word that starts a person's name ("Chad Hurley") is
        no country; "Georgia" beside US cues is the US state.
        """
        kb = self.kb
        ent_at = {i: e for e in doc.ents for i in range(e.start, e.end)}

        def people(surface: str) -> list[KBEntry]:
            found = [e for e, _k in kb.lookup(surface)]
            return found if found and all(e.type == "PERSON" for e in found) else []

        full = {e.id for s, surf in spans if len(s) >= 2 for e in people(surf)}
        countries = {
            e.country
            for _s, surf in spans
            for e, k in kb.lookup(surf)
            if k != "context" and e.type == "GPE" and e.country
        }
        titles = [s for s, _t in title_spans]
        titled = {s.end for s in titles}
        others: set[str] = set()  # surnames of people who are not the known one
        kept: list[tuple[Any, str]] = []
        for span, surface in spans:
            if any(t.start < span.start and span.end <= t.end for t in titles):
                continue  # "Chancellor of the Exchequer": the office, not the body
            ent = ent_at.get(span.start)
            found = people(surface)
            if found and self.named_after(doc, span, found):
                others.add(fold(span[-1].text))
                continue
            if found and ent is not None and ent.label_ == "PERSON" and ent.start < span.start:
                given = [
                    t
                    for t in doc[ent.start : span.start]
                    if t.is_alpha
                    and t.text[:1].isupper()
                    and t.lower_ not in HONORIFICS
                    and t.lower_ not in _TITLE_WORDS
                    and not any(e.type == "GPE" for e, _k in kb.lookup(t.text))
                ]
                if given and not any(self.given_agrees(given[0].text, e.id) for e in found):
                    others.add(fold(span[-1].text))
                    continue
            if not found and ent is not None and ent.label_ == "PERSON":
                # "Chad Hurley", "Israel Vazquez": a person named after a country.
                gpe = [(e, k) for e, k in kb.lookup(surface) if e.type == "GPE"]
                if (
                    gpe
                    and ent.start == span.start
                    and ent.end > span.end
                    and all(k != "demonym" for _e, k in gpe)
                ):
                    continue
            if surface in self.homonyms and self._us_state(doc, span, spans):
                region = next((r for r, c in self.homonyms[surface] if c == "USA"), None)
                if region is not None:
                    kept.append((span, region))
                    continue
            kept.append((span, surface))
        out = []
        for span, surface in kept:
            found = people(surface)
            if found and len(span) == 1:
                if self._in_place_phrase(doc, span, kb):
                    continue
                if fold(span.text) in others and not any(e.id in full for e in found):
                    continue
                ent = ent_at.get(span.start)
                prev = doc[span.start - 1] if span.start > 0 else None
                supported = (
                    any(e.id in full for e in found)
                    # A given name of theirs before it, spelt otherwise ("Sergej Lavrov").
                    or (
                        prev is not None
                        and prev.is_alpha
                        and prev.is_title
                        and prev.lower_ not in HONORIFICS
                        and any(
                            e.id in self.given_names and self.given_agrees(prev.text, e.id)
                            for e in found
                        )
                    )
                    or span.start in titled
                    or (span.start > 0 and doc[span.start - 1].lower_.strip(".") in HONORIFICS)
                    or any(e.country in countries for e in found)
                    or (ent is not None and ent.label_ == "PERSON")
                )
                # Unsupported, a surname is still the person unless it names a place
                # too ("Obama" in Japan, "Gore"): a rare name is nobody else's.
                place = (ent is not None and ent.label_ in ("GPE", "LOC", "FAC")) or bool(
                    find_places(span.text)
                )
                if not supported and place:
                    continue
            out.append((span, surface))
        return out

    @staticmethod
    def named_after(doc: Any, span: Any, found: Sequence[KBEntry] = ()) -> str | None:
        """The known person's name names something else here: a namesake with an
        occupation no office holder has ("X, a midfielder", "tennis player X"), a
        place, body or prize named after them ("Reagan National Airport"), a ship or
        storm ("USS Ronald Reagan", "Hurricane Harris"), or a son of the same name
        ("X Jr."). Returns "namesake" for a person, "thing" for the rest, else None."""
        root = span.root
        said = [c for c in root.children if c.dep_ in ("appos", "compound") and c.i < span.start]
        said += [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
        if root.dep_ == "appos":
            said.append(root.head)
        if any(t.lemma_.lower() in OCCUPATIONS for t in said):
            return "namesake"
        j = span.end
        if j < len(doc) and doc[j].lower_.strip(".") in _GENERATION:
            own = any(doc[j].text.strip(".") in e.name.split() for e in found)
            return None if own else "namesake"
        # Up to three more name words, then the thing's noun.
        for k in range(j, min(j + 4, len(doc))):
            if doc[k].lower_ in NAMED_AFTER and doc[k].is_title:
                return "thing"
            if not (doc[k].is_title and doc[k].is_alpha):
                break
        i = span.start - 1
        if i >= 0 and doc[i].lower_.strip(".") in _VESSEL_OR_STORM:
            return "thing"
        return None

    @staticmethod
    def _in_place_phrase(doc: Any, span: Any, kb: KnowledgeBase) -> bool:
        """The word names a place here: "the town of Gore", "Kerry County", "in
        Obama, Japan", "Gore, a town in ..."."""
        i, j = span.start, span.end
        if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _PLACE_NOUNS:
            return True
        if j < len(doc) and doc[j].lower_ in _PLACE_NOUNS and doc[j].lower_ != "council":
            return True
        if j + 1 < len(doc) and doc[j].text == ",":
            nxt = doc[j + 1 : j + 4]
            if any(t.lower_ in _PLACE_NOUNS for t in nxt):
                return True  # "Gore, a small town in ..."
            # "Obama, Japan": a place and its country (another than the person's).
            named = [e for e, k in kb.lookup(doc[j + 1].text) if e.type == "GPE" and k != "demonym"]
            own = {e.country for e, _k in kb.lookup(span.text)}
            after = doc[j + 2].text if j + 2 < len(doc) else "."
            if named and not {e.country for e in named} & own and after in (",", ".", ";", ")"):
                return True
        return False

    def _us_state(self, doc: Any, span: Any, spans: Sequence[tuple[Any, str]]) -> bool:
        """Whether "Georgia" here is the US state: "Georgia's governor", "the state of
        Georgia", "Atlanta, Georgia", or beside another US state or city."""
        j = span.end
        if j < len(doc) and doc[j].text in POSSESSIVE:
            j += 1
        if j < len(doc) and doc[j].lower_ in _US_STATE_WORDS:
            return True
        i = span.start
        if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ == "state":
            return True
        if i >= 2 and doc[i - 1].text == ",":
            town = next((e for e in doc.ents if e.end == i - 1), None)
            text = town.text if town is not None else doc[i - 2].text
            places = find_places(text)
            if places and places[0].country == "USA":
                return True
        sent = span.sent
        for s, surf in spans:
            if (
                s.start != span.start
                and sent.start <= s.start < sent.end
                and any(e.id.startswith("region:USA:") for e, _k in self.kb.lookup(surf))
            ):
                return True
        for e in sent.ents:
            if e.label_ == "GPE" and e.start != span.start and not self.kb.lookup(e.text):
                places = find_places(e.text)
                if places and places[0].country == "USA" and places[0].population >= 100_000:
                    return True
        return False

    def given_agrees(self, given: str, entry_id: str) -> bool:
        """Whether a given name can be the known person's (Sergei/Sergey, J./Joe), not
        another's ("Maria" is not Vladimir)."""
        from rapidfuzz import fuzz

        names = self.given_names.get(entry_id)
        g = fold(given).strip(".")
        if not names or not g:
            return True
        if len(g) == 1:
            return any(n.startswith(g) for n in names)
        key = name_key(g)
        return any(
            fuzz.ratio(key, name_key(n)) >= 70 or (len(n) == 1 and g.startswith(n)) for n in names
        )

    def _body_spans(self, doc: Any, kept: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
        """Generic bodies right after a country or demonym ("Kenya's parliament", "the
        Mexican senate") that no known name or other named entity covers."""
        covered = {i for s, _surf in kept for i in range(s.start, s.end)}
        # After a country only: "the Georgia legislature" (the US state's) is no
        # national parliament.
        gpe_end = {
            s.end
            for s, surf in kept
            if any(e.id.startswith("country:") and k != "context" for e, k in self.kb.lookup(surf))
        }
        out: list[tuple[Any, str]] = []
        for match_id, start, end in self.body_matcher(doc):
            if any(i in covered for i in range(start, end)):
                continue
            ents = {e for e in doc.ents for i in range(start, end) if e.start <= i < e.end}
            if any(e.start < start or e.end > end or e.label_ in ("PERSON", "GPE") for e in ents):
                continue
            before = start - 1 if start > 0 and doc[start - 1].text in POSSESSIVE else start
            if before not in gpe_end:
                continue
            out.append((doc[start:end], doc.vocab.strings[match_id]))
            covered.update(range(start, end))
        return out

    def body(self, kind: str, country: str) -> KBEntry:
        """A country's body of a kind: the knowledge base's, else a local one."""
        for k in (kind, *_BODY_FALLBACK.get(kind, ())):
            found = self.bodies.get((country, k))
            if found is not None:
                return found
        state = self.kb.country(country)
        name = f"{BODY_NAMES[kind]} of {state.name if state else country}"
        return KBEntry(
            id=f"org:{country.lower()}-{kind.replace('_', '-')}",
            name=name,
            type="ORG",
            country=country,
            sector=BODY_SECTORS[kind],
        )

    def title_spans(self, doc: Any) -> list[tuple[Any, Title]]:
        from spacy.util import filter_spans

        spans = [doc[s:e] for _, s, e in self.title_matcher(doc)]
        return [(s, TITLES[title_key(s.text)]) for s in filter_spans(spans)]

    def choose(
        self,
        surface: str,
        context: Counter[str],
        near: str | None = None,
        on: str | None = None,
        seats: Counter[str] | None = None,
    ) -> tuple[KBEntry, str] | None:
        """The entry a surface form names here.

        A name that only identifies a body within a country ("the Ministry of
        Finance", "lawmakers") goes to the country ``near`` it (see
        :func:`_context_country`), else to the country the article is most about,
        else nowhere. A name that changed hands ("Congo") is the one of its
        countries whose capital the article names (``seats``: "Brazzaville"), else
        the one that bore it on the date ``on``. Another name of a country is no
        such cue: beside "Zaire", "Congo" is the other Congo.
        """
        if surface.startswith(BODY):
            return (self.body(surface[len(BODY) :], near), "context") if near else None
        if self.kb.dated(surface) and seats:
            cued = [e for e in self.kb.all_meanings(surface) if seats[e.country or ""]]
            if len(cued) == 1:
                return cued[0], "alias"
        found = self.kb.lookup(surface, on)
        top = max(context.values(), default=0)

        def fits(entry: KBEntry, kind: str) -> bool:
            if kind == "default":
                # A generic name qualified by a country is that country's body, if any.
                return near is None
            if kind != "context":
                return True
            if near is not None:
                return entry.country == near
            return bool(entry.country) and top > 0 and context[entry.country or ""] == top

        usable = [(e, k) for e, k in found if fits(e, k)]
        if not usable:
            kind = BODY_PHRASES.get(fold(strip(surface)))
            if near is not None and kind is not None and any(k == "context" for _e, k in found):
                # "Kenya's Parliament": the country has no body listed by that name.
                return self.body(kind, near), "context"
            return None
        # Unqualified, a generic name is its default holder ("the Security Council"
        # is the UN's), not a national body of the country the article is about.
        rank = {"name": 0, "default": 1} if near is None else {"name": 0}
        usable.sort(key=lambda ek: (ek[1] == "context", rank.get(ek[1], 2)))
        return usable[0]

    # -- people ----------------------------------------------------------------
    def fuzzy_person(
        self, text: str, evidence: Evidence, on: str | None
    ) -> tuple[KBEntry, float] | None:
        """The known person a full name spells differently, with its score, if any.

        The score starts from the spelling similarity (rapidfuzz ratio, 0-100) of
        the whole name. A surname that agrees once transliteration is undone
        averages it with 100; one that does not loses ``UNEXPLAINED_SPELLING``. The
        sentence's evidence then moves it: a country or office the candidate never
        had costs ``CONTRADICTED``; each that agrees adds ``SUPPORTED``. A fuzzy
        link never reaches 100.
        """
        from rapidfuzz import fuzz, process

        parts = text.split()
        # NER keeps honorifics in the name ("Crown Prince Mohamed bin Salman").
        while len(parts) > 2 and parts[0].lower().strip(".") in HONORIFICS:
            parts = parts[1:]
        text = " ".join(parts)
        if len(parts) < 2 or not self.person_names:
            return None
        query = fold(text)
        best: tuple[KBEntry, float] | None = None
        surname = name_key(parts[-1])
        candidates = {
            name: self.person_names[name]
            for name, _s, _i in process.extract(
                query, list(self.person_names), scorer=fuzz.ratio, limit=8, score_cutoff=70
            )
        }
        for entry_id in self.surname_keys.get(surname, ()):
            for name, eid in self.person_names.items():
                if eid == entry_id:
                    candidates[name] = eid
        joined = name_key("".join(parts))
        for name, entry_id in candidates.items():
            entry = self.kb.entries[entry_id]
            raw = fuzz.ratio(query, name)
            tokens = name.split()
            points = self._evidence_points(entry, evidence, on)
            agree = name_key(tokens[-1]) == surname and vowels_agree(parts[-1], tokens[-1])
            # A slip needs more than a given name to agree: a long name, or an office
            # the sentence gives that the person held ("Chancellor Angela Markel").
            # A country alone is not enough ("Boris Johnston, a Scottish golfer").
            sure = len(parts) >= 3 or self._title_supports(entry, evidence, on)
            typo = not agree and (
                _trailing_vowel(parts[-1], tokens[-1]) or (sure and _typo(parts[-1], tokens[-1]))
            )
            if agree or typo:
                # The given name must still be a variant of the person's (Sergei/Sergey,
                # or the same initial): "Ivan Ryabkov" is someone else.
                if not self.given_agrees(parts[0], entry_id):
                    continue
                score = (raw + 100.0) / 2 - (TYPO if typo else 0.0)
            elif len(parts) != len(tokens) and joined == name_key("".join(tokens)):
                score = (raw + 100.0) / 2  # "Xi Jin Ping": the same name split apart
            else:
                score = raw - UNEXPLAINED_SPELLING
            score += points
            score = min(score, 99.0)
            if best is None or score > best[1]:
                best = entry, score
        if best is None or best[1] < self.min_score:
            return None
        return best

    def _evidence_points(self, entry: KBEntry, evidence: Evidence, on: str | None) -> float:
        points = 0.0
        if evidence.country is not None and entry.country is not None:
            points += SUPPORTED if evidence.country == entry.country else -CONTRADICTED
        if evidence.title is not None and entry.roles:
            holds = [r for r in entry.roles if self._holds(r, evidence.title, evidence.org)]
            if not holds:
                points -= CONTRADICTED
            elif any(r.active(on) for r in holds):
                points += SUPPORTED
        return points

    def _title_supports(self, entry: KBEntry, evidence: Evidence, on: str | None) -> bool:
        title = evidence.title
        return title is not None and any(
            r.active(on) and self._holds(r, title, evidence.org) for r in entry.roles
        )

    def _holds(self, role: Role, title: Title, org: str | None) -> bool:
        """Whether a recorded role is the office a title names (at the body that
        qualifies it, for a body's office)."""
        if role.role not in title.roles:
            return False
        written = title_key(role.title)
        if title.needs and not any(w in written for w in title.needs):
            return False
        if title.body:
            if org is None or any(w in written for w in _NOT_HEAD):
                return False
            home = self.kb.org(role.org)
            return home is not None and home.id in self.kb.family(org)
        return True

    def fuzzy_place(self, text: str) -> tuple[KBEntry, float] | None:
        """A country, demonym or capital misspelt ("Afganistan", "Khatmandu",
        "Ghanians"): the same transliteration key, or one edit in a long name."""
        from rapidfuzz import fuzz, process

        if len(text) < 6 or not text[:1].isupper():
            return None
        ids = self.place_keys.get(name_key(text), set())
        if len(ids) == 1 and self._place_spelling(text, next(iter(ids))):
            return self.kb.entries[next(iter(ids))], SCORE_PLACE_VARIANT
        if find_places(text):
            return None  # a town of its own (Toulon), not a misspelt country
        hit = process.extractOne(fold(text), list(self.place_names), scorer=fuzz.ratio)
        if hit is None or hit[1] < self.min_score + 2:
            return None
        return self.kb.entries[self.place_names[hit[0]]], min(float(hit[1]), 99.0)

    def surname_variant(self, text: str, context: Counter[str]) -> KBEntry | None:
        """A lone surname spelt as a known person's is once transliterated (Baiden),
        if exactly one such person is from a country the article names."""
        key = name_key(text)
        if len(key) < 5:  # short keys ("b*sh") collide across unrelated names
            return None
        ids = [
            i
            for i in self.surname_keys.get(key, ())
            if context[self.kb.entries[i].country or ""]
            and vowels_agree(text, self.kb.entries[i].name.split()[-1])
        ]
        return self.kb.entries[ids[0]] if len(ids) == 1 else None

    def title_holder(
        self,
        title: Title,
        country: str | None,
        qualifier: str | None,
        on: str | None,
        named: Sequence[Mention],
        definite: bool,
        org: str | None = None,
    ) -> tuple[KBEntry, float] | None:
        """Who a title names: a person the article names who held it (any time when
        the date is unknown), else, for a definite title with a country and a date,
        the one holder on that date."""

        def fits(entry: KBEntry, any_time: bool) -> bool:
            # A body's office is held by someone of any nationality (the UN's head).
            if country is not None and entry.country != country and not title.body:
                return False
            return any(
                (any_time or r.active(on)) and self._holds(r, title, org) for r in entry.roles
            )

        def prefer(entries: list[KBEntry]) -> list[KBEntry]:
            # "Kremlin spokesman" is the one whose title says Kremlin, not the
            # ministry's spokeswoman; "the Foreign Ministry's spokeswoman" the one
            # whose office is that ministry.
            if len(entries) < 2:
                return entries
            if org is not None:
                at_org = [
                    e
                    for e in entries
                    if any(
                        r.role in title.roles and self.kb.org_ids.get(r.org or "", r.org) == org
                        for r in e.roles
                    )
                ]
                if at_org:
                    return at_org
            if qualifier is None:
                return entries
            q = qualifier.lower()
            better = [
                e
                for e in entries
                if any(q in r.title.lower() for r in e.roles if r.role in title.roles)
            ]
            return better or entries

        seen: dict[str, KBEntry] = {}
        for m in reversed(named):
            entry = self.kb.entries.get(m.entity_id)
            if entry is not None and fits(entry, on is None):
                seen.setdefault(entry.id, entry)
        if seen:
            chosen = prefer(list(seen.values()))
            return chosen[0], SCORE_TITLE_NAMED
        if title.anaphoric:
            return None
        if not definite or on is None or (country is None and not (title.body and org)):
            return None
        holders = prefer([e for e in self.kb.people() if fits(e, False)])
        if len(holders) > 1 and title.executive and country in self.kb.executive:
            role = self.kb.executive[country]
            holders = [e for e in holders if any(r.role == role and r.active(on) for r in e.roles)]
        if len(holders) == 1:
            return holders[0], SCORE_TITLE_HOLDER
        return None

    def party_holder(
        self,
        title: Title,
        country: str | None,
        party: str,
        on: str | None,
        doc: Any,
        mentions: Sequence[Mention],
    ) -> tuple[KBEntry, float] | None:
        """Who "the Democrat president" is: a holder of the title from that party the
        article names (in full, or by surname as in "the Biden administration"), else
        the latest one to take office by the date, current or former."""
        holders = [
            e
            for e in self.kb.people()
            if e.party == party
            and e.country == country
            and any(
                r.role in title.roles
                and (not title.needs or any(w in r.title.lower() for w in title.needs))
                and (on is None or r.start is None or r.start <= on)
                for r in e.roles
            )
        ]
        if not holders:
            return None
        ids = {m.entity_id for m in mentions}
        words = {fold(t.text) for t in doc if t.is_title}
        named = [e for e in holders if e.id in ids or fold(e.name.split()[-1]) in words]
        if len(named) == 1:
            return named[0], SCORE_TITLE_NAMED
        if on is None:
            return None
        latest = max(
            holders,
            key=lambda e: max(r.start or "" for r in e.roles if r.role in title.roles),
        )
        return latest, SCORE_TITLE_HOLDER

    def place_variant(self, text: str) -> KBEntry | None:
        """A country misspelt in a way transliteration explains ("Ethopia",
        "Quatar", "Phillippines"): the same key as exactly one country's name."""
        if len(text) < 6:
            return None
        ids = self.place_keys.get(name_key(text), set())
        if len(ids) != 1:
            return None
        entry = self.kb.entries[next(iter(ids))]
        if not self._place_spelling(text, entry.id) or find_places(text):
            return None
        return entry

    def _place_spelling(self, text: str, entry_id: str) -> bool:
        """Whether ``text`` spells one of the place's names once transliterated: the
        same first letter (the key drops vowels: Yoruba is not Aruba) and vowels
        that romanisations swap (Toulon is not Tallinn)."""
        if self._alias_keys is None:
            # Built on first use: a scan of every alias per misspelt word was the
            # stage's largest cost.
            self._alias_keys = {}
            for s, al in self.kb.aliases.items():
                ids = frozenset(a.entry_id for a in al)
                self._alias_keys.setdefault(name_key(s), []).append((s, ids))
        names = [s for s, ids in self._alias_keys.get(name_key(text), []) if entry_id in ids]
        return any(fold(n)[:1] == fold(text)[:1] and vowels_agree(n, text) for n in names)

    def town(
        self, text: str, doc: Any, span: Any, mentions: Sequence[Mention]
    ) -> tuple[Place, float] | None:
        """A city the knowledge base does not list (GeoNames, offline): the one in
        a country the sentence (else the article) names, else the most populous
        when it dwarfs the namesakes elsewhere (Boston, not Boston in Lincolnshire)."""
        if not text[:1].isupper() or len(text) < 3 or text.lower() in _NOT_TOWNS:
            return None
        places = find_places(text)
        if self.strict_towns:
            # A word that is a person's surname in this text is that person
            # ("Davenport scored"), not a town spaCy took it for.
            if any(e.label_ == "PERSON" and text in e.text.split()[1:] for e in doc.ents):
                return None
            # An alternate name ("West Ham" of Hamburg) only where the text names the
            # city's country: alone it is far likelier a local place, club or word.
            # A short form of the own name ("New York") is no alternate in this sense.
            named = {m.country for m in mentions if m.country}
            key = undirected(text).lower().removesuffix("'s").split()
            places = tuple(
                p
                for p in places
                if not p.alternate
                or p.country in named
                or p.name.lower().split()[: len(key)] == key
            )
        if not places:
            return None
        if (
            zipf_frequency(text.lower(), "en") >= COMMON_WORD_ZIPF
            and places[0].population < 200_000
        ):
            # "Orange", "Delta", "Olympic": a word first, unless the city is a big one.
            return None
        sent = span.sent
        for lo, hi in ((sent.start_char, sent.end_char), (0, len(doc.text))):
            named = {m.country for m in mentions if lo <= m.start < hi and m.country}
            here = [p for p in places if p.country in named]
            # A namesake in a country the text names wins (Tripoli, Lebanon), unless
            # dwarfed by the famous one (Rotterdam, New York is not Rotterdam).
            if here and places[0].population < TOWN_DOMINANCE_CONTEXT * here[0].population:
                return here[0], SCORE_TOWN
        top = places[0]
        rivals = [p.population for p in places if p.country != top.country]
        if not rivals or top.population >= TOWN_DOMINANCE * max(rivals):
            return top, SCORE_TOWN
        return None

    # -- context ---------------------------------------------------------------
    def context_country(self, span: Any, country_at: dict[int, str]) -> str | None:
        """A country named in the span's modifiers or apposition ("Russian ... X",
        "X, a Ukrainian lawmaker"), not in a clause about it ("X, who supported
        Ukraine")."""
        root = span.root
        starts = [root]
        if root.dep_ == "appos" or (
            root.head.dep_ != "ROOT" and root.head.pos_ in ("NOUN", "PROPN")
        ):
            starts.append(root.head)
        for start in starts:
            queue = [start]
            seen = 0
            while queue and seen < 16:
                t = queue.pop(0)
                seen += 1
                if (t.i < span.start or t.i >= span.end) and t.i in country_at:
                    return country_at[t.i]
                queue.extend(c for c in t.children if c.dep_ in _MODIFIER_DEPS)
        return None


# Dependencies that stay inside a noun phrase: modifiers and appositions, not clauses.
_MODIFIER_DEPS = {"amod", "compound", "appos", "nmod", "poss", "npadvmod", "nummod", "flat"}


def _trailing_vowel(a: str, b: str) -> bool:
    """Surname ``a`` is ``b`` with a vowel added at the end, as translations and
    typos add one (Lavrovi, Zelenskyi): the mark of a declined or mistyped form."""
    x, y = fold(a), fold(b)
    return len(y) >= 5 and len(x) == len(y) + 1 and x.startswith(y) and x[-1] in "iy"


def _typo(a: str, b: str) -> bool:
    """Whether surname ``a`` is ``b`` with one slip: a vowel written for another
    (Markel/Merkel), or one letter added or dropped after the first (Lavrovi,
    Leyden/Leyen). A consonant for another is another name (Rubin/Rubio)."""
    x, y = fold(a), fold(b)
    if len(y) < 5 or x == y or x[:1] != y[:1]:
        return False
    vowels = set("aeiouy")
    if len(x) == len(y):
        diff = [(c, d) for c, d in zip(x, y, strict=True) if c != d]
        return len(diff) == 1 and diff[0][0] in vowels and diff[0][1] in vowels
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:k] + long_[k + 1 :] == short for k in range(1, len(long_)))


def undirected(text: str) -> str:
    """The place without the part named before it: "southern Lebanon" -> "Lebanon"."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in _DIRECTIONS:
        words = words[1:]
    return " ".join(words)


def mention_spans(
    doc: Any, mentions: Sequence[Mention]
) -> tuple[dict[int, Any], dict[int, Mention]]:
    """Each mention's token span (by ``id``) and the mention at each token index."""
    spans: dict[int, Any] = {}
    at: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        spans[id(m)] = span
        if span is not None:
            for i in range(span.start, span.end):
                at[i] = m
    return spans, at
