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
from dataclasses import dataclass, field, replace
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
# Prepositions whose gerund takes the governing verb's object as its subject.
# ("accused X of V-ing" is left out: V is an allegation, not an act the coder saw.)
CONTROL_PREPS = ("from", "for")
PREVENT_VERBS = frozenset(
    [
        "deter",
        "prevent",
        "stop",
        "bar",
        "ban",
        "block",
        "keep",
        "dissuade",
        "discourage",
        "prohibit",
        "restrain",
        "hinder",
    ]
)
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
# People and groups a place can name: "demonstrators in Baghdad" are Iraqi.
GROUP_NOUNS = frozenset(
    [
        "rebel",
        "demonstrator",
        "protester",
        "protestor",
        "student",
        "worker",
        "people",
        "youth",
        "refugee",
        "militant",
        "guerrilla",
        "insurgent",
        "opposition",
        "group",
        "party",
        "farmer",
        "civilian",
        "resident",
        "villager",
        "activist",
        "settler",
        "prisoner",
        "citizen",
        "supporter",
        "fighter",
        "militia",
        "separatist",
        "tribesman",
        "guerilla",
        "extremist",
        "fundamentalist",
        "gunman",
        "bomber",
        "landowner",
        "hacker",
        "dissident",
    ]
)
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
    particle: frozenset[str] = frozenset()
    domestic: bool = False
    target_place: bool = False
    unless_xcomp: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()


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
    governors_intent: frozenset[str] = field(default=frozenset())
    intent_verb_lemmas: frozenset[str] = field(default=frozenset())
    noun_lemmas: frozenset[str] = field(default=frozenset())
    verb_lemmas: frozenset[str] = field(default=frozenset())


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
        particle=frozenset(item.get("particle") or ()),
        domestic=bool(item.get("domestic")),
        target_place=bool(item.get("target_place")),
        unless_xcomp=frozenset(item.get("unless_xcomp") or ()),
        light=frozenset(item.get("light") or ()),
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
            governors_intent=frozenset(data.get("governors_intent") or ()),
            noun_lemmas=frozenset(lem for n in nouns for lem in n.lemmas),
            verb_lemmas=frozenset(lem for v in verbs for lem in v.lemmas),
            # Verbs that are themselves intents or threats ("promised to", "threatened to").
            intent_verb_lemmas=frozenset(
                lem for v in verbs if v.cameo[:2] in ("03", "13") for lem in v.lemmas
            ),
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
    group: bool = (
        False  # a group named by a modifier ("Palestinian police"), not the mention itself
    )
    home: bool = False  # the source group's own country, as the target of a domestic act
    head: str = ""  # the noun that names a group ("rebels" in "Afghan rebels")

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

    def __init__(
        self, doc: Any, mentions: Sequence[Mention], speech: frozenset[str] = frozenset()
    ) -> None:
        self.doc = doc
        self.speech = speech
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
        # A main-clause subject first: in "Putin said that ... the US President was
        # ready", a following "He" is Putin, not the President of the reported clause.
        for t in reversed(self.doc[max(0, pronoun.sent.start - 120) : pronoun.i]):
            m = self.at.get(t.i)
            if m is not None and m.type == "PERSON" and t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
                return m
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

    def reported_speaker(self, token: Any) -> Actor | None:
        """For a pronoun inside reported speech, the speaker: in "Hungary said it will
        support", "it" is Hungary."""
        t = token.head
        for _ in range(6):
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.speech:
                subj = _children(t.head, *SUBJECTS)
                if subj and subj[0].pos_ != "PRON":
                    return self.actor(subj[0])
                return None
            if t.dep_ not in ("xcomp", "conj", "acomp", "aux", "advcl") or t.head is t:
                return None
            t = t.head
        return None

    def last_actor(self, token: Any) -> Mention | None:
        """The last non-person actor that was a subject before ``token``."""
        for t in reversed(self.doc[: token.i]):
            m = self.at.get(t.i)
            if m is not None and m.type != "PERSON" and t.dep_ in ("nsubj", "nsubjpass"):
                return m
        return None

    def actor(self, token: Any) -> Actor | None:
        """The actor a noun phrase headed by ``token`` stands for."""
        if token.pos_ == "PRON" and token.lower_ in ("he", "she", "him", "her"):
            said = self.reported_speaker(token) if token.lower_ in ("he", "she") else None
            if said is not None and said.mention.type == "PERSON":
                return replace(said, start=token.idx, end=token.idx + len(token))
            m = self.antecedent(token)
            return None if m is None else Actor(m, token.idx, token.idx + len(token), None)
        if token.pos_ == "PRON" and token.lower_ in ("it", "they", "we"):
            # Only as a subject: "it" as an object is rarely an actor.
            if token.dep_ not in ("nsubj", "nsubjpass"):
                return None
            said = self.reported_speaker(token)
            if said is not None:
                return replace(said, start=token.idx, end=token.idx + len(token))
            m = self.last_actor(token) if token.lower_ == "it" else None
            return None if m is None else Actor(m, token.idx, token.idx + len(token), None)
        if token.i in self.at:
            m = self.at[token.i]
            return Actor(m, m.start, m.end, None)
        quantity = _quantity_of(token)
        if quantity is not None:
            # "Tens of thousands of students", "scores of refugees": the people counted.
            return self.actor(quantity)
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
            # "rebels in the Ivory Coast", "students throughout Indonesia": a group
            # named by where it is; not "talks in Geneva".
            if (
                t.dep_ == "prep"
                and t.lower_ != "of"
                and not (
                    t.head.i == token.i
                    and t.lower_ in ("in", "from", "throughout", "across")
                    and (_group_word(token) in GROUP_NOUNS or _home_agent(token))
                )
            ):
                continue
            if t.i in self.at:
                m = self.at[t.i]
                role = AGENT_SECTORS.get(token.lemma_.lower())
                start, end = min(m.start, token.idx), max(m.end, token.idx + len(token))
                return Actor(m, start, end, role, True, head=_group_word(token))
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


