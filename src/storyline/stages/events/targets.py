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

from storyline.kb import find_places, load_kb
from storyline.models import Article, Mention
from storyline.stages.events.context import SETTING_NOUNS, SETTING_PREPS
from storyline.stages.events.intent import condition, threat_code
from storyline.stages.events.lexicon import Lexicon, Pattern
from storyline.stages.events.parse import (
    ARMED_GROUPS,
    CAUSE_VERBS,
    GROUP_NOUNS,
    SUBJECTS,
    Actor,
    Parse,
    _group_word,
    children,
    counted,
    objects,
    pobjs,
    subject,
)

# Where to look for a target the verb does not take directly, in order of preference:
# objects first, then complements and subordinate clauses ("demanded that Russia
# withdraw", "rejected Iraq's offer"), as CAMEO coders take the first actor after the verb.
_NEAR = ("dobj", "dative", "attr", "oprd", "nsubjpass", "prep", "npadvmod")
_FAR = ("ccomp", "xcomp", "advcl", "acomp", "conj")
_PLACE_PREPS = ("in", "at", "near", "inside", "outside", "across", "throughout")
# Prepositions of concession name a circumstance the act goes against, not its target.
_CONCESSIVE = ("despite", "notwithstanding")


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
            if child.dep_ == "prep" and child.lower_ in _CONCESSIVE:
                continue  # "despite warnings by X, Y refused": X is not refused
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue  # a coordinated verb is its own event
            if child.dep_ == "advcl" and children(child, "nsubj", "nsubjpass", "mark"):
                continue  # "..., as authorities in Croatia cracked down": another event
            if child.dep_ == "advcl" and child.lemma_.lower() in CAUSE_VERBS:
                continue  # "tested a missile, prompting X to ...": X reacts, another event
            nodes = list(child.subtree)
            if child.dep_ == "prep" and not children(child, "pobj"):
                # "complained to and summoned the envoy": the object the verbs share
                nodes = [t for o in pobjs(child) for t in o.subtree]
            if child.dep_ == "prep" and not places and _occasion(child):
                # "met on the sidelines of talks in X": a place inside an occasion
                # says where, as a place phrase on the verb would
                nodes = [t for t in nodes if not _in_place_phrase(t, child)]
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


def _occasion(prep: Any) -> bool:
    """Whether a prepositional phrase names the time or occasion of the act ("during
    the summit", "on the sidelines of talks"), not whom it is for or against."""
    if prep.lower_ in SETTING_PREPS:
        return True
    return any(o.lemma_.lower() in SETTING_NOUNS for o in children(prep, "pobj"))


