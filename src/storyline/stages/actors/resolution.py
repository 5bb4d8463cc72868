"""Resolution of one parsed document: the ordered steps that turn spans into mentions.

:func:`resolve` runs the steps in a fixed order, each reading what the earlier ones
found: coordinated bodies sharing a plural head, knowledge-base names, titles and the
evidence they give the names after them, named entities, misspelt names NER missed,
countries for unknown actors, titles alone and pronouns, agent nouns, and people in
international offices. The order is the algorithm (a generic body takes the country
of the names resolved before it; a title refers back to the people before it), so the
steps share one :class:`_Resolution` rather than being reordered or run apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from storyline.ids import slug
from storyline.kb import KBEntry, KnowledgeBase, find_places, fold, name_key
from storyline.models import Mention
from storyline.stages.actors.classes import (
    OCCUPATION_NOUNS,
    faith_phrases,
    thing_words,
    unnamed_ngos,
)
from storyline.stages.actors.coref import (
    AGENT_NOUNS,
    _introduced,
    agents,
    cast_links,
    is_subject,
    office_name_before,
    subject_antecedent,
    title_evidence,
)
from storyline.stages.actors.matching import (
    HEADS,
    HONORIFICS,
    NAMED_AFTER,
    POSSESSIVE,
    SCORE_PLACE_VARIANT,
    SCORE_SURNAME_VARIANT,
    SCORE_TOWN,
    TOWN_DOMINANCE_CONTEXT,
    Evidence,
    Resolver,
    Title,
    strip,
    title_key,
    undirected,
)
from storyline.stages.actors.places import (
    BODY_NOUNS,
    BODY_QUALIFIERS,
    _stance,
    compound_group,
    coordinated_country,
    faith_group,
    fronted_place,
    infer_countries,
    owner_country,
    place_after,
    sentence_government,
)

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
PRONOUNS = {"he", "she"}
# Party adjectives before a head of state's title: (country, party code in people.yaml).
PARTIES = {
    "democrat": ("USA", "D"),
    "democratic": ("USA", "D"),
    "republican": ("USA", "R"),
}
# Plural heads shared by coordinated bodies ("the State and Treasury Departments").
PLURAL_HEADS = {"departments": "Department", "ministries": "Ministry"}


def _group_kind(kb: KnowledgeBase, text: str) -> tuple[str, str | None]:
    """A group's type and sector: a religious group is NORP of sector REL (CAMEO's
    religious actors); any other people is placed like the state it lives in (GPE)."""
    return ("NORP", "REL") if faith_group(kb, text) else ("GPE", None)


def _sector_from_words(text: str) -> str | None:
    for word in reversed(text.lower().split()):
        if word in SECTOR_WORDS:
            return SECTOR_WORDS[word]
    return None


def _is_context_only(kb: KnowledgeBase, surface: str) -> bool:
    found = kb.lookup(surface)
    return bool(found) and all(kind == "context" for _, kind in found)


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


def resolve(doc: Any, resolver: Resolver, published: str | None) -> list[Mention]:
    """The actor mentions of one parsed document, in text order."""
    r = _Resolution(doc, resolver, published)
    ents, kb_by_token, wrapped = _candidates(r)
    _plural_heads(r)
    _kb_names(r, ents, wrapped)
    evidence_at, standalone = _titles(r, ents)
    _entities(r, ents, kb_by_token, evidence_at)
    _igo_officers(r)
    _missed_names(r)
    _things(r)
    _generic_bodies(r)
    _shared_heads(r)
    _compound_groups(r)
    _place_unknowns(r)
    _towns_in_phrase(r)
    _occupations(r)
    _faith_phrases(r)
    _unnamed_ngos(r)
    _standalone(r, standalone)
    _linked_bodies(r)
    _placed_agents(r)
    _international(r)
    mentions = r.mentions
    mentions.sort(key=lambda m: m.start)
    return mentions


class _Resolution:
    """One document's resolution in progress: its knowledge-base spans and the
    countries they name (the article's context), and the mentions found so far,
    indexed by token. Each step unpacks the fields it uses into locals of the same
    names, so that its code reads as it did when all steps were one function."""

    def __init__(self, doc: Any, resolver: Resolver, published: str | None) -> None:
        self.doc = doc
        self.resolver = resolver
        self.published = published
        self.kb = kb = resolver.kb
        # Titles first: the knowledge-base names are screened with them ("Maria Putin").
        self.title_spans = resolver.title_spans(doc)
        self.kb_spans = kb_spans = resolver.kb_spans(doc, self.title_spans)
        self.context: Counter[str] = Counter()
        # Countries whose capital the article names: which "Congo" it means.
        self.seats: Counter[str] = Counter()
        for _span, surface in kb_spans:
            if kb.dated(surface):
                continue  # counted below, once the other names say which it is
            for e, kind in kb.lookup(surface):
                if kind != "context" and e.country:
                    self.context[e.country] += 1
                if kind == "capital" and e.country:
                    self.seats[e.country] += 1
        for _span, surface in kb_spans:
            if kb.dated(surface):
                chosen = resolver.choose(surface, self.context, on=published, seats=self.seats)
                if chosen is not None and chosen[0].country:
                    self.context[chosen[0].country] += 1
        self.mentions: list[Mention] = []
        self.taken: set[int] = set()
        self.country_at: dict[int, str] = {}
        self.mention_at: dict[int, Mention] = {}

    def add(
        self,
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
        self.mentions.append(m)
        self.taken.update(range(span.start, span.end))
        for i in range(span.start, span.end):
            self.mention_at[i] = m
            if country:
                self.country_at[i] = country
        return m

    def drop(self, m: Mention) -> None:
        """Take a mention back, freeing its tokens for another reading."""
        self.mentions.remove(m)
        for i in [i for i, x in self.mention_at.items() if x is m]:
            del self.mention_at[i]
            self.taken.discard(i)
            self.country_at.pop(i, None)


# Verbs of saying: a place rarely says anything unless it is a seat of government.
SPEECH_VERBS = {"say", "tell", "add", "announce", "state", "insist", "warn", "declare", "reply"}


def _named_person(doc: Any, ent: Any) -> bool:
    """A place-tagged name that is a person's: a given name before it that no entity
    covers ("Kenzo Oshima"), or a one-word name that is the subject of a verb of
    saying ("Oshima said") when no country or region of that name is known."""
    first = doc[ent.start]
    if ent.start > 0:
        given = doc[ent.start - 1]
        if (
            given.is_title
            and given.pos_ == "PROPN"
            and given.ent_type_ in ("", "PERSON")
            and given.i != given.sent.start - 1
            and given.head.i in range(ent.start, ent.end)
            and given.dep_ in ("compound", "flat")
        ):
            return True
    if first.ent_type_ == "PERSON":
        return True
    root = ent.root
    # Known countries and capitals never get here: they are knowledge-base names.
    return len(ent) == 1 and root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def _candidates(r: _Resolution) -> tuple[list[Any], dict[int, tuple[Any, str]], set[int]]:
    """The named entities to resolve, the knowledge-base span at each token, and the
    tokens of organisations that wrap a bare country word."""
    doc, kb, kb_spans = r.doc, r.kb, r.kb_spans
    # NER cuts titles in two ("British Defence" + "Defence Secretary Tom King"): an
    # entity that ends inside a title is a fragment, and the title's words its own.
    title_tokens = {i for s, _t in r.title_spans for i in range(s.start, s.end)}
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
        if ent.label_ == "PERSON" or kb.lookup(ent.text) or kb.lookup(strip(ent.text)):
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
    return ents, kb_by_token, wrapped


def _plural_heads(r: _Resolution) -> None:
    doc, resolver, published, context, add = r.doc, r.resolver, r.published, r.context, r.add
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


def _kb_names(r: _Resolution, ents: list[Any], wrapped: set[int]) -> None:
    doc, resolver, published, kb, kb_spans, context, mentions, taken, country_at, add = (
        r.doc,
        r.resolver,
        r.published,
        r.kb,
        r.kb_spans,
        r.context,
        r.mentions,
        r.taken,
        r.country_at,
        r.add,
    )
    # 1. Knowledge-base names; generic body names once the others give their countries.
    ordered = sorted(kb_spans, key=lambda ss: _is_context_only(kb, ss[1]))
    for span, surface in ordered:
        if span.start in wrapped or any(i in taken for i in range(span.start, span.end)):
            continue
        prev = span.start - 1
        if prev >= 0 and doc[prev].text in POSSESSIVE:
            prev -= 1
        near = country_at.get(prev)
        if near is None and _is_context_only(kb, surface):
            # "Romania's new government": the body's own possessor or modifier
            # wins over any other country in the sentence (#4).
            near = owner_country(span, country_at)
        if near is None and _is_context_only(kb, surface):
            near = (
                coordinated_country(span, country_at)
                or place_after(span, kb_spans, kb)
                or fronted_place(span, kb_spans, kb)
                or sentence_government(span, mentions)
            )
        chosen = resolver.choose(surface, context, near, published, r.seats)
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
            if named is not None and named[-1].lower_ not in NAMED_AFTER:
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
            while q >= 0 and (doc[q].dep_ == "amod" or doc[q].text in POSSESSIVE):
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
            # A generic body the knowledge base lacks ("Kenya's parliament") is local.
            100.0 if entry.id in kb.entries else 50.0,
        )


def _titles(
    r: _Resolution, ents: list[Any]
) -> tuple[dict[int, Evidence], list[tuple[Any, Title, Evidence, bool]]]:
    """Titles before names give those names evidence; titles alone are returned for
    step 4."""
    doc, kb, kb_spans, mentions, taken, country_at, mention_at = (
        r.doc,
        r.kb,
        r.kb_spans,
        r.mentions,
        r.taken,
        r.country_at,
        r.mention_at,
    )
    # 2. Titles: the country or body that qualifies each, and whether a name follows.
    person_starts = {e.start for e in ents if e.label_ == "PERSON"}
    person_starts |= {
        s.start for s, surf in kb_spans if any(e.type == "PERSON" for e, _ in kb.lookup(surf))
    }
    evidence_at: dict[int, Evidence] = {}  # first token of a name -> its title's evidence
    standalone: list[tuple[Any, Title, Evidence, bool]] = []
    for span, title in r.title_spans:
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
        if party is not None and title.roles & HEADS:
            ev: Evidence | None = Evidence(country=party[0], title=title, party=party[1])
        else:
            ev = title_evidence(doc, span, title, mention_at)
        if absorbed is not None and ev is not None and absorbed.country:
            ev = Evidence(absorbed.country, title, strip(absorbed.text), absorbed.entity_id)
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
    return evidence_at, standalone


def _entities(
    r: _Resolution,
    ents: list[Any],
    kb_by_token: dict[int, tuple[Any, str]],
    evidence_at: dict[int, Evidence],
) -> None:
    doc, resolver, published, kb, context, mentions, taken, country_at, add = (
        r.doc,
        r.resolver,
        r.published,
        r.kb,
        r.context,
        r.mentions,
        r.taken,
        r.country_at,
        r.add,
    )
    # 3. Named entities: people (with their title's evidence), then the rest.
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = strip(ent.text)
        if not text:
            continue
        if ent.label_ == "PERSON":
            after = resolver.named_after(doc, ent)
            if after == "thing":
                continue  # "Ronald Reagan Washington National Airport", "USS X"
            if after == "namesake":  # "X, a midfielder": someone else of that name
                local = f"person:{slug(text)}"
                # Not the known person's own id (people without a QID have this one).
                local += "-namesake" if local in kb.entries else ""
                add(ent, local, text, "PERSON", None, None, 50.0)
                continue
            if fold(text) in kb.groups:
                # NER takes some peoples for persons ("the Hutu majority").
                type_, sector = _group_kind(kb, text)
                add(ent, f"group:{slug(text)}", text, type_, None, sector, 50.0)
                continue
            if len(text.split()) == 1 and ent.start > 0:
                given = doc[ent.start - 1]
                if (
                    given.is_title
                    and given.pos_ == "PROPN"
                    and given.head.i == ent.root.i
                    and given.i not in taken
                    and given.i != given.sent.start - 1
                    and not kb.lookup(given.text)
                    and given.lower_ not in HONORIFICS
                ):
                    # NER cut the given name off ("Kenzo" + "Oshima"): the full name.
                    ent = doc[ent.start - 1 : ent.end]
                    text = strip(ent.text)
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
            # Without a country of his own, the sentence may give one (infer_countries).
            add(ent, f"person:{slug(text)}", text, "PERSON", ev.country, None, 50.0)
        else:
            if ent.label_ in ("ORG", "GPE") and ent[0].lower_ in HONORIFICS:
                # NER calls a titled name an organisation ("Der Präsident X Y"), and
                # may cut the surname off: the name words after the titles.
                start = ent.start
                while start < ent.end and doc[start].lower_ in HONORIFICS:
                    start += 1
                end = ent.end
                while end < len(doc) and end not in taken and doc[end].is_title:
                    end += 1
                person = (
                    resolver.fuzzy_person(doc[start:end].text, Evidence(), published)
                    if end - start >= 2
                    else None
                )
                if person is not None:
                    entry, score = person
                    add(doc[start:end], entry.id, entry.name, "PERSON", entry.country,
                        entry.sector_on(published), score)  # fmt: skip
                    continue
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
            if inner is None and (
                fold(text) in kb.groups or (ent.label_ == "NORP" and faith_group(kb, text))
            ):
                type_, sector = _group_kind(kb, text)
                add(ent, f"group:{slug(text)}", text, type_, None, sector, 50.0)
                continue
            if (
                inner is None
                and ent.label_ in ("GPE", "LOC", "FAC", "NORP")
                and _named_person(doc, ent)
            ):
                # "Kenzo Oshima": a surname after a given name, or a speaker, is not
                # the town of that name (#4).
                add(ent, f"person:{slug(text)}", text, "PERSON", None, None, 50.0)
                continue
            if inner is None and ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
                town = resolver.town(undirected(text), doc, ent, mentions)
                if town is not None:
                    place, score = town
                    add(ent, place.id, place.name, "GPE", place.country, None, score)
                    continue
            if inner is None and ent.label_ in ("GPE", "NORP", "LOC"):
                found = resolver.fuzzy_place(undirected(text))
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


def _igo_officers(r: _Resolution) -> None:
    """People NER left inside an organisation's name ("UN Emergency Relief
    Coordinator Jane Roe" as one ORG): a run of two or more name words after an
    international office act for that organisation (#4)."""
    doc, resolver, published, kb, taken, mention_at, add = (
        r.doc,
        r.resolver,
        r.published,
        r.kb,
        r.taken,
        r.mention_at,
        r.add,
    )
    i = 0
    while i < len(doc):
        end = i
        while (
            end < len(doc)
            and end not in taken
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].is_alpha
        ):
            end += 1
        if end - i >= 2 and office_name_before(doc, i, mention_at, kb):
            span = doc[i:end]
            found = resolver.fuzzy_person(span.text, Evidence(), published)
            if found is not None:
                person, score = found
                add(span, person.id, person.name, "PERSON", None, "IGO", score)
            else:
                add(span, f"person:{slug(span.text)}", span.text, "PERSON", None, "IGO", 50.0)
        i = max(end, i + 1)


def _missed_names(r: _Resolution) -> None:
    doc, resolver, kb, taken, add = r.doc, r.resolver, r.kb, r.taken, r.add
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


def _things(r: _Resolution) -> None:
    """A nationality on a language or a thing ("the Russian language") and a region
    on a relation ("its European partners") name no actor (#5)."""
    for m in thing_words(r.doc, r.mentions, r.kb):
        r.drop(m)


def _faith_phrases(r: _Resolution) -> None:
    """A group named by a faith is its noun phrase ("Moslem forces in east Bosnia"),
    placed by its own place phrase when it is an organised group (#5)."""
    for m, phrase, country in list(faith_phrases(r.doc, r.mentions, r.kb, r.mention_at)):
        r.drop(m)
        r.add(phrase, f"group:{slug(phrase.text)}", phrase.text, m.type, country, m.sector, 50.0)


def _unnamed_ngos(r: _Resolution) -> None:
    """Bodies named only by their cause ("a human rights group", "aid agencies") are
    non-governmental organisations: CAMEO's class NGO, of the country their own
    phrase gives if any ("a Kenyan rights group"), else of none (#5)."""
    doc, at = r.doc, r.mention_at
    for span, country, inside in list(unnamed_ngos(doc, at, r.country_at)):
        if any(i in at and at[i] not in inside for i in range(span.start, span.end)):
            continue
        for m in inside:
            r.drop(m)
        owner = r.kb.country(country) if country else None
        noun = span[-1].lemma_.lower()
        name = f"{noun} ({owner.name})" if owner is not None else strip(span.text).lower()
        r.add(span, f"org:ngo-{slug(name)}", name, "ORG", country, "NGO", 50.0)


def _generic_bodies(r: _Resolution) -> None:
    """Bodies every state has, named by whose they are ("Israel's high court", "the
    Serbian parliament", "the Khartoum government"): that country's, with the
    sector of the noun, even when the knowledge base lists no such body (#4)."""
    doc, kb, mentions, taken, country_at, mention_at = (
        r.doc,
        r.kb,
        r.mentions,
        r.taken,
        r.country_at,
        r.mention_at,
    )
    for t in doc:
        sector = BODY_NOUNS.get(t.lower_)
        if sector is None:
            continue
        local = mention_at.get(t.i)
        if local is not None and (
            local.entity_id in kb.entries or local.country or fold(strip(local.text)) != t.lower_
        ):
            continue  # a known or placed body, or a longer name around the noun
        if local is None and t.i in taken:
            continue
        span = doc[t.i : t.i + 1]
        country = owner_country(span, country_at)
        if country is None:
            continue
        # Words that name another body stay with the noun ("high court", "military
        # government"); passing ones ("new", "interim") do not.
        start = t.i
        while (
            start - 1 >= 0
            and doc[start - 1].head.i == t.i
            and doc[start - 1].lower_ in BODY_QUALIFIERS
        ):
            start -= 1
        if local is not None:
            mentions.remove(local)
        body = doc[start : t.i + 1]
        owner = kb.country(country)
        where = owner.name if owner is not None else country
        r.add(
            body,
            f"org:{slug(where)}-{slug(body.text)}",
            f"{body.text.lower()} ({where})",
            "ORG",
            country,
            sector,
            50.0,
        )


def _nationality(r: _Resolution, token: Any, inside: Mention) -> str | None:
    """The country a word before a body noun names as its nationality: the body's own
    country for a word inside its name ("French" in "French troops"), else that of
    a country-word mention on it ("Kenyan")."""
    m = r.mention_at.get(token.i)
    if m is inside:
        return inside.country
    if (
        m is not None
        and m.type == "GPE"
        and m.country
        and (m.entity_id or "").startswith("country:")
    ):
        return m.country
    return None


def _shared_heads(r: _Resolution) -> None:
    """Nationalities coordinated on one body noun ("Ugandan and Kenyan police",
    "British and French troops") name one body per country, as CAMEO codes a joint
    act by each party. Each nationality word becomes its country's body (the
    knowledge base's for "<nationality> <noun>" when it has one), and the shared noun
    is left to the phrase: the events stage reads a group through its coordinated
    modifiers."""
    doc, kb = r.doc, r.kb
    for m in list(r.mentions):
        if m not in r.mentions or m.type != "ORG" or not m.country or not m.sector:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.pos_ != "NOUN" or head.i != span.end - 1:
            continue
        for mod in head.children:
            if mod.dep_ not in ("amod", "compound", "nmod") or mod.i > head.i:
                continue
            words = sorted([mod, *mod.conjuncts], key=lambda t: t.i)
            countries = [_nationality(r, w, m) for w in words]
            if len(words) < 2 or None in countries or len(set(countries)) < 2:
                continue
            r.drop(m)
            for w, country in zip(words, countries, strict=True):
                other = r.mention_at.get(w.i)
                if other is not None:
                    r.drop(other)
                if country is None:
                    continue  # cannot happen (checked above); narrows the type
                known = [
                    e
                    for e, kind in kb.lookup(f"{w.text} {head.text}")
                    if kind in ("name", "alias") and e.country == country
                ]
                if known:
                    e = known[0]
                    r.add(doc[w.i : w.i + 1], e.id, e.name, e.type, e.country, m.sector, 100.0)
                    continue
                owner = kb.country(country)
                where = owner.name if owner is not None else country
                r.add(
                    doc[w.i : w.i + 1],
                    f"org:{slug(where)}-{slug(head.text)}",
                    f"{head.lower_} ({where})",
                    "ORG",
                    country,
                    m.sector,
                    50.0,
                )
            break


# Nouns a town is introduced by ("the town of X", "X, a village in ...", "the
# Libyan port of X").
TOWN_NOUNS = frozenset(
    [
        "town", "city", "village", "port", "district", "county", "province", "region",
        "suburb", "municipality", "township", "hamlet", "area", "outskirts", "capital",
        "stronghold", "border town", "settlement", "camp", "island", "oasis",
    ]
)  # fmt: skip


def _phrase_place(r: _Resolution, noun: Any, own: Mention | None) -> str | None:
    """The country a place's own phrase names: a nationality on its noun ("the
    Somali port of X") or an "in"/"near" phrase after it ("X, a town in eastern
    Chad", "the town of X in Paktika province")."""
    for c in noun.children:
        m = r.mention_at.get(c.i)
        if (
            c.dep_ in ("amod", "compound", "nmod")
            and m is not None
            and m is not own
            and m.type == "GPE"
            and m.country
            and (m.entity_id or "").startswith("country:")
        ):
            return m.country
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "near", "inside"):
            continue
        for t in prep.subtree:
            m = r.mention_at.get(t.i)
            if m is not None and m is not own and m.type == "GPE" and m.country:
                return m.country
    return None


