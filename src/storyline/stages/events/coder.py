"""The rule coder: from matched verbs, event nouns and obligations to ``Event`` records.

Each sentence's verbs are matched against the lexicon's verb patterns (and "said
that Y must ..." as a demand), then the nouns the verbs did not already cover
against the noun patterns, with light verbs and plan nouns lending their subject.
Article-level passes follow: an order to coerce is coded as the coercion by the
orderer, a planned act the actor commits itself to adds its intent, threat or
refusal, and target-less sanctions take the target the article names elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline import ontology
from storyline.ids import digest
from storyline.models import ActorRef, Article, Event

# _location, _modality, _negated and _domestic keep their underscore: functions here have
# locals of the bare names (modality = _modality(...)).
from storyline.stages.events.context import (
    _location,
    _modality,
    _negated,
    according_to,
    backshifted,
    called_off,
    climbs,
    date,
    guessed_by_other,
    habitual,
    obliges,
    setting,
    verb_forms,
)
from storyline.stages.events.intent import (
    condition,
    intent_code,
    posture_code,
    refusal_code,
    threat_code,
)
from storyline.stages.events.lexicon import DEFAULT_PREPS, Lexicon, Pattern
from storyline.stages.events.parse import (
    ARMED_GROUPS,
    Actor,
    Parse,
    children,
    for_subjects,
    objects,
    pobjs,
    prep_targets,
    subject,
)
from storyline.stages.events.targets import (
    DOER_CODES,
    HOME_FORCE_HEADS,
    PEOPLE_NOUNS,
    RECIPIENT_CODES,
    REMOVAL_CODES,
    _domestic,
    attacker,
    condition_targets,
    dateline_place,
    deep_targets,
    doers,
    each_other,
    fought_with,
    home,
    home_place,
    hosted,
    mutual,
    parties,
    people,
    place,
    possessor,
    protest_root,
    protest_targets,
    recipient,
    stateless,
    taken_from,
)
from storyline.stages.nlp import sentence_bounds
from storyline.timex import TimePoint


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
                out.update(g.lemma_.lower() for g in children(c, "pobj"))
    return out


# Nouns of an attempt: CAMEO codes an attempted assault or attack (18-20) as the act.
ATTEMPT_NOUNS = frozenset(["attempt", "bid", "plot"])


def _attempted(token: Any, cameo: str) -> bool:
    """Whether ``token`` is the to-infinitive of an attempt noun at violence ("an
    attempt to kill")."""
    return (
        cameo[:2] in ("18", "19", "20")
        and token.dep_ == "acl"
        and token.head.lemma_.lower() in ATTEMPT_NOUNS
        and any(c.tag_ == "TO" for c in children(token, "aux"))
    )


def _object_preps(objs: Sequence[Any], nouns: frozenset[str] | None) -> set[str]:
    """Prepositions on the objects a pattern names, but for phrases of time: "began
    strikes on Gaza" aims the strikes, as "on" on the verb would."""
    return {
        c.lower_
        for o in objs
        if o.lemma_.lower() in (nouns or ())
        for c in children(o, "prep")
        if not any(g.ent_type_ in ("DATE", "TIME") for g in children(c, "pobj"))
    }


def _hyphened(token: Any) -> str:
    """The lemma with a hyphened prefix the tokenizer split off: "test-fired" is
    test + - + fired, and a missile test-fired is a test, not an attack."""
    lemma = str(token.lemma_).lower()
    i, doc = token.i, token.doc
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].head.i == i and not doc[i - 1].whitespace_:
        return f"{doc[i - 2].lower_}-{lemma}"
    return lemma


