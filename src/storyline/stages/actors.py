"""Actors: find who and what is named in each article and resolve it to an entity.

Two sources of candidates are merged: the knowledge base's names (exact, via a
spaCy PhraseMatcher) and spaCy's named entities. Names the knowledge base knows
win; unknown people are matched to known ones with a spelling-tolerant score
(``Sergey Rjabkov`` -> Sergei Ryabkov) above a threshold that keeps false links
out; the rest become local entities whose country comes from their modifiers
("Russian Deputy Foreign Minister X", "X, a Ukrainian lawmaker").
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

from storyline.config import ActorsConfig, NlpConfig
from storyline.ids import slug
from storyline.kb import KBEntry, KnowledgeBase, load_kb
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


def _strip(text: str) -> str:
    for p in _POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip(" ,.;:")


class Resolver:
    """Everything needed to resolve one document's mentions; built once per stage."""

    def __init__(self, kb: KnowledgeBase, nlp: Any, min_score: float) -> None:
        from spacy.matcher import PhraseMatcher

        self.kb = kb
        self.min_score = min_score
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for surface in kb.aliases:
            variants = {surface, surface[:1].upper() + surface[1:]}
            self.matcher.add(surface, [nlp.make_doc(v) for v in variants])
        self.person_names: dict[str, str] = {}
        for entry in kb.people():
            for surface, aliases in kb.aliases.items():
                if len(surface.split()) >= 2 and any(a.entry_id == entry.id for a in aliases):
                    self.person_names[surface.lower()] = entry.id

    # -- knowledge-base spans -------------------------------------------------
    def kb_spans(self, doc: Any) -> list[tuple[Any, str]]:
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = doc.vocab.strings[match_id]
            spans.append(span)
        return [(s, s.label_) for s in filter_spans(spans)]

    def choose(
        self, surface: str, context: Counter[str], near: str | None = None
    ) -> tuple[KBEntry, str] | None:
        """The entry a surface form names here.

        A name that only identifies a body within a country ("the Ministry of
        Finance", "lawmakers") goes to the country named right before it ("Russian
        lawmakers"), else to the country the article is most about, else nowhere.
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
    def fuzzy_person(self, text: str) -> tuple[KBEntry, float] | None:
        from rapidfuzz import fuzz, process

        parts = text.split()
        if len(parts) < 2 or not self.person_names:
            return None
        hit = process.extractOne(text.lower(), list(self.person_names), scorer=fuzz.ratio)
        if hit is None or hit[1] < self.min_score:
            return None
        cand = hit[0].split()
        # Surnames must agree too: "Donald Tusk" is not "Donald Trump".
        if fuzz.ratio(cand[-1], parts[-1].lower()) < 75:
            return None
        return self.kb.entries[self.person_names[hit[0]]], float(hit[1])

    # -- context ---------------------------------------------------------------
    def context_country(self, span: Any, country_at: dict[int, str]) -> str | None:
        """A country named in the span's modifiers or apposition ("Russian ... X")."""
        root = span.root
        tokens = [t for t in root.subtree if t.i < span.start or t.i >= span.end]
        if root.dep_ == "appos" or (
            root.head.dep_ != "ROOT" and root.head.pos_ in ("NOUN", "PROPN")
        ):
            tokens += [t for t in root.head.subtree if t.i < span.start or t.i >= span.end][:12]
        for t in tokens:
            if t.i in country_at:
                return country_at[t.i]
        return None


def _sector_from_words(text: str) -> str | None:
    for word in reversed(text.lower().split()):
        if word in SECTOR_WORDS:
            return SECTOR_WORDS[word]
    return None


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

    def add(
        span: Any,
        entry_id: str,
        name: str,
        type_: str,
        country: str | None,
        sector: str | None,
        score: float,
    ) -> None:
        mentions.append(
            Mention(
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
        )
        taken.update(range(span.start, span.end))
        if country:
            for i in range(span.start, span.end):
                country_at[i] = country

    ents = [e for e in doc.ents if e.label_ in NER_LABELS]
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

    for span, surface in kb_spans:
        if span.start in wrapped:
            continue
        prev = span.start - 1
        if prev >= 0 and doc[prev].text in ("'s", "’s"):
            prev -= 1
        chosen = resolver.choose(surface, context, country_at.get(prev))
        if chosen is None:
            continue
        entry, kind = chosen
        add(
            span,
            entry.id,
            entry.name,
            entry.type,
            entry.country,
            entry.sector_on(published) if kind != "capital" else "GOV",
            100.0,
        )

    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = _strip(ent.text)
        if not text:
            continue
        if ent.label_ == "PERSON":
            entry_score = None
            if len(text.split()) == 1:
                # A surname alone refers to the person named in full earlier.
                for m in reversed(mentions):
                    if m.type == "PERSON" and m.name.split()[-1] == text:
                        add(ent, m.entity_id, m.name, "PERSON", m.country, m.sector, m.score)
                        break
                else:
                    entry_score = None
                continue
            entry_score = resolver.fuzzy_person(text)
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
            country = resolver.context_country(ent, country_at)
            add(ent, f"person:{slug(text)}", text, "PERSON", country, None, 50.0)
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
                    (e.country for surf in surfaces for e, _ in kb.lookup(surf) if e.country), None
                )
            type_ = (
                "GPE"
                if ent.label_ in ("GPE", "NORP")
                else ("LOC" if ent.label_ == "LOC" else "ORG")
            )
            add(
                ent,
                f"{type_.lower()}:{slug(text)}",
                text,
                type_,
                inner,
                _sector_from_words(text) if type_ == "ORG" else None,
                50.0,
            )
    mentions.sort(key=lambda m: m.start)
    return mentions


@register
class Actors:
    """Resolved actor mentions for each article."""

    name: ClassVar[str] = "actors"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(
        self, config: ActorsConfig | None = None, nlp_config: NlpConfig | None = None
    ) -> None:
        self.config = config or ActorsConfig()
        nlp = load_model((nlp_config or NlpConfig()).model)
        self.resolver = Resolver(load_kb(), nlp, self.config.min_score)

    def _one(self, article: Article) -> Article:
        return article.replace(
            mentions=tuple(resolve(article.doc, self.resolver, article.published))
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, self._one)