def _towns_in_phrase(r: _Resolution) -> None:
    """A town named with where it lies ("the town of X in eastern Chad", "X, a
    village in Niger", "the Somali port of X") is in that country, whatever namesake
    the gazetteer knows elsewhere: the writer's own placing beats a name match. A
    name the entity recogniser missed is a place when its phrase says so."""
    doc = r.doc
    for m in list(r.mentions):
        if m.type != "GPE" or not (m.entity_id or "").startswith(("geonames:", "gpe:")):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        nouns = [root]  # "X in Paktika province": the phrase on the name itself
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            nouns.append(root.head.head)  # "the town of X"
        nouns += [c for c in root.children if c.dep_ == "appos"]  # "X, a town in ..."
        country = None
        for noun in nouns:
            if noun is not root and noun.lemma_.lower() not in TOWN_NOUNS:
                continue
            country = _phrase_place(r, noun, m)
            if country is not None:
                break
        if country is None or country == m.country:
            continue
        # Not the gazetteer's namesake: a place of that country the KB does not list.
        new = replace(
            m, entity_id=f"gpe:{slug(m.text)}", name=strip(m.text), country=country, score=50.0
        )
        r.mentions[r.mentions.index(m)] = new
        for i in range(span.start, span.end):
            r.mention_at[i] = new
            r.country_at[i] = country
    for t in doc:
        if t.i in r.mention_at or t.pos_ != "PROPN" or not t.is_title or t.dep_ == "compound":
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            nouns = [t.head.head]  # "the town of X"
        else:
            nouns = [c for c in t.children if c.dep_ == "appos"]  # "X, a village in ..."
        nouns = [n for n in nouns if n.lemma_.lower() in TOWN_NOUNS and n.i not in r.mention_at]
        start = t.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        name = doc[start : t.i + 1]
        if not nouns or any(i in r.mention_at for i in range(name.start, name.end)):
            continue
        found = _phrase_place(r, nouns[0], None)
        if found is not None:
            r.add(name, f"gpe:{slug(name.text)}", name.text, "GPE", found, None, 50.0)