def _match_verb(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    lemma = _hyphened(token)
    if lemma not in lex.verb_lemmas:
        lemma = token.lemma_.lower()
    if lemma not in lex.verb_lemmas:
        return None
    if lemma in CONSEQUENCE_VERBS and token.tag_ == "VBG" and token.dep_ == "advcl":
        return None  # "opened the border, allowing refugees to cross": an effect, no act
    objs = objects(token)
    obj_lemmas = _object_words(objs, lex.noun_lemmas)
    # "called on Monday" is no "call on": a phrase of time introduces no one
    prep_words = {
        c.lower_
        for c in token.children
        if c.dep_ == "prep"
        and not any(g.ent_type_ in ("DATE", "TIME") for g in children(c, "pobj"))
    }
    if for_subjects(token):
        prep_words.add("for")
    # "forced the agency out of the country": the parser takes the particle for a preposition
    particles = {
        c.lower_
        for c in token.children
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "out" and not children(c, "pobj"))
    }
    xcomps = {c.lemma_.lower() for c in token.children if c.dep_ == "xcomp"}
    for p in lex.verbs:
        if lemma not in p.lemmas:
            continue
        if p.unless_prep & (prep_words | _object_preps(objs, p.object)):
            continue
        if p.unless_xcomp & xcomps:
            continue
        if p.particle and not (p.particle & particles):
            continue
        if p.xcomp and not _xcomp_fits(token, p):
            continue
        if p.speech and not _spoken(token):
            continue
        if p.predicate and not (_predicates(token) & p.predicate):
            continue
        if p.object is not None and p.object and not (obj_lemmas & p.object):
            continue
        if p.object == frozenset() and not (prep_words & set(p.preps)):
            continue
        if p.object_actor and children(token, "oprd"):
            continue  # "held X responsible", "called X a liar": a judgement, not the act
        if p.preps_require:
            ok = any(
                c.lower_ in p.preps_require
                and any(
                    g.lemma_.lower() in p.prep_objects
                    or any(x.lemma_.lower() in p.prep_objects for x in g.subtree)
                    for g in pobjs(c)  # through "out of": "walked out of the talks"
                )
                for c in token.children
                if c.dep_ == "prep"
            )
            if not ok:
                continue
        subj, passive = subject(token)
        if subj is None and token.dep_ == "pcomp" and token.head.lower_ in _TIME_PREPS:
            # "freed him after holding him for a week": the gerund's doer is the subject
            # of the verb the phrase of time hangs on
            subj, passive = subject(token.head.head)
        if subj is None and token.dep_ == "acl" and token.head.lemma_.lower() in OWNED_ACTS:
            subj, passive = _owner(token.head), False  # "X's decision to recognise Y"
        if subj is None and passive and p.object_target:
            # "were denied entry by the guards": the parser hangs the agent on the object
            subj = next(
                (
                    g
                    for o in objs
                    for c in children(o, "prep")
                    if c.lower_ == "by"
                    for g in pobjs(c)
                ),
                None,
            )
            passive = subj is None
        if p.subject:
            # "Indian peacekeepers were deployed to X": whoever deployed them, they
            # are India's peacekeepers.
            who = subj if subj is not None else next(iter(children(token, "nsubjpass")), None)
            # "the first deployment of NATO peacekeeping troops": the words of the
            # counted noun count too
            whom = (
                [
                    who,
                    *(
                        g
                        for c in children(who, "prep")
                        if c.lower_ == "of"
                        for g in children(c, "pobj")
                    ),
                ]
                if who is not None
                else []
            )
            if who is None or not _object_words(whom, lex.noun_lemmas) & p.subject:
                continue
            subj, passive = who, False
        if subj is None and p.stative:
            # "Israel is opposed to the plan": the passive names a state of its subject
            subj, passive = next(iter(children(token, "nsubjpass")), None), False
        attempt = token.head if _attempted(token, p.cameo) else None
        if subj is None and attempt is not None:
            # "an attempt to kill X was foiled": the attempt's owner acts ("the rebels'
            # attempt"), else, as in an agentless passive, an unnamed attacker
            subj = next(iter(children(attempt, "poss")), None)
            passive = subj is None
        sources = parse.actors(subj) if subj is not None else []
        # Where the event happens: on the verb, its objects ("blocked roads in X") or its
        # subject ("a bomb explosion in X killed ..."), or where the attempt was foiled.
        scene = [token, *objs, *([subj] if subj is not None else [])]
        scene += [attempt, attempt.head] if attempt is not None else []
        if not sources and passive and subj is None and p.cameo[:2] in ("18", "19", "20"):
            sources = fought_with(token, parse, scene)  # "killed in clashes with X"
        if not sources:
            unnamed = (people(subj, scene, parse) if subj is not None else None) or attacker(
                subj, passive, scene, p.cameo, parse
            )
            sources = [unnamed] if unnamed is not None else []
        targets: list[Actor] = []
        if (
            p.object is None
            or p.object_actor
            or p.object_not_actor
            or p.preps_require
            or p.object_target
        ):
            for o in objs:
                if o.i == getattr(subj, "i", -1):
                    continue
                targets.extend(parse.actors(o))
            if not targets and not p.object_not_actor:
                # "killed 23 people in X", "arrested three students": unnamed people
                targets = [a for o in objs if (a := people(o, scene, parse, sources)) is not None][
                    :1
                ]
            if not targets:
                targets = possessor(objs, parse, sources, p.cameo)  # "expelled its envoy"
            if p.object_actor and not targets:
                continue
            if p.object_not_actor and p.domestic:
                # A group blocking places of its own country ("farmers blockaded the
                # capital") protests at home: the place is where, not whom.
                targets = [t for t in targets if not home_place(t, sources)]
            if p.object_not_actor and targets:
                continue
        if p.predicate and not targets:
            targets = _named_act_doer(token, objs, parse)
        if p.cameo.startswith(RECIPIENT_CODES) and (got := recipient(token, parse, sources)):
            targets = got  # "extradited a Peruvian to Chile": for Chile
        preps = (*p.preps, "in") if p.target_place else p.preps
        if not targets and p.cameo.startswith(DOER_CODES):
            targets = doers(token, parse, sources)  # "investigated abuses by X"
        if not targets:
            targets = prep_targets(token, preps, parse)
        if not targets and p.cameo.startswith(REMOVAL_CODES):
            targets = taken_from(token, objs, parse, sources, scene)  # "seized arms from X"
        if not targets:
            for o in objs:
                if o.lemma_.lower() in (p.object or ()):
                    targets = prep_targets(o, p.preps, parse)
                    if targets:
                        break
        if not targets:
            targets = parties(objs, parse, sources)  # "talks between A and B, mediated by X"
        if not targets and protest_root(p.cameo, sources):
            targets = protest_targets(token, parse, sources, lex.verbal_conflict_lemmas)
        if not targets and not p.object_not_actor:
            targets = purpose_targets(token, parse, sources)
        if not targets:
            # "dispersed protesters in Nairobi", "fired tear gas at protesters", "fired
            # on demonstrators": the people the pattern's object or target phrase names
            aimed = [o for o in objs if o.lemma_.lower() in (p.object or ())] + [
                g
                for h in (token, *objs)
                for c in children(h, "prep")
                if c.lower_ in p.preps
                for g in children(c, "pobj")
            ]
            targets = [a for o in aimed if (a := people(o, scene, parse, sources)) is not None][:1]
        if not targets:
            targets = possessor(objs, parse, sources, p.cameo)  # "expelled its envoy"
        if not targets and not (p.symmetric and len(sources) > 1) and not p.object_not_actor:
            targets = deep_targets(token, parse, sources, p.cameo)
        if not targets:
            targets = condition_targets(token, parse, sources, p.cameo)  # "... unless X"
        if not targets and _domestic(p, sources):
            targets = place(token, parse) or home(sources, p.cameo)
        return _Found(token, p, sources, stateless(targets, scene, parse, sources), token)
    return None


