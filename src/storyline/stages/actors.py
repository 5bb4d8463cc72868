"""Actors: find who and what is named in each article and resolve it to an entity.

Candidates come from the knowledge base's names (exact, via spaCy PhraseMatchers;
all-capitals headlines too), spaCy's named entities, official titles ("the
President", "the Kremlin spokesman") and subject pronouns. In order:

1. Names the knowledge base knows win (score 100). A generic body name ("the
   Ministry of Finance") goes to the country named right before it, else to the
   country of a body it is coordinated with ("the State Department and the Ministry
   of Finance"), else to the government named in its sentence, else to the country
   the article is most about.
2. Unknown people are linked to known ones by spelling, but only with evidence
   (:meth:`Resolver.fuzzy_person`): a surname that agrees once transliteration is
   undone (:func:`storyline.kb.name_key`: Rjabkov/Ryabkov, Baiden/Biden) scores
   high; one that differs otherwise (Rybakov/Ryabkov, Rubin/Rubio) is marked down
   below the threshold; a country or title in the sentence that contradicts the
   candidate marks it down further, one that agrees marks it up.
3. A title without a name resolves to who held that office: in the country its
   qualifier names ("Russian", "Kremlin", "the U.S.") on the article's date, else
   to the last person in the article who held it (coreference), else to the holder
   in the country the article is most about on its date.
4. "he"/"she" as a subject refers to the one person who was subject just before.

Every link to a knowledge-base entry has a score of at least ``min_score``; the
rest become local entities (``person:name-slug``, score 50) whose country comes
from their modifiers ("Russian Deputy Foreign Minister X", "X, a Ukrainian
lawmaker").
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from wordfreq import zipf_frequency

from storyline.config import ActorsConfig, NlpConfig
from storyline.ids import slug
from storyline.kb import (
    KBEntry,
    KnowledgeBase,
    Place,
    actor_files,
    find_places,
    fold,
    load_kb,
    name_key,
    vowels_agree,
)
from storyline.models import Article, Mention, Rejection
from storyline.pipeline import per_article, register
from storyline.stages.nlp import load_model

logger = logging.getLogger(__name__)

NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Nouns that give an organisation its sector when the knowledge base has no entry.
SECTOR_WORDS = {
    "ministry": "GOV",
    "department": "GOV",
    "government": "GOV",
    "administration": "GOV",
    "embassy": "GOV",
    "office": "GOV",
    "agency": "GOV",
    "commission": "GOV",
    "council": "GOV",
    "army": "MIL",
    "military": "MIL",
    "navy": "MIL",
    "forces": "MIL",
    "force": "MIL",
    "parliament": "LEG",
    "congress": "LEG",
    "senate": "LEG",
    "duma": "LEG",
    "assembly": "LEG",
    "court": "JUD",
    "bank": "BUS",
    "company": "BUS",
    "corp": "BUS",
    "inc": "BUS",
    "television": "MED",
    "news": "MED",
    "times": "MED",
    "post": "MED",
    "agency's": "GOV",
}
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Title:
    """An office named in text: the roles it stands for, and the word a holder's
    recorded title must contain for a head of state or government ("President" is
    not the Prime Minister; "Chancellor" is not a president)."""

    roles: frozenset[str]
    needs: tuple[str, ...] = ()


_HEADS = frozenset({"head_of_state", "head_of_government"})
TITLES: dict[str, Title] = {
    "president": Title(_HEADS, ("president",)),
    "prime minister": Title(_HEADS, ("prime minister", "premier")),
    "premier": Title(_HEADS, ("prime minister", "premier")),
    "chancellor": Title(_HEADS, ("chancellor",)),
    "foreign minister": Title(frozenset({"foreign_minister"})),
    "foreign secretary": Title(frozenset({"foreign_minister"})),
    "foreign affairs minister": Title(frozenset({"foreign_minister"})),
    "minister of foreign affairs": Title(frozenset({"foreign_minister"})),
    "secretary of state": Title(frozenset({"foreign_minister"}), ("secretary of state",)),
    "top diplomat": Title(frozenset({"foreign_minister"})),
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
}
PRONOUNS = {"he", "she"}
# Party adjectives before a head of state's title: (country, party code in people.yaml).
PARTIES = {
    "democrat": ("USA", "D"),
    "democratic": ("USA", "D"),
    "republican": ("USA", "R"),
}
# Plural heads shared by coordinated bodies ("the State and Treasury Departments").
PLURAL_HEADS = {"departments": "Department", "ministries": "Ministry"}
# Words NER leaves at the front of a person's name that are not part of it.
HONORIFICS = {
    "president", "prime", "minister", "premier", "crown", "prince", "princess", "king",
    "queen", "sheikh", "shaikh", "emir", "sultan", "ayatollah", "chancellor", "general",
    "gen", "dr", "mr", "mrs", "ms", "sir", "lord", "senator", "sen", "rep", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "leader", "chairman", "envoy", "ambassador",
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
# Religions name groups, not states: their country is the one they are in.
RELIGIOUS = {
    "muslim",
    "muslims",
    "moslem",
    "moslems",
    "islamic",
    "islamist",
    "islamists",
    "christian",
    "christians",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "jewish",
    "jews",
    "hindu",
    "hindus",
    "sikh",
    "sikhs",
    "buddhist",
    "buddhists",
    "shiite",
    "shiites",
    "shia",
    "sunni",
    "sunnis",
    "alawite",
    "alawites",
    "alewite",
    "alevi",
    "druze",
    "coptic",
    "copts",
    "maronite",
    "maronites",
    "orthodox",
    "evangelical",
}
# Peoples of continents and regions: no one country is theirs ("West Africans").
_REGIONAL = {
    f"{w}{s}"
    for w in ("african", "european", "asian", "arab", "american", "latin", "westerner", "nordic")
    for s in ("", "s")
} | {"balkan", "caucasian", "scandinavian", "slavic", "middle eastern"}
# Nouns after a demonym that make it an ethnic group ("the Albanian population").
ETHNIC_NOUNS = {"population", "minority", "minorities", "community", "communities", "diaspora"}


def _strip(text: str) -> str:
    for p in _POSSESSIVE:
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
            self.title_matcher.add(words, [[{"LOWER": w} for w in words.split()]])
        # Full names (two words or more) of people, and each person's surname keys.
        self.person_names: dict[str, str] = {}
        self.surname_keys: dict[str, set[str]] = {}
        for surface, aliases in kb.aliases.items():
            for a in aliases:
                entry = kb.entries[a.entry_id]
                if entry.type != "PERSON":
                    continue
                tokens = surface.split()
                if len(tokens) >= 2:
                    self.person_names[fold(surface)] = entry.id
                key = name_key(tokens[-1])
                if len(key) >= 4:
                    self.surname_keys.setdefault(key, set()).add(entry.id)

    # -- knowledge-base spans -------------------------------------------------
    def kb_spans(self, doc: Any) -> list[tuple[Any, str]]:
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
        return [(s, s.label_) for s in filter_spans(spans)]

    def title_spans(self, doc: Any) -> list[tuple[Any, Title]]:
        from spacy.util import filter_spans

        spans = [doc[s:e] for _, s, e in self.title_matcher(doc)]
        return [(s, TITLES[s.text.lower()]) for s in filter_spans(spans)]

    def choose(
        self, surface: str, context: Counter[str], near: str | None = None
    ) -> tuple[KBEntry, str] | None:
        """The entry a surface form names here.

        A name that only identifies a body within a country ("the Ministry of
        Finance", "lawmakers") goes to the country ``near`` it (see
        :func:`_context_country`), else to the country the article is most about,
        else nowhere.
        """
        found = self.kb.lookup(surface)
        top = max(context.values(), default=0)

        def fits(entry: KBEntry, kind: str) -> bool:
            if kind != "context":
                return True
            if near is not None:
                return entry.country == near
            return bool(entry.country) and top > 0 and context[entry.country or ""] == top

        usable = [(e, k) for e, k in found if fits(e, k)]
        if not usable:
            return None
        usable.sort(key=lambda ek: (ek[1] == "context", ek[1] != "name"))
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
        for name, entry_id in candidates.items():
            entry = self.kb.entries[entry_id]
            raw = fuzz.ratio(query, name)
            if name_key(name.split()[-1]) == surname and vowels_agree(parts[-1], name.split()[-1]):
                # The first names must still be variants of each other (Sergei/Sergey),
                # or the same initial: "Ivan Ryabkov" is someone else.
                first_a, first_b = parts[0], name.split()[0]
                if fuzz.ratio(name_key(first_a), name_key(first_b)) < 70:
                    continue
                score = (raw + 100.0) / 2
            else:
                score = raw - UNEXPLAINED_SPELLING
            score += self._evidence_points(entry, evidence, on)
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
            holds = [r for r in entry.roles if r.role in evidence.title.roles]
            if not holds:
                points -= CONTRADICTED
            elif any(r.active(on) for r in holds):
                points += SUPPORTED
        return points

    def fuzzy_place(self, text: str) -> tuple[KBEntry, float] | None:
        """A country, demonym or capital misspelt ("Afganistan", "Khatmandu",
        "Ghanians"): the same transliteration key, or one edit in a long name."""
        from rapidfuzz import fuzz, process

        if len(text) < 6 or not text[:1].isupper():
            return None
        ids = self.place_keys.get(name_key(text), set())
        if len(ids) == 1:
            return self.kb.entries[next(iter(ids))], SCORE_PLACE_VARIANT
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
            if country is not None and entry.country != country:
                return False
            for r in entry.roles:
                if r.role not in title.roles or not (any_time or r.active(on)):
                    continue
                if title.needs and not any(w in r.title.lower() for w in title.needs):
                    continue
                return True
            return False

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
        if not definite or country is None or on is None:
            return None
        holders = prefer([e for e in self.kb.people() if fits(e, False)])
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
        # The key drops vowels, so the first letter must agree: Yoruba is not Aruba.
        names = [s for s, al in self.kb.aliases.items() if any(a.entry_id == entry.id for a in al)]
        if not any(fold(n)[:1] == fold(text)[:1] for n in names):
            return None
        return entry

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
            key = _undirected(text).lower().removesuffix("'s").split()
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


def _undirected(text: str) -> str:
    """The place without the part named before it: "southern Lebanon" -> "Lebanon"."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in _DIRECTIONS:
        words = words[1:]
    return " ".join(words)