def _in_place_phrase(t: Any, top: Any) -> bool:
    """Whether ``t`` sits in a place phrase ("in X") below ``top``."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in _PLACE_PREPS:
            return True
        t = t.head
    return False


# Roots of conflict (demand to violence), acts one does not do to one's own: "X
# accused Y and expelled its ambassador", "condemned its neighbour's test" aim at
# another country, while "X recalled its ambassador" or "announced its aid" (cooperation
# roots) keep the possessive's usual reading, the subject itself.
CONFLICT_ROOTS = ("10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20")
# Nouns that name a country's own people or bodies: "its ambassador", "their army".
_POSSESSIVES = ("its", "their")


def possessor(
    objs: Sequence[Any], parse: Parse, sources: Sequence[Actor], cameo: str
) -> list[Actor]:
    """The actor "its"/"their" on the object of a conflict act stands for when it is not
    the source: the last actor of another country named before it, in this sentence or
    the one before ("Peru accused Chile of spying and expelled its ambassador")."""
    if not cameo.startswith(CONFLICT_ROOTS):
        return []
    countries = {s.mention.country for s in sources if s.mention.country}
    for o in objs:
        pron = next((t for t in o.subtree if t.dep_ == "poss" and t.lower_ in _POSSESSIVES), None)
        if pron is None:
            continue
        start = pron.sent.start
        if start > 0:
            start = parse.doc[start - 1].sent.start
        for t in reversed(parse.doc[start : pron.i]):
            m = parse.at.get(t.i)
            if m is None or m.type == "PERSON" or not m.country or m.country in countries:
                continue
            return [Actor(m, pron.idx, pron.idx + len(pron), None)]
    return []


# Nouns of fighting whose "with X" names the other side: soldiers "killed in clashes
# with militants" were killed by the militants, as CAMEO codes the killing's agent.
FIGHT_NOUNS = frozenset(
    ["clash", "fighting", "battle", "gunbattle", "firefight", "skirmish", "exchange",
     "shootout", "fight", "confrontation", "encounter"]
)  # fmt: skip


def fought_with(token: Any, parse: Parse, scene: Sequence[Any]) -> list[Actor]:
    """The other side of the fight an agentless passive killing happened in ("were
    killed in clashes with militants in X"): a named actor, or unnamed fighters placed
    where the event happens."""
    for prep in children(token, "prep"):
        if prep.lower_ not in ("in", "during", "amid"):
            continue
        for fight in children(prep, "pobj"):
            if fight.lemma_.lower() not in FIGHT_NOUNS:
                continue
            for w in children(fight, "prep"):
                if w.lower_ != "with":
                    continue
                for pobj in children(w, "pobj"):
                    got = parse.actors(pobj)
                    if not got and (u := people(pobj, [fight, *scene], parse)) is not None:
                        got = [u]
                    if got:
                        return got
    return []


def parties(objs: Sequence[Any], parse: Parse, sources: Sequence[Actor]) -> list[Actor]:
    """The parties an object names with "between"/"among": what is mediated, brokered
    or hosted between A and B is done towards A and B ("talks between A and B, mediated
    by X", "brokered a truce between A and B")."""
    own = {s.mention.entity_id for s in sources}
    for o in objs:
        for prep in children(o, "prep"):
            if prep.lower_ in ("between", "among"):
                for pobj in children(prep, "pobj"):
                    got = [a for a in parse.actors(pobj) if a.mention.entity_id not in own]
                    if got:
                        return got
    return []


# Judicial cooperation (063): an extradition or a handover is done for the state that
# receives the person ("extradited a Peruvian national to Argentina"), not to the
# person's own country.
RECIPIENT_CODES = ("063",)


def recipient(token: Any, parse: Parse, sources: Sequence[Actor]) -> list[Actor]:
    """The state a person is handed "to" in a judicial cooperation at ``token``, the
    "to" phrase on the verb or on the person ("extradited a national to X")."""
    own = {s.mention.entity_id for s in sources}
    for prep in [p for h in (token, *objects(token)) for p in children(h, "prep")]:
        if prep.lower_ == "to":
            for pobj in pobjs(prep):
                got = [a for a in parse.actors(pobj) if a.mention.entity_id not in own]
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
        # #5: people named by their stance or trade, common objects of repression
        "opponent", "critic", "dissident", "blogger", "lawyer", "politician",
        "candidate", "follower", "sympathizer", "sympathiser", "cleric", "imam",
        "pupil", "schoolchild", "tourist", "migrant", "immigrant", "gang", "smuggler",
        "trafficker", "demonstrator", "unionist", "striker", "employee", "member",
        # #5: the usual victims of unnamed attackers ("gunmen killed two police officers
        # in X", "three soldiers were killed by a roadside bomb in X"), placed likewise
        "soldier", "officer", "serviceman", "judge",
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
    """The place, with a country, the first of ``heads`` puts itself or the event in;
    else the place of the clause a subject-less verb among them continues ("a car bomb
    exploded outside a station in X and killed nine", "attacked a post in X, killing
    four": one scene, named once in long wire sentences)."""
    for head in heads:
        got = place(head, parse)
        if got:
            return got[0].mention
    for head in heads:
        t = head
        for _ in range(3):
            if t.dep_ not in ("conj", "advcl") or t.head.i == t.i:
                break
            if children(t, *SUBJECTS, "nsubjpass", "mark"):
                break  # a clause with its own subject has its own scene
            t = t.head
            got = place(t, parse)
            if got:
                return got[0].mention
    return None


def dateline_place(article: Article) -> Mention | None:
    """The country of the place an article's dateline names ("MOGADISHU (Reuters) -",
    "OTTAWA/MEXICO CITY, March 15 -"), which the cleaner keeps as metadata: the first
    city, when the knowledge base knows it or one city of that name dwarfs the rest."""
    line = next((r.text for r in article.removed if r.reason.startswith("dateline")), None)
    if not line:
        return None
    name = line.split("(")[0].split(",")[0].split("/")[0].strip(" -\u2013\u2014").title()
    if len(name) < 3:
        return None
    kb = load_kb()
    country = next(
        (e.country for e, _ in kb.lookup(name) if e.type in ("GPE", "LOC") and e.country), None
    )
    if country is None:
        places = find_places(name)
        if not places:
            return None
        rivals = [p.population for p in places if p.country != places[0].country]
        if rivals and places[0].population < 10 * max(rivals):
            return None  # a name shared by towns of several countries says nothing
        country = places[0].country
    entry = kb.entries.get(f"country:{country}")
    if entry is None:
        return None
    return Mention(
        start=0,
        end=0,
        text=name,
        entity_id=entry.id,
        name=entry.name,
        type="GPE",
        country=entry.country,
    )


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
        if s.mention.country and (
            s.mention.sector in HOME_SECTORS or s.role in HOME_SECTORS or s.head in HOME_FORCE_HEADS
        ):
            return s.mention
    return None


# Sectors that act at home: police (COP) and courts (JUD), which try and sentence
# people of their own jurisdiction ("a Lagos court jailed two activists").
HOME_SECTORS = ("COP", "JUD")


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
        at = where([noun, *heads], parse) or home_force(sources) or parse.dateline
        return None if at is None else _unnamed(noun, "people", at)
    if noun.pos_ not in ("NOUN", "PROPN") or (
        lemma not in PEOPLE_NOUNS and _group_word(noun) not in PEOPLE_NOUNS
    ):
        return None
    at = where([noun, *heads], parse) or home_force(sources) or parse.dateline
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
            at = where(heads, parse) or home_force(sources) or parse.dateline
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
    if subj is not None and (claimant := claimed_by(counted(subj), parse)) is not None:
        return claimant  # "X claimed responsibility for the bombing that killed 12"
    at = where(scene if subj is None else [counted(subj), *scene], parse) or parse.dateline
    if at is None:
        return None
    return _unnamed(scene[0] if subj is None else subj, "unidentified attacker", at)


# Verbs and nouns of a claim of responsibility (CAMEO 015): "X claimed responsibility
# for the bombing that killed 12 soldiers" names X as the bombing's doer, so X is the
# attacker of those it killed (#5), besides the claim itself.
CLAIM_VERBS = frozenset(["claim", "admit", "accept", "take", "assume", "acknowledge"])
CLAIM_NOUNS = frozenset(["responsibility", "credit"])


def claimed_by(noun: Any, parse: Parse) -> Actor | None:
    """The actor who claimed responsibility for the attack ``noun`` names, if any."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    claim = prep.head
    if claim.lemma_.lower() not in CLAIM_NOUNS:
        return None
    verb = claim.head
    if claim.dep_ != "dobj" or verb.lemma_.lower() not in CLAIM_VERBS:
        return None
    subj, passive = subject(verb)
    if subj is None or passive:
        return None
    got = parse.actors(subj)
    return got[0] if got else None


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
# A protest's purpose clause names its target with a verb of verbal conflict (the
# lexicon's verbal_conflict_lemmas: "marched to denounce X", "to demand X's exit"), or
# with one of these verbs of dissent: "began a hunger strike to protest (against) X's
# decision", "staged a sit-in to oppose X".
PURPOSE_PROTEST_VERBS = frozenset(["protest", "oppose", "challenge", "resist"])


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
        elif lemma in conflict_verbs or lemma in PURPOSE_PROTEST_VERBS:
            # "to denounce X", "to demand the resignation of X", "to protest X's
            # decision". With "protest" and the like, only an actor with a country:
            # a protest against people of no known country ("to protest violations by
            # fundamentalists") stays aimed at home, where those people are.
            dissent = lemma not in conflict_verbs
            for o in objs:
                if got := _countried(aimed_at(o, parse, own), dissent):
                    return got
            for inner in children(c, "prep"):
                if inner.lower_ in _AGAINST:
                    for pobj in children(inner, "pobj"):
                        if got := _countried(aimed_at(pobj, parse, own), dissent):
                            return got
    return []


def _countried(actors: list[Actor], only: bool) -> list[Actor]:
    return [a for a in actors if a.mention.country] if only else actors


# Objects that make an act of coordinated actors mutual: "accused each other". Not
# "jointly"/"together": "A and B will jointly patrol the border" act side by side,
# not on each other.
MUTUAL_OBJECTS = frozenset(["each other", "one another"])


def _symmetric_lemmas(lex: Lexicon) -> frozenset[str]:
    return frozenset(lemma for p in lex.verbs if p.symmetric for lemma in p.lemmas)


def mutual(anchor: Any, lex: Lexicon) -> bool:
    """Whether coordinated sources of the act at ``anchor`` act on each other (#5):
    the act is marked mutual ("each other", "one another"), or a symmetric verb governs
    it ("A and B agreed to share information": what two parties agree to, they do
    with each other, as CAMEO codes the agreement itself between them)."""
    sym = _symmetric_lemmas(lex)
    t = anchor
    for _ in range(4):
        objs = [
            *children(t, "dobj", "npadvmod"),
            *(o for p in children(t, "prep") for o in children(p, "pobj")),
        ]
        if any(_words(o) in MUTUAL_OBJECTS for o in objs):
            return True
        if t is not anchor and t.lemma_.lower() in sym and t.pos_ in ("VERB", "AUX"):
            return True
        infinitive = t.dep_ == "advcl" and any(a.tag_ == "TO" for a in children(t, "aux"))
        if not (t.dep_ == "xcomp" or infinitive) or t.head.i == t.i:
            break
        t = t.head
    return False


def _words(noun: Any) -> str:
    """The noun with its determiners and modifiers ("each other")."""
    return (
        " ".join(w.lower_ for w in noun.lefts if w.dep_ in ("det", "amod"))
        + (" " if any(w.dep_ in ("det", "amod") for w in noun.lefts) else "")
        + str(noun.lower_)
    )


def each_other(sources: Sequence[Actor]) -> tuple[list[Actor], list[Actor]]:
    """Sources and targets for coordinated actors that act on each other: every one
    towards every other ("A and B met" is A->B and B->A; the coder drops self-pairs)."""
    return list(sources), list(sources)


# Seizing or confiscating property (171x): what is taken is a thing, and the act is
# done to whom it is taken from ("seized weapons from armed groups", "confiscated
# assets from the militia").
REMOVAL_CODES = ("171",)


def taken_from(
    token: Any, objs: Sequence[Any], parse: Parse, sources: Sequence[Actor], scene: Sequence[Any]
) -> list[Actor]:
    """The actor a thing is taken from: the "from" object of the verb or of its object,
    or unnamed people there ("from villagers in X")."""
    own = {s.mention.entity_id for s in sources}
    for head in (token, *objs):
        for prep in children(head, "prep"):
            if prep.lower_ != "from":
                continue
            for pobj in pobjs(prep):
                got = [a for a in parse.actors(pobj) if a.mention.entity_id not in own]
                if not got and (unnamed := people(pobj, scene, parse, sources)) is not None:
                    got = [unnamed]
                if got:
                    return got
    return []


CONDITIONS = ("if", "unless")


def _conditional(clause: Any) -> bool:
    return any(m.lower_ in CONDITIONS for m in children(clause, "mark"))


def condition_targets(
    token: Any, parse: Parse, sources: Sequence[Actor], cameo: str
) -> list[Actor]:
    """Whom a conditional threat is aimed at when the act names no actor of its own:
    the subject of its condition ("threatened to strike unless X rescinds the law",
    "will attack if X does not withdraw"), the one who must comply (#5). The condition
    may hang on the act or on the verbs that govern it ("threatened ... unless"). Only
    a threat (ONTOLOGY.md section 11: harm under "if"/"unless", cooperation withheld
    "unless"): "will send aid if Congress approves" is not aimed at Congress."""
    own = {s.mention.entity_id for s in sources}
    t = token
    for _ in range(4):
        for clause in children(t, "advcl"):
            cond = condition([clause.head]) if _conditional(clause) else None
            if cond is None or threat_code(cameo, cond) is None:
                continue
            for subj in children(clause, "nsubj", "nsubjpass"):
                got = [a for a in parse.actors(subj) if a.mention.entity_id not in own]
                if got:
                    return got
        if t.dep_ not in ("xcomp", "conj", "advcl") or t.head.i == t.i:
            break
        t = t.head
    return []


# Inquiries and accusations (09, 112) are aimed at whoever is accused of the deed:
# "investigating abuses by X against Y", "an inquiry into crimes committed by X"
# targets X, not the victims Y.
DOER_CODES = ("09", "112")


def doers(token: Any, parse: Parse, sources: Sequence[Actor]) -> list[Actor]:
    """The agent of the deed an inquiry or accusation at ``token`` is about: "by X" on
    the deed noun ("abuses by X") or on its participle ("crimes committed by X"). The
    deed is the verb's object or the "into"/"of"/"over" object of the verb or noun."""
    own = {s.mention.entity_id for s in sources}
    deeds = [*children(token, "dobj", "nsubjpass")]
    deeds += [
        o
        for p in children(token, "prep")
        if p.lower_ in ("into", "of", "over", "on")
        for o in children(p, "pobj")
    ]
    for deed in deeds:
        for d in [deed, *_conj_nouns(deed)]:
            agents = [
                o for p in children(d, "prep") if p.lower_ == "by" for o in children(p, "pobj")
            ]
            agents += [
                o
                for acl in children(d, "acl")
                for a in children(acl, "agent")
                for o in children(a, "pobj")
            ]
            for agent in agents:
                got = [a for a in parse.actors(agent) if a.mention.entity_id not in own]
                if not got:
                    # "Peru is investigating abuses by Peruvian soldiers": the doers
                    # are the investigator's own, a group distinct from it
                    got = [a for a in parse.actors(agent) if a.group]
                if got:
                    return got
    return []


def _conj_nouns(token: Any) -> list[Any]:
    return [t for t in token.conjuncts if t.i > token.i]


# Verbs of hosting or arranging a meeting: the host acts (CAMEO 04x towards the
# parties), and the parties named by "between" did not meet on their own account.
HOST_VERBS = frozenset(["host", "organize", "organise", "arrange", "sponsor", "convene"])


def hosted(noun: Any) -> bool:
    """Whether a meeting noun is what someone hosts or arranges ("ready to host a
    meeting between A and B"): then A and B are its targets, never its sources."""
    head = noun.head
    return (
        noun.dep_ in ("dobj", "nsubjpass")
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() in HOST_VERBS
    )