# Nouns whose infinitive is an act their owner has taken: "X's decision to recognise
# Y", "a decision by Z to expel the envoy" (the owner is the possessor, a "by" phrase,
# or a national adjective on the noun). Plans, offers, moves and efforts ("its
# readiness to ease sanctions", "moves to reset relations") are left out: their act
# is aimed at, not done.
OWNED_ACTS = frozenset(["decision"])


def _owner(noun: Any) -> Any:
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by" and children(c, "pobj"):
            return children(c, "pobj")[0]
    return noun


def _predicates(verb: Any) -> set[str]:
    """What a verb of naming calls its object: "called the vote a sham", "calling the
    ruling biased", "branded X a terrorist" (a second object), "described it as a
    crime", "called it an act of aggression" (the "of" complement counts too)."""
    named = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
    named += children(verb, "dobj")[1:]
    named += [g for c in children(verb, "prep") if c.lower_ == "as" for g in children(c, "pobj")]
    named += [g for n in named for c in children(n, "prep") if c.lower_ == "of" for g in pobjs(c)]
    return {w for n in named for w in (n.lower_, n.lemma_.lower())}


def _named_act_doer(verb: Any, objs: Sequence[Any], parse: Parse) -> list[Actor]:
    """ "X did Y, in what Z called a sham": what Z names is the act of the clause the
    phrase hangs on, so the criticism is aimed at that act's doer."""
    if verb.dep_ != "pcomp" or not any(o.lower_ == "what" for o in objs):
        return []
    subj, _ = subject(verb.head.head)
    return parse.actors(subj) if subj is not None else []


# Verbs that, as a trailing participle ("..., allowing X to ...", "..., enabling ..."),
# state what the main act made possible rather than a second act.
CONSEQUENCE_VERBS = frozenset(["allow", "permit", "let", "enable"])


# Prepositions of time whose gerund shares the subject of the verb they modify.
_TIME_PREPS = frozenset(["after", "before", "while", "since", "without", "upon", "by"])


# Verbs of going and sending whose destination is where the purpose of the trip is
# carried out: "flew to Kabul to meet", "sent investigators to Bosnia to investigate".
MOVEMENT_VERBS = frozenset(
    [
        "send",
        "dispatch",
        "deploy",
        "fly",
        "travel",
        "go",
        "come",
        "arrive",
        "return",
        "head",
        "rush",
        "move",
        "sail",
        "drive",
        "journey",
        "despatch",
    ]
)


def purpose_targets(token: Any, parse: Parse, sources: Sequence[Actor]) -> list[Actor]:
    """The target a purpose infinitive with none of its own takes from the act it is
    the purpose of: the destination of a trip or a sending ("flew to Kabul to meet",
    "sent an envoy to Lebanon to mediate") and the partner of talks ("negotiations
    with Moscow to improve relations")."""
    if token.dep_ not in ("advcl", "acl") or not any(
        c.tag_ == "TO" for c in children(token, "aux")
    ):
        return []
    head = token.head
    preps: tuple[str, ...] = ("with",)
    moving = head.pos_ == "VERB" and head.lemma_.lower() in MOVEMENT_VERBS
    if moving:
        preps = ("with", "to", "into")
    got = prep_targets(head, preps, parse)
    if not got and head.pos_ in ("VERB", "AUX"):
        # "held talks with China to improve", "sent an envoy to Lebanon to mediate"
        for o in objects(head):
            got = prep_targets(o, preps, parse)
            if got:
                break
    own = _ids(sources)
    return [a for a in got if a.mention.entity_id not in own]


