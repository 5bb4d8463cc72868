"""Actors in the dependency parse: which resolved mention a noun phrase stands for,
and which tokens are a verb's subject, objects and prepositional targets.

``Parse`` indexes a document's tokens to its actor mentions and follows pronouns,
groups named by a modifier ("Palestinian police", "rebels in the Ivory Coast"),
quantities ("thousands of students") and coordination. The role helpers climb
infinitives, relative clauses, passives and object control ("urged X to support")
to the actor who really acts. Both the event coder and the quote extractor read
actors through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.kb import load_kb
from storyline.models import ActorRef, Mention

SUBJECTS = ("nsubj", "csubj")
# Prepositions whose gerund takes the governing verb's object as its subject.
# ("accused X of V-ing" is left out: V is an allegation, not an act the coder saw.)
CONTROL_PREPS = ("from", "for")


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
# Armed groups that are not a state's forces: unnamed, they are placed where they
# strike, and with no target their violence is aimed at home (targets.py).
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
        "assailant",
        "attacker",
        "kidnapper",
        "abductor",
        "bandit",
        "raider",
        "sniper",
        "jihadist",
    ]
)
# People and groups a place can name: "demonstrators in Baghdad" are Iraqi.
GROUP_NOUNS = (
    frozenset(
        [
            "demonstrator",
            "protester",
            "protestor",
            "student",
            "worker",
            "people",
            "youth",
            "refugee",
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
            "landowner",
            "hacker",
            "dissident",
        ]
    )
    | ARMED_GROUPS
)


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
    # Unnamed people or an unidentified attacker, given the country of the place where
    # the event happens (the CAMEO/GDELT geolocation convention): no entity of the KB.
    placed: bool = False

    def ref(self) -> ActorRef:
        m = self.mention
        return ActorRef(
            name=m.name,
            entity_id=None if self.placed else m.entity_id,
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
        # The place of the article's dateline ("MOGADISHU (Reuters) - "), which the
        # cleaner keeps as metadata: where the story is filed, so where its unnamed
        # actors and bare state bodies are when the sentence names no place (#5).
        self.dateline: Mention | None = None
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
                subj = children(t.head, *SUBJECTS)
                if subj and subj[0].pos_ != "PRON":
                    return self.actor(subj[0])
                return None
            if t.dep_ not in ("xcomp", "conj", "acomp", "aux", "advcl") or t.head.i == t.i:
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
            if m.country is None and m.type != "PERSON":
                # "Israel's cabinet", "the country's high court": a body of no country
                # of its own belongs to its possessor's (#5).
                owner = next((self.actor(c) for c in children(token, "poss")), None)
                if owner is not None and owner.mention.country:
                    m = replace(m, country=owner.mention.country)
            return Actor(m, m.start, m.end, None)
        if token.lower_ in ("its", "their") and token.dep_ == "poss":
            return self._owner(token)
        quantity = _quantity_of(token)
        if quantity is not None:
            # "Tens of thousands of students", "scores of refugees": the people counted.
            return self.actor(quantity)
        # Breadth-first through modifiers, not into clauses: "Russian lawmakers",
        # "a Kremlin spokesman", "the U.S. intelligence community".
        # The possessor last: in "Bin Laden's al-Qaeda network" the network is al-Qaeda's
        # (the compound names it); the possessor names it only when nothing else does.
        queue = sorted(
            (
                c
                for c in token.children
                if c.dep_ in ("amod", "compound", "poss", "nmod", "det", "appos", "prep", "pobj")
            ),
            key=lambda c: c.dep_ == "poss",
        )
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
            if t.i in self.at and not self._stance(self.at[t.i]):
                m = self.at[t.i]
                role = AGENT_SECTORS.get(token.lemma_.lower())
                start, end = min(m.start, token.idx), max(m.end, token.idx + len(token))
                return Actor(m, start, end, role, True, head=_group_word(token))
            queue.extend(
                c for c in t.children if c.dep_ in ("amod", "compound", "poss", "pobj", "prep")
            )
            if t.lemma_.lower() in OWNING_PARTICIPLES and t.dep_ == "amod":
                # "Kenyan-led forces" are Kenya's ("Syrian-backed" ones are not); a
                # "Panama-flagged tanker" is Panama's, as a ship is its flag state's
                queue.extend(children(t, "npadvmod", "compound", "amod"))
        return self.home_body(token)

    def home_body(self, token: Any) -> Actor | None:
        """A state's body named bare, "the parliament", "the government", "the army":
        the body of the country the article is about there, the last country that acted
        (a subject) before it, else the country named most before it. News names a
        country once and then its bodies by the definite noun alone."""
        lemma = token.lemma_.lower()
        # "Police arrested ...", "security forces fired ...": a state's forces of order
        # named without "the", as wire copy names them (#5)
        forces = _security_forces(token)
        # ... as the one who acts: the subject or a passive's agent ("were arrested by
        # police"); "patrols by police" ordered by a government names its means
        police = lemma == "police" and token.tag_ in ("NN", "NNS", "NNP", "NNPS")
        if (forces or police) and not (
            token.dep_ in ("nsubj", "nsubjpass", "conj")
            or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        ):
            forces = police = False
        if not (forces or police) and (lemma not in HOME_BODIES or token.tag_ not in ("NN", "NNP")):
            return None
        if not (forces or police) and not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        ):
            return None
        if any(
            (c.dep_ in ("poss", "compound", "nmod", "prep", "appos") and not forces)
            or (c.dep_ == "amod" and c.lower_ not in BODY_QUALIFIERS and not forces)
            for c in token.children
        ):
            return None  # "the rebel government", "the parliament of X": not bare
        seen: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for t in reversed(self.doc[max(0, token.i - 300) : token.i]):
            m = self.at.get(t.i)
            if m is None or not m.country or m.country == "IO":
                continue
            first.setdefault(m.country, m)
            if t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass"):
                return self._body(token, first[m.country])
            seen[m.country] = seen.get(m.country, 0) + 1
        if not seen:
            # Named first, the body is the state's of the place its sentence puts the
            # act in ("the army shelled villages in X"), else of the dateline's (#5)
            where = self.sentence_place(token) or self.dateline
            return None if where is None else self._body(token, where)
        return self._body(token, first[max(seen, key=lambda c: seen[c])])

    def sentence_place(self, token: Any) -> Mention | None:
        """The first place with a country a place phrase ("in X", "near the town of X")
        of ``token``'s sentence names after it."""
        for t in self.doc[token.i + 1 : token.sent.end]:
            m = self.at.get(t.i)
            if m is None or m.type not in ("GPE", "LOC") or not m.country or m.country == "IO":
                continue
            if self._stance(m):
                continue
            h = t
            for _ in range(5):
                if h.dep_ == "prep" and h.lower_ in PLACE_PREPS:
                    return m
                if h.dep_ not in ("pobj", "compound", "amod", "nmod", "appos", "prep", "poss"):
                    break
                if h.dep_ == "prep" and h.lower_ != "of":
                    break
                h = h.head
        return None

    def _body(self, token: Any, owner: Mention) -> Actor | None:
        entry = load_kb().entries.get(f"country:{owner.country}")
        if entry is None:
            return None
        m = Mention(
            start=owner.start,
            end=owner.end,
            text=owner.text,
            entity_id=entry.id,
            name=entry.name,
            type=entry.type,
            country=entry.country,
        )
        role = AGENT_SECTORS.get(token.lemma_.lower())
        return Actor(m, token.idx, token.idx + len(token), role, True, head=str(token.lower_))

    def both(self, token: Any) -> list[Actor]:
        """The two parties "the two countries", "both sides" refer back to: the last two
        distinct actors named before, in this sentence or the one before ("tension
        between the two countries" after "A and B")."""
        lemma = token.lemma_.lower()
        if lemma not in PAIR_NOUNS or token.tag_ != "NNS":
            return []
        if not any(
            (c.dep_ == "nummod" and c.lower_ == "two")
            or (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
            for c in token.children
        ):
            return []
        states = lemma in ("country", "nation", "state", "neighbour", "neighbor")
        sent = token.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        got: list[Mention] = []
        for t in reversed(self.doc[start : token.i]):
            m = self.at.get(t.i)
            if m is None or m.type == "PERSON" or not m.country:
                continue
            if states and not m.entity_id.startswith("country:"):
                continue
            if all(m.entity_id != g.entity_id for g in got):
                got.append(m)
            if len(got) == 2:
                return [Actor(g, token.idx, token.idx + len(token), None) for g in got[::-1]]
        return []

    def _owner(self, pronoun: Any) -> Actor | None:
        """Who "its"/"their" stands for: the subject of the verb whose object or
        complement the possessed noun is ("the ILO reiterated its demand")."""
        t = pronoun.head
        while t.dep_ in ("pobj", "prep", "compound", "conj") and t.head.i != t.i:
            t = t.head
        if t.dep_ not in ("dobj", "attr") or t.head.pos_ not in ("VERB", "AUX"):
            return None
        subj = children(t.head, *SUBJECTS)
        if not subj or subj[0].pos_ == "PRON":
            return None
        got = self.actor(subj[0])
        return (
            None if got is None else replace(got, start=pronoun.idx, end=pronoun.idx + len(pronoun))
        )

    def _stance(self, m: Mention) -> bool:
        """Whether a modifier names a stance towards an actor, not membership: an
        "anti-Syria journalist" or "pro-Western students" are not Syria's or the West's."""
        before = self.doc.text[max(0, m.start - 6) : m.start].lower()
        return before.endswith(("anti-", "pro-", "anti ", "pro ")) or m.text.lower().startswith(
            ("anti-", "pro-")
        )

    def actors(self, token: Any) -> list[Actor]:
        """The actor at ``token`` and at each of its coordinated siblings."""
        out: list[Actor] = []
        for t in [token, *_conjuncts(token)]:
            a = self.actor(t)
            found = [] if a is None else [a]
            if a is None:
                found = self.both(t)
            if a is not None and a.group:
                # "Ethiopian and Eritrean forces": the forces of each country; also
                # where the modifier sits below a count or an "of" ("dozens of
                # Liberian and Ivorian refugees", "a meeting of Sudanese and Chadian
                # officials"): the modifier's own conjuncts name the other groups.
                mods = [m for m in children(t, "amod", "compound", "nmod") if m.i in self.at]
                span = self.doc.char_span(a.mention.start, a.mention.end, alignment_mode="expand")
                if span is not None and span.root.i not in {m.i for m in mods}:
                    mods.append(span.root)
                found += [
                    replace(a, mention=self.at[c.i])
                    for m in mods
                    for c in _conjuncts(m)
                    if c.i in self.at
                    and c.dep_ == "conj"
                    and m.dep_ in ("amod", "compound", "nmod")
                    and not self._stance(self.at[c.i])
                ]
            for f in found:
                if all(f.mention.entity_id != b.mention.entity_id for b in out):
                    out.append(f)
        return out


# A state's own bodies, named bare once the article has named the state.
HOME_BODIES = frozenset(
    ["parliament", "government", "cabinet", "legislature", "army", "military", "police",
     "judiciary", "navy", "junta", "regime"]
)  # fmt: skip
# Prepositions of a place phrase: "in X", "near the town of X".
PLACE_PREPS = ("in", "at", "near", "inside", "outside", "across", "throughout")


def _security_forces(token: Any) -> bool:
    """Whether ``token`` is a bare "security forces" or "security services"."""
    return (
        token.lemma_.lower() in ("force", "service")
        and token.tag_ in ("NNS", "NNPS")
        and any(c.lower_ == "security" for c in children(token, "compound", "amod"))
        and not any(
            c.dep_ in ("poss", "nmod", "appos") or (c.dep_ == "amod" and c.lower_ != "security")
            for c in token.children
        )
        and not any(c.dep_ == "compound" and c.lower_ != "security" for c in token.children)
    )


# Words that leave such a body bare: "the new government", "the interim cabinet".
BODY_QUALIFIERS = frozenset(
    ["new", "interim", "transitional", "national", "federal", "central", "ruling", "current"]
)
# Participles after a name that make the thing that name's: "Kenyan-led",
# "Panama-flagged", "Liberian-registered".
OWNING_PARTICIPLES = frozenset(["lead", "led", "flag", "flagged", "register", "registered"])
# Plural nouns that, with "two" or "both", refer back to two parties just named.
PAIR_NOUNS = frozenset(
    ["country", "nation", "state", "side", "party", "government", "neighbour", "neighbor"]
)
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
        c.lower_ in ("security", "police") for c in children(token, "compound", "amod")
    )