def _occupations(r: _Resolution) -> None:
    """People named by a nationality and their trade ("Nigerian dockworkers",
    "Ugandan and Kenyan farmers"): each nationality word becomes that country's
    people of that trade (a group mention, no state sector), not the state itself.
    The mention stays on the nationality word, so that the events stage still reads
    the group through its (coordinated) modifiers."""
    doc = r.doc
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in OCCUPATION_NOUNS or t.i in r.mention_at:
            continue
        for mod in t.children:
            if mod.dep_ not in ("amod", "compound", "nmod") or mod.i > t.i:
                continue
            for w in sorted([mod, *mod.conjuncts], key=lambda x: x.i):
                m = r.mention_at.get(w.i)
                span = doc[w.i : w.i + 1]
                if (
                    m is None
                    or m.type != "GPE"
                    or not m.country
                    or not (m.entity_id or "").startswith("country:")
                    or (m.start, m.end) != (span.start_char, span.end_char)
                    or _stance(doc, span)
                    # "ethnic Albanian villagers" are a people, not Albania's.
                    or (w.i > 0 and doc[w.i - 1].lower_ == "ethnic")
                ):
                    continue
                owner = r.kb.country(m.country)
                where = owner.name if owner is not None else m.country
                noun = t.lower_ if t.tag_ == "NNS" else str(t.lemma_).lower()
                r.drop(m)
                r.add(
                    span,
                    f"group:{slug(where)}-{slug(noun)}",
                    f"{noun} ({where})",
                    "GPE",
                    m.country,
                    None,
                    50.0,
                )