# Words that count people: "tens of thousands of students", "one third of the rebels".
QUANTITY_WORDS = frozenset(
    [
        "ten",
        "tens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "dozen",
        "dozens",
        "score",
        "scores",
        "number",
        "third",
        "half",
        "quarter",
        "some",
        "most",
        "many",
        "several",
        "majority",
        "minority",
        "part",
        "each",
        "all",
        "none",
    ]
)
# Agents of the state that belong to the place they are in: "police in Jericho",
# "authorities in Guinea", "security forces in Guinea" (not troops, often abroad).
HOME_AGENTS = frozenset(["police", "authority", "court", "government", "official"])


def _group_word(token: Any) -> str:
    # sentence-initial "Rebels" is tagged a proper noun and left unlemmatised
    lemma = str(token.lemma_).lower()
    return lemma if lemma in GROUP_NOUNS else str(token.lower_).removesuffix("s")


def _home_agent(token: Any) -> bool:
    lemma = token.lemma_.lower()
    if lemma in HOME_AGENTS:
        return True
    return lemma == "force" and any(
        c.lower_ in ("security", "police") for c in _children(token, "compound", "amod")
    )


def _quantity_of(token: Any) -> Any | None:
    """The counted noun of a quantity head ("thousands of [students]"), else None."""
    if not (token.like_num or token.lemma_.lower() in QUANTITY_WORDS or token.pos_ == "NUM"):
        return None
    for prep in _children(token, "prep"):
        if prep.lower_ == "of":
            pobj = _children(prep, "pobj")
            if pobj:
                return pobj[0]
    return None


def _conjuncts(token: Any) -> list[Any]:
    return [t for t in token.conjuncts if t.i > token.i]


def _children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


# --------------------------------------------------------------------------- coder


# Verbs whose object does what their infinitive says: "urged Canada to support",
# "allowed refugees to return" ("used tear gas to disperse": the subject disperses).
OBJECT_CONTROL = frozenset(
    [
        "urge", "ask", "call", "request", "invite", "encourage", "press", "persuade",
        "force", "order", "allow", "permit", "help", "enable", "tell", "instruct",
        "direct", "authorize", "authorise", "pressure", "compel", "oblige", "implore",
        "exhort", "advise", "let", "demand", "require", "convince",
    ]
)  # fmt: skip
# Nouns for what an actor issues: "issued a declaration demanding that ...".
STATEMENT_NOUNS = frozenset(
    [
        "statement",
        "declaration",
        "letter",
        "resolution",
        "communique",
        "message",
        "note",
        "decree",
        "memorandum",
        "appeal",
        "warning",
        "ultimatum",
    ]
)


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject token of ``verb`` (climbing xcomp/conj chains), and whether it is passive."""
    t = verb
    climbed_xcomp = False
    for _ in range(4):
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in OBJECT_CONTROL:
            objs = _children(t.head, "dobj")
            if objs and not _children(t, *SUBJECTS):
                return objs[0], False
        if t.dep_ == "acl" and t.tag_ == "VBG":
            head = t.head
            if head.lemma_.lower() in STATEMENT_NOUNS and head.dep_ == "dobj":
                t = head.head  # "X issued a statement condemning Y": X condemns
                continue
            return head, False  # "a Kremlin statement condemning", "a man carrying"
        subj = _children(t, *SUBJECTS)
        if subj:
            if subj[0].tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                # "Biden, who imposed sanctions": the relative pronoun stands for the
                # noun the clause hangs on (or the name that noun is in apposition to).
                head = t.head
                return (head.head if head.dep_ == "appos" else head), False
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
        if t.dep_ in ("xcomp", "conj", "advcl", "acomp") and t.head is not t:
            climbed_xcomp = t.dep_ in ("xcomp", "acomp")
            t = t.head
            continue
        if t.dep_ in ("acl", "relcl") and t.head is not t and t.dep_ == "relcl":
            return t.head, False
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in CONTROL_PREPS:
            # Object control: "did not deter X from adding", "criticised X for
            # supporting", "accused X of helping": X is who adds, supports, helps.
            objs = _children(t.head.head, "dobj")
            if objs:
                return objs[0], False
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
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if (
        t.dep_ == "pcomp"
        and t.head.lower_ == "from"
        and t.head.head.lemma_.lower() in PREVENT_VERBS
    ):
        # "prevented X from attending": X did not attend, unless the preventing
        # itself is negated ("did not deter X from adding": X added).
        return not _negated(t.head.head)
    t = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.dep_ in ("xcomp",) and t.head is not t:
            t = t.head
            if t.lemma_.lower() in REFUSAL_VERBS:
                # "refused to deploy": not deployed, unless "did not refuse to"
                return not any(c.dep_ == "neg" for c in t.children)
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
    if "would" in aux and _backshifted(chain[-1], lex):
        aux = (aux - {"would"}) | {"will"}
    advs = {c.lower_ for v in chain for c in v.children if c.dep_ in ("advmod", "amod")}
    marks = {c.lower_ for v in chain for c in v.children if c.dep_ == "mark"}
    governors = {v.lemma_.lower() for v in chain[1:]}
    top = chain[-1]
    if top.dep_ in ("ccomp", "acl") and top.head.lemma_.lower() in MANDATIVE:
        governors.add(top.head.lemma_.lower())  # "demanded that Israel ease": asked for
    if governors & MANDATIVE:
        return "hypothetical"
    if (
        aux & lex.modal_hypothetical
        or advs & lex.governors_hypothetical
        or marks & {"if", "unless", "whether"}
        or governors & lex.governors_hypothetical
    ):
        return "hypothetical"
    if aux & lex.modal_planned or governors & lex.governors_planned or "going" in governors:
        return "planned"
    said = top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs
    if said or "reportedly" in advs or _according_to(verb):
        return "reported"
    return "asserted"


# Verbs and nouns that ask for an act rather than report it: in "urged Canada to
# support Mexico" or "demanded that Israel ease restrictions" nothing was supported
# or eased yet. The asking itself is coded by its own pattern (02x, 10x).
MANDATIVE = frozenset(
    [
        "urge",
        "ask",
        "call",
        "demand",
        "request",
        "appeal",
        "press",
        "encourage",
        "invite",
        "implore",
        "exhort",
        "order",
        "recommend",
        "require",
        "pressure",
    ]
)
# Verbs that make their complement not happen: "refused to deploy", "failed to reach".
REFUSAL_VERBS = frozenset(["refuse", "decline", "fail", "reject", "avoid", "balk"])


def _backshifted(top: Any, lex: Lexicon) -> bool:
    """Whether "would" in ``top``'s clause is reported "will": "X said it would
    boycott the talks" reports "we will boycott", a plan, not a conjecture."""
    return (
        top.dep_ == "ccomp"
        and top.head.lemma_.lower() in lex.speech_verbs
        and top.head.tag_ in ("VBD", "VBN", "VBG")
    )