def _spoken(token: Any) -> bool:
    """Whether the verb is used as a verb of saying: with a clause or a quotation as
    its content ("protested that ...", "'...,' the ministry protested") or an
    addressee ("protested to Japan")."""
    return (
        any(
            c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "prep" and c.lower_ == "to" and pobjs(c))
            for c in token.children
        )
        or (token.dep_ == "parataxis")
        or _message_purpose(token)
    )


# Verbs and objects of diplomatic messages: "sent a note to X to protest the incursion",
# "summoned the envoy to protest": the purpose of a message is said, not marched.
MESSAGE_VERBS = frozenset(["summon", "write", "phone", "telephone", "call", "recall", "cable"])
MESSAGE_NOUNS = frozenset(["note", "letter", "message", "statement", "cable", "complaint"])


def _message_purpose(token: Any) -> bool:
    """Whether ``token`` is the purpose infinitive of sending or delivering a message."""
    head = token.head
    if token.dep_ not in ("advcl", "xcomp") or head.i == token.i:
        return False
    return head.lemma_.lower() in MESSAGE_VERBS or any(
        o.lemma_.lower() in MESSAGE_NOUNS for o in children(head, "dobj")
    )


def _xcomp_fits(token: Any, p: Pattern) -> bool:
    """Whether the verb's complement is one of ``p.xcomp``, taking (as object or
    through a preposition) one of ``p.xcomp_requests`` when the pattern names them."""
    for x in children(token, "xcomp"):
        if x.lemma_.lower() not in p.xcomp:
            continue
        if not p.xcomp_requests or any(
            t.dep_ in ("dobj", "pobj") and t.lemma_.lower() in p.xcomp_requests for t in x.subtree
        ):
            return True
    return False


# "X said that Y must withdraw" is X's demand on Y (CAMEO 10), whatever Y must do.
DEMAND = Pattern(cameo="100", lemmas=frozenset())