def _compound_groups(r: _Resolution) -> None:
    """ "Bosnian Serbs", "Kosovo Albanians", "Croatian Serb refugees": the people the
    second word names, living where the first says; one group mention (#4)."""
    doc, kb, mentions, mention_at = r.doc, r.kb, r.mentions, r.mention_at
    for found in compound_group(doc, kb, mention_at):
        span, country = found
        for m in {
            id(m): m for i in range(span.start, span.end) if (m := mention_at.get(i))
        }.values():
            mentions.remove(m)
            for i in [i for i, x in mention_at.items() if x is m]:
                del mention_at[i]
        type_, sector = _group_kind(kb, span.text)
        r.add(span, f"group:{slug(span.text)}", span.text, type_, country, sector, 50.0)


def _place_unknowns(r: _Resolution) -> None:
    doc, kb, mentions, country_at, mention_at = r.doc, r.kb, r.mentions, r.country_at, r.mention_at
    # Unknown actors without a country of their own take the one their sentence is
    # about; groups living in another country than their name's take that one.
    mentions[:] = infer_countries(doc, mentions, kb)
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


def _standalone(r: _Resolution, standalone: list[tuple[Any, Title, Evidence, bool]]) -> None:
    doc, resolver, published, context, mentions, taken, add = (
        r.doc,
        r.resolver,
        r.published,
        r.context,
        r.mentions,
        r.taken,
        r.add,
    )
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
            antecedent = subject_antecedent(doc, span[0], people)
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
            named = [m for m in before if not is_subject(doc, m)]
            named += [m for m in before if is_subject(doc, m)]
        else:
            named = people
        introduced = _introduced(doc.text, span.text, ev.country, before)
        if introduced is not None and ev.party is not None:
            # "the Democrat president" is not the Republican the article introduced.
            entry = resolver.kb.entries.get(introduced.entity_id)
            if entry is None or entry.party != ev.party:
                introduced = None
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
            _role_mention(r, span, office, ev)
            continue
        entry, score = found
        add(span, entry.id, entry.name, "PERSON", entry.country, entry.sector_on(published), score)