# Prepositions that place a group or person: "rebels in Darfur", "Albanians of
# southern Serbia", "a missionary from Calgary".
_PLACE_PREPS = {"in", "of", "from", "at", "near", "throughout", "across", "inside"}
# Before or after a country word, these make it a stance or a sponsor, not a
# nationality: "anti-Syria journalist", "pro-Iranian group", "Syrian-backed militia".
_STANCE_BEFORE = {"anti", "pro"}
_STANCE_AFTER = {
    "backed",
    "sponsored",
    "allied",
    "supported",
    "funded",
    "armed",
    "occupied",
    "controlled",
    "held",
    "administered",
}


def _stance(doc: Any, span: Any) -> bool:
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    return bool(
        (before and before[-1] in _STANCE_BEFORE)
        or (len(before) == 2 and before[1] == "-" and before[0] in _STANCE_BEFORE)
        or (len(after) == 2 and after[0] == "-" and after[1] in _STANCE_AFTER)
    )


def _modifies_person(token: Any, person_tokens: set[int], own: range) -> bool:
    """The country word describes another person ("South African leader de Klerk")."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("amod", "compound", "poss", "nmod") or head.head is head:
            break
        head = head.head
    if head.i in own:
        return False
    near = [head, *(c for c in head.children if c.dep_ in ("appos", "compound", "flat"))]
    if head.dep_ == "appos":
        near.append(head.head)
    return any(t.i in person_tokens and t.i not in own for t in near)


def _ethnic(doc: Any, span: Any, m: Mention, kb: KnowledgeBase, at: dict[int, Mention]) -> bool:
    """A demonym that names an ethnic group, not a state's people or government:
    "ethnic Albanians", "the Albanian population", "Albanians of southern Serbia"."""
    if m.type != "GPE" or not any(k == "demonym" for _e, k in kb.lookup(m.text)):
        return False
    if span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
        return True
    if span.end < len(doc) and doc[span.end].lower_ in ETHNIC_NOUNS:
        return True
    return _locative_country(span, at, m.country) is not None and m.text.endswith("s")


def _locative_country(
    span: Any, at: dict[int, Mention], own: str | None, stance: frozenset[int] = frozenset()
) -> str | None:
    """A country the phrase itself places its head in ("rebels in Darfur")."""
    root = span.root
    heads = [root]
    if root.dep_ in ("amod", "compound", "nmod") and root.head is not root:
        heads.append(root.head)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for t in prep.subtree:
                m = at.get(t.i)
                if (
                    m is not None
                    and m.country
                    and m.country != own
                    and t.i not in stance
                    and not (span.start <= t.i < span.end)
                ):
                    return m.country
    return None


def _infer_countries(doc: Any, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Countries for actors the knowledge base could not place (#4).

    An unknown person, organisation or group takes the country its own phrase places
    it in ("rebels in Darfur"), else the one country its sentence names (for a
    person, not counting the countries of other people: "President X welcomed the
    South African leader Y"); an ethnic group the one of its home countries the
    sentence names. A demonym used for an ethnic group ("ethnic Albanians in
    Serbia") becomes that group, in the country it lives in. Countries named as a
    stance ("anti-Syria") count for nothing.
    """
    spans: dict[int, Any] = {}
    at: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        spans[id(m)] = span
        if span is not None:
            for i in range(span.start, span.end):
                at[i] = m
    person_tokens = {i for i, m in at.items() if m.type == "PERSON"}
    stance = {id(m) for m in mentions if spans[id(m)] is not None and _stance(doc, spans[id(m)])}
    stance_tokens = frozenset(i for i, m in at.items() if id(m) in stance)
    out: list[Mention] = []
    for m in mentions:
        span = spans[id(m)]
        if (
            span is None
            or m.type not in ("PERSON", "ORG", "GPE")
            or m.sector == "MED"
            or fold(span[-1].text) in _REGIONAL
            or (m.type == "ORG" and _multinational(span))
        ):
            out.append(m)
            continue
        ethnic = _ethnic(doc, span, m, kb, at)
        if not ethnic and (m.country is not None or m.entity_id in kb.entries):
            out.append(m)
            continue
        own = m.country if ethnic else None
        country = _locative_country(span, at, own, stance_tokens)
        if country is None:
            counts: Counter[str] = Counter()
            sent = span.sent
            for other in mentions:
                o = spans[id(other)]
                if (
                    o is None
                    or other is m
                    or not other.country
                    or other.country == own
                    or id(other) in stance
                    or not (sent.start <= o.start < sent.end)
                    or (
                        # A person's country is not that of the other people around him.
                        m.type == "PERSON"
                        and (
                            other.type == "PERSON"
                            or _modifies_person(o.root, person_tokens, range(span.start, span.end))
                        )
                    )
                ):
                    continue
                counts[other.country] += 1
            homes = kb.groups.get(fold(span[-1].text if m.type == "GPE" else span[0].text), ())
            at_home = [c for c, _n in counts.most_common() if c in homes]
            if at_home:
                country = at_home[0]
            elif len(homes) == 1 and m.type == "GPE":
                # A people with one state of its own acts as that state's people even
                # where the sentence is about another ("Jewish settlers ... Palestinian").
                country = homes[0]
            elif counts:
                # The country the sentence names most, if it names one most.
                (top, n), *rest = counts.most_common(2)
                if not rest or n > rest[0][1]:
                    country = top
            elif len(homes) == 1:
                country = homes[0]
        if ethnic:
            if country is None:
                out.append(m)
                continue
            m = replace(m, entity_id=f"group:{slug(m.text)}", name=m.text, sector=None, score=50.0)
        out.append(replace(m, country=country) if country else m)
    return out