def _obligation(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    if token.lemma_.lower() not in lex.speech_verbs | {"conclude", "insist"}:
        return None
    for comp in children(token, "ccomp"):
        if not obliges(comp):  # "must", "should", "ought to", "has to", "needs to"
            continue
        subj, _ = subject(token)
        sources = parse.actors(subj) if subj is not None else []
        own = _ids(sources)
        targets = [
            a
            for t in children(comp, "nsubj", "nsubjpass")
            for a in parse.actors(t)
            if a.mention.entity_id not in own
        ]
        if sources and targets:
            return _Found(token, DEMAND, sources, targets, token)
    return None


# Saying an actor is the cause of a harm criticises it (111): "said X was the root of
# the crisis", "insisted Y is the main obstacle to peace".
CRITICISM = Pattern(cameo="111", lemmas=frozenset())
CAUSE_WORDS = frozenset(["root", "cause", "culprit", "obstacle", "aggressor", "instigator"])


def _named_cause(token: Any, lex: Lexicon, parse: Parse) -> _Found | None:
    if token.lemma_.lower() not in lex.speech_verbs:
        return None
    for comp in children(token, "ccomp"):
        said = [a for a in children(comp, "attr") if a.lemma_.lower() in CAUSE_WORDS]
        if comp.lemma_.lower() != "be" or not said or children(comp, "neg"):
            continue
        subj, _ = subject(token)
        sources = parse.actors(subj) if subj is not None else []
        own = _ids(sources)
        targets = [
            a
            for t in children(comp, "nsubj")
            for a in parse.actors(t)
            if a.mention.entity_id not in own
        ]
        if sources and targets:
            return _Found(token, CRITICISM, sources, targets, token)
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
    """The verb's forms (context.verb_forms: "staged" is lemmatised "stag") and its
    surface form."""
    return verb_forms(token) | {str(token.lower_)}


def _noun_pattern(token: Any, lex: Lexicon) -> Pattern | None:
    lemma = token.lemma_.lower()
    text = token.lower_
    # Most nouns trigger nothing: one set lookup spares the scan of every pattern.
    if lemma not in lex.noun_lemmas and text not in lex.noun_lemmas:
        return None
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
        for c in children(token, "prep")
        if c.lower_ == "of"
        for g in children(c, "pobj")
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
    if plan is not None and plan.pos_ == "NOUN" and plan.lemma_.lower() in PLAN_NOUNS:
        # "an offer of talks from X", "a plan for a Russian withdrawal": not done yet
        found.modality = "planned"
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
            subj, _ = subject(plan.head)
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


def _that_clause(clause: Any) -> bool:
    return any(m.lower_ == "that" for m in children(clause, "mark"))


# Light verbs that handle an appeal or a verbal attack someone else made: "called the
# accusations nonsense", "considered the request", "received an appeal", "granted
# the demand". Others make it: "issued a demand", "traded accusations".
HANDLING_LIGHT = frozenset(
    [
        "call",
        "consider",
        "discuss",
        "debate",
        "receive",
        "accept",
        "approve",
        "endorse",
        "grant",
        "end",
        "lift",
        "ease",
        "win",
        "secure",
        "reach",
        "sign",
        "host",
        "join",
    ]
)


def _lends_subject(verb: Any, p: Pattern) -> bool:
    """Whether a light verb's subject does the act its object noun names: always for
    material acts ("imposed sanctions", "called a strike"), for appeals and verbal
    conflict (roots 02, 10-13) unless the verb only handles one made by another."""
    if p.cameo[:2] not in ("02", "10", "11", "12", "13"):
        return True
    forms = _verb_forms(verb)
    return bool(p.light & forms) or not forms & HANDLING_LIGHT


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
        # "called the accusations nonsense" names the noun, it does not carry it out;
        # a that-clause is the noun's content the parser hung on the verb
        and not children(head, "oprd")
        and not [c for c in children(head, "ccomp") if not _that_clause(c)]
        and _lends_subject(head, p)
    ):
        # "gave Russia sanctions relief", "held talks": the verb's subject acts; a
        # national modifier of the noun is then its target.
        subj, _ = subject(head)
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
    by, agents = _noun_agent(token, p, parse)
    if agents:
        # "a request by Peru", "accepted an offer from Norway": the agent acts, and the
        # light verb's subject, when another actor, receives the act
        own = _ids(agents)
        pre_targets = [s for s in sources if s.mention.entity_id not in own] or pre_targets
        sources = agents
    targets: list[Actor] = []
    for prep in children(token, "prep"):
        if prep is by:
            continue
        if (
            prep.lower_
            in ("between", "with", "of", "against", "on", "to", "toward", "towards", "for", "from")
            or prep.lower_ == "among"
        ):
            for pobj in children(prep, "pobj"):
                got = parse.actors(pobj)
                if not got and prep.lower_ == "of":
                    # "the softening of sanctions against Russia", "the withdrawal of
                    # forces from Panama", "the severing of ties with Mexico"
                    got = prep_targets(pobj, ("against", "on", "to", "for", "from", "with"), parse)
                if got:
                    if prep.lower_ in ("between", "among") and not sources and not hosted(token):
                        sources, got = each_other(got)  # "talks between A and B"
                    targets = got
                    break
        if targets:
            break
    if p.cameo.startswith(DOER_CODES):
        # "an inquiry into crimes committed by X": X, not the victims
        targets = (
            doers(token, parse, sources)
            or (doers(anchor, parse, sources) if anchor is not token else [])
            or targets
        )
    if not targets and anchor is not token:
        # "gave Russia sanctions relief", "imposed sanctions on Russia"
        targets = prep_targets(anchor, DEFAULT_PREPS, parse)
        if not targets:
            # "travelled to Kabul to hold talks"
            targets = purpose_targets(anchor, parse, sources)
    if not targets:
        # "its demand that Israel ease restrictions": the clause's subject is the target
        own = _ids(sources)
        clauses = children(token, "acl", "ccomp")
        if anchor is not token:
            # "reiterated its demand today that Israel ease": hung on the verb
            clauses += [c for c in children(anchor, "ccomp") if _that_clause(c)]
        for clause in clauses:
            targets = [
                a
                for subj in children(clause, "nsubj", "nsubjpass")
                for a in parse.actors(subj)
                if a.mention.entity_id not in own
            ]
            if targets:
                break
    if not sources and p.cameo.startswith("14"):
        sources = _protesters(token, parse)
    if not targets and protest_root(p.cameo, sources):
        targets = protest_targets(token, parse, sources, lex.verbal_conflict_lemmas)
    targets = targets or pre_targets
    if not targets:
        targets = condition_targets(anchor, parse, sources, p.cameo)  # "... unless X"
    domestic = _domestic(p, sources)
    if not targets and (domestic or p.target_place):
        targets = place(token, parse) or (place(anchor, parse) if anchor is not token else [])
    if not targets and domestic:
        targets = home(sources, p.cameo)
    if p.symmetric and not targets and len(sources) > 1:
        sources, targets = each_other(sources)
    return _Found(token, p, sources, targets, anchor)


# Roots of acts that come from someone, so that "from X" names the doer: statements,
# appeals, intents, consultations, support, cooperation, aid, demands, disapproval,
# rejections, threats ("an offer of talks from X", "aid from X", "criticism from X");
# other acts are away from a place ("withdrawal from X").
_FROM_DOER = ("01", "02", "03", "04", "05", "06", "07", "10", "11", "12", "13")


def _noun_agent(token: Any, p: Pattern, parse: Parse) -> tuple[Any, list[Actor]]:
    """The "by" (or, for acts that come from someone, "from") phrase naming the doer of
    an event noun, and its actors: "the annexation of X by Y", "a request by X". The
    parser often hangs the phrase on the active verb whose object the noun is
    ("condemned the annexation of X by Y", "received aid from Y")."""
    verb = token.head
    on_verb = (
        children(verb, "prep")
        if token.dep_ == "dobj" and verb.pos_ == "VERB" and not children(verb, "nsubjpass")
        else []
    )
    if token.dep_ == "nsubj":
        return None, []  # "the investigation by X found ...": a thing that acts, no act
    for prep in children(token, "prep") + on_verb:
        if prep.lower_ == "by" or (prep.lower_ == "from" and p.cameo[:2] in _FROM_DOER):
            got = [a for g in children(prep, "pobj") for a in parse.actors(g)]
            if got:
                return prep, got
    return None, []