def _role_mention(r: _Resolution, span: Any, office: Title, ev: Evidence) -> None:
    """A state office whose holder the knowledge base does not know on the article's
    date ("the Peruvian defence minister" in 1995) still names an actor: that
    country's official, as CAMEO codes an unnamed minister by country and sector
    (PERGOV). Offices of bodies and bare "the minister" (which only refers back) name
    no one without a holder."""
    if ev.country is None or office.body or office.anaphoric or ev.party is not None:
        return
    owner = r.kb.country(ev.country)
    if owner is None:
        return
    title = title_key(span.text)
    r.add(
        span,
        f"role:{ev.country}:{slug(title)}",
        f"{title} ({owner.name})",
        "PERSON",
        ev.country,
        "GOV",
        50.0,
    )


def _placed_agents(r: _Resolution) -> None:
    doc, taken, mention_at, add = r.doc, r.taken, r.mention_at, r.add
    # "Doctors from two American aid groups": the people a national phrase places.
    for agent, placed in agents(doc, mention_at, taken):
        add(
            doc[agent.i : agent.i + 1],
            f"group:{slug(placed.name)}-{slug(agent.lemma_)}",
            f"{agent.lower_} ({placed.name})",
            "GPE",
            placed.country,
            AGENT_NOUNS[agent.lemma_.lower()] or placed.sector,
            min(placed.score, 50.0),
        )


