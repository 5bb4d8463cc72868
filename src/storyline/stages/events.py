"""Events and quotes: who did what to whom, when, with the sentence as evidence.

The coder reads spaCy's dependency parse. Patterns live in ``data/verbs.yaml``:
verbs ("criticise", "impose" + sanctions), event nouns ("talks between A and B",
"Russia's annexation of Crimea") and light verbs that lend their subject to an
event noun ("held talks"). For each match it finds the source and target among
the resolved actor mentions, handling passive voice, coordination and
subject-less infinitives, and it decides negation, modality (``asserted``,
``reported``, ``planned``, ``hypothetical``) and the date from the sentence's
time expressions relative to the publication date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import yaml

from storyline import ontology, timex
from storyline.config import EventsConfig
from storyline.errors import OntologyError
from storyline.ids import digest
from storyline.kb import load_kb
from storyline.models import ActorRef, Article, Event, Mention, Quote, Rejection
from storyline.pipeline import per_article, register
from storyline.stages.nlp import sentence_bounds

logger = logging.getLogger(__name__)

DEFAULT_PREPS = ("on", "against", "to", "with", "toward", "towards", "into", "for", "at")
SUBJECTS = ("nsubj", "csubj")
# Head nouns that name a part of a country's apparatus: "Russian lawmakers" is RUS/LEG.
AGENT_SECTORS = {
    "lawmaker": "LEG",
    "legislator": "LEG",
    "senator": "LEG",
    "deputy": "LEG",
    "mp": "LEG",
    "parliament": "LEG",
    "congress": "LEG",
    "official": "GOV",
    "government": "GOV",
    "administration": "GOV",
    "minister": "GOV",
    "ministry": "GOV",
    "diplomat": "GOV",
    "president": "GOV",
    "leader": "GOV",
    "authority": "GOV",
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "spokesperson": "GOV",
    "envoy": "GOV",
    "ambassador": "GOV",
    "embassy": "GOV",
    "delegation": "GOV",
    "troop": "MIL",
    "military": "MIL",
    "army": "MIL",
    "force": "MIL",
    "soldier": "MIL",
    "navy": "MIL",
    "general": "MIL",
    "firm": "BUS",
    "company": "BUS",
    "bank": "BUS",
    "court": "JUD",
    "judge": "JUD",
    "media": "MED",
}
_QUOTE = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"")


@dataclass(frozen=True)
class Pattern:
    cameo: str
    lemmas: frozenset[str]
    object: frozenset[str] | None = None
    preps: tuple[str, ...] = DEFAULT_PREPS
    symmetric: bool = False
    unless_prep: frozenset[str] = frozenset()
    object_actor: bool = False
    object_not_actor: bool = False
    preps_require: tuple[str, ...] = ()
    prep_objects: frozenset[str] = frozenset()
    compound: frozenset[str] = frozenset()
    needs_phone: bool = False


@dataclass(frozen=True)
class Lexicon:
    verbs: tuple[Pattern, ...]
    nouns: tuple[Pattern, ...]
    light_verbs: frozenset[str]
    modal_hypothetical: frozenset[str]
    modal_planned: frozenset[str]
    governors_planned: frozenset[str]
    governors_hypothetical: frozenset[str]
    speech_verbs: frozenset[str]
    noun_lemmas: frozenset[str] = field(default=frozenset())


def _pattern(item: dict[str, Any], where: str) -> Pattern:
    code = str(item["cameo"])
    ontology.lookup(code)  # fail early on a code the codebook does not have
    obj = item.get("object")
    return Pattern(
        cameo=code,
        lemmas=frozenset(item["lemmas"]),
        object=None if obj is None else frozenset(obj),
        preps=tuple(item.get("preps") or DEFAULT_PREPS),
        symmetric=bool(item.get("symmetric")),
        unless_prep=frozenset(item.get("unless_prep") or ()),
        object_actor=bool(item.get("object_actor")),
        object_not_actor=bool(item.get("object_not_actor")),
        preps_require=tuple(item.get("preps_require") or ()),
        prep_objects=frozenset(item.get("prep_objects") or ()),
        compound=frozenset(item.get("compound") or ()),
        needs_phone=bool(item.get("needs_phone")),
    )


@lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> Lexicon:
    p = Path(path) if path else Path(str(resources.files("storyline") / "data" / "verbs.yaml"))
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    try:
        verbs = tuple(_pattern(v, f"{p}: verbs") for v in data["verbs"])
        nouns = tuple(_pattern(v, f"{p}: nouns") for v in data["nouns"])
        return Lexicon(
            verbs=verbs,
            nouns=nouns,
            light_verbs=frozenset(data["light_verbs"]),
            modal_hypothetical=frozenset(data["modal_hypothetical"]),
            modal_planned=frozenset(data["modal_planned"]),
            governors_planned=frozenset(data["governors_planned"]),
            governors_hypothetical=frozenset(data["governors_hypothetical"]),
            speech_verbs=frozenset(data["speech_verbs"]),
            noun_lemmas=frozenset(lem for n in nouns for lem in n.lemmas),
        )
    except (KeyError, TypeError) as exc:
        raise OntologyError(f"{p}: malformed pattern file ({exc!r})") from exc


# --------------------------------------------------------------------------- actors in the parse


@dataclass(frozen=True)
class Actor:
    mention: Mention
    start: int
    end: int
    role: str | None

    def ref(self) -> ActorRef:
        m = self.mention
        return ActorRef(
            name=m.name,
            entity_id=m.entity_id,
            country=m.country,
            role=self.role or m.sector,
            start=self.start,
            end=self.end,
        )


class Parse:
    """One document's parse plus a token -> mention index."""

    def __init__(self, doc: Any, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.at: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.at.setdefault(t.i, m)

    def antecedent(self, pronoun: Any) -> Mention | None:
        """The person a "he"/"she" refers to: the last person who was a subject before it,
        else the last person named before it."""
        fallback = None
        for t in reversed(self.doc[: pronoun.i]):
            m = self.at.get(t.i)
            if m is None or m.type != "PERSON":
                continue
            if t.dep_ in ("nsubj", "nsubjpass") or (
                t.head.dep_ in ("nsubj", "nsubjpass") and t.head.i in self.at
            ):
                return m
            fallback = fallback or m
        return fallback

    def actor(self, token: Any) -> Actor | None:
        """The actor a noun phrase headed by ``token`` stands for."""
        if token.pos_ == "PRON" and token.lower_ in ("he", "she", "him", "her"):
            m = self.antecedent(token)
            return None if m is None else Actor(m, token.idx, token.idx + len(token), None)
        if token.i in self.at:
            m = self.at[token.i]
            return Actor(m, m.start, m.end, None)
        # Breadth-first through modifiers, not into clauses: "Russian lawmakers",
        # "a Kremlin spokesman", "the U.S. intelligence community".
        queue = [
            c
            for c in token.children
            if c.dep_ in ("amod", "compound", "poss", "nmod", "det", "appos", "prep", "pobj")
        ]
        seen = 0
        while queue and seen < 12:
            t = queue.pop(0)
            seen += 1
            if t.dep_ == "prep" and t.lower_ != "of":
                continue
            if t.i in self.at:
                m = self.at[t.i]
                role = AGENT_SECTORS.get(token.lemma_.lower())
                return Actor(m, min(m.start, token.idx), max(m.end, token.idx + len(token)), role)
            queue.extend(
                c for c in t.children if c.dep_ in ("amod", "compound", "poss", "pobj", "prep")
            )
        return None

    def actors(self, token: Any) -> list[Actor]:
        """The actor at ``token`` and at each of its coordinated siblings."""
        out: list[Actor] = []
        for t in [token, *_conjuncts(token)]:
            a = self.actor(t)
            if a is not None and all(a.mention.entity_id != b.mention.entity_id for b in out):
                out.append(a)
        return out


def _conjuncts(token: Any) -> list[Any]:
    return [t for t in token.conjuncts if t.i > token.i]


def _children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


# --------------------------------------------------------------------------- coder


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject token of ``verb`` (climbing xcomp/conj chains), and whether it is passive."""
    t = verb
    climbed_xcomp = False
    for _ in range(4):
        subj = _children(t, *SUBJECTS)
        if subj:
            return subj[0], False
        agent = _children(t, "agent")
        if agent:
            pobj = _children(agent[0], "pobj")
            if pobj:
                return pobj[0], False
        passive = _children(t, "nsubjpass")
        if passive:
            # "X is scheduled to debate": X debates. A passive without an agent
            # ("a ceasefire is reached") names no one who acts.
            return (passive[0], False) if climbed_xcomp else (None, True)
        if t.dep_ in ("xcomp", "conj", "advcl") and t.head is not t:
            climbed_xcomp = t.dep_ == "xcomp"
            t = t.head
            continue
        if t.dep_ in ("acl", "relcl") and t.head is not t and t.dep_ == "relcl":
            return t.head, False
        break
    return None, False


def _passive_subject(verb: Any) -> Any | None:
    subj = _children(verb, "nsubjpass")
    return subj[0] if subj else None


def _objects(verb: Any) -> list[Any]:
    objs = _children(verb, "dobj", "attr", "oprd")
    ps = _passive_subject(verb)
    if ps is not None:
        objs.append(ps)
    if (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    ):  # "sanctions imposed by X": the head is the object
        objs.append(verb.head)
    out = []
    for o in objs:
        out.extend([o, *_conjuncts(o)])
    return out


def _prep_targets(head: Any, preps: Iterable[str], parse: Parse) -> list[Actor]:
    for prep in _children(head, "prep", "dative"):
        if prep.dep_ == "dative":
            got = parse.actors(prep)
            if got:
                return got
            continue
        if prep.lower_ not in preps:
            continue
        for pobj in _children(prep, "pobj"):
            got = parse.actors(pobj)
            if got:
                return got
    return []


def _negated(verb: Any) -> bool:
    t = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.dep_ in ("xcomp",) and t.head is not t:
            t = t.head
        else:
            break
    return False


def _modality(verb: Any, lex: Lexicon) -> str:
    """asserted, reported, planned or hypothetical.

    Only the verb's own clause counts: climbing goes through infinitive and
    gerund complements ("is preparing to give", "considering imposing") and
    coordination, and stops at a subordinate clause, which has its own modality
    ("Aides will work on a meeting after Putin and Trump held talks": held is a fact).
    """
    chain = [verb]
    t = verb
    while t.dep_ in ("xcomp", "conj") and t.head is not t and len(chain) < 6:
        t = t.head
        chain.append(t)
    aux = {c.lower_ for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")}
    advs = {c.lower_ for v in chain for c in v.children if c.dep_ in ("advmod", "amod")}
    marks = {c.lower_ for v in chain for c in v.children if c.dep_ == "mark"}
    governors = {v.lemma_.lower() for v in chain[1:]}
    if (
        aux & lex.modal_hypothetical
        or advs & lex.governors_hypothetical
        or marks & {"if", "unless", "whether"}
        or governors & lex.governors_hypothetical
    ):
        return "hypothetical"
    if aux & lex.modal_planned or governors & lex.governors_planned or "going" in governors:
        return "planned"
    top = chain[-1]
    said = top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs
    if said or "reportedly" in advs or _according_to(verb):
        return "reported"
    return "asserted"


def _according_to(verb: Any) -> bool:
    sent = verb.sent
    return "according to" in sent.text.lower()


def _date(
    sent: Any, verb: Any, published: str | None, future: bool, lex: Lexicon
) -> tuple[timex.TimePoint | None, str | None]:
    """The event's date from a time expression in its own clause, else publication.

    "X criticised Y on Monday, and Y will impose tariffs next year" has two dates
    for two events. A statement reported in speech ("praised Z, a spokesman said
    on Wednesday") takes the date of the speech when its own clause has none.
    """
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    candidates = [e for e in dates if verb.is_ancestor(e.root) or e.root == verb]
    top = verb
    while top.dep_ in ("xcomp", "conj") and top.head is not top:
        top = top.head
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs:
        speech = top.head
        candidates += [
            e
            for e in dates
            if (speech.is_ancestor(e.root) or e.root == speech) and not top.is_ancestor(e.root)
        ]
    for ent in candidates:
        point = timex.resolve(ent.text, published, future=future)
        if point is not None:
            return point, "text"
    return (timex.TimePoint(published, "day"), "published") if published else (None, None)


def _location(verb: Any, parse: Parse) -> str | None:
    for prep in _children(verb, "prep"):
        if prep.lower_ != "in":
            continue
        for pobj in _children(prep, "pobj"):
            m = parse.at.get(pobj.i)
            if (
                m is not None
                and m.type in ("GPE", "LOC")
                and pobj.ent_type_ in ("GPE", "LOC", "FAC")
            ):
                return str(pobj.text)
    return None


@dataclass
class _Found:
    trigger: Any
    pattern: Pattern
    sources: list[Actor]
    targets: list[Actor]
    anchor: Any  # the verb whose modality, negation and date apply


def _match_verb(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    lemma = token.lemma_.lower()
    objs = _objects(token)
    obj_lemmas = {o.lemma_.lower() for o in objs}
    prep_words = {c.lower_ for c in token.children if c.dep_ == "prep"}
    for p in lex.verbs:
        if lemma not in p.lemmas:
            continue
        if p.unless_prep & prep_words:
            continue
        if p.object is not None and p.object and not (obj_lemmas & p.object):
            continue
        if p.object == frozenset() and not (prep_words & set(p.preps)):
            continue
        if p.preps_require:
            ok = any(
                c.lower_ in p.preps_require
                and any(
                    g.lemma_.lower() in p.prep_objects
                    or any(x.lemma_.lower() in p.prep_objects for x in g.subtree)
                    for g in _children(c, "pobj")
                )
                for c in token.children
                if c.dep_ == "prep"
            )
            if not ok:
                continue
        subj, _ = _subject(token)
        sources = parse.actors(subj) if subj is not None else []
        targets: list[Actor] = []
        if p.object is None or p.object_actor or p.object_not_actor or p.preps_require:
            for o in objs:
                if o.i == getattr(subj, "i", -1):
                    continue
                targets.extend(parse.actors(o))
            if p.object_actor and not targets:
                continue
            if p.object_not_actor and targets:
                continue
        if not targets:
            targets = _prep_targets(token, p.preps, parse)
        if not targets:
            for o in objs:
                if o.lemma_.lower() in (p.object or ()):
                    targets = _prep_targets(o, p.preps, parse)
                    if targets:
                        break
        return _Found(token, p, sources, targets, token)
    return None


def _noun_pattern(token: Any, lex: Lexicon) -> Pattern | None:
    lemma = token.lemma_.lower()
    text = token.lower_
    for p in lex.nouns:
        if lemma in p.lemmas or text in p.lemmas:
            if p.compound and not any(
                c.lemma_.lower() in p.compound
                for c in token.children
                if c.dep_ in ("compound", "amod", "nmod")
            ):
                continue
            if p.needs_phone and not (
                any(c.lower_ in ("phone", "telephone") for c in token.children)
                or token.lower_ == "conversation"
                or token.head.lemma_ in ("phone", "hold")
            ):
                continue
            return p
    return None


def _match_noun(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    p = _noun_pattern(token, lex)
    if p is None:
        return None
    sources: list[Actor] = []
    modifiers: list[Actor] = []
    for c in token.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.lemma_.lower() not in p.lemmas:
            got = parse.actors(c)
            if got:
                modifiers = got
                break
    anchor = token
    head = token.head
    if (
        token.dep_ in ("dobj", "nsubjpass", "pobj", "attr")
        and head.lemma_.lower() in lex.light_verbs
    ):
        # "gave Russia sanctions relief", "held talks": the verb's subject acts; a
        # national modifier of the noun is then its target.
        subj, _ = _subject(head)
        if subj is not None:
            sources = parse.actors(subj)
        anchor = head
    elif token.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        anchor = head
    pre_targets: list[Actor] = []
    if sources:
        pre_targets = [
            m for m in modifiers if all(m.mention.entity_id != s.mention.entity_id for s in sources)
        ]
    else:
        sources = modifiers
    targets: list[Actor] = []
    for prep in _children(token, "prep"):
        if (
            prep.lower_
            in ("between", "with", "of", "against", "on", "to", "toward", "towards", "for", "from")
            or prep.lower_ == "among"
        ):
            for pobj in _children(prep, "pobj"):
                got = parse.actors(pobj)
                if got:
                    if prep.lower_ in ("between", "among") and not sources:
                        sources, got = got[:1], got[1:]
                    targets = got
                    break
        if targets:
            break
    if not targets and anchor is not token:
        # "gave Russia sanctions relief", "imposed sanctions on Russia"
        targets = _prep_targets(anchor, DEFAULT_PREPS, parse)
    targets = targets or pre_targets
    if p.symmetric and not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    return _Found(token, p, sources, targets, anchor)


def code_events(article: Article, lex: Lexicon) -> list[Event]:
    doc = article.doc
    parse = Parse(doc, article.mentions)
    events: dict[str, Event] = {}
    used_nouns: set[int] = set()
    for sent in doc.sents:
        found: list[_Found] = []
        for token in sent:
            if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.lemma_ == "have"):
                f = _match_verb(token, lex, parse)
                if f is not None:
                    found.append(f)
                    used_nouns.update(o.i for o in _objects(token))
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in used_nouns:
                f = _match_noun(token, lex, parse)
                if f is not None:
                    found.append(f)
        for f in found:
            for ev in _events_from(f, article, sent, lex, parse):
                events.setdefault(ev.id, ev)
    return sorted(events.values(), key=lambda e: (e.action_start, e.cameo))


def _events_from(f: _Found, article: Article, sent: Any, lex: Lexicon, parse: Parse) -> list[Event]:
    sources, targets = f.sources, f.targets
    if f.pattern.symmetric and len(sources) > 1 and not targets:
        sources, targets = sources[:1], sources[1:]
    if not sources:
        return []
    code = ontology.lookup(f.pattern.cameo)
    modality = _modality(f.anchor, lex)
    point, date_from = _date(
        sent, f.anchor, article.published, modality in ("planned", "hypothetical"), lex
    )
    negated = _negated(f.anchor)
    location = _location(f.anchor, parse)
    sent_start, sent_text = sentence_bounds(sent)
    out = []
    pairs: list[tuple[Actor, Actor | None]] = []
    for s in sources:
        tgts: list[Actor | None] = [
            t for t in targets if t.mention.entity_id != s.mention.entity_id
        ] or [None]
        pairs.extend((s, t) for t in tgts)
    for s, t in pairs:
        if (
            t is not None
            and s.mention.country
            and s.mention.country == t.mention.country
            and (s.mention.type != "PERSON" and t.mention.type != "PERSON")
        ):
            continue  # "the White House ... Washington": one actor named twice
        src, tgt = s.ref(), (t.ref() if t else None)
        ev_id = digest(
            article.id,
            str(f.trigger.idx),
            code.code,
            src.entity_id or src.name,
            (tgt.entity_id or tgt.name) if tgt else "",
        )
        out.append(
            Event(
                id=ev_id,
                article_id=article.id,
                sentence=sent_text,
                sentence_start=sent_start,
                source=src,
                target=tgt,
                action=f.trigger.text,
                action_start=f.trigger.idx,
                action_end=f.trigger.idx + len(f.trigger.text),
                cameo=code.code,
                plover=code.plover,
                quad_class=code.quad_class,
                goldstein=code.goldstein,
                date=point.date if point else None,
                date_precision=point.precision if point else None,
                date_from=date_from,
                negated=negated,
                modality=modality,
                location=location,
            )
        )
    return out


# --------------------------------------------------------------------------- quotes


# Unnamed speakers worth recording ("a senior official said", "sources told Reuters").
SPEAKER_NOUNS = {
    "source",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "diplomat",
    "minister",
    "president",
    "agency",
    "ministry",
    "analyst",
    "expert",
    "lawmaker",
    "senator",
    "statement",
    "report",
    "government",
    "administration",
    "embassy",
    "office",
    "insider",
    "person",
    "people",
    "prime",
    "secretary",
    "leader",
    "chancellor",
    "premier",
}
TITLE_ROLES = {
    "president": {"head_of_state"},
    "prime minister": {"head_of_government"},
    "premier": {"head_of_government"},
    "chancellor": {"head_of_government"},
    "foreign minister": {"foreign_minister"},
    "secretary of state": {"foreign_minister"},
    "spokesman": {"spokesperson"},
    "spokeswoman": {"spokesperson"},
    "spokesperson": {"spokesperson"},
}


def _speaker(
    verb: Any, parse: Parse, article: Article, before: int
) -> tuple[str, str | None] | None:
    subj, _ = _subject(verb)
    if subj is None:
        return None
    actors = parse.actors(subj)
    if actors:
        m = actors[0].mention
        return m.name, m.entity_id
    if subj.pos_ == "PRON" or subj.lemma_.lower() not in SPEAKER_NOUNS:
        return None
    phrase = " ".join(t.text for t in subj.subtree)
    key = " ".join(t.lower_ for t in subj.subtree if t.dep_ != "det")
    for title, roles in TITLE_ROLES.items():
        if key.endswith(title):
            holder = _title_holder(parse, subj, roles, article.published)
            if holder is not None:
                return holder.name, holder.entity_id
    return phrase, None


def _title_holder(parse: Parse, token: Any, roles: set[str], on: str | None) -> Mention | None:
    """Who "the President" is: the last subject before it who held that office, else
    the last person named who did."""
    kb = load_kb()

    def holds(m: Mention) -> bool:
        entry = kb.entries.get(m.entity_id)
        return entry is not None and any(r.role in roles and r.active(on) for r in entry.roles)

    fallback = None
    for t in reversed(parse.doc[: token.i]):
        actor = parse.actor(t) if t.dep_ in ("nsubj", "nsubjpass") else None
        if actor is not None and actor.mention.type == "PERSON" and holds(actor.mention):
            return actor.mention
        m = parse.at.get(t.i)
        if fallback is None and m is not None and m.type == "PERSON" and holds(m):
            fallback = m
    return fallback


def extract_quotes(article: Article, lex: Lexicon) -> list[Quote]:
    doc = article.doc
    parse = Parse(doc, article.mentions)
    quotes: list[Quote] = []
    last: tuple[str, str | None] | None = None
    for sent in doc.sents:
        speech = [
            t for t in sent if t.lemma_.lower() in lex.speech_verbs and t.pos_ in ("VERB", "AUX")
        ]
        sent_start, sent_text = sentence_bounds(sent)
        marks = list(_QUOTE.finditer(sent_text))
        speaker = None
        verb = None
        for v in speech:
            inside = any(m.start() <= v.idx - sent_start < m.end() for m in marks)
            if inside:
                continue
            speaker = _speaker(v, parse, article, sent.start_char)
            if speaker:
                verb = v
                break
        if speaker is None and "according to" in sent.text.lower():
            for t in sent:
                if t.lower_ == "to" and t.i > 0 and doc[t.i - 1].lower_ == "according":
                    for pobj in _children(t, "pobj"):
                        got = parse.actors(pobj)
                        speaker = (
                            (got[0].mention.name, got[0].mention.entity_id)
                            if got
                            else (" ".join(x.text for x in pobj.subtree), None)
                        )
        if marks:
            if (
                speaker is None
                and last is not None
                and not speech
                and sent_text.startswith(("“", '"'))
            ):
                speaker = last  # a quotation continued in the next sentence
            if speaker is None:
                continue
            for m in marks:
                body = (m.group(1) or m.group(2)).rstrip()
                # American style keeps the clause's comma inside the marks; it is not speech.
                body = body[:-1] if body.endswith(",") else body
                if len(body.split()) < 3:
                    continue
                start = sent_start + m.start() + 1
                quotes.append(
                    Quote(
                        id=digest(article.id, str(start)),
                        article_id=article.id,
                        speaker_name=speaker[0],
                        speaker_entity_id=speaker[1],
                        text=body,
                        kind="direct",
                        sentence=sent_text,
                        start=start,
                        end=start + len(body),
                    )
                )
            last = speaker
        elif speaker is not None and verb is not None:
            comp = _children(verb, "ccomp")
            if not comp:
                continue
            toks = list(comp[0].subtree)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            quotes.append(
                Quote(
                    id=digest(article.id, str(start)),
                    article_id=article.id,
                    speaker_name=speaker[0],
                    speaker_entity_id=speaker[1],
                    text=doc.text[start:end],
                    kind="indirect",
                    sentence=sent_text,
                    start=start,
                    end=end,
                )
            )
            last = speaker
        else:
            last = None if not marks else last
    return quotes


@register
class Events:
    """Coded events and attributed quotes for each article."""

    name: ClassVar[str] = "events"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"doc", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"events", "quotes"})

    def __init__(self, config: EventsConfig | None = None) -> None:
        self.config = config or EventsConfig()
        self.lexicon = load_lexicon()

    def _one(self, article: Article) -> Article:
        return article.replace(
            events=tuple(code_events(article, self.lexicon)),
            quotes=tuple(extract_quotes(article, self.lexicon)),
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, self._one)