# Prepositions that put an act inside a protest: "threw stones during demonstrations".
_DURING = frozenset(["during", "in", "at", "amid"])


def _protesters(token: Any, parse: Parse) -> list[Actor]:
    """Who holds a protest named with no owner: the subject of the act done during
    it ("youths threw stones during demonstrations against X" are the demonstrators)."""
    if token.dep_ != "pobj" or token.head.lower_ not in _DURING:
        return []
    verb = token.head.head
    if verb.pos_ != "VERB":
        return []
    subj, passive = subject(verb)
    if subj is None or passive:
        return []
    got = parse.actors(subj)
    if not got:
        unnamed = people(subj, [verb, token], parse)
        got = [unnamed] if unnamed is not None else []
    return got


def code_events(article: Article, lex: Lexicon) -> list[Event]:
    doc = article.doc
    parse = Parse(doc, article.mentions, lex.speech_verbs)
    parse.dateline = dateline_place(article)  # where unnamed actors are, failing the text
    events: dict[str, Event] = {}
    used_nouns: set[int] = set()
    for sent in doc.sents:
        found: list[_Found] = []
        for token in sent:
            if token.dep_ in ("compound", "amod"):
                continue  # "riot police", "stone-throwing youths": a modifier, no act
            # A predicative adjective of a stance ("said it was optimistic about") is
            # matched as its verb would be.
            stance = token.pos_ == "ADJ" and token.dep_ == "acomp"
            if token.pos_ == "VERB" or stance or (token.pos_ == "AUX" and token.lemma_ == "have"):
                f = (
                    _match_verb(token, lex, parse)
                    or _obligation(token, lex, parse)
                    or _named_cause(token, lex, parse)
                )
                if f is not None:
                    found.append(f)
                    # "announced a sanctions package": the verb coded it already; an
                    # object the pattern does not name is an act of its own ("condemned
                    # Turkey's annexation of the island").
                    for o in objects(token) if _performs_object(f.pattern) else ():
                        used_nouns.update([o.i, *(c.i for c in children(o, "compound"))])
        for token in sent:
            if token.dep_ == "compound" and _people_noun(token.head):
                continue  # "riot police", "strike leaders": a kind of people, no act
            if token.ent_type_ in ("DATE", "TIME"):
                continue  # "in March", "on Monday": a date, not a protest march
            if (
                token.lemma_.lower() == "protest"
                and token.head.lower_ == "in"
                and not children(token, "det", "amod", "compound")
            ):
                continue  # "recalled its envoy in protest": the motive of an act, no rally
            if token.pos_ in ("NOUN", "PROPN") and token.i not in used_nouns:
                f = _match_noun(token, lex, parse)
                # "during the summit", "ahead of talks": the setting, not an act; a
                # protest named so is still held by the actors of the act in it
                if f is not None and (
                    f.pattern.cameo.startswith("14") or not setting(_carrier(token))
                ):
                    found.append(f)
        found = _restated(_purposes_coded(found))
        coded: list[Event] = []
        # (offset, source, root) of commitment verbs whose promise or threat an act
        # under them codes more precisely: "threatened to impose sanctions" is 1312,
        # not also 130; "promised to send aid" 033, not also 030.
        superseded: set[tuple[int, str, str]] = set()
        for f in _coercive_orders(found, parse):
            coded.extend(_events_from(f, article, sent, lex, parse, superseded))
        for ev in coded:
            if (ev.action_start, ev.source.entity_id or ev.source.name, ev.cameo[:2]) in superseded:
                continue
            events.setdefault(ev.id, ev)
    ordered = sorted(events.values(), key=lambda e: (e.action_start, e.cameo))
    return _sanction_targets(ordered, article)


# Roots of verbs that react to an act their object names (statements, appeals, praise,
# demands, disapproval, rejection): "welcomed X's release of prisoners", "rejected Y's
# demand" are two acts, where "imposed sanctions" or "launched an attack" is one.
_REACTIONS = ("01", "02", "05", "10", "11", "12")


def _performs_object(p: Pattern) -> bool:
    return bool(p.object) and p.cameo[:2] not in _REACTIONS


def _people_noun(token: Any) -> bool:
    lemma = token.lemma_.lower()
    return lemma in PEOPLE_NOUNS or lemma in HOME_FORCE_HEADS or lemma in ARMED_GROUPS


# Roots of acts of saying no, protesting and fighting (demand, disapprove, reject,
# threaten, protest, assault, fight, mass violence), which a noun or a clause hung on
# another such act only names again.
RESTATING_ROOTS = frozenset(["10", "11", "12", "13", "14", "18", "19", "20"])


