"""The coder's lexicon: event patterns and modality word lists from ``data/verbs.yaml``.

A ``Pattern`` names a CAMEO code, the verb or noun lemmas that trigger it and the
conditions (object nouns, prepositions, particles, compounds) under which they do;
the ``Lexicon`` adds the words that decide modality (modal verbs, governing verbs,
speech verbs). Every code is checked against the codebook at load time, so a typo
in the pattern file fails loudly instead of silently coding nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline import ontology
from storyline.errors import OntologyError

DEFAULT_PREPS = ("on", "against", "to", "with", "toward", "towards", "into", "for", "at")


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
    object_target: bool = False
    preps_require: tuple[str, ...] = ()
    prep_objects: frozenset[str] = frozenset()
    compound: frozenset[str] = frozenset()
    needs_phone: bool = False
    particle: frozenset[str] = frozenset()
    domestic: bool = False
    target_place: bool = False
    unless_xcomp: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()
    stative: bool = False
    xcomp: frozenset[str] = frozenset()
    xcomp_requests: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    speech: bool = False
    predicate: frozenset[str] = frozenset()


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
    # Verbs coded only as verbal conflict (demand, disapprove, reject, threaten: roots
    # 10-13): a protest's purpose clause with one names its target ("to denounce X").
    verbal_conflict_lemmas: frozenset[str] = field(default=frozenset())


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
        object_target=bool(item.get("object_target")),
        preps_require=tuple(item.get("preps_require") or ()),
        prep_objects=frozenset(item.get("prep_objects") or ()),
        compound=frozenset(item.get("compound") or ()),
        needs_phone=bool(item.get("needs_phone")),
        particle=frozenset(item.get("particle") or ()),
        domestic=bool(item.get("domestic")),
        target_place=bool(item.get("target_place")),
        unless_xcomp=frozenset(item.get("unless_xcomp") or ()),
        light=frozenset(item.get("light") or ()),
        subject=frozenset(item.get("subject") or ()),
        speech=bool(item.get("speech", False)),
        predicate=frozenset(item.get("predicate") or ()),
        stative=bool(item.get("stative")),
        xcomp=frozenset(item.get("xcomp") or ()),
        xcomp_requests=frozenset(item.get("xcomp_requests") or ()),
    )


# In ``unless_xcomp``, the verbs that only ever code conflict (quad 3 or 4).
CONFLICT = "$conflict"


def _expand_conflict(verbs: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
    """Replace ``$conflict`` in ``unless_xcomp`` by the verbs whose every pattern is
    conflictual, so that "vowed to fight" is not also a promise to cooperate."""
    # A verb counts when every pattern it has is a rejection, threat or harm (roots
    # 12-20) and one of them needs no particular object or particle: "impose" harms only with
    # sanctions, "investigate" (09) is no harm one would threaten.
    roots: dict[str, set[bool]] = {}
    free: set[str] = set()
    for v in verbs:
        for lemma in v.lemmas:
            roots.setdefault(lemma, set()).add(v.cameo[:2] >= "12")
            if v.object is None and not (v.particle or v.preps_require or v.xcomp):
                free.add(lemma)
    conflict = frozenset(lemma for lemma, r in roots.items() if r == {True} and lemma in free)
    return tuple(
        replace(v, unless_xcomp=(v.unless_xcomp - {CONFLICT}) | conflict)
        if CONFLICT in v.unless_xcomp
        else v
        for v in verbs
    )


def _only_roots(verbs: tuple[Pattern, ...], roots: tuple[str, ...]) -> frozenset[str]:
    """Lemmas all of whose verb patterns have one of ``roots``."""
    seen: dict[str, bool] = {}
    for v in verbs:
        for lemma in v.lemmas:
            seen[lemma] = seen.get(lemma, True) and v.cameo[:2] in roots
    return frozenset(lemma for lemma, only in seen.items() if only)


class _WordLoader(yaml.SafeLoader):
    """YAML 1.1 reads the bare words on, off, yes and no as booleans, which would turn
    "call on" and "call off" into True and False: only true and false are booleans here."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> Lexicon:
    p = Path(path) if path else Path(str(resources.files("storyline") / "data" / "verbs.yaml"))
    data = yaml.load(p.read_text(encoding="utf-8"), Loader=_WordLoader)
    try:
        verbs = _expand_conflict(tuple(_pattern(v, f"{p}: verbs") for v in data["verbs"]))
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
            verbal_conflict_lemmas=_only_roots(verbs, ("10", "11", "12", "13")),
        )
    except (KeyError, TypeError) as exc:
        raise OntologyError(f"{p}: malformed pattern file ({exc!r})") from exc
