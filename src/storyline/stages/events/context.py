"""An event's circumstances in its sentence: negation, modality, date and place.

Each reads only the event verb's own clause: infinitive and coordinated verbs
climb to their governor, while a subordinate clause has its own circumstances, so
two events in one sentence can differ ("X criticised Y on Monday, and Y will
impose tariffs next year"). Reported "would" is read as the "will" it reports.
"""

from __future__ import annotations

from typing import Any

from storyline import timex
from storyline.stages.events.lexicon import Lexicon
from storyline.stages.events.parse import Parse, children, for_subject

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


def _neither(verb: Any) -> bool:
    """Whether the verb's subject or object is denied by "neither ... nor": "neither
    X nor Y signed the deal" says that nobody signed it."""
    return any(
        c.dep_ == "preconj" and c.lower_ == "neither"
        for arg in children(verb, "nsubj", "nsubjpass", "dobj")
        for c in arg.children
    )


def _negated(verb: Any) -> bool:
    if _neither(verb):
        return True
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i:
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
        if t.head.i != t.i and (t.dep_ == "xcomp" or infinitive_complement(t, REFUSAL_VERBS)):
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
    while climbs(t, lex) and len(chain) < 6:
        t = t.head
        chain.append(t)
    aux = {c.lower_ for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and backshifted(chain[-1], lex):
        aux = (aux - {"would"}) | {"will"}
    advs = {c.lower_ for v in chain for c in v.children if c.dep_ in ("advmod", "amod")}
    marks = {c.lower_ for v in chain for c in v.children if c.dep_ == "mark"}
    governors = {f for v in chain[1:] for f in verb_forms(v)}
    top = chain[-1]
    if alleged(top) or expected(top) or denied(top):
        return "hypothetical"
    if governors & DENIAL_VERBS:
        return "hypothetical"  # "denied attacking X": the attack is what is denied
    if any(obliging(v) for v in chain[1:]):
        return "hypothetical"  # "Y has to withdraw": an obligation, not an act
    if top.dep_ in ("ccomp", "acl") and top.head.lemma_.lower() in MANDATIVE:
        governors.add(top.head.lemma_.lower())  # "demanded that Israel ease": asked for
    if governors & MANDATIVE:
        return "hypothetical"
    # "for Mexico to lift the tariffs": a for-infinitive names a wanted act
    wanted = any(for_subject(v) is not None for v in chain) or (
        "for" in marks and any(c.tag_ == "TO" for v in chain for c in v.children)
    )
    if (
        wanted
        or aux & lex.modal_hypothetical
        or advs & lex.governors_hypothetical
        or marks & {"if", "unless", "whether"}
        or governors & lex.governors_hypothetical
    ):
        return "hypothetical"
    if aux & lex.modal_planned or governors & lex.governors_planned or "going" in governors:
        return "planned"
    if purpose(top) and top.head.pos_ in ("VERB", "AUX"):
        # "can discuss it ... to improve relations": an aim is no more real than the
        # act it is the aim of
        governing = _modality(top.head, lex)
        if governing in ("planned", "hypothetical"):
            return governing
    said = top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs
    if said or "reportedly" in advs or according_to(verb):
        return "reported"
    return "asserted"


def purpose(clause: Any) -> bool:
    """Whether ``clause`` is a purpose infinitive: an adverbial to-infinitive with no
    subject of its own ("met X to improve ties", "sent troops to restore order")."""
    return (
        clause.dep_ == "advcl"
        and any(c.tag_ == "TO" for c in clause.children if c.dep_ == "aux")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


# Nouns that present a clause as a claim under question: "allegations that X attacked
# Y" reports no attack, only that someone says so (#5). The attack is coded, but as
# hypothetical, the modality of acts that are not asserted to have happened
# (CONTRACT.md lists no other). "reports that" and "news that" stay reported.
ALLEGATION_NOUNS = frozenset(
    ["allegation", "claim", "accusation", "charge", "suspicion", "rumour", "rumor", "speculation"]
)
# Verbs of expecting whose complement with its own subject is another's possible act:
# "did not expect X to retaliate", "analysts predict that X will attack". The actor
# expecting its own act ("X expects to sign") plans it (lexicon governors).
EXPECTATION_VERBS = frozenset(
    ["expect", "predict", "anticipate", "fear", "forecast", "doubt", "suspect", "speculate"]
)


def guessed_by_other(verb: Any, sources: Any, parse: Parse, lex: Lexicon) -> bool:
    """Whether a conjectured act ("X might attack Y if ...") is said by someone other
    than its actor ("analysts said X might attack"): a guess about X, which is no threat
    by X (CAMEO codes a threat only as the threatener's own words)."""
    top = verb
    while climbs(top, lex):
        top = top.head
    if top.dep_ != "ccomp" or top.head.lemma_.lower() not in lex.speech_verbs:
        return False
    speaker = next(iter(children(top.head, "nsubj")), None)
    said = parse.actors(speaker) if speaker is not None else []
    if not said:
        return True  # "analysts said", "it is said": no party's own words
    own = {s.mention.entity_id for s in sources}
    countries = {s.mention.country for s in sources}
    # An international body speaks through its members' officials: a minister of a
    # member state voicing its threat is no outsider.
    return not any(
        a.mention.entity_id in own
        or a.mention.country in countries
        or "IO" in countries
        or a.mention.country == "IO"
        for a in said
    )


def verb_forms(verb: Any) -> set[str]:
    """The verb's lemma and, for a regular past form, its stem: the small model
    lemmatises "hoped" as "hop", which would hide a governor ("hoped to sign")."""
    low = str(verb.lower_)
    forms = {str(verb.lemma_).lower()}
    if verb.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        forms.update({low[:-1], low[:-2]})
    return forms


# Verbs that deny an act or a report of one: "denied attacking X", "denied reports
# that its troops shelled Y", "dismissed reports that ...": the act is what is
# denied, never asserted (#5). The denial itself is coded by its own pattern (016).
DENIAL_VERBS = frozenset(["deny", "refute", "dismiss", "reject", "disown"])
# Nouns that present a clause as news, whose content a denial takes back.
REPORT_NOUNS = ALLEGATION_NOUNS | frozenset(["report", "news", "story", "suggestion", "word"])


def denied(top: Any) -> bool:
    """Whether ``top`` is the content of a report its governing verb denies, or the
    that-clause of a denial itself ("denied that it had attacked the convoy")."""
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in DENIAL_VERBS - {"reject"}:
        return True
    if top.dep_ not in ("acl", "ccomp") or top.head.lemma_.lower() not in REPORT_NOUNS:
        return False
    noun = top.head
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in DENIAL_VERBS


def alleged(top: Any) -> bool:
    """Whether ``top`` (the top of an act's clause) is the content of an allegation."""
    return top.dep_ in ("acl", "ccomp") and top.head.lemma_.lower() in ALLEGATION_NOUNS


def expected(top: Any) -> bool:
    """Whether ``top`` is an act with its own subject that someone expects or fears."""
    return (
        top.dep_ in ("ccomp", "xcomp")
        and top.head.lemma_.lower() in EXPECTATION_VERBS
        and bool(children(top, "nsubj", "nsubjpass"))
    )


# Verbs that call off an occasion named by an event noun: "cancelled the talks",
# "talks were called off" did not take place; "postponed the summit" puts it later.
CANCEL_VERBS = frozenset(["cancel", "scrap", "abandon", "scrub", "shelve", "axe", "ax"])
POSTPONE_VERBS = frozenset(["postpone", "delay", "defer", "reschedule"])
# "called off", "put off": only with the particle do they cancel or postpone.
_PARTICLE_CANCEL = {("call", "off"): "negated", ("put", "off"): "planned"}


def called_off(trigger: Any, anchor: Any) -> str | None:
    """For an event noun ``trigger`` that ``anchor`` governs as its object or passive
    subject: "negated" when the verb cancels it, "planned" when it postpones it."""
    if trigger is anchor or trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    if trigger.dep_ not in ("dobj", "nsubjpass") or trigger.head.i != anchor.i:
        return None
    lemma = anchor.lemma_.lower()
    for prt in children(anchor, "prt"):
        got = _PARTICLE_CANCEL.get((lemma, prt.lower_))
        if got is not None:
            return got
    if lemma in CANCEL_VERBS:
        return "negated"
    if lemma in POSTPONE_VERBS:
        return "planned"
    return None


# Prepositions that set an event noun as the time or occasion of another act ("during
# the summit", "ahead of the talks", "since the crackdown", "on the sidelines of the
# summit"): the noun is the setting, not an act the sentence reports (#5).
SETTING_PREPS = frozenset(["during", "since", "before", "after", "following", "amid", "until"])
# Nouns before "of"/"to" that make a time phrase: "on the eve of", "in the run-up to",
# "on the sidelines of", "in the wake of", "in the aftermath of", "at the end of"
# ("up" is the head of "run-up" as the parser reads it).
SETTING_NOUNS = frozenset(
    ["eve", "sideline", "sidelines", "up", "wake", "aftermath", "margin", "margins", "end",
     "start", "beginning", "course"]
)  # fmt: skip
# Adverbs that make a time phrase with "of"/"to": "ahead of", "prior to".
SETTING_ADVERBS = frozenset(["ahead", "prior", "previous", "subsequent"])


def setting(noun: Any) -> bool:
    """Whether an event noun is the setting of another act, named by a phrase of time
    or occasion, without the parties of its own that make it a reported act: "between
    A and B", "among ...", or an owner who does it ("since Russia's invasion of X")."""
    if noun.dep_ != "pobj" or children(noun, "poss"):
        return False
    if any(p.lower_ in ("between", "among") for p in children(noun, "prep")):
        return False
    prep = noun.head
    word = prep.lower_
    if word in SETTING_PREPS:
        return True
    if word == "at":
        # "criticised X at the G20 summit": where the act was done; "at talks with
        # X" still names a party the actor met
        return not any(p.lower_ == "with" for p in children(noun, "prep"))
    if word in ("of", "to") and prep.head.i != prep.i:
        head = prep.head
        if head.lower_ in SETTING_ADVERBS:
            return True  # "ahead of the summit", "prior to the talks"
        if head.pos_ == "NOUN" and head.lemma_.lower() in SETTING_NOUNS:
            return head.dep_ == "pobj" and head.head.lower_ in ("on", "in", "at")
    return False


# Verbs that oblige their to-infinitive as "must" does: "Y has to withdraw", "Y needs
# to act". Only in the present: "had to flee" reports that Y fled.
OBLIGING = frozenset(["have", "need"])
# Modal auxiliaries of obligation: "X said Y must withdraw" is X's demand on Y.
OBLIGATION_MODALS = frozenset(["must", "should", "ought"])


def obliging(verb: Any) -> bool:
    """Whether ``verb`` is a present "has to"/"need to" governing a to-infinitive."""
    return (
        verb.lemma_.lower() in OBLIGING
        and verb.tag_ in ("VBZ", "VBP")
        and any(
            x.dep_ == "xcomp" and any(c.tag_ == "TO" for c in children(x, "aux"))
            for x in verb.children
        )
    )


def obliges(clause: Any) -> bool:
    """Whether ``clause`` states what its subject must do: "Y must/should/ought to V"
    or "Y has/needs to V"."""
    return obliging(clause) or any(
        c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children
    )


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


def infinitive_complement(t: Any, governors: frozenset[str]) -> bool:
    """Whether ``t`` is a to-infinitive the parser hung as an adjunct (advcl) on a
    verb in ``governors`` that takes it as its complement: with an adjunct between
    them ("threatened on Tuesday to impose") the small model often does so."""
    return (
        t.dep_ == "advcl"
        and t.tag_ == "VB"
        and t.head.i != t.i
        and t.head.lemma_.lower() in governors
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)
        and not children(t, "nsubj", "nsubjpass")
        # "began a hunger strike to protest": with an object of its own, the verb
        # takes the infinitive as a purpose, unless it asks the object to act
        and (not children(t.head, "dobj") or t.head.lemma_.lower() in MANDATIVE)
    )


def controls(lex: Lexicon) -> frozenset[str]:
    """Verbs and adjectives that govern an act as their complement."""
    return (
        lex.governors_planned
        | lex.governors_intent
        | lex.governors_hypothetical
        | MANDATIVE
        | REFUSAL_VERBS
    )


def climbs(t: Any, lex: Lexicon, deps: tuple[str, ...] = ("xcomp", "conj")) -> bool:
    """Whether ``t``'s clause continues in its head's (infinitive or coordination)."""
    return t.head.i != t.i and (t.dep_ in deps or infinitive_complement(t, controls(lex)))


def backshifted(top: Any, lex: Lexicon) -> bool:
    """Whether "would" in ``top``'s clause is reported "will": "X said it would
    boycott the talks" reports "we will boycott", a plan, not a conjecture."""
    return (
        top.dep_ == "ccomp"
        and top.head.lemma_.lower() in lex.speech_verbs
        and top.head.tag_ in ("VBD", "VBN", "VBG")
    )


def according_to(verb: Any) -> bool:
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


# Dependencies that open a clause of its own: a time expression inside one dates that
# clause's act ("accepted an invitation to visit X early next year": the visit is next
# year, the acceptance is not). A coordinated verb with its own subject is a clause too.
_CLAUSE_DEPS = frozenset(["xcomp", "ccomp", "advcl", "acl", "relcl", "csubj", "pcomp"])


def _embedded(ent: Any, verb: Any) -> bool:
    """Whether ``ent`` sits in a clause below ``verb`` that is another act's."""
    t = ent.root.head if ent.root.i != verb.i else verb
    while t.i != verb.i and t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and (
            t.dep_ in _CLAUSE_DEPS or (t.dep_ == "conj" and children(t, "nsubj", "nsubjpass"))
        ):
            return True
        t = t.head
    return False


def commitment_verb(verb: Any, lex: Lexicon) -> Any | None:
    """The verb that commits an actor to ``verb``'s act ("promised to visit",
    "agreed to lift", "is ready to talk"), or None when the commitment is only an
    auxiliary ("will visit")."""
    t = verb
    top = None
    while climbs(t, lex, ("xcomp", "conj", "acomp")):
        t = t.head
        top = t
    return top


def date(
    sent: Any,
    verb: Any,
    published: str | None,
    future: bool,
    lex: Lexicon,
    commitment: bool = False,
) -> tuple[timex.TimePoint | None, str | None]:
    """The event's date from a time expression in its own clause, else publication.

    "X criticised Y on Monday, and Y will impose tariffs next year" has two dates
    for two events. A statement reported in speech ("praised Z, a spokesman said
    on Wednesday") takes the date of the speech when its own clause has none.
    An expression on the clause beats one inside a noun phrase ("criticised X for
    its 2019 invasion" is not dated 2019), and a participial adjunct takes its main
    clause's ("Last year, X imposed tariffs, criticising Y ...").

    An expression inside an embedded clause dates that clause's act, not this one.
    With ``commitment`` the event is the promise or threat to do ``verb``'s act: it
    takes the date of the verb that commits ("promised on Monday to visit Y next
    year": Monday), or of the speech or publication when only "will" commits.
    """
    dates = [e for e in sent.ents if e.label_ == "DATE"]

    def below(head: Any, outside: Any = None) -> list[Any]:
        return [
            e
            for e in dates
            if (head.is_ancestor(e.root) or e.root == head)
            and not (outside is not None and (outside.is_ancestor(e.root) or e.root == outside))
            and not _embedded(e, head)
        ]

    if commitment:
        governor = commitment_verb(verb, lex)
        own = below(governor) if governor is not None else []
        verb = governor if governor is not None else verb
        future = False
    else:
        own = below(verb)
    candidates = [e for e in own if not _nested(e, verb)]
    top = verb
    while climbs(top, lex):
        top = top.head
    clause = top
    while (
        clause.dep_ == "advcl"
        and clause.tag_ in ("VBG", "VBN")
        and not children(clause, "nsubj", "nsubjpass")
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
        for prep in children(head, "prep"):
            if prep.lower_ not in _LOCATION_PREPS:
                continue
            for pobj in children(prep, "pobj"):
                # "on Monday" and "during the war" carry no place; their own phrase may.
                if prep.lower_ in ("in", "at", "near", "inside"):
                    name = _place_name(pobj, parse)
                    if name is not None:
                        return name
                occasion = pobj.lemma_.lower()
                if prep.lower_ in ("during", "on") and occasion not in _OCCASIONS:
                    continue
                for inner in children(pobj, "prep"):
                    if inner.lower_ not in _LOCATION_INNER and not (
                        inner.lower_ == "to" and occasion in _TRAVEL
                    ):
                        continue
                    for place in children(inner, "pobj"):
                        name = _place_name(place, parse)
                        if name is not None:
                            return name
    return None


# A habit is not an event: "workers travel to Canada every spring", "pilgrims usually
# visit Nepal in May" report what happens as a rule, with no act on a day to code.
HABITUAL_ADVERBS = frozenset(
    [
        "usually",
        "regularly",
        "routinely",
        "often",
        "annually",
        "traditionally",
        "typically",
        "normally",
        "generally",
        "habitually",
        "customarily",
        "yearly",
        "weekly",
        "monthly",
    ]
)
_RECURRING = frozenset(
    [
        "year",
        "month",
        "week",
        "day",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "weekend",
        "morning",
        "evening",
        "night",
        "season",
        "time",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def habitual(verb: Any) -> bool:
    """Whether ``verb`` in the simple present states a habit ("every spring", "usually")."""
    if verb.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS:
            return True
        heads = [c] if c.dep_ == "npadvmod" else []
        heads += [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        for h in heads:
            if h.lemma_.lower() in _RECURRING and any(
                d.lower_ in ("every", "each") for d in h.children if d.dep_ == "det"
            ):
                return True
    return False