def _international(r: _Resolution) -> None:
    published, kb, mentions = r.published, r.kb, r.mentions
    mentions[:] = cast_links(r.doc, mentions, kb)
    # Someone in an international office acts for that organisation, not his country.
    for i, m in enumerate(mentions):
        holder = kb.entries.get(m.entity_id or "")
        if holder is not None and kb.igo_office(holder, published) is not None:
            mentions[i] = replace(m, country=None, sector="IGO")
        elif holder is not None and international(holder):
            # NATO (MIL), the ICC (JUD): the function is the entry's sector; the
            # actor's class is an international organisation's, as CAMEO codes
            # NATO IGO first (IGOWSTMIL).
            mentions[i] = replace(m, sector="IGO")
        elif holder is None and m.sector == "IGO":
            # A person or body placed in an international office by the text; the
            # sentence's country (infer_countries) is not theirs.
            mentions[i] = replace(m, country=None)


def international(entry: KBEntry) -> bool:
    """An intergovernmental body of the knowledge base: an organisation of no one
    country that is not a non-governmental or armed group."""
    # Only a state function makes a body of no country intergovernmental: a company
    # or outlet of no one country (a user's or Wikidata's BUS, MED) is no IGO.
    return entry.type == "ORG" and entry.country is None and entry.sector in _STATE_SECTORS