def counted(token: Any) -> Any:
    """The noun a quantity counts ("hundreds of thousands of [people]"), else ``token``."""
    for _ in range(4):
        inner = _quantity_of(token)
        if inner is None:
            break
        token = inner
    return token


def _quantity_of(token: Any) -> Any | None:
    """The counted noun of a quantity head ("thousands of [students]"), else None."""
    if not (token.like_num or token.lemma_.lower() in QUANTITY_WORDS or token.pos_ == "NUM"):
        return None
    for prep in children(token, "prep"):
        if prep.lower_ == "of":
            pobj = children(prep, "pobj")
            if pobj:
                return pobj[0]
    return None


def _conjuncts(token: Any) -> list[Any]:
    return [t for t in token.conjuncts if t.i > token.i]


def children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


# Verbs whose object does what their infinitive says: "urged Canada to support",
# "allowed refugees to return" ("used tear gas to disperse": the subject disperses).
OBJECT_CONTROL = frozenset(
    [
        "urge", "ask", "call", "request", "invite", "encourage", "press", "persuade",
        "force", "order", "allow", "permit", "help", "enable", "tell", "instruct",
        "direct", "authorize", "authorise", "pressure", "compel", "oblige", "implore",
        "exhort", "advise", "let", "demand", "require", "convince",
    ]
) | frozenset(
    # #5: causation; "..., prompting Canberra to summon the ambassador": the one
    # prompted acts, not the one whose act prompted it
    ["prompt", "spur", "lead", "cause", "provoke", "drive", "trigger"]
)  # fmt: skip
# Verbs of causation whose object's act is another event, a consequence: never where
# the causing act's own target is.
CAUSE_VERBS = frozenset(["prompt", "spur", "lead", "cause", "provoke", "drive", "trigger"])
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


def subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject token of ``verb`` (climbing xcomp/conj chains), and whether it is passive."""
    t = verb
    climbed_xcomp = False
    for _ in range(4):
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in OBJECT_CONTROL:
            objs = children(t.head, "dobj")
            if objs and not children(t, *SUBJECTS):
                return objs[0], False
        if t.dep_ == "acl" and t.tag_ == "VBG":
            head = t.head
            if head.lemma_.lower() in STATEMENT_NOUNS and head.dep_ == "dobj":
                t = head.head  # "X issued a statement condemning Y": X condemns
                continue
            return author(head), False  # "a Kremlin statement condemning", "a man carrying"
        subj = children(t, *SUBJECTS)
        if subj and subj[0].lemma_.lower() in STATEMENT_NOUNS:
            return author(subj[0]), False  # "a statement by X condemned Y": X condemns
        if subj:
            if subj[0].tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                # "Biden, who imposed sanctions": the relative pronoun stands for the
                # noun the clause hangs on (or the name that noun is in apposition to).
                head = t.head
                return (head.head if head.dep_ == "appos" else head), False
            return subj[0], False
        agent = children(t, "agent")
        if agent:
            pobj = children(agent[0], "pobj")
            if pobj:
                return pobj[0], False
        passive = children(t, "nsubjpass")
        if passive:
            # "X is scheduled to debate": X debates. A passive without an agent
            # ("a ceasefire is reached") names no one who acts.
            return (passive[0], False) if climbed_xcomp else (None, True)
        wanted = for_subject(t)
        if wanted is not None:
            return wanted, False
        if t.dep_ in ("xcomp", "conj", "advcl", "acomp") and t.head.i != t.i:
            climbed_xcomp = t.dep_ in ("xcomp", "acomp")
            t = t.head
            continue
        if t.dep_ in ("acl", "relcl") and t.head.i != t.i and t.dep_ == "relcl":
            return t.head, False
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in CONTROL_PREPS:
            # Object control: "did not deter X from adding", "criticised X for
            # supporting", "accused X of helping": X is who adds, supports, helps.
            objs = children(t.head.head, "dobj")
            if objs:
                return objs[0], False
        break
    return None, False


def author(noun: Any) -> Any:
    """Who issued a statement noun: its "by"/"from" phrase ("a statement by the G7
    condemning X": the G7 condemns), else the noun, whose modifiers may name it."""
    if noun.lemma_.lower() in STATEMENT_NOUNS:
        for prep in children(noun, "prep"):
            if prep.lower_ in ("by", "from"):
                got = children(prep, "pobj")
                if got:
                    return got[0]
    return noun


def _passive_subject(verb: Any) -> Any | None:
    subj = children(verb, "nsubjpass")
    return subj[0] if subj else None


def _up_to(verb: Any) -> list[Any]:
    """The object of "kidnapped up to 16 advisers", which the parser misreads as the
    particle "up" and a "to" phrase: "up to N" is a quantity, not a direction."""
    return [
        o
        for prt in children(verb, "prt", "prep")
        if prt.lower_ == "up"
        for to in children(prt, "prep")
        if to.lower_ == "to"
        for o in children(to, "pobj")
        if o.like_num or children(o, "nummod")
    ]


def _raised_object(verb: Any) -> list[Any]:
    """The object a verb shares with the verb coordinated after it ("criticised and
    sanctioned X": X is criticised too). English raises a shared object to the last
    verb, so the first verb has nothing after it but the conjunction and that verb."""
    right = [c for c in verb.rights if c.dep_ != "punct"]
    if not right or any(c.dep_ not in ("cc", "conj") for c in right):
        return []
    for conj in children(verb, "conj"):
        if conj.pos_ == "VERB" and not children(conj, *SUBJECTS, "nsubjpass"):
            return children(conj, "dobj") or _raised_object(conj)
    return []


def _relative_object(verb: Any, objs: list[Any]) -> list[Any]:
    """``objs`` with a relative pronoun replaced by the noun its clause hangs on: in
    "the rebels, whom the army attacked", the rebels were attacked."""
    if verb.dep_ != "relcl":
        return objs
    head = verb.head.head if verb.head.dep_ == "appos" else verb.head
    return [head if o.tag_ in ("WP", "WDT") or o.lower_ == "that" else o for o in objs]


def objects(verb: Any) -> list[Any]:
    objs = children(verb, "dobj", "attr", "oprd") or _up_to(verb)
    if not objs and not children(verb, "prep", "ccomp", "xcomp", "dative"):
        objs = _raised_object(verb)
    objs = _relative_object(verb, objs)
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


def prep_targets(head: Any, preps: Iterable[str], parse: Parse) -> list[Actor]:
    for prep in children(head, "prep", "dative"):
        if prep.dep_ == "dative":
            got = parse.actors(prep)
            if got:
                return got
            continue
        if prep.lower_ not in preps:
            continue
        for pobj in pobjs(prep):
            got = parse.actors(pobj)
            if got:
                return got
    if "for" in preps:
        for subj in for_subjects(head):
            got = parse.actors(subj)
            if got:
                return got
    return []


def pobjs(prep: Any) -> list[Any]:
    """The objects of a preposition, through "out of X" and where the parser left the
    preposition dangling: a shared object of coordinated verbs ("established ties
    with and opened an embassy in X": the last place the coordinated verb names) and
    a noun it took for the subject of a reduced relative ("granted asylum to five
    officers holed up in ...": "officers" as the subject of "holed")."""
    got = children(prep, "pobj")
    if got:
        return got
    if prep.lower_ == "out":
        return [
            g
            for inner in children(prep, "prep")
            if inner.lower_ == "of"
            for g in children(inner, "pobj")
        ]
    doc, head = prep.doc, prep.head
    nxt = doc[prep.i + 1] if prep.i + 1 < len(doc) else None
    if nxt is None:
        return []
    if nxt.dep_ == "cc":
        # right-node raising: the object is the last one of the coordinated verb
        verb = head if head.pos_ in ("VERB", "AUX") else head.head  # "ties with"
        for conj in children(verb, "conj"):
            if conj.i > prep.i and conj.pos_ in ("VERB", "AUX"):
                # "complained to and summoned the envoy": the shared object is direct
                return [t for t in conj.subtree if t.dep_ == "pobj"][-1:] or children(conj, "dobj")[
                    :1
                ]
        return []
    for t in doc[prep.i + 1 : min(len(doc), prep.i + 8)]:
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.left_edge.i == prep.i + 1
            and t.head.dep_ in ("advcl", "acl", "relcl")
            and t.head.head.i == head.i
        ):
            return [t]
    return []


def for_subject(verb: Any) -> Any | None:
    """X in "lobbied for X to release ...", where the parser hangs X on "for" as a
    preposition's object and the infinitive on the governing verb."""
    if verb.dep_ != "advcl" or not any(c.tag_ == "TO" for c in children(verb, "aux")):
        return None
    if children(verb, "nsubj", "nsubjpass"):
        return None
    for prep in children(verb.head, "prep"):
        if prep.lower_ == "for" and prep.i < verb.i:
            objs = children(prep, "pobj")
            if objs and objs[0].right_edge.i + 1 == next(iter(verb.lefts), verb).i:
                return objs[0]
    return None


def for_subjects(head: Any) -> list[Any]:
    """Subjects of "for X to V" clauses on ``head``: the parser makes "for" the
    clause's mark, but "pushed for Mexico to lift tariffs" asks it of Mexico."""
    return [
        s
        for c in children(head, "advcl")
        if any(m.lower_ == "for" for m in children(c, "mark"))
        for s in children(c, "nsubj")
    ]