def _according_to(verb: Any) -> bool:
    sent = verb.sent
    return "according to" in sent.text.lower()


def _nested(ent: Any, verb: Any) -> bool:
    """Whether a time expression hangs inside a noun phrase below ``verb`` ("its 2019
    invasion", "the strikes of 2019") rather than on the clause ("in 2019")."""
    t = ent.root.head
    while t.i != verb.i and t.head.i != t.i:
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        t = t.head
    return False


def _date(
    sent: Any, verb: Any, published: str | None, future: bool, lex: Lexicon
) -> tuple[timex.TimePoint | None, str | None]:
    """The event's date from a time expression in its own clause, else publication.

    "X criticised Y on Monday, and Y will impose tariffs next year" has two dates
    for two events. A statement reported in speech ("praised Z, a spokesman said
    on Wednesday") takes the date of the speech when its own clause has none.
    An expression on the clause beats one inside a noun phrase ("criticised X for
    its 2019 invasion" is not dated 2019), and a participial adjunct takes its main
    clause's ("Last year, X imposed tariffs, criticising Y ...").
    """
    dates = [e for e in sent.ents if e.label_ == "DATE"]

    def below(head: Any, outside: Any = None) -> list[Any]:
        return [
            e
            for e in dates
            if (head.is_ancestor(e.root) or e.root == head)
            and not (outside is not None and (outside.is_ancestor(e.root) or e.root == outside))
        ]

    own = below(verb)
    candidates = [e for e in own if not _nested(e, verb)]
    top = verb
    while top.dep_ in ("xcomp", "conj") and top.head is not top:
        top = top.head
    clause = top
    while (
        clause.dep_ == "advcl"
        and clause.tag_ in ("VBG", "VBN")
        and not _children(clause, "nsubj", "nsubjpass")
        and clause.head.i != clause.i
    ):
        main = clause.head
        candidates += [e for e in below(main, clause) if not _nested(e, main)]
        clause = main
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs:
        speech = top.head
        candidates += [e for e in below(speech, top) if not _nested(e, speech)]
    candidates += [e for e in own if _nested(e, verb)]
    for ent in candidates:
        point = timex.resolve(ent.text, published, future=future)
        if point is not None:
            return point, "text"
    return (timex.TimePoint(published, "day"), "published") if published else (None, None)