_STATE_SECTORS = {"IGO", "GOV", "MIL", "JUD", "LEG", "COP", "SPY"}
# Words of an apposition that make the body a company or a charity, whatever it is
# linked to ("X, an association of firms linked to the EU").
_PRIVATE_WORDS = {
    "company", "companies", "firm", "firms", "business", "businesses", "corporation",
    "charity", "charities", "ngo", "ngos", "nonprofit", "non-profit", "lobby", "bank",
    "banks", "insurer", "manufacturer", "foundation",
}  # fmt: skip


# Nouns of an apposition that make an unknown organisation part of another ("X, a
# body linked to the UN", "X, an agency of the African Union").
_BODY_APPOSITIONS = {
    "body", "agency", "organisation", "organization", "arm", "branch", "affiliate",
    "offshoot", "panel", "committee", "commission", "network", "group", "unit",
    "office", "organ", "association", "institution",
}  # fmt: skip


def _linked_bodies(r: _Resolution) -> None:
    """An organisation the knowledge base does not list, described in apposition as
    a body of an international one ("X, a body linked to the United Nations";
    "members of X, a body ..."), is of that class: no country, sector IGO (#4)."""
    doc, kb, mentions, at = r.doc, r.kb, r.mentions, r.mention_at
    for n, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or m.type != "ORG" or m.entity_id in kb.entries:
            continue
        heads = [span.root]
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            heads.append(root.head.head)  # "members of X, a body ...": X's apposition
        for appos in (c for h in heads for c in h.children if c.dep_ == "appos"):
            if appos.lemma_.lower() not in _BODY_APPOSITIONS or appos.i < span.end:
                continue
            # The apposition's own phrase only (its modifiers and prepositions).
            words = [t for t in appos.subtree if t.i >= appos.i and t.dep_ != "relcl"]
            if any(t.lower_ in _PRIVATE_WORDS for t in words):
                break
            linked = {id(at[t.i]): at[t.i] for t in words if t.i in at}
            if any(
                (e := kb.entries.get(x.entity_id or "")) is not None and international(e)
                for x in linked.values()
            ):
                mentions[n] = new = replace(m, country=None, sector="IGO")
                for i in range(span.start, span.end):
                    at[i] = new
                    r.country_at.pop(i, None)
                break