# First words of a body that belongs to no one country ("the European Community",
# "the International Committee of ..."): a country named near it is a partner.
_MULTINATIONAL = {"european", "international", "world", "global", "multinational", "inter"}


def _multinational(span: Any) -> bool:
    words = [fold(t.text) for t in span if t.lower_ not in ("the", "a", "an")]
    return bool(words) and words[0].split("-")[0] in _MULTINATIONAL


def _sector_from_words(text: str) -> str | None:
    for word in reversed(text.lower().split()):
        if word in SECTOR_WORDS:
            return SECTOR_WORDS[word]
    return None


def _is_context_only(kb: KnowledgeBase, surface: str) -> bool:
    found = kb.lookup(surface)
    return bool(found) and all(kind == "context" for _, kind in found)


def _coordinated_country(span: Any, country_at: dict[int, str]) -> str | None:
    """The country of a body coordinated with this one ("the State Department and the
    Ministry of Finance"): governments list their own bodies together."""
    root = span.root
    for other in [*root.conjuncts]:
        if other.i in country_at and not (span.start <= other.i < span.end):
            return country_at[other.i]
    return None


def _place_after(span: Any, kb_spans: Sequence[tuple[Any, str]], kb: KnowledgeBase) -> str | None:
    """The country a body's own "in"/"of" phrase names ("the government in Ottawa",
    "the parliament of Ukraine"): it places the body, whatever the article is about."""
    pobjs = {
        pobj.i
        for prep in span.root.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    }
    countries = {
        e.country
        for s, surface in kb_spans
        if any(s.start <= i < s.end for i in pobjs)
        for e, kind in kb.lookup(surface)
        if kind != "context" and e.type == "GPE" and e.country
    }
    return countries.pop() if len(countries) == 1 else None


