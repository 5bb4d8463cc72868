"""In-article coreference: what titles, pronouns and agent nouns refer back to.

An article introduces its cast ("Mexico's foreign minister, Julia Serrano") and
then refers to them by title ("the foreign minister") or pronoun ("she"). These
helpers find the evidence a title carries (the country or body qualifying it), the
person an article introduced with a title, the main-clause subject a subject
pronoun stands for, and the people an agent noun's "from" phrase places ("doctors
from two American aid groups"). They never guess between two people: no antecedent
is better than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.kb import KnowledgeBase
from storyline.models import Mention
from storyline.stages.actors.matching import (
    POSSESSIVE,
    Evidence,
    Title,
    body_title,
    mention_spans,
    strip,
)


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
# Agent nouns that an "of" phrase ties to a body ("members of X", "staff of X").
_MEMBERS = {"member", "staff", "employee"}
# Participles that tie people to a body: "workers affiliated with the union".
_AFFILIATED = {"affiliate", "affiliated", "associate", "associated", "link", "linked", "belong"}


def agents(doc: Any, mention_at: dict[int, Mention], taken: set[int]) -> list[tuple[Any, Mention]]:
    """Agent nouns no mention covers whose "from"/"affiliated with" phrase names a
    body or country, with the mention that places them."""
    out: list[tuple[Any, Mention]] = []
    for t in doc:
        if t.i in taken or t.pos_ != "NOUN" or t.lemma_.lower() not in AGENT_NOUNS:
            continue
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "from"]
        if t.lemma_.lower() in _MEMBERS:
            preps += [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
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
                if m is not None and (m.country or m.sector == "IGO"):
                    found = m
                queue += [c for c in o.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
            if found is not None:
                out.append((t, found))
                break
    return out


def is_subject(doc: Any, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def title_evidence(
    doc: Any, span: Any, title: Title, mention_at: dict[int, Mention]
) -> Evidence | None:
    """The country (and qualifying words) of a title: a mention just before it
    ("Russian", "the Kremlin", "Russia's", "U.S."), or after "of"/"for" ("the
    President of Russia"). None when the qualifier is not a state ("the company's
    spokesman")."""
    qualifier: Mention | None = None
    i = span.start - 1
    steps = 0
    unknown = False  # a name qualifies the title that is no actor we know
    while i >= 0 and steps < 4:
        t = doc[i]
        if i in mention_at:
            qualifier = mention_at[i]
            break
        if t.text in POSSESSIVE or (t.pos_ in ("ADJ", "PROPN", "NOUN") and t.head.i >= span.start):
            unknown = unknown or (
                t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in ("GPE", "NORP")
            )
            i -= 1
            steps += 1
            continue
        break
    if qualifier is None and unknown:
        # "Commission President X", "Vice President X": whose office, or which, is
        # not one the title alone says.
        return None
    if qualifier is None and span.end + 1 < len(doc) and doc[span.end].lower_ in ("of", "for"):
        j = span.end + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        qualifier = mention_at.get(j)
        if qualifier is None and doc[j].pos_ in ("PROPN", "NOUN"):
            return None
    if qualifier is None:
        # "the chief", "the opposition leader": no office without its body or state.
        return None if title.body or title.qualified else Evidence(title=title)
    if qualifier.type == "ORG" and qualifier.country is None:
        # "the NATO secretary-general", "the UN spokesman": an international office,
        # held for the organisation, not for a country.
        office = body_title(title)
        if office is None:
            return None
        return Evidence(title=office, qualifier=strip(qualifier.text), org=qualifier.entity_id)
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
    if title.body and qualifier.type != "ORG":
        return None  # "the Russian chief": whose chief is unsaid
    return Evidence(
        country=qualifier.country,
        title=title,
        qualifier=strip(qualifier.text),
        org=qualifier.entity_id if qualifier.type == "ORG" else None,
    )


def subject_antecedent(doc: Any, pronoun: Any, people: Sequence[Mention]) -> Mention | None:
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
            if lo <= m.start < hi and is_subject(doc, m) and _in_main_clause(doc, m)
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
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


# Words of an international office after or before its organisation's name.
_OFFICE_WORDS = {
    "secretary", "general", "director", "managing", "chief", "head", "president",
    "chair", "chairman", "chairwoman", "chairperson", "commissioner", "high",
    "representative", "foreign", "policy", "spokesman", "spokeswoman", "spokesperson",
    "envoy", "special", "boss", "leader", "-",
}  # fmt: skip


# Nouns that end an office's name before a person's ("UN mediator X", "UN Emergency
# Relief Coordinator X"): the words between them and the organisation describe it.
_OFFICE_HEADS = {
    "mediator", "coordinator", "envoy", "negotiator", "rapporteur", "inspector",
    "administrator", "prosecutor", "commander", "commissioner", "representative",
    "official", "spokesman", "spokeswoman", "spokesperson", "secretary", "general",
    "director", "chief", "head", "president", "chairman", "chairwoman", "chair",
    "chairperson", "observer", "monitor", "ambassador", "adviser", "advisor",
    "investigator", "expert", "judge", "delegate", "boss", "leader",
}  # fmt: skip
# How many words an office's name may have between its organisation and its head.
_OFFICE_SPAN = 4


def office_name_before(doc: Any, end: int, at: dict[int, Mention], kb: KnowledgeBase) -> bool:
    """Whether the words before token ``end`` are an international office: an
    international organisation, then up to four words ending in an office noun
    ("U.N. mediator", "UN Emergency Relief Coordinator", "NATO's top commander")."""
    i = end - 1
    if i < 0 or doc[i].lower_ not in _OFFICE_HEADS:
        return False
    words = 0
    while i >= 0 and words < _OFFICE_SPAN and doc[i].is_alpha and i not in at:
        i -= 1
        words += 1
    if i >= 0 and doc[i].text in POSSESSIVE:
        i -= 1
    return i >= 0 and _international_body(at.get(i), kb)


def _international_body(m: Mention | None, kb: KnowledgeBase) -> bool:
    """A known organisation of no one country (the UN, NATO, the OSCE)."""
    if m is None or m.type != "ORG" or m.country is not None:
        return False
    entry = kb.entries.get(m.entity_id or "")
    return entry is not None and entry.type == "ORG" and entry.country is None


def _office_of_international(
    doc: Any, span: Any, at: dict[int, Mention], kb: KnowledgeBase
) -> bool:
    """The person's own phrase gives them an international office: "OSCE
    Secretary-General X", "the IAEA chief, X", "X, the NATO secretary-general", "X,
    NATO's secretary general", "X, secretary-general of the OSCE"."""
    # Before: the office's words, then the organisation.
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    words = 0
    while i >= 0 and doc[i].lower_ in _OFFICE_WORDS:
        i -= 1
        words += 1
    if i >= 0 and doc[i].text in POSSESSIVE:
        i -= 1
    if words and i >= 0 and _international_body(at.get(i), kb):
        return True
    start = span.start - 1 if span.start > 0 and doc[span.start - 1].text == "," else span.start
    if office_name_before(doc, start, at, kb):
        return True
    # After: ", the OSCE secretary-general" or ", secretary-general of the OSCE".
    j = span.end
    if j >= len(doc) or doc[j].text != ",":
        return False
    j += 1
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    if j < len(doc) and _international_body(at.get(j), kb):
        body = at[j]
        while j < len(doc) and at.get(j) is body:
            j += 1
        if j < len(doc) and doc[j].text in POSSESSIVE:
            j += 1
        if j < len(doc) and doc[j].lower_ in _OFFICE_WORDS and doc[j].text != "-":
            return True
        # "X, the UN Emergency Relief Coordinator": a few words, then an office noun.
        for k in range(j, min(j + _OFFICE_SPAN, len(doc))):
            if not doc[k].is_alpha or k in at:
                return False
            if doc[k].lower_ in _OFFICE_HEADS:
                return True
        return False
    words = 0
    while j < len(doc) and doc[j].lower_ in _OFFICE_WORDS:
        j += 1
        words += 1
    if words and j < len(doc) and doc[j].lower_ in ("of", "at"):
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        return _international_body(at.get(j), kb)
    return False


def cast_links(doc: Any, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Two links that need the whole cast (#4).

    A person whose own phrase gives them an office of an international organisation
    acts for it: no country (not that of the city they speak in), sector IGO. A lone
    capitalised word that is the surname of a person the article named before, and
    that NER took for something else ("Lindqvist's" as an organisation), is that
    person.
    """
    spans, at = mention_spans(doc, mentions)
    out: list[Mention] = []
    people: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        span = spans[id(m)]
        if span is not None and m.type == "PERSON":
            if _office_of_international(doc, span, at, kb):
                m = replace(m, country=None, sector="IGO")
            people.append(m)
        elif (
            span is not None
            and m.entity_id not in kb.entries
            and m.type in ("ORG", "GPE")
            and len(strip(m.text).split()) == 1
        ):
            word = strip(m.text)
            earlier = [p for p in people if len(p.name.split()) >= 2 and p.name.split()[-1] == word]
            if earlier and len({p.entity_id for p in earlier}) == 1:
                p = earlier[-1]
                m = replace(
                    m,
                    entity_id=p.entity_id,
                    name=p.name,
                    type="PERSON",
                    country=p.country,
                    sector=p.sector,
                    score=p.score,
                )
        out.append(m)
    return out
