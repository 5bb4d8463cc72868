"""Targets the event verb or noun does not take directly, and actors placed by where.

When no object or prepositional phrase names the target, the coder looks further
down the clause (objects first, then complements and subordinate clauses, then
place phrases, as CAMEO coders take the first actor after the verb); a protest
takes the actor it is against ("in defiance of X", "to denounce X"); and acts aimed
at home (protests, coercion, fighting by armed groups) fall back to the country
where the event happens or the source group's own country.

Placed actors (unnamed people, bare counts, people named by a faith, unidentified
attackers, people a police force acts on) and what counts as a place phrase are
described once, in ``data/ONTOLOGY.md`` section 12 ("Placed actors"); the functions
here (``place_mention``, ``people``, ``stateless``, ``attacker``, ``home_force``)
implement that text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.kb import load_kb
from storyline.models import Mention
from storyline.stages.events.lexicon import Pattern
from storyline.stages.events.parse import (
    GROUP_NOUNS,
    Actor,
    Parse,
    _group_word,
    children,
    counted,
    pobjs,
)

# Where to look for a target the verb does not take directly, in order of preference:
# objects first, then complements and subordinate clauses ("demanded that Russia
# withdraw", "rejected Iraq's offer"), as CAMEO coders take the first actor after the verb.
_NEAR = ("dobj", "dative", "attr", "oprd", "nsubjpass", "prep", "npadvmod")
_FAR = ("ccomp", "xcomp", "advcl", "acomp", "conj")
_PLACE_PREPS = ("in", "at", "near", "inside", "outside", "across", "throughout")


# Acts done to a place's people or ground, whose place phrase names their target:
# easing a curfew or an emergency "in X" (081x), coercion and violence "in X" (17-20:
# "fired at targets in X"). Elsewhere a place phrase says where, not to whom
# ("declared a ceasefire in south Lebanon", "agreed to talks in Geneva").
PLACE_TARGET_CODES = ("081", "17", "18", "19", "20")


def deep_targets(
    token: Any, parse: Parse, sources: Sequence[Actor], cameo: str = ""
) -> list[Actor]:
    own = {s.mention.entity_id for s in sources}
    levels: list[tuple[tuple[str, ...], bool]] = [(_NEAR, False), (_FAR, False)]
    if cameo.startswith(PLACE_TARGET_CODES):
        levels.append((("prep",), True))
    for deps, places in levels:
        for child in token.children:
            if child.dep_ not in deps:
                continue
            if child.dep_ == "prep" and (child.lower_ in _PLACE_PREPS) != places:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue  # a coordinated verb is its own event
            if child.dep_ == "advcl" and children(child, "nsubj", "nsubjpass", "mark"):
                continue  # "..., as authorities in Croatia cracked down": another event
            nodes = list(child.subtree)
            if child.dep_ == "prep" and not children(child, "pobj"):
                # "complained to and summoned the envoy": the object the verbs share
                nodes = [t for o in pobjs(child) for t in o.subtree]
            for t in nodes:
                m = parse.at.get(t.i)
                if m is None or m.entity_id in own:
                    continue
                span = parse.doc.char_span(m.start, m.end, alignment_mode="expand")
                head = span.root if span is not None else t
                got = [a for a in parse.actors(head) if a.mention.entity_id not in own]
                if got:
                    return got
    return []


# Acts only an authority does to its own people: a curfew, martial law or a state of
# emergency imposed (1723, 1724) or eased (0813). Any source's country is their target.
RULING_CODES = ("1723", "1724", "0813")


def home(sources: Sequence[Actor], cameo: str = "") -> list[Actor]:
    """The source's own country as a target: a protest, a curfew or a crackdown with
    no place named is aimed at home. Only for groups ("rebels in Ivory Coast",
    "Turkish police"), whose country is an actor distinct from them, and for acts of
    rule (``RULING_CODES``), which any authority does at home."""
    ruling = cameo.startswith(RULING_CODES)
    for s in sources:
        entry = load_kb().entries.get(f"country:{s.mention.country}")
        if (ruling or s.group or _people(s)) and entry is not None:
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


# Nouns naming a place, whose modifiers and "of" complement name it ("the Iraqi city
# of X", "the outskirts of X", "Baghdad's streets"): the walk from a place phrase's
# object goes through them, and through nothing else but the parts of a name.
PLACE_NOUNS = frozenset(
    [
        "city", "town", "village", "province", "region", "capital", "border", "area",
        "district", "state", "county", "island", "country", "territory", "zone", "port",
        "camp", "suburb", "outskirts", "street", "square", "road", "quarter", "neighborhood",
        "neighbourhood", "north", "south", "east", "west", "centre", "center", "heart",
        "part", "enclave", "valley", "coast", "frontier", "hometown", "republic", "strip",
        "market", "bazaar", "mosque", "church", "temple", "hospital", "school", "university",
        "campus", "airport", "highway", "avenue", "district", "township", "settlement",
        "slum", "parliament", "stadium", "hill", "mountain", "river", "lake", "sea",
    ]
)  # fmt: skip
# Complex prepositions built on "in"/"at" that name a stance or a cause, never a place:
# "in defiance of X", "in response to X", "in protest at X", "in the wake of X".
ABSTRACT_PREP_NOUNS = frozenset(
    [
        "defiance", "response", "protest", "support", "wake", "solidarity", "retaliation",
        "reaction", "reprisal", "revenge", "favor", "favour", "spite", "honor", "honour",
        "memory", "exchange", "return", "accordance", "compliance", "violation",
        "opposition", "name", "view", "light", "line", "defence", "defense", "sympathy",
        "anticipation", "recognition", "connection", "addition", "breach", "face",
    ]
)  # fmt: skip
# Links inside a place name ("Hong Kong", "Port-au-Prince", "Gaza, Palestine").
_NAME_LINKS = ("compound", "flat", "appos", "conj")


def place_mention(pobj: Any, parse: Parse) -> Mention | None:
    """The place with a country a place phrase's object names: the object itself, or
    a mention reached through the parts of its name or, under a place noun, through
    its modifiers and "of" ("in the Iraqi city of X", "in the town of X"). Nothing
    else in its subtree counts: "in defiance of Chinese authorities" names no place."""
    if pobj.lemma_.lower() in ABSTRACT_PREP_NOUNS:
        return None
    queue, seen = [pobj], set()
    while queue:
        t = queue.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        m = parse.at.get(t.i)
        if m is not None and m.type in ("GPE", "LOC") and m.country:
            return m
        placey = t.lemma_.lower() in PLACE_NOUNS or (m is not None and m.type in ("GPE", "LOC"))
        for c in t.children:
            if c.dep_ in _NAME_LINKS or (placey and c.dep_ in ("amod", "nmod", "poss")):
                queue.append(c)
            elif placey and c.dep_ == "prep" and c.lower_ == "of":
                queue.extend(children(c, "pobj"))
            elif c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                # "at a rally in X", "in a village near X": a place phrase of its own
                queue.extend(children(c, "pobj"))
    return None


def place(token: Any, parse: Parse) -> list[Actor]:
    """The country where an event happens, from "in X" on the verb or noun."""
    # "outside" and "near" are often parsed as adverbs: "attacked a bus outside of X"
    for prep in children(token, "prep", "advmod"):
        if prep.lower_ not in _PLACE_PREPS:
            continue
        # "outside of the city of X", "out of X": the place is one preposition down
        pobjs = children(prep, "pobj") or [
            o for inner in children(prep, "prep") for o in children(inner, "pobj")
        ]
        for pobj in pobjs:
            m = place_mention(pobj, parse)
            if m is not None:
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


def home_place(target: Actor, sources: Sequence[Actor]) -> bool:
    """Whether ``target`` is a place of the country a group among ``sources`` is from."""
    m = target.mention
    return m.type in ("GPE", "LOC") and any(
        s.mention.country == m.country is not None
        and (s.group or s.mention.entity_id != m.entity_id)
        for s in sources
    )


# People a noun names without saying who they are ("protesters", "three civilians",
# "a journalist", "gunmen"). With no nationality or place of their own, they take the
# country where the event happens, as CAMEO and GDELT geolocate such actors (#5).
# "group" and "party" are left out: alone they refer back to a named organisation.
PEOPLE_NOUNS = (GROUP_NOUNS - {"group", "party", "opposition"}) | frozenset(
    [
        "man", "woman", "child", "boy", "girl", "person", "family", "crowd", "mob",
        "journalist", "reporter", "photographer", "teacher", "doctor", "nurse", "priest",
        "monk", "pilgrim", "worshipper", "passenger", "shopper", "bystander", "driver",
        "policeman", "guard", "detainee", "inmate", "hostage", "miner", "peasant",
        "trader", "merchant", "voter", "youngster", "teenager", "mourner",
    ]
)  # fmt: skip
# What harms without being an actor: the weapon or blast that is the subject or agent
# of a killing ("a roadside bomb killed", "were killed by a car bomb explosion").
WEAPON_NOUNS = frozenset(
    [
        "bomb", "explosion", "blast", "mine", "landmine", "device", "explosive", "rocket",
        "missile", "shell", "mortar", "grenade", "bullet", "gunfire", "fire", "attack",
        "bombing", "ambush", "shelling", "airstrike", "strike", "raid", "booby",
    ]
)  # fmt: skip
# Only material conflict (assault, fight, mass violence) is coded without a named
# agent: a killing happened whoever did it, a statement needs a speaker.
UNNAMED_AGENT_ROOTS = frozenset(["18", "19", "20"])


def where(heads: Sequence[Any], parse: Parse) -> Mention | None:
    """The place, with a country, the first of ``heads`` puts itself or the event in."""
    for head in heads:
        got = place(head, parse)
        if got:
            return got[0].mention
    return None


def _unnamed(token: Any, label: str, at: Mention) -> Actor:
    country = at.country or ""
    m = Mention(
        start=token.idx,
        end=token.idx + len(token),
        text=str(token.text),
        entity_id=f"placed:{country}:{label}",
        name=f"{label} ({country})",
        type="NORP",
        country=country,
    )
    return Actor(m, m.start, m.end, None, group=True, head=label, placed=True)


# Heads of the forces of order, which act in their own country: police disperse,
# arrest and shoot people at home (troops and "security forces" often serve abroad).
HOME_FORCE_HEADS = frozenset(["police", "policeman", "policemen", "gendarme", "gendarmerie"])


def home_force(sources: Sequence[Actor]) -> Mention | None:
    """The country of a police force among ``sources`` ("Egyptian police", "the
    police" resolved to a national force): where the people it acts on are, when no
    place is named."""
    for s in sources:
        if s.mention.country and (s.mention.sector == "COP" or s.head in HOME_FORCE_HEADS):
            return s.mention
    return None


def people(
    token: Any, heads: Sequence[Any], parse: Parse, sources: Sequence[Actor] = ()
) -> Actor | None:
    """Unnamed people ("thousands of demonstrators") as an actor of the country where
    they are: their own "in X" first, then the event's place among ``heads``, then the
    country of the police acting on them (``sources``)."""
    noun = counted(token)
    lemma = str(noun.lemma_).lower()
    if _bare_number(noun):
        # "arresting 12", "killed 30": a count alone counts people
        at = where([noun, *heads], parse) or home_force(sources)
        return None if at is None else _unnamed(noun, "people", at)
    if noun.pos_ not in ("NOUN", "PROPN") or (
        lemma not in PEOPLE_NOUNS and _group_word(noun) not in PEOPLE_NOUNS
    ):
        return None
    at = where([noun, *heads], parse) or home_force(sources)
    return None if at is None else _unnamed(noun, str(noun.lower_), at)


def _bare_number(token: Any) -> bool:
    """A number standing alone as an object ("arresting 12"), not a date, a sum or a
    count of something named ("12 of them", "12 tonnes")."""
    return (
        token.dep_ in ("dobj", "nsubjpass")
        and (token.pos_ == "NUM" or token.like_num)
        and token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY")
        and not any(c.dep_ in ("prep", "compound", "nmod") for c in token.children)
    )


def stateless(
    targets: Sequence[Actor], heads: Sequence[Any], parse: Parse, sources: Sequence[Actor]
) -> list[Actor]:
    """``targets`` with people named only by a faith, a creed or a group of no country
    ("Christian demonstrators", "Moslem fundamentalist students") placed like unnamed
    people: a faith is no nationality (#5)."""
    out = []
    for t in targets:
        label, at = _people_word(t, parse), None
        if label and not t.mention.country and t.mention.type in ("GPE", "NORP"):
            at = where(heads, parse) or home_force(sources)
        if at is None:
            out.append(t)
            continue
        m = Mention(
            start=t.start,
            end=t.end,
            text=t.mention.text,
            entity_id=f"placed:{at.country}:{label}",
            name=f"{label} ({at.country})",
            type="NORP",
            country=at.country,
        )
        out.append(Actor(m, t.start, t.end, None, group=True, head=label, placed=True))
    return out


def _people_word(t: Actor, parse: Parse) -> str:
    """The people noun ``t`` names or modifies ("Christian [demonstrators]"), or ""."""
    span = parse.doc.char_span(t.mention.start, t.mention.end, alignment_mode="expand")
    if span is None:
        return ""
    noun = span.root
    while noun.dep_ in ("amod", "compound") and noun.head.i != noun.i:
        noun = noun.head
    word = _group_word(noun)
    if noun.pos_ in ("NOUN", "PROPN") and (
        word in PEOPLE_NOUNS or noun.lemma_.lower() in PEOPLE_NOUNS
    ):
        return str(noun.lower_)
    return ""


def attacker(
    subj: Any | None, passive: bool, scene: Sequence[Any], cameo: str, parse: Parse
) -> Actor | None:
    """An unidentified attacker of the country where an act of violence happened, when
    no one is named as its agent: "were killed in a bombing in X" (passive, no agent),
    "a roadside bomb killed ...", "killed by an explosion" (a weapon as the agent).
    ``scene`` is the verb first, then the phrases that may place the event."""
    if cameo[:2] not in UNNAMED_AGENT_ROOTS:
        return None
    if subj is None and not passive:
        return None
    if subj is not None and counted(subj).lemma_.lower() not in WEAPON_NOUNS:
        return None
    at = where(scene if subj is None else [counted(subj), *scene], parse)
    if at is None:
        return None
    return _unnamed(scene[0] if subj is None else subj, "unidentified attacker", at)


# Whom a protest is aimed at (#5): "marched against X", "in defiance of X", "in
# protest at X", "to show their disapproval of X", "to denounce X". CAMEO codes the
# protest's target as the actor protested against, not the place it happens.
STANCE_NOUNS = frozenset(["defiance", "protest", "opposition", "condemnation", "denunciation"])
DISAPPROVAL_NOUNS = frozenset(
    [
        "disapproval", "anger", "opposition", "displeasure", "rejection", "outrage",
        "discontent", "dissatisfaction", "indignation", "protest", "condemnation",
        "hostility", "resentment", "frustration", "anger", "fury", "objection",
    ]
)  # fmt: skip
SHOW_VERBS = frozenset(["show", "express", "voice", "demonstrate", "register", "signal", "vent"])
_AGAINST = ("against", "at", "over", "of", "for", "with", "to")
# Roots whose purpose clause names a protest's target: verbal conflict (demand,
# disapprove, reject, threaten), as in "marched to denounce X", "to demand X's exit".
VERBAL_CONFLICT_ROOTS = frozenset(["10", "11", "12", "13"])


def protest_root(cameo: str, sources: Sequence[Actor]) -> bool:
    """Whether an act is a protest whose target is whom it is against: demonstrations
    and other dissent (14), and rejections and complaints by crowds (12, 11)."""
    root = cameo[:2]
    return root == "14" or (
        root in ("11", "12") and any(s.placed or s.head in PEOPLE_NOUNS for s in sources)
    )


def aimed_at(noun: Any, parse: Parse, own: set[str]) -> list[Actor]:
    """The actors a thing protested against stands for: itself ("against Chinese
    rule") or its agent or owner ("against abuses by the army", "the policies of X")."""
    got = [a for a in parse.actors(noun) if a.mention.entity_id not in own]
    if got:
        return got
    for prep in children(noun, "prep"):
        if prep.lower_ in ("by", "of"):
            for pobj in children(prep, "pobj"):
                got = [a for a in parse.actors(pobj) if a.mention.entity_id not in own]
                if got:
                    return got
    return []


def protest_targets(
    token: Any, parse: Parse, sources: Sequence[Actor], conflict_verbs: frozenset[str]
) -> list[Actor]:
    """The target of a protest at ``token`` named by a stance phrase or a purpose
    clause; ``conflict_verbs`` are the lemmas of verbal-conflict verbs."""
    own = {s.mention.entity_id for s in sources}
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "against":
            for pobj in children(c, "pobj"):
                if got := aimed_at(pobj, parse, own):
                    return got
        if c.dep_ == "prep" and c.lower_ == "in":
            # "in defiance of X", "in protest at/against X", "in opposition to X"
            for stance in children(c, "pobj"):
                if stance.lemma_.lower() not in STANCE_NOUNS:
                    continue
                for inner in children(stance, "prep"):
                    if inner.lower_ in _AGAINST:
                        for pobj in children(inner, "pobj"):
                            if got := aimed_at(pobj, parse, own):
                                return got
        if c.dep_ not in ("advcl", "xcomp") or not any(a.tag_ == "TO" for a in children(c, "aux")):
            continue
        lemma = c.lemma_.lower()
        objs = children(c, "dobj")
        if lemma in SHOW_VERBS:
            # "to show their disapproval of/for X"
            for o in objs:
                if o.lemma_.lower() not in DISAPPROVAL_NOUNS:
                    continue
                for inner in children(o, "prep"):
                    if inner.lower_ in _AGAINST:
                        for pobj in children(inner, "pobj"):
                            if got := aimed_at(pobj, parse, own):
                                return got
        elif lemma in conflict_verbs:
            # "to denounce X", "to demand the resignation of X"
            for o in objs:
                if got := aimed_at(o, parse, own):
                    return got
            for inner in children(c, "prep"):
                if inner.lower_ in _AGAINST:
                    for pobj in children(inner, "pobj"):
                        if got := aimed_at(pobj, parse, own):
                            return got
    return []