def _restated(found: list[_Found]) -> list[_Found]:
    """One act, one event: drop a match that restates an act a verb of the same
    sentence already codes, with the same root and source. A noun that names it again
    ("X attacked Y ...; the attack ...") and a trailing participle that describes it
    ("protested to X, calling the seizure a crime") add no act of their own."""
    verbs = [g for g in found if g.trigger.pos_ in ("VERB", "AUX")]

    def restates(f: _Found, g: _Found) -> bool:
        if g is f or g.pattern.cameo[:2] != f.pattern.cameo[:2]:
            return False
        if not f.sources or _ids(f.sources) != _ids(g.sources):
            return False
        if f.trigger.pos_ in ("NOUN", "PROPN"):
            # Saying no, protesting and fighting are named again; "travelled to X to
            # hold talks" is a visit and talks, two acts of one root.
            if f.pattern.cameo != g.pattern.cameo and f.pattern.cameo[:2] not in RESTATING_ROOTS:
                return False
            return not f.targets or _ids(f.targets) <= _ids(g.targets)
        if g.anchor.lemma_.lower() in MOVEMENT_VERBS:
            return False  # "flew to X to meet": the trip and its purpose
        # a trailing participle or a purpose ("summoned the envoy to protest X")
        trailing = f.anchor.tag_ == "VBG" or any(c.dep_ == "aux" for c in f.anchor.children)
        return f.anchor.dep_ in ("advcl", "xcomp") and trailing and f.anchor.head.i == g.anchor.i

    return [f for f in found if not any(restates(f, g) for g in verbs)]


def _purposes_coded(found: list[_Found]) -> list[_Found]:
    """``found`` without the firing done to repress: "fired tear gas / shots to
    disperse the crowd" is one act of repression (175), coded at its purpose."""
    repressions = {f.anchor.i for f in found if f.pattern.cameo == "175"}
    # "began a hunger strike to protest X's decision": the strike is the protest, its
    # purpose clause no complaint of its own (#5)
    protests = {f.anchor.i for f in found if f.pattern.cameo.startswith("14")}
    return [
        f
        for f in found
        if not (
            f.pattern.cameo[:2] in ("17", "19")
            and any(
                c.i in repressions and c.i != f.anchor.i
                for c in children(f.anchor, "advcl", "xcomp")
            )
        )
        and not (
            f.pattern.cameo.startswith("11")
            and f.anchor.dep_ in ("advcl", "xcomp")
            and f.anchor.head.i in protests
            and any(a.tag_ == "TO" for a in children(f.anchor, "aux"))
        )
    ]


# Verbs of command whose addressee must comply: an order to a newspaper to suspend
# publication restricts it, the order being the coercion (CAMEO 17x by the orderer).
# Asking ("urged X to close") is no coercion: only these verbs.
COMMAND_VERBS = frozenset(["order", "command", "force", "compel", "instruct", "direct"])
# Coercion (17x) and expelling peacekeepers (1661: "ordered the peacekeepers to leave"
# is their expulsion by the orderer, not a demand).
COERCIVE_CODES = ("17", "1661")


def _coercive_orders(found: list[_Found], parse: Parse) -> list[_Found]:
    """``found`` with an order to do a coercive act (17x) coded as that act by the
    orderer on the ordered, in place of the demand (100) the order verb codes."""
    coercions: list[_Found] = []
    orders: set[int] = set()
    for f in found:
        verb = f.anchor.head
        if not (
            f.pattern.cameo.startswith(COERCIVE_CODES)
            and f.anchor.dep_ == "xcomp"
            and verb.lemma_.lower() in COMMAND_VERBS
            and verb.pos_ == "VERB"
        ):
            continue
        subj, _ = subject(verb)
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


# Verbs that carry an act on rather than being one: "agreed to resume sharing
# intelligence" commits to the sharing.
ASPECTUAL = frozenset(["resume", "continue", "start", "begin", "keep"])


def _intent(
    f: _Found,
    lex: Lexicon,
    negated: bool = False,
    conjecture: bool = False,
    committers: list[Any] | None = None,
) -> tuple[str, str] | None:
    """(code, modality) of the intent or threat a planned act expresses, if the actor
    commits itself to it ("will", "offered to", "is ready to", "threatened to"); with
    ``negated``, of the refusal ("will not accept", "said it would not meet"). A
    condition makes a planned or conjectured act a threat ("may halt mediation if
    talks fail", "will withdraw unless"); other ``conjecture`` gives nothing. The
    commitment verbs that govern the act ("promised", "threatened") are appended to
    ``committers``."""
    chain: list[Any] = []
    t = f.anchor
    while climbs(t, lex, ("xcomp", "conj", "acomp")) and len(chain) < 6:
        t = t.head
        chain.append(t)
    governors = {v.lemma_.lower() for v in chain}
    # "prepared to launch an offensive" shows force (150) rather than promising it
    posture = None if negated or conjecture else posture_code(f.pattern.cameo, governors)
    coded = (governors - ASPECTUAL) & lex.verb_lemmas
    if coded - lex.intent_verb_lemmas and posture is None:
        return None  # the governor is an event of its own kind ("asked to", "urged to")
    # "would continue to provide aid": the modal sits on the governing verb
    aux = {c.lower_ for v in (f.anchor, *chain) for c in v.children if c.dep_ == "aux"}
    top = chain[-1] if chain else f.anchor
    if "would" in aux and backshifted(top, lex):
        aux = (aux - {"would"}) | {"will"}
    cond = None if negated else condition([f.anchor, *chain])
    threat = threat_code(f.pattern.cameo, cond) if cond else None
    if threat is None and (
        conjecture or not (coded or governors & lex.governors_intent or aux & lex.modal_planned)
    ):
        return None
    code = (
        posture
        or threat
        or (refusal_code(f.pattern.cameo) if negated else intent_code(f.pattern.cameo))
    )
    if code is None:
        return None
    said = top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs
    if committers is not None:
        committers.extend(v for v in chain if v.lemma_.lower() in lex.intent_verb_lemmas)
    return code, "reported" if said or according_to(top) else "asserted"