def _fronted_place(span: Any, kb_spans: Sequence[tuple[Any, str]], kb: KnowledgeBase) -> str | None:
    """The country of a place the sentence opens with ("In Beijing, the Foreign
    Ministry said"): the setting of everything in the clause after it."""
    sent = span.sent
    first = sent[0]
    if first.lower_ not in _PLACE_PREPS:
        return None
    comma = next((t.i for t in sent if t.text == "," and t.i < span.start), None)
    if comma is None or comma - sent.start > 6:
        return None
    countries = {
        e.country
        for s, surface in kb_spans
        if sent.start < s.start and s.end <= comma
        for e, kind in kb.lookup(surface)
        if kind != "context" and e.country
    }
    return countries.pop() if len(countries) == 1 else None


def _name_around(doc: Any, span: Any) -> Any | None:
    """The run of proper-name words a span sits inside, with name particles ("bin",
    "al-"), when it is longer than the span and has at least three words."""
    particles = {"-", "al", "el", "bin", "ibn", "bint", "abu", "abd", "ul"}

    def name_word(t: Any) -> bool:
        return (t.pos_ == "PROPN" and t.text[:1].isupper()) or t.lower_ in particles

    start, end = span.start, span.end
    while start > span.sent.start and name_word(doc[start - 1]):
        start -= 1
    while end < span.sent.end and name_word(doc[end]):
        end += 1
    while end > span.end and doc[end - 1].lower_ in particles:
        end -= 1
    words = [t for t in doc[start:end] if t.text != "-"]
    if (start, end) == (span.start, span.end) or len(words) < 3:
        return None
    return doc[start:end]


def _sentence_government(span: Any, mentions: Sequence[Mention]) -> str | None:
    """The one country whose government acts in the span's sentence, if only one does."""
    sent = span.sent
    countries = {
        m.country
        for m in mentions
        if sent.start_char <= m.start < sent.end_char
        and m.country
        and m.sector in ("GOV", "MIL", "LEG")
        and m.type != "GPE"
    }
    return countries.pop() if len(countries) == 1 else None