# Prepositions that place an event: "in Kyiv", "at a summit in Ottawa", "during a
# visit to Beijing", "on a trip to Hanoi". A place noun's own "in"/"at"/"to" phrase is
# followed one step down: the summit is not a place, Ottawa is.
_LOCATION_PREPS = ("in", "at", "during", "on", "near", "inside")
_LOCATION_INNER = ("in", "at", "near")
# Occasions whose place is the event's: "during a visit to", "on a trip to". Other
# "during"/"on" phrases ("on access to Crimea") name no place of the event.
_OCCASIONS = frozenset(
    ["visit", "trip", "tour", "summit", "meeting", "conference", "stop", "stay", "talk"]
)
_TRAVEL = frozenset(["visit", "trip", "tour"])


def _place_name(pobj: Any, parse: Parse) -> str | None:
    m = parse.at.get(pobj.i)
    if m is not None and m.type in ("GPE", "LOC") and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
        return str(pobj.text)
    return None


def _location(verb: Any, parse: Parse, trigger: Any = None) -> str | None:
    heads = [verb] if trigger is None or trigger is verb else [verb, trigger]
    for head in heads:
        for prep in _children(head, "prep"):
            if prep.lower_ not in _LOCATION_PREPS:
                continue
            for pobj in _children(prep, "pobj"):
                # "on Monday" and "during the war" carry no place; their own phrase may.
                if prep.lower_ in ("in", "at", "near", "inside"):
                    name = _place_name(pobj, parse)
                    if name is not None:
                        return name
                occasion = pobj.lemma_.lower()
                if prep.lower_ in ("during", "on") and occasion not in _OCCASIONS:
                    continue
                for inner in _children(pobj, "prep"):
                    if inner.lower_ not in _LOCATION_INNER and not (
                        inner.lower_ == "to" and occasion in _TRAVEL
                    ):
                        continue
                    for place in _children(inner, "pobj"):
                        name = _place_name(place, parse)
                        if name is not None:
                            return name
    return None


@dataclass
class _Found:
    trigger: Any
    pattern: Pattern
    sources: list[Actor]
    targets: list[Actor]
    anchor: Any  # the verb whose modality, negation and date apply
    modality: str | None = None  # set when the pattern, not the verb, decides it


def _object_words(objs: Sequence[Any], events: frozenset[str] = frozenset()) -> set[str]:
    """Lemmas naming what an object is: the noun, its compounds and an "of" complement
    ("a night curfew", "the state of emergency", "martial law"). The complement of an
    event noun is not the object ("announced the lifting of the embargo")."""
    out = set()
    for o in objs:
        out.add(o.lemma_.lower())
        for c in o.children:
            if c.dep_ in ("compound", "amod"):
                out.add(c.lemma_.lower())
            if c.dep_ == "prep" and c.lower_ == "of" and o.lemma_.lower() not in events:
                out.update(g.lemma_.lower() for g in _children(c, "pobj"))
    return out


# Where to look for a target the verb does not take directly, in order of preference:
# objects first, then complements and subordinate clauses ("demanded that Russia
# withdraw", "rejected Iraq's offer"), as CAMEO coders take the first actor after the verb.
_NEAR = ("dobj", "dative", "attr", "oprd", "nsubjpass", "prep", "npadvmod")
_FAR = ("ccomp", "xcomp", "advcl", "acomp", "conj")
_PLACE_PREPS = ("in", "at", "near", "inside", "outside", "across", "throughout")


def _deep_targets(token: Any, parse: Parse, sources: Sequence[Actor]) -> list[Actor]:
    own = {s.mention.entity_id for s in sources}
    for deps, places in ((_NEAR, False), (_FAR, False), (("prep",), True)):
        for child in token.children:
            if child.dep_ not in deps:
                continue
            if child.dep_ == "prep" and (child.lower_ in _PLACE_PREPS) != places:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue  # a coordinated verb is its own event
            if child.dep_ == "advcl" and _children(child, "nsubj", "nsubjpass", "mark"):
                continue  # "..., as authorities in Croatia cracked down": another event
            for t in child.subtree:
                m = parse.at.get(t.i)
                if m is None or m.entity_id in own:
                    continue
                span = parse.doc.char_span(m.start, m.end, alignment_mode="expand")
                head = span.root if span is not None else t
                got = [a for a in parse.actors(head) if a.mention.entity_id not in own]
                if got:
                    return got
    return []


def _home(sources: Sequence[Actor]) -> list[Actor]:
    """The source's own country as a target: a protest, a curfew or a crackdown with
    no place named is aimed at home. Only for groups ("rebels in Ivory Coast",
    "Turkish police"), whose country is an actor distinct from them."""
    for s in sources:
        entry = load_kb().entries.get(f"country:{s.mention.country}")
        if (s.group or _people(s)) and entry is not None:
            m = Mention(
                start=s.start,
                end=s.end,
                text=s.mention.text,
                entity_id=entry.id,
                name=entry.name,
                type=entry.type,
                country=entry.country,
            )
            return [Actor(m, s.start, s.end, None, home=True)]
    return []


def _people(actor: Actor) -> bool:
    """Whether a country mention names its people ("Algerians", "Kurds"), a group
    distinct from the state, rather than the country ("Algeria")."""
    m = actor.mention
    text = m.text.lower()
    return m.type == "GPE" and text.endswith("s") and text.rstrip("s") != m.name.lower()