def _events_from(
    f: _Found,
    article: Article,
    sent: Any,
    lex: Lexicon,
    parse: Parse,
    superseded: set[tuple[int, str, str]],
) -> list[Event]:
    if f.anchor.pos_ in ("VERB", "AUX") and habitual(f.anchor):
        return []  # "workers travel to Canada every spring": a habit, no act to date
    sources, targets = f.sources, f.targets
    if len(sources) > 1 and not targets and (f.pattern.symmetric or mutual(f.anchor, lex)):
        sources, targets = each_other(sources)
    if not sources:
        return []
    modality = _modality(f.anchor, lex)
    if f.modality is not None and modality in ("asserted", "reported"):
        modality = f.modality
    # "called off the talks": not held; "postponed the summit": planned for later
    off = called_off(f.trigger, f.anchor)
    if off == "planned" and modality in ("asserted", "reported"):
        modality = "planned"
    negated = _negated(f.anchor) or off == "negated"
    act = _coded(f, f.pattern.cameo, modality, sources, targets, article, sent, lex, parse, negated)
    if f.pattern.cameo == "043" and not negated and modality in ("asserted", "reported"):
        # A visitor received or hosted made the visit (042) to the host: CAMEO dyads
        # are directed, and each side did its part (#5)
        visitors = [t for t in targets if not t.placed and not t.home]
        act += _coded(f, "042", modality, visitors, sources, article, sent, lex, parse, False)
    committers: list[Any] = []
    intent = (
        _intent(f, lex, negated, modality == "hypothetical", committers)
        if modality == "planned"
        or (modality == "hypothetical" and not guessed_by_other(f.anchor, sources, parse, lex))
        else None
    )
    if intent is None:
        return act
    # The act stays, as planned (the timeline does not count it; it keeps its own
    # date); what the actor commits itself to is coded as well, as the commitment: "is
    # strongly considering sanctions" is a threat (1312), dated by the commitment. A
    # refusal ("will not accept") is itself asserted: its negation is in the code.
    out = _coded(
        f,
        intent[0],
        intent[1],
        sources,
        targets,
        article,
        sent,
        lex,
        parse,
        negated=False,
        commitment=True,
    )
    for ev in out:
        # "vowed not to return X" is the refusal alone (12x), not also a vow (030)
        roots = {ev.cameo[:2], "03"} if negated else {ev.cameo[:2]}
        superseded.update(
            (v.idx, ev.source.entity_id or ev.source.name, r) for v in committers for r in roots
        )
    return act + out


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
    commitment: bool = False,
) -> list[Event]:
    point, date_from = date(
        sent,
        f.anchor,
        article.published,
        modality in ("planned", "hypothetical"),
        lex,
        commitment=commitment,
    )
    negated = _negated(f.anchor) if negated is None else negated
    location = _location(f.anchor, parse, f.trigger)
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
            # a curfew or emergency eased in the ruler's own country: a real dyad
            and not f.pattern.domestic
        ):
            # "the White House ... Washington": one actor named twice. A part of the
            # country ("the British government ... in Northern Ireland") is a target,
            # and so are its people ("Kurds ... independence from Iraq").
            continue
        out.append(
            make_event(
                article,
                sentence=sentence_bounds(sent),
                source=s.ref(),
                target=t.ref() if t else None,
                action=f.trigger.text,
                action_start=f.trigger.idx,
                cameo=cameo,
                dated=(point, date_from),
                negated=negated,
                modality=modality,
                location=location,
            )
        )
    return out


def make_event(
    article: Article,
    *,
    sentence: tuple[int, str],
    source: ActorRef,
    target: ActorRef | None,
    action: str,
    action_start: int,
    cameo: str,
    dated: tuple[TimePoint | None, str | None],
    negated: bool,
    modality: str,
    location: str | None,
) -> Event:
    """The one way an ``Event`` is built, by the rule coder and the LLM coder alike:
    the code's names and values come from the codebook, and the id from the article,
    the action's offset, the code and the dyad, so both coders give one event one id."""
    code = ontology.lookup(cameo)
    point, date_from = dated
    sent_start, sent_text = sentence
    ev_id = digest(
        article.id,
        str(action_start),
        code.code,
        source.entity_id or source.name,
        (target.entity_id or target.name) if target else "",
    )
    return Event(
        id=ev_id,
        article_id=article.id,
        sentence=sent_text,
        sentence_start=sent_start,
        source=source,
        target=target,
        action=action,
        action_start=action_start,
        action_end=action_start + len(action),
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