def resolve(doc: Any, resolver: Resolver, published: str | None) -> list[Mention]:
    kb = resolver.kb
    kb_spans = resolver.kb_spans(doc)
    context: Counter[str] = Counter()
    for _span, surface in kb_spans:
        for e, kind in kb.lookup(surface):
            if kind != "context" and e.country:
                context[e.country] += 1
    mentions: list[Mention] = []
    taken: set[int] = set()
    country_at: dict[int, str] = {}
    mention_at: dict[int, Mention] = {}

    def add(
        span: Any,
        entry_id: str,
        name: str,
        type_: str,
        country: str | None,
        sector: str | None,
        score: float,
    ) -> Mention:
        m = Mention(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            entity_id=entry_id,
            name=name,
            type=type_,
            country=country,
            sector=sector,
            score=score,
        )
        mentions.append(m)
        taken.update(range(span.start, span.end))
        for i in range(span.start, span.end):
            mention_at[i] = m
            if country:
                country_at[i] = country
        return m

    # NER cuts titles in two ("British Defence" + "Defence Secretary Tom King"): an
    # entity that ends inside a title is a fragment, and the title's words its own.
    title_tokens = {i for s, _t in resolver.title_spans(doc) for i in range(s.start, s.end)}
    ents = [
        e
        for e in doc.ents
        if e.label_ in NER_LABELS
        and not (e.label_ != "PERSON" and e.end - 1 in title_tokens and e.start not in title_tokens)
    ]
    # An organisation NER finds around a bare country word ("the Russian Embassy")
    # is the actor; the country word inside it only gives its country.
    kb_by_token = {i: (s, surf) for s, surf in kb_spans for i in range(s.start, s.end)}
    wrapped: set[int] = set()
    for ent in ents:
        if ent.label_ == "PERSON" or kb.lookup(ent.text) or kb.lookup(_strip(ent.text)):
            continue
        inner_starts = {
            kb_by_token[i][0].start for i in range(ent.start, ent.end) if i in kb_by_token
        }
        inner_spans = [kb_by_token[i][0] for i in range(ent.start, ent.end) if i in kb_by_token]
        if (
            inner_starts
            and all(
                s.start >= ent.start and s.end <= ent.end and len(s) < len(ent) for s in inner_spans
            )
            and all(
                any(
                    k in ("demonym", "name", "alias") and e.type == "GPE"
                    for e, k in kb.lookup(kb_by_token[s][1])
                )
                for s in inner_starts
            )
        ):
            wrapped.update(range(ent.start, ent.end))

    # 0. Coordinated bodies sharing a plural head ("the State and Treasury
    # Departments"): each word names its own body.
    for t in doc:
        singular = PLURAL_HEADS.get(t.lower_)
        if singular is None:
            continue
        j = t.i - 1
        words = []
        while j >= 0 and (doc[j].is_title or doc[j].lower_ in ("and", ",")):
            if doc[j].is_title:
                words.append(doc[j])
            j -= 1
        if len(words) < 2:
            continue
        for w in words:
            chosen = resolver.choose(f"{w.text} {singular}", context)
            if chosen is not None:
                entry, _kind = chosen
                add(
                    doc[w.i : w.i + 1],
                    entry.id,
                    entry.name,
                    entry.type,
                    entry.country,
                    entry.sector_on(published),
                    100.0,
                )

    # 1. Knowledge-base names; generic body names once the others give their countries.
    ordered = sorted(kb_spans, key=lambda ss: _is_context_only(kb, ss[1]))
    for span, surface in ordered:
        if span.start in wrapped or any(i in taken for i in range(span.start, span.end)):
            continue
        prev = span.start - 1
        if prev >= 0 and doc[prev].text in _POSSESSIVE:
            prev -= 1
        near = country_at.get(prev)
        if near is None and _is_context_only(kb, surface):
            near = (
                _coordinated_country(span, country_at)
                or _place_after(span, kb_spans, kb)
                or _fronted_place(span, kb_spans, kb)
                or _sentence_government(span, mentions)
            )
        chosen = resolver.choose(surface, context, near)
        if chosen is None:
            continue
        entry, kind = chosen
        ent = next((e for e in ents if e.start <= span.start and span.end <= e.end), None)
        if (
            entry.type == "PERSON"
            and ent is not None
            and ent.label_ == "PERSON"
            and ent.start == span.start
            and ent.end > span.end
            and doc[span.end].is_title
        ):
            # A known name followed by more of a name ("Xi Jinhua", not Xi Jinping) is
            # someone else's: the full name is resolved with the named entities.
            continue
        if entry.type != "PERSON":
            named = _name_around(doc, span)
            if named is not None:
                # "Fatah" inside "Abdel Fatah al-Sisi": a longer name that spells a
                # known person is that person, not the organisation in it.
                found = resolver.fuzzy_person(named.text, Evidence(), published)
                if found is not None:
                    person, score = found
                    for m in [m for m in mentions if named.start_char <= m.start < named.end_char]:
                        mentions.remove(m)
                    add(
                        named,
                        person.id,
                        person.name,
                        "PERSON",
                        person.country,
                        person.sector_on(published),
                        score,
                    )
                    continue
        if kind == "capital":
            # "Tripoli, the northern Lebanese port": a namesake of the capital in the
            # country the sentence names instead.
            in_sentence = {
                e.country
                for s2, surf2 in kb_spans
                if s2.sent.start == span.sent.start and s2.start != span.start
                for e, k in kb.lookup(surf2)
                if k != "context" and e.country
            }
            if entry.country not in in_sentence:
                places = find_places(span.text)
                other = [p for p in places if p.country in in_sentence]
                capital = [p.population for p in places if p.country == entry.country]
                # Only a namesake of comparable size: Ottawa, Illinois is not Ottawa.
                if other and (
                    not capital or capital[0] < TOWN_DOMINANCE_CONTEXT * other[0].population
                ):
                    add(span, other[0].id, other[0].name, "GPE", other[0].country, None, SCORE_TOWN)
                    continue
        if entry.type == "PERSON":
            # "Jordan's (visiting) King Abdullah" is not the Saudi king of that name.
            q = span.start - 1
            while q >= 0 and (doc[q].dep_ == "amod" or doc[q].text in _POSSESSIVE):
                q -= 1
            said = country_at.get(q)
            if said is not None and entry.country not in (None, said):
                continue
        add(
            span,
            entry.id,
            entry.name,
            entry.type,
            entry.country,
            entry.sector_on(published) if kind != "capital" else "GOV",
            100.0,
        )

    # 2. Titles: the country or body that qualifies each, and whether a name follows.
    person_starts = {e.start for e in ents if e.label_ == "PERSON"}
    person_starts |= {
        s.start for s, surf in kb_spans if any(e.type == "PERSON" for e, _ in kb.lookup(surf))
    }
    evidence_at: dict[int, Evidence] = {}  # first token of a name -> its title's evidence
    standalone: list[tuple[Any, Title, Evidence, bool]] = []
    for span, title in resolver.title_spans(doc):
        overlap = {
            id(mention_at[i]): mention_at[i] for i in range(span.start, span.end) if i in mention_at
        }
        absorbed = None
        if len(overlap) == 1:
            # "US Treasury Secretary": the body named inside a title qualifies it.
            (inner_m,) = overlap.values()
            if inner_m.type == "ORG" and inner_m.start < span.start_char < inner_m.end:
                absorbed = inner_m
        if overlap and absorbed is None:
            continue
        if absorbed is not None:
            mentions.remove(absorbed)
            for i in [i for i, m in mention_at.items() if m is absorbed]:
                del mention_at[i]
                taken.discard(i)
                country_at.pop(i, None)
        party = next(
            (
                PARTIES[doc[j].lower_]
                for j in range(max(span.start - 2, 0), span.start)
                if doc[j].lower_ in PARTIES
            ),
            None,
        )
        if party is not None and title.roles & _HEADS:
            ev: Evidence | None = Evidence(country=party[0], title=title, party=party[1])
        else:
            ev = _title_evidence(doc, span, title, mention_at)
        if absorbed is not None and ev is not None and absorbed.country:
            ev = Evidence(absorbed.country, title, _strip(absorbed.text), absorbed.entity_id)
        if ev is None:
            continue  # "the president of the company": not a state office
        after = span.end
        if after < len(doc) and doc[after].text == "," and after + 1 < len(doc):
            after += 1
        if after in person_starts:
            evidence_at[after] = ev
            taken.update(range(span.start, span.end))  # "Secretary of State X": no "State"
            continue
        root = span.root
        named_by = [
            c for c in (root.head, *root.children) if c.dep_ == "appos" or root.dep_ == "appos"
        ]
        if any(c.i in person_starts or c.ent_type_ == "PERSON" for c in named_by):
            taken.update(range(span.start, span.end))
            continue
        # "a spokesman" may be any spokesman: it only links to one the article names.
        definite = span.start == 0 or doc[span.start - 1].lower_ not in ("a", "an", "another")
        standalone.append((span, title, ev, definite))
        taken.update(range(span.start, span.end))

    # 3. Named entities: people (with their title's evidence), then the rest.
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = _strip(ent.text)
        if not text:
            continue
        if ent.label_ == "PERSON":
            if fold(text) in kb.groups:
                # NER takes some peoples for persons ("the Hutu majority").
                add(ent, f"group:{slug(text)}", text, "GPE", None, None, 50.0)
                continue
            if len(text.split()) == 1:
                # A surname alone refers to the person named in full earlier.
                key = name_key(text)
                for m in reversed(mentions):
                    if m.type == "PERSON" and name_key(m.name.split()[-1]) == key:
                        add(ent, m.entity_id, m.name, "PERSON", m.country, m.sector, m.score)
                        break
                else:
                    known = resolver.surname_variant(text, context)
                    if known is not None:
                        add(
                            ent,
                            known.id,
                            known.name,
                            "PERSON",
                            known.country,
                            known.sector_on(published),
                            SCORE_SURNAME_VARIANT,
                        )
                continue
            ev = evidence_at.get(ent.start, Evidence())
            if ev.country is None:
                ev = Evidence(resolver.context_country(ent, country_at), ev.title, ev.qualifier)
            entry_score = resolver.fuzzy_person(text, ev, published)
            if entry_score is not None:
                entry, score = entry_score
                add(
                    ent,
                    entry.id,
                    entry.name,
                    "PERSON",
                    entry.country,
                    entry.sector_on(published),
                    score,
                )
                continue
            # Without a country of his own, the sentence may give one (_infer_countries).
            add(ent, f"person:{slug(text)}", text, "PERSON", ev.country, None, 50.0)
        else:
            inner: str | None = next(
                (country_at[i] for i in range(ent.start, ent.end) if i in country_at), None
            )
            if inner is None and ent.label_ in ("ORG", "FAC", "GPE"):
                # "the Russian Embassy" is Russian; "North American" is not American.
                surfaces = [
                    kb_by_token[i][1] for i in range(ent.start, ent.end) if i in kb_by_token
                ]
                inner = next(
                    (
                        e.country
                        for surf in surfaces
                        for e, kind in kb.lookup(surf)
                        if e.country and kind != "context"
                    ),
                    None,
                )
            type_ = (
                "GPE"
                if ent.label_ in ("GPE", "NORP")
                else ("LOC" if ent.label_ == "LOC" else "ORG")
            )
            if inner is None and fold(text) in kb.groups:
                add(ent, f"group:{slug(text)}", text, "GPE", None, None, 50.0)
                continue
            if inner is None and ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
                town = resolver.town(_undirected(text), doc, ent, mentions)
                if town is not None:
                    place, score = town
                    add(ent, place.id, place.name, "GPE", place.country, None, score)
                    continue
            if inner is None and ent.label_ in ("GPE", "NORP", "LOC"):
                found = resolver.fuzzy_place(_undirected(text))
                if found is not None:
                    entry, score = found
                    add(ent, entry.id, entry.name, "GPE", entry.country, None, score)
                    continue
            if inner is None and ent.label_ == "ORG" and len(ent) == 1:
                # NER calls a misspelt country an organisation ("Quatar's emir").
                variant = resolver.place_variant(text)
                if variant is not None:
                    add(
                        ent,
                        variant.id,
                        variant.name,
                        "GPE",
                        variant.country,
                        None,
                        SCORE_PLACE_VARIANT,
                    )
                    continue
            add(
                ent,
                f"{type_.lower()}:{slug(text)}",
                text,
                type_,
                inner,
                _sector_from_words(text) if type_ == "ORG" else None,
                50.0,
            )

    # Misspelt countries and peoples NER missed altogether ("Ethopia has agreed",
    # "Ibo traditional elders").
    for t in doc:
        if t.i in taken or not t.is_title:
            continue
        if fold(t.text) in kb.groups:
            add(doc[t.i : t.i + 1], f"group:{slug(t.text)}", t.text, "GPE", None, None, 50.0)
            continue
        if t.pos_ != "PROPN":
            continue
        variant = resolver.place_variant(t.text)
        if variant is not None:
            add(
                doc[t.i : t.i + 1],
                variant.id,
                variant.name,
                "GPE",
                variant.country,
                None,
                SCORE_PLACE_VARIANT,
            )

    # Unknown actors without a country of their own take the one their sentence is
    # about; groups living in another country than their name's take that one.
    mentions[:] = _infer_countries(doc, mentions, kb)
    mention_at.clear()
    country_at.clear()
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end):
            mention_at[i] = m
            if m.country:
                country_at[i] = m.country

    # 4. Titles alone and subject pronouns, in text order, so that each can refer back
    # to people named, titled or pronominalised before it.
    pending: list[tuple[int, Any, Title | None, Evidence | None, bool]] = [
        (span.start, span, title, ev, definite) for span, title, ev, definite in standalone
    ]
    pending += [
        (t.i, doc[t.i : t.i + 1], None, None, True)
        for t in doc
        if t.lower_ in PRONOUNS and t.dep_ in ("nsubj", "nsubjpass") and t.i not in taken
    ]
    for _i, span, office, ev, definite in sorted(pending, key=lambda p: p[0]):
        people = sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: m.start)
        if office is None or ev is None:
            antecedent = _subject_antecedent(doc, span[0], people)
            if antecedent is not None:
                add(
                    span,
                    antecedent.entity_id,
                    antecedent.name,
                    "PERSON",
                    antecedent.country,
                    antecedent.sector,
                    antecedent.score,
                )
            continue
        before = [m for m in people if m.start < span.start_char]
        # Unqualified, a title refers back ("the President said"), to a subject first;
        # qualified, it may also name someone introduced later ("a Kremlin spokesman").
        if ev.country is None:
            named = [m for m in before if not _is_subject(doc, m)]
            named += [m for m in before if _is_subject(doc, m)]
        else:
            named = people
        introduced = _introduced(doc.text, span.text, ev.country, before)
        if introduced is not None:
            add(
                span,
                introduced.entity_id,
                introduced.name,
                "PERSON",
                introduced.country,
                introduced.sector,
                introduced.score,
            )
            continue
        if ev.party is not None:
            found = resolver.party_holder(office, ev.country, ev.party, published, doc, mentions)
        else:
            found = resolver.title_holder(
                office, ev.country, ev.qualifier, published, named, definite, ev.org
            )
        if found is None and ev.country is None and definite and context:
            top = context.most_common(1)[0][0]
            found = resolver.title_holder(office, top, None, published, [], True)
        if found is None:
            continue
        entry, score = found
        add(span, entry.id, entry.name, "PERSON", entry.country, entry.sector_on(published), score)
    # "Doctors from two American aid groups": the people a national phrase places.
    for agent, placed in _agents(doc, mention_at, taken):
        add(
            doc[agent.i : agent.i + 1],
            f"group:{slug(placed.name)}-{slug(agent.lemma_)}",
            f"{agent.lower_} ({placed.name})",
            "GPE",
            placed.country,
            AGENT_NOUNS[agent.lemma_.lower()] or placed.sector,
            min(placed.score, 50.0),
        )
    # Someone in an international office acts for that organisation, not his country.
    for i, m in enumerate(mentions):
        holder = kb.entries.get(m.entity_id or "")
        if holder is not None and kb.igo_office(holder, published) is not None:
            mentions[i] = replace(m, country=None, sector="IGO")
    mentions.sort(key=lambda m: m.start)
    return mentions