def _place(token: Any, parse: Parse) -> list[Actor]:
    """The country where an event happens, from "in X" on the verb or noun."""
    for prep in _children(token, "prep"):
        if prep.lower_ not in _PLACE_PREPS:
            continue
        for pobj in _children(prep, "pobj"):
            for t in pobj.subtree:
                m = parse.at.get(t.i)
                if m is not None and m.type in ("GPE", "LOC") and m.country:
                    return [Actor(m, m.start, m.end, None, home=True)]
    return []


# Roots whose acts, with no target named, are aimed at home: protests (14) and
# coercion (17) by a group of a country ("Algerian landowners began a hunger strike",
# "Afghan guerrillas blew up power lines"); assaults and fighting (18-20) only by
# armed groups that are not a state's forces ("Sudanese rebels shelled Juba"), as
# troops often fight abroad.
DOMESTIC_ROOTS = frozenset(["14", "17"])
DOMESTIC_GROUP_ROOTS = frozenset(["18", "19", "20"])
ARMED_GROUPS = frozenset(
    [
        "rebel",
        "guerrilla",
        "guerilla",
        "militant",
        "insurgent",
        "militia",
        "separatist",
        "fighter",
        "gunman",
        "bomber",
        "extremist",
        "fundamentalist",
        "tribesman",
    ]
)


def _domestic(p: Pattern, sources: Sequence[Actor]) -> bool:
    root = p.cameo[:2]
    return (
        p.domestic
        or root in DOMESTIC_ROOTS
        or (root in DOMESTIC_GROUP_ROOTS and any(s.head in ARMED_GROUPS for s in sources))
    )


def _home_place(target: Actor, sources: Sequence[Actor]) -> bool:
    """Whether ``target`` is a place of the country a group among ``sources`` is from."""
    m = target.mention
    return m.type in ("GPE", "LOC") and any(
        s.mention.country == m.country is not None
        and (s.group or s.mention.entity_id != m.entity_id)
        for s in sources
    )