def _introduced(
    text: str, title: str, country: str | None, before: Sequence[Mention]
) -> Mention | None:
    """The person the article itself introduced with this title, if any.

    "Mexico's foreign minister, Julia Serrano, ..." or "Foreign Minister Julia Serrano"
    makes a later "the foreign minister" Julia Serrano, whoever the knowledge base lists
    for the date: the article knows its own cast better, and the knowledge base can
    be out of date.
    """
    words = " ".join(title.lower().split())
    if words.startswith("the "):
        words = words[4:]
    if not words:
        return None
    for m in reversed(before):
        if country is not None and m.country is not None and m.country != country:
            continue
        lead = " ".join(text[max(0, m.start - 80) : m.start].lower().split()).rstrip(" ,")
        tail = text[m.end : m.end + 80].lower()
        apposition = tail.startswith(", ") and words in tail[2:].split(",")[0]
        if lead.endswith(words) or apposition:
            return m
    return None


# People named by their work, with the sector their work puts them in, whose
# country a "from"/"affiliated with" phrase can give.
AGENT_NOUNS: dict[str, str | None] = {
    "doctor": "MED",
    "physician": "MED",
    "nurse": "MED",
    "medic": "MED",
    "surgeon": "MED",
    "worker": None,
    "employee": None,
    "member": None,
    "volunteer": None,
    "activist": None,
    "staff": None,
    "expert": None,
    "engineer": None,
    "teacher": None,
    "student": None,
    "scientist": None,
    "lawyer": None,
    "journalist": None,
    "reporter": None,
    "official": "GOV",
    "diplomat": "GOV",
    "delegate": "GOV",
    "envoy": "GOV",
    "inspector": "GOV",
    "observer": None,
    "monitor": None,
    "soldier": "MIL",
    "troop": "MIL",
    "officer": None,
}
# Participles that tie people to a body: "workers affiliated with the union".
_AFFILIATED = {"affiliate", "affiliated", "associate", "associated", "link", "linked", "belong"}


def _agents(doc: Any, mention_at: dict[int, Mention], taken: set[int]) -> list[tuple[Any, Mention]]:
    """Agent nouns no mention covers whose "from"/"affiliated with" phrase names a
    body or country, with the mention that places them."""
    out: list[tuple[Any, Mention]] = []
    for t in doc:
        if t.i in taken or t.pos_ != "NOUN" or t.lemma_.lower() not in AGENT_NOUNS:
            continue
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "from"]
        for acl in t.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in _AFFILIATED:
                preps += [
                    c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                ]
        for prep in preps:
            # The object and its modifiers only, not clauses about it.
            queue = [c for c in prep.children if c.dep_ == "pobj"]
            found = None
            while queue and found is None:
                o = queue.pop(0)
                m = mention_at.get(o.i)
                if m is not None and m.country:
                    found = m
                queue += [c for c in o.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
            if found is not None:
                out.append((t, found))
                break
    return out


def _is_subject(doc: Any, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _title_evidence(
    doc: Any, span: Any, title: Title, mention_at: dict[int, Mention]
) -> Evidence | None:
    """The country (and qualifying words) of a title: a mention just before it
    ("Russian", "the Kremlin", "Russia's", "U.S."), or after "of"/"for" ("the
    President of Russia"). None when the qualifier is not a state ("the company's
    spokesman")."""
    qualifier: Mention | None = None
    i = span.start - 1
    steps = 0
    while i >= 0 and steps < 4:
        t = doc[i]
        if i in mention_at:
            qualifier = mention_at[i]
            break
        if t.text in _POSSESSIVE or (t.pos_ in ("ADJ", "PROPN", "NOUN") and t.head.i >= span.start):
            i -= 1
            steps += 1
            continue
        break
    if qualifier is None and span.end + 1 < len(doc) and doc[span.end].lower_ in ("of", "for"):
        j = span.end + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        qualifier = mention_at.get(j)
        if qualifier is None and doc[j].pos_ in ("PROPN", "NOUN"):
            return None
    if qualifier is None:
        return Evidence(title=title)
    if qualifier.type not in ("GPE", "PERSON") and qualifier.sector not in (
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "SPY",
    ):
        return None
    if qualifier.country is None:
        return None
    return Evidence(
        country=qualifier.country,
        title=title,
        qualifier=_strip(qualifier.text),
        org=qualifier.entity_id if qualifier.type == "ORG" else None,
    )


def _subject_antecedent(doc: Any, pronoun: Any, people: Sequence[Mention]) -> Mention | None:
    """The person a subject pronoun stands for: the last main-clause subject in its
    own sentence before it, else in the sentence before; else the only person named
    in those two sentences. Never a guess between two people."""
    sent = pronoun.sent
    sentences = [(sent.start_char, pronoun.idx)]
    if sent.start > 0:
        prev = doc[sent.start - 1].sent
        sentences.append((prev.start_char, prev.end_char))
    for lo, hi in sentences:
        main = [
            m
            for m in people
            if lo <= m.start < hi and _is_subject(doc, m) and _in_main_clause(doc, m)
        ]
        if main:
            return main[-1]
    lo = sentences[-1][0]
    window = [m for m in people if lo <= m.start < pronoun.idx]
    if window and len({m.entity_id for m in window}) == 1:
        return window[-1]
    return None


def _in_main_clause(doc: Any, m: Mention) -> bool:
    """The mention is the subject of its sentence's main verb, or of a verb
    coordinated with it ("Putin said ... and added ...")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


@register
class Actors:
    """Resolved actor mentions for each article."""

    name: ClassVar[str] = "actors"
    version: ClassVar[str] = "7"
    requires: ClassVar[frozenset[str]] = frozenset({"doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(
        self, config: ActorsConfig | None = None, nlp_config: NlpConfig | None = None
    ) -> None:
        self.config = config or ActorsConfig()
        nlp = load_model((nlp_config or NlpConfig()).model)
        kb = load_kb(actor_files(self.config.files))
        self.resolver = Resolver(kb, nlp, self.config.min_score)

    def _one(self, article: Article) -> Article:
        return article.replace(
            mentions=tuple(resolve(article.doc, self.resolver, article.published))
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, self._one)