def _match_verb(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    lemma = token.lemma_.lower()
    if lemma not in lex.verb_lemmas:
        return None
    objs = _objects(token)
    obj_lemmas = _object_words(objs, lex.noun_lemmas)
    prep_words = {c.lower_ for c in token.children if c.dep_ == "prep"}
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    xcomps = {c.lemma_.lower() for c in token.children if c.dep_ == "xcomp"}
    for p in lex.verbs:
        if lemma not in p.lemmas:
            continue
        if p.unless_prep & prep_words:
            continue
        if p.unless_xcomp & xcomps:
            continue
        if p.particle and not (p.particle & particles):
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
            if p.object_not_actor and p.domestic:
                # A group blocking places of its own country ("farmers blockaded the
                # capital") protests at home: the place is where, not whom.
                targets = [t for t in targets if not _home_place(t, sources)]
            if p.object_not_actor and targets:
                continue
        preps = (*p.preps, "in") if p.target_place else p.preps
        if not targets:
            targets = _prep_targets(token, preps, parse)
        if not targets:
            for o in objs:
                if o.lemma_.lower() in (p.object or ()):
                    targets = _prep_targets(o, p.preps, parse)
                    if targets:
                        break
        if not targets and not (p.symmetric and len(sources) > 1) and not p.object_not_actor:
            targets = _deep_targets(token, parse, sources)
        if not targets and _domestic(p, sources):
            targets = _place(token, parse) or _home(sources)
        return _Found(token, p, sources, targets, token)
    return None


# "X said that Y must withdraw" is X's demand on Y (CAMEO 10), whatever Y must do.
DEMAND = Pattern(cameo="100", lemmas=frozenset())
OBLIGATION = frozenset({"must", "should", "ought"})


def _obligation(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    if token.lemma_.lower() not in lex.speech_verbs | {"conclude", "insist"}:
        return None
    for comp in _children(token, "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in comp.children):
            continue
        subj, _ = _subject(token)
        sources = parse.actors(subj) if subj is not None else []
        own = _ids(sources)
        targets = [
            a
            for t in _children(comp, "nsubj", "nsubjpass")
            for a in parse.actors(t)
            if a.mention.entity_id not in own
        ]
        if sources and targets:
            return _Found(token, DEMAND, sources, targets, token)
    return None


# Nouns that carry an event noun in compound: "a mediation mission between A and B",
# "aid deliveries", "a sanctions package": the carrier's verb and prepositions apply.
CARRIER_NOUNS = frozenset(
    [
        "mission",
        "effort",
        "process",
        "initiative",
        "package",
        "programme",
        "program",
        "campaign",
        "operation",
        "round",
        "delivery",
        "shipment",
        "convoy",
        "attempt",
    ]
)


def _carrier(token: Any) -> Any:
    """The noun phrase head that stands for an event noun used as a compound."""
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in CARRIER_NOUNS:
        return head
    return token


def _verb_forms(token: Any) -> set[str]:
    """The verb's lemma and its past form stripped: the small model lemmatises
    "staged" as "stag", which would hide "staged demonstrations"."""
    low = str(token.lower_)
    forms = {str(token.lemma_).lower(), low}
    if token.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        forms.update({low[:-1], low[:-2]})
    return forms


def _noun_pattern(token: Any, lex: Lexicon) -> Pattern | None:
    lemma = token.lemma_.lower()
    text = token.lower_
    for p in lex.nouns:
        if lemma in p.lemmas or text in p.lemmas:
            if p.light:
                # Only with its verb: "lodged a protest" is a complaint, not a rally.
                node = _carrier(token)
                if not (node.dep_ in ("dobj", "nsubjpass") and _verb_forms(node.head) & p.light):
                    continue
            if (
                p.compound
                and not any(
                    c.lemma_.lower() in p.compound
                    for c in token.children
                    if c.dep_ in ("compound", "amod", "nmod")
                )
                and not (p.compound & _of_complements(token))
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


def _ids(actors: Iterable[Actor]) -> set[str]:
    return {a.mention.entity_id for a in actors}


def _of_complements(token: Any) -> set[str]:
    return {
        g.lemma_.lower()
        for c in _children(token, "prep")
        if c.lower_ == "of"
        for g in _children(c, "pobj")
    }


# Nouns that make the act they govern a plan: "a plan for softening sanctions",
# "a proposal to lift the embargo".
PLAN_NOUNS = frozenset(
    [
        "plan",
        "proposal",
        "option",
        "offer",
        "decision",
        "bid",
        "intention",
        "readiness",
        "promise",
        "pledge",
    ]
)


def _match_noun(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    p = _noun_pattern(token, lex)
    if p is None:
        return None
    node = _carrier(token)
    found = _match_noun_at(node, p, lex, parse)
    found.trigger = token
    plan = node.head.head if node.dep_ == "pobj" and node.head.dep_ == "prep" else None
    if (
        not found.sources
        and plan is not None
        and plan.pos_ == "NOUN"
        and plan.lemma_.lower() in PLAN_NOUNS
    ):
        # The plan's owner acts: "the US develops a plan for softening sanctions",
        # "Russia's proposal for talks".
        owner = _match_noun_at(plan, p, lex, parse)
        if not owner.sources and plan.dep_ in ("dobj", "nsubjpass", "attr"):
            subj, _ = _subject(plan.head)
            owner.sources = parse.actors(subj) if subj is not None else []
            owner.anchor = plan.head
        if owner.sources:
            found.sources = owner.sources
            found.targets = found.targets or [
                t for t in owner.targets if t.mention.entity_id not in _ids(owner.sources)
            ]
            found.anchor = owner.anchor
            found.modality = "planned"
    return found


def _match_noun_at(token: Any, p: Pattern, lex: Lexicon, parse: Parse) -> _Found:
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
        and _verb_forms(head) & lex.light_verbs
        # "called the accusations nonsense" names the noun, it does not carry it out
        and not _children(head, "oprd", "ccomp")
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
                if not got and prep.lower_ == "of":
                    # "the softening of sanctions against Russia", "the withdrawal of
                    # forces from Panama"
                    got = _prep_targets(pobj, ("against", "on", "to", "for", "from"), parse)
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
    if not targets:
        # "its demand that Israel ease restrictions": the clause's subject is the target
        own = _ids(sources)
        for clause in _children(token, "acl", "ccomp"):
            targets = [
                a
                for subj in _children(clause, "nsubj", "nsubjpass")
                for a in parse.actors(subj)
                if a.mention.entity_id not in own
            ]
            if targets:
                break
    targets = targets or pre_targets
    domestic = _domestic(p, sources)
    if not targets and (domestic or p.target_place):
        targets = _place(token, parse) or (_place(anchor, parse) if anchor is not token else [])
    if not targets and domestic:
        targets = _home(sources)
    if p.symmetric and not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    return _Found(token, p, sources, targets, anchor)


def code_events(article: Article, lex: Lexicon) -> list[Event]:
    doc = article.doc
    parse = Parse(doc, article.mentions, lex.speech_verbs)
    events: dict[str, Event] = {}
    used_nouns: set[int] = set()
    for sent in doc.sents:
        found: list[_Found] = []
        for token in sent:
            if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.lemma_ == "have"):
                f = _match_verb(token, lex, parse) or _obligation(token, lex, parse)
                if f is not None:
                    found.append(f)
                    for o in _objects(token):
                        # "announced a sanctions package": the verb coded it already
                        used_nouns.update([o.i, *(c.i for c in _children(o, "compound"))])
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in used_nouns:
                f = _match_noun(token, lex, parse)
                if f is not None:
                    found.append(f)
        for f in _coercive_orders(found, parse):
            for ev in _events_from(f, article, sent, lex, parse):
                events.setdefault(ev.id, ev)
    ordered = sorted(events.values(), key=lambda e: (e.action_start, e.cameo))
    return _sanction_targets(ordered, article)


# Verbs of command whose addressee must comply: an order to a newspaper to suspend
# publication restricts it, the order being the coercion (CAMEO 17x by the orderer).
# Asking ("urged X to close") is no coercion: only these verbs.
COMMAND_VERBS = frozenset(["order", "command", "force", "compel", "instruct", "direct"])


def _coercive_orders(found: list[_Found], parse: Parse) -> list[_Found]:
    """``found`` with an order to do a coercive act (17x) coded as that act by the
    orderer on the ordered, in place of the demand (100) the order verb codes."""
    coercions: list[_Found] = []
    orders: set[int] = set()
    for f in found:
        verb = f.anchor.head
        if not (
            f.pattern.cameo.startswith("17")
            and f.anchor.dep_ == "xcomp"
            and verb.lemma_.lower() in COMMAND_VERBS
            and verb.pos_ == "VERB"
        ):
            continue
        subj, _ = _subject(verb)
        orderers = parse.actors(subj) if subj is not None else []
        own = _ids(orderers)
        ordered = [a for a in f.sources if a.mention.entity_id not in own] or f.targets
        if not orderers or not ordered:
            continue
        coercions.append(_Found(verb, f.pattern, orderers, ordered, verb))
        orders.add(verb.i)
    kept = [f for f in found if not (f.anchor.i in orders and f.pattern.cameo == "100")]
    return kept + coercions


# Imposing, threatening, planning to ease and easing sanctions: one sanctions regime.
SANCTION_CODES = frozenset({"163", "1312", "0354", "085"})


def _sanction_targets(events: list[Event], article: Article) -> list[Event]:
    """Give target-less sanctions the target the article names elsewhere.

    News about a sanctions regime names its target once ("sanctions on Russia") and
    then speaks of "the sanctions" or "counter-sanctions". A sanction event with no
    target takes it from the nearest sanction event in the same article: that event's
    target when the source is the same country ("sanctions imposed by Washington
    have hurt the economy"), its source when it was aimed at this source's country
    (counter-sanctions answer the sanctions one suffers).
    """
    named = [e for e in events if e.cameo in SANCTION_CODES and e.target and e.target.country]
    out = []
    for e in events:
        country = e.source.country
        if e.target is not None or e.cameo not in SANCTION_CODES or not country or not named:
            out.append(e)
            continue
        target: ActorRef | None = None
        for other in sorted(named, key=lambda o: abs(o.action_start - e.action_start)):
            assert other.target is not None
            if other.source.country == country and other.target.country != country:
                target = other.target
            elif other.target.country == country and other.source.country != country:
                target = other.source
            if target is not None:
                break
        if target is None:
            out.append(e)
            continue
        # The target's offsets point at its own mention elsewhere in the text.
        new_id = digest(e.id, "target", target.entity_id or target.name)
        out.append(replace(e, id=new_id, target=target))
    return out


# An act the actor commits itself to is, in CAMEO, an intent (03x) when it would
# cooperate and a threat (13x) when it would harm: "offered to mediate" is 039,
# "is strongly considering imposing sanctions" is 1312. The longest prefix wins;
# acts with no intent code here (appeals, demands, criticism) give none.
INTENT_CODES = {
    "03": "030",
    "04": "036",
    "045": "039",
    "05": "032",
    "06": "031",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",
    "081": "0351",
    "0813": "0351",
    "0814": "0351",
    "082": "0352",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "14": "133",
    "15": "138",
    "16": "131",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "1313",
    "17": "137",
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "18": "138",
    "19": "138",
    "190": "1384",
    "191": "1381",
    "192": "1382",
    "194": "1384",
    "195": "1384",
    "20": "1383",
}


# An actor committing itself not to cooperate rejects (CAMEO 12x): "will not accept
# refugees" is 122-like, "would not meet their demands" 123, "will not meet" 125.
REFUSAL_CODES = {
    "03": "120",
    "04": "125",
    "045": "126",
    "05": "120",
    "057": "127",
    "06": "121",
    "061": "1211",
    "062": "1212",
    "07": "122",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
    "075": "122",
    "08": "124",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def _longest(table: dict[str, str], cameo: str) -> str | None:
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


def intent_code(cameo: str) -> str | None:
    return _longest(INTENT_CODES, cameo)


def refusal_code(cameo: str) -> str | None:
    return _longest(REFUSAL_CODES, cameo)


def _intent(f: _Found, lex: Lexicon, negated: bool = False) -> tuple[str, str] | None:
    """(code, modality) of the intent or threat a planned act expresses, if the actor
    commits itself to it ("will", "offered to", "is ready to", "threatened to"); with
    ``negated``, of the refusal ("will not accept", "said it would not meet")."""
    chain: list[Any] = []
    t = f.anchor
    while t.dep_ in ("xcomp", "conj", "acomp") and t.head is not t and len(chain) < 6:
        t = t.head
        chain.append(t)
    governors = {v.lemma_.lower() for v in chain}
    coded = governors & lex.verb_lemmas
    if coded - lex.intent_verb_lemmas:
        return None  # the governor is an event of its own kind ("asked to", "urged to")
    aux = {c.lower_ for c in f.anchor.children if c.dep_ == "aux"}
    top = chain[-1] if chain else f.anchor
    if "would" in aux and _backshifted(top, lex):
        aux = (aux - {"would"}) | {"will"}
    if not (coded or governors & lex.governors_intent or aux & lex.modal_planned):
        return None
    code = refusal_code(f.pattern.cameo) if negated else intent_code(f.pattern.cameo)
    if code is None:
        return None
    said = top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs
    return code, "reported" if said or _according_to(top) else "asserted"


def _events_from(f: _Found, article: Article, sent: Any, lex: Lexicon, parse: Parse) -> list[Event]:
    sources, targets = f.sources, f.targets
    if f.pattern.symmetric and len(sources) > 1 and not targets:
        sources, targets = sources[:1], sources[1:]
    if not sources:
        return []
    modality = _modality(f.anchor, lex)
    if f.modality is not None and modality in ("asserted", "reported"):
        modality = f.modality
    # The act itself stays, as planned; what the actor commits itself to is coded as
    # well, as the commitment: "is strongly considering sanctions" is a threat (1312).
    out = _coded(f, f.pattern.cameo, modality, sources, targets, article, sent, lex, parse)
    negated = _negated(f.anchor)
    intent = _intent(f, lex, negated) if modality == "planned" else None
    if intent is not None:
        # A refusal ("will not accept") is itself asserted: its negation is in the code.
        out += _coded(
            f, intent[0], intent[1], sources, targets, article, sent, lex, parse, negated=False
        )
    return out


def _coded(
    f: _Found,
    cameo: str,
    modality: str,
    sources: list[Actor],
    targets: list[Actor],
    article: Article,
    sent: Any,
    lex: Lexicon,
    parse: Parse,
    negated: bool | None = None,
) -> list[Event]:
    code = ontology.lookup(cameo)
    point, date_from = _date(
        sent, f.anchor, article.published, modality in ("planned", "hypothetical"), lex
    )
    negated = _negated(f.anchor) if negated is None else negated
    location = _location(f.anchor, parse, f.trigger)
    sent_start, sent_text = sentence_bounds(sent)
    out = []
    pairs: list[tuple[Actor, Actor | None]] = []
    for s in sources:
        # "Palestinian police ... Palestinian armed groups" are two actors of one
        # country; "Russia ... Russia" is one.
        tgts: list[Actor | None] = [
            t
            for t in targets
            if t.mention.entity_id != s.mention.entity_id
            or ((t.group or s.group) and t.start != s.start)
            or t.home
        ] or [None]
        pairs.extend((s, t) for t in tgts)
    for s, t in pairs:
        if (
            t is not None
            and s.mention.country
            and s.mention.country == t.mention.country
            and (s.mention.type != "PERSON" and t.mention.type != "PERSON")
            and not (s.group or t.group or t.home or s.mention.entity_id.startswith("group:"))
            and t.mention.entity_id == f"country:{t.mention.country}"
        ):
            # "the White House ... Washington": one actor named twice. A part of the
            # country ("the British government ... in Northern Ireland") is a target,
            # and so are its people ("Kurds ... independence from Iraq").
            continue
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


def _body(m: re.Match[str]) -> str:
    body = (m.group(1) or m.group(2)).rstrip()
    # American style keeps the clause's comma inside the marks; it is not speech.
    return body[:-1] if body.endswith(",") else body


def _reported(verb: Any, sent: Any) -> list[Any]:
    """The tokens of what ``verb`` reports: its clausal complement ("said that ..."),
    or, for a parenthetical "As he said, ...", the rest of the sentence."""
    comp = _children(verb, "ccomp")
    if comp:
        return list(comp[0].subtree)
    if verb.dep_ == "advcl" and any(c.lower_ == "as" for c in _children(verb, "mark")):
        after = max(t.i for t in verb.subtree) + 1
        toks = [t for t in sent if t.i >= after]
        while toks and toks[0].is_punct:
            toks.pop(0)
        while toks and toks[-1].is_punct:
            toks.pop()
        if len(toks) >= 3 and verb.i < toks[0].i:
            return toks
    return []


def extract_quotes(article: Article, lex: Lexicon) -> list[Quote]:
    doc = article.doc
    parse = Parse(doc, article.mentions, lex.speech_verbs)
    quotes: list[Quote] = []
    last: tuple[str, str | None] | None = None
    for sent in doc.sents:
        speech = [
            t for t in sent if t.lemma_.lower() in lex.speech_verbs and t.pos_ in ("VERB", "AUX")
        ]
        sent_start, sent_text = sentence_bounds(sent)
        # Marks around a word or two ("strongly considering") flag a phrase inside
        # reported speech, not a direct quote: the sentence is then indirect speech.
        marks = [m for m in _QUOTE.finditer(sent_text) if len(_body(m).split()) >= 3]
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
                body = _body(m)
                start = sent_start + m.start() + 1
                quotes.append(_quote(article, speaker, "direct", sent_text, start, body))
            last = speaker
        elif speaker is not None and verb is not None:
            toks = _reported(verb, sent)
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            quotes.append(
                _quote(article, speaker, "indirect", sent_text, start, doc.text[start:end])
            )
            last = speaker
        else:
            last = None if not marks else last
    return quotes


@register
class Events:
    """Coded events and attributed quotes for each article."""

    name: ClassVar[str] = "events"
    version: ClassVar[str] = "6"
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


def _quote(
    article: Article,
    speaker: tuple[str, str | None],
    kind: str,
    sentence: str,
    start: int,
    text: str,
) -> Quote:
    """A quote record; its id is stable for the same article and start offset."""
    return Quote(
        id=digest(article.id, str(start)),
        article_id=article.id,
        speaker_name=speaker[0],
        speaker_entity_id=speaker[1],
        text=text,
        kind=kind,
        sentence=sentence,
        start=start,
        end=start + len(text),
    )
