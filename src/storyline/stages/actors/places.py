"""Country inference for mentions the knowledge base could not place.

After the names are resolved, an unknown person, organisation or group still
needs a country, and a generic body ("the Ministry of Finance") needs to know whose
it is. These helpers read it off the parse: a locative phrase ("rebels in
Darfur"), a body coordinated with another, an "in"/"of" phrase after a body, a place
the sentence opens with, or the one government acting in the sentence; demonyms used
for ethnic groups and countries named as a stance ("anti-Syria") are told apart.
They only look at mentions and the parse, never at the resolver, so they can be
tested and reasoned about on their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.ids import slug
from storyline.kb import KnowledgeBase, fold
from storyline.models import Mention
from storyline.stages.actors.matching import mention_spans

# Religions name groups, not states: their country is the one they are in.
RELIGIOUS = {
    "muslim",
    "muslims",
    "moslem",
    "moslems",
    "islamic",
    "islamist",
    "islamists",
    "christian",
    "christians",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "jewish",
    "jews",
    "hindu",
    "hindus",
    "sikh",
    "sikhs",
    "buddhist",
    "buddhists",
    "shiite",
    "shiites",
    "shia",
    "sunni",
    "sunnis",
    "alawite",
    "alawites",
    "alewite",
    "alevi",
    "druze",
    "coptic",
    "copts",
    "maronite",
    "maronites",
    "orthodox",
    "evangelical",
}
# Peoples of continents and regions: no one country is theirs ("West Africans").
_REGIONAL = {
    f"{w}{s}"
    for w in ("african", "european", "asian", "arab", "american", "latin", "westerner", "nordic")
    for s in ("", "s")
} | {"balkan", "caucasian", "scandinavian", "slavic", "middle eastern"}
# Nouns after a demonym that make it an ethnic group ("the Albanian population").
ETHNIC_NOUNS = {"population", "minority", "minorities", "community", "communities", "diaspora"}

# Prepositions that place a group or person: "rebels in Darfur", "Albanians of
# southern Serbia", "a missionary from Calgary".
_PLACE_PREPS = {"in", "of", "from", "at", "near", "throughout", "across", "inside"}
# Before or after a country word, these make it a stance or a sponsor, not a
# nationality: "anti-Syria journalist", "pro-Iranian group", "Syrian-backed militia".
_STANCE_BEFORE = {"anti", "pro"}
_STANCE_AFTER = {
    "backed",
    "sponsored",
    "allied",
    "supported",
    "funded",
    "armed",
    "occupied",
    "controlled",
    "held",
    "administered",
}


def _stance(doc: Any, span: Any) -> bool:
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    return bool(
        (before and before[-1] in _STANCE_BEFORE)
        or (len(before) == 2 and before[1] == "-" and before[0] in _STANCE_BEFORE)
        or (len(after) == 2 and after[0] == "-" and after[1] in _STANCE_AFTER)
    )


def _modifies_person(token: Any, person_tokens: set[int], own: range) -> bool:
    """The country word describes another person ("South African leader de Klerk")."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("amod", "compound", "poss", "nmod") or head.head.i == head.i:
            break
        head = head.head
    if head.i in own:
        return False
    near = [head, *(c for c in head.children if c.dep_ in ("appos", "compound", "flat"))]
    if head.dep_ == "appos":
        near.append(head.head)
    return any(t.i in person_tokens and t.i not in own for t in near)


def _ethnic(doc: Any, span: Any, m: Mention, kb: KnowledgeBase, at: dict[int, Mention]) -> bool:
    """A demonym that names an ethnic group, not a state's people or government:
    "ethnic Albanians", "the Albanian population", "Albanians of southern Serbia"."""
    if m.type != "GPE" or not any(k == "demonym" for _e, k in kb.lookup(m.text)):
        return False
    if span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
        return True
    if span.end < len(doc) and doc[span.end].lower_ in ETHNIC_NOUNS:
        return True
    return _locative_country(span, at, m.country) is not None and m.text.endswith("s")


def _locative_country(
    span: Any, at: dict[int, Mention], own: str | None, stance: frozenset[int] = frozenset()
) -> str | None:
    """A country the phrase itself places its head in ("rebels in Darfur")."""
    root = span.root
    heads = [root]
    if root.dep_ in ("amod", "compound", "nmod") and root.head.i != root.i:
        heads.append(root.head)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for t in prep.subtree:
                m = at.get(t.i)
                if (
                    m is not None
                    and m.country
                    and m.country != own
                    and t.i not in stance
                    and not (span.start <= t.i < span.end)
                ):
                    return m.country
    return None


# Prepositions whose object is where something happens, not who takes part in it.
_SETTING_PREPS = {"in", "inside", "at", "near", "across", "throughout", "within", "around"}
# Dependencies inside one noun phrase: a country reached through these describes it.
_PHRASE_DEPS = {
    "amod",
    "compound",
    "poss",
    "nmod",
    "appos",
    "flat",
    "prep",
    "pobj",
    "npadvmod",
    "nummod",
    "case",
}


def _setting(other: Any) -> bool:
    """The country is the place of the happening ("clashed in Lebanon"), not a party
    to it: the object of a locative preposition (or one coordinated with it)."""
    t = other.root
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in _SETTING_PREPS


def _own_phrase(span: Any, other: Any) -> bool:
    """The country sits in the actor's own noun phrase or apposition ("the Nigerian
    archbishop X", "X, a Kenyan group", "rebels of the Ogaden"), not in another
    argument of the verb."""
    own = range(span.start, span.end)
    head = span.root
    while head.dep_ in ("compound", "flat", "appos", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    targets = {*own, head.i}
    t = other.root
    for _ in range(8):
        if t.i in targets:
            return True
        if t.dep_ not in _PHRASE_DEPS or t.head.i == t.i:
            break
        t = t.head
    if t.i in targets:
        return True
    # The actor inside the country's phrase: "Nigeria's archbishop X".
    t = span.root
    for _ in range(4):
        if other.start <= t.i < other.end:
            return True
        if t.dep_ not in ("compound", "flat", "appos", "amod", "nmod") or t.head.i == t.i:
            break
        t = t.head
    return False


def infer_countries(doc: Any, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Countries for actors the knowledge base could not place (#4).

    An unknown person, organisation or group takes the country its own phrase places
    it in ("rebels in Darfur"), else the one country its sentence names (for a
    person, not counting the countries of other people: "President X welcomed the
    South African leader Y"); an ethnic group the one of its home countries the
    sentence names. A demonym used for an ethnic group ("ethnic Albanians in
    Serbia") becomes that group, in the country it lives in. Countries named as a
    stance ("anti-Syria") count for nothing.
    """
    spans, at = mention_spans(doc, mentions)
    person_tokens = {i for i, m in at.items() if m.type == "PERSON"}
    stance = {id(m) for m in mentions if spans[id(m)] is not None and _stance(doc, spans[id(m)])}
    stance_tokens = frozenset(i for i, m in at.items() if id(m) in stance)
    out: list[Mention] = []
    for m in mentions:
        span = spans[id(m)]
        if (
            span is None
            or m.type not in ("PERSON", "ORG", "GPE", "NORP")
            or m.sector == "MED"
            or fold(span[-1].text) in _REGIONAL
            or (m.type == "ORG" and _multinational(span))
        ):
            out.append(m)
            continue
        ethnic = _ethnic(doc, span, m, kb, at)
        if not ethnic and (m.country is not None or m.entity_id in kb.entries):
            out.append(m)
            continue
        own = m.country if ethnic else None
        country = (
            None
            if _religious(m, span) and _ambiguous_place(span)
            else _locative_country(span, at, own, stance_tokens)
        )
        if country is None:
            sent = span.sent
            # Countries in the sentence that could be the actor's: all of them for
            # a people (its homes are a closed list) and for a domestic office
            # ("President X"); for anyone else not those the actor acts on or is
            # acted on by ("sanctions against Nigeria", "US attacks killed ...").
            named = [
                (other, o)
                for other in mentions
                if (o := spans[id(other)]) is not None
                and other is not m
                and other.country
                and other.country != own
                and id(other) not in stance
                and sent.start <= o.start < sent.end
                # The outlet that reports the sentence places nobody in it.
                and other.sector != "MED"
                and not (
                    # A person's country is not that of the other people around him.
                    m.type == "PERSON"
                    and (
                        other.type == "PERSON"
                        or _modifies_person(o.root, person_tokens, range(span.start, span.end))
                    )
                )
            ]
            all_counts = Counter(other.country or "" for other, _o in named)
            homes = kb.groups.get(
                fold(span[-1].text if m.type in ("GPE", "NORP") else span[0].text), ()
            )
            if _religious(m, span):
                # "Muslim hackers" may be anywhere: only their own phrase places them.
                counts: Counter[str] = Counter()
            elif homes or (m.type == "PERSON" and domestic_office(doc, span)):
                counts = all_counts
            elif m.type == "PERSON":
                # Where a person speaks or travels is no nationality: only his own
                # phrase ("X, a Kenyan lawyer") places him.
                counts = Counter(other.country or "" for other, o in named if _own_phrase(span, o))
            else:
                counts = Counter(
                    other.country or ""
                    for other, o in named
                    if _own_phrase(span, o)
                    or (_setting(o) or not (_opposed(span, o) or _target(o)))
                )
            at_home = [c for c, _n in all_counts.most_common() if c in homes]
            if at_home:
                country = at_home[0]
            elif len(homes) == 1 and m.type in ("GPE", "NORP"):
                # A people with one state of its own acts as that state's people even
                # where the sentence is about another ("Jewish settlers ... Palestinian").
                country = homes[0]
            elif counts:
                # The country the sentence names most, if it names one most.
                (top, n), *rest = counts.most_common(2)
                if not rest or n > rest[0][1]:
                    country = top
            elif len(homes) == 1:
                country = homes[0]
        if ethnic:
            if country is None:
                out.append(m)
                continue
            m = replace(m, entity_id=f"group:{slug(m.text)}", name=m.text, sector=None, score=50.0)
        out.append(replace(m, country=country) if country else m)
    return out


# First words of a body that belongs to no one country ("the European Community",
# "the International Committee of ..."): a country named near it is a partner.
_MULTINATIONAL = {"european", "international", "world", "global", "multinational", "inter"}


def _multinational(span: Any) -> bool:
    words = [fold(t.text) for t in span if t.lower_ not in ("the", "a", "an")]
    return bool(words) and words[0].split("-")[0] in _MULTINATIONAL


def coordinated_country(span: Any, country_at: dict[int, str]) -> str | None:
    """The country of a body coordinated with this one ("the State Department and the
    Ministry of Finance"): governments list their own bodies together."""
    root = span.root
    for other in [*root.conjuncts]:
        if other.i in country_at and not (span.start <= other.i < span.end):
            return country_at[other.i]
    return None


def place_after(span: Any, kb_spans: Sequence[tuple[Any, str]], kb: KnowledgeBase) -> str | None:
    """The country a body's own "in"/"of" phrase names ("the government in Ottawa",
    "the parliament of Ukraine"): it places the body, whatever the article is about."""
    pobjs = {
        pobj.i
        for prep in span.root.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    }
    countries = {
        e.country
        for s, surface in kb_spans
        if any(s.start <= i < s.end for i in pobjs)
        for e, kind in kb.lookup(surface)
        if kind != "context" and e.type == "GPE" and e.country
    }
    return countries.pop() if len(countries) == 1 else None


def fronted_place(span: Any, kb_spans: Sequence[tuple[Any, str]], kb: KnowledgeBase) -> str | None:
    """The country of a place the sentence opens with ("In Beijing, the Foreign
    Ministry said"): the setting of everything in the clause after it."""
    sent = span.sent
    first = sent[0]
    if first.lower_ not in _PLACE_PREPS:
        return None
    comma = next((t.i for t in sent if t.text == "," and t.i < span.start), None)
    if comma is None or comma - sent.start > 6:
        return None
    countries = {
        e.country
        for s, surface in kb_spans
        if sent.start < s.start and s.end <= comma
        for e, kind in kb.lookup(surface)
        if kind != "context" and e.country
    }
    return countries.pop() if len(countries) == 1 else None


def sentence_government(span: Any, mentions: Sequence[Mention]) -> str | None:
    """The one country whose government acts in the span's sentence, if only one does."""
    sent = span.sent
    countries = {
        m.country
        for m in mentions
        if sent.start_char <= m.start < sent.end_char
        and m.country
        and m.sector in ("GOV", "MIL", "LEG")
        and m.type != "GPE"
    }
    return countries.pop() if len(countries) == 1 else None


# Arguments of a verb: who acts, and whom or what it acts on.
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "expl"}
_OBJECTS = {"dobj", "dative", "attr", "oprd", "prep", "pobj", "iobj", "obj"}


def _ancestors(t: Any) -> list[Any]:
    out = [t]
    while t.head.i != t.i and len(out) < 64:
        t = t.head
        out.append(t)
    return out


def _opposed(span: Any, other: Any) -> bool:
    """The country is on the other side of a verb from the actor: its object or
    target when the actor is the subject ("X called for sanctions against Nigeria",
    "X threatened to attack Ruritania"), or its subject when the actor is the object
    ("US attacks killed al-Qaeda leaders"). Different clauses ("X said that ...
    Ruritania") are not opposed: there the country is often the actor's own."""
    mine = _ancestors(span.root)
    theirs = _ancestors(other.root)
    on_their_path = {t.i: n for n, t in enumerate(theirs)}
    m_at = next((n for n, t in enumerate(mine) if t.i in on_their_path), None)
    if m_at is None or m_at == 0:
        return False
    lca = mine[m_at]
    o_at = on_their_path[lca.i]
    if o_at == 0 or lca.pos_ not in ("VERB", "AUX"):
        return False
    m_branch, o_branch = mine[m_at - 1], theirs[o_at - 1]
    # "X threatened to ban Ruritanian parties": the verb under "to" shares X as subject.
    k = o_at - 1
    while o_branch.dep_ == "xcomp" and k > 0:
        k -= 1
        o_branch = theirs[k]
    m_dep, o_dep = m_branch.dep_, o_branch.dep_
    if o_dep == "prep" and o_branch.lower_ in _SETTING_PREPS:
        return False
    return (m_dep in _SUBJECTS and o_dep in _OBJECTS) or (m_dep in _OBJECTS and o_dep in _SUBJECTS)


def _target(other: Any) -> bool:
    """The country is what some verb acts on ("sending troops to Ruritania",
    "attacked Ruritania"): its direct object, or the object of a preposition other
    than a place's attached to a verb."""
    t = other.root
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("dobj", "dative"):
        return t.head.pos_ in ("VERB", "AUX")
    return (
        t.dep_ == "pobj"
        and t.head.lower_ not in _SETTING_PREPS
        and t.head.head.pos_ in ("VERB", "AUX")
    )


def _religious(m: Mention, span: Any) -> bool:
    """A people named by its religion ("Muslim hackers"), not a body ("Islamic
    Salvation Front") nor a religious group with a nationality in it."""
    return m.type in ("GPE", "NORP") and any(fold(t.text) in RELIGIOUS for t in span)


def faith_group(kb: KnowledgeBase, text: str) -> bool:
    """Whether a group's name ends in a faith ("Hindu", "Egyptian Copts", "Shia"):
    it is a religious group (type NORP, sector REL), not a place or a state."""
    words = [w for w in fold(text).replace("-", " ").split() if w != "the"]
    return bool(words) and (words[-1] in kb.religions or words[-1] in RELIGIOUS)


def _ambiguous_place(span: Any) -> bool:
    """Whether a place after the group may belong to the verb instead: "clashed with
    Hindu pilgrims in Alexandria" says where the clash was, not who the pilgrims are.
    Only a phrase before its verb ("Muslims in Alexandria protested") is unambiguous."""
    head = span.root
    while head.dep_ in ("amod", "compound", "nmod") and head.head.i != head.i:
        head = head.head
    verb = head.head
    return head.dep_ not in ("nsubj", "nsubjpass", "ROOT") or verb.i < head.i


# Offices only a state has: someone introduced by one belongs to the country his
# sentence is about even when it is the object of his verb ("President X banned
# Ruritanian opposition parties").
DOMESTIC_OFFICES = {
    "president",
    "vice-president",
    "premier",
    "minister",
    "judge",
    "governor",
    "mayor",
    "senator",
    "congressman",
    "congresswoman",
    "legislator",
    "lawmaker",
    "mp",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "general",
    "speaker",
    "prosecutor",
    "opposition",
}


def domestic_office(doc: Any, span: Any) -> bool:
    """The person's name carries or follows a state office ("Prime Minister X",
    "Interior Minister X", "Judge X")."""
    words = [t.lower_ for t in span]
    i = span.start - 1
    while (
        i >= 0
        and i >= span.start - 5
        and (doc[i].pos_ in ("PROPN", "NOUN", "ADJ") or doc[i].lower_ in ("of", "for", "-"))
    ):
        words.append(doc[i].lower_)
        i -= 1
    return any(w.strip(".") in DOMESTIC_OFFICES for w in words)


# Bodies every state has, with their sector: named by a country ("Israel's cabinet",
# "the Serbian parliament") they are that country's even outside the knowledge base.
BODY_NOUNS = {
    "government": "GOV",
    "cabinet": "GOV",
    "administration": "GOV",
    "regime": "GOV",
    "junta": "GOV",
    "authorities": "GOV",
    "parliament": "LEG",
    "legislature": "LEG",
    "congress": "LEG",
    "senate": "LEG",
    "court": "JUD",
    "judiciary": "JUD",
    "army": "MIL",
    "military": "MIL",
    "navy": "MIL",
    "police": "COP",
}


def owner_country(span: Any, country_at: dict[int, str]) -> str | None:
    """The country a body's own possessor or modifier names ("Romania's new
    government", "the Serbian parliament", "the Khartoum government", "the
    government of Chad"), if exactly one does."""
    root = span.root
    found = {
        country_at[c.i]
        for c in root.children
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in country_at
    }
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found |= {
                country_at[c.i] for c in prep.children if c.dep_ == "pobj" and c.i in country_at
            }
    return found.pop() if len(found) == 1 else None


# Words before a body noun that make it another body ("high court", "military
# government"); "new" or "interim" do not.
BODY_QUALIFIERS = {
    "high",
    "supreme",
    "constitutional",
    "federal",
    "military",
    "national",
    "appeals",
    "lower",
    "upper",
    "transitional",
}
# Nouns after a people word that keep it a people ("Croatian Serb refugees").
_PEOPLE_NOUNS = ETHNIC_NOUNS | {"refugees", "rebels", "militias", "leaders", "villagers"}


def _people_word(kb: KnowledgeBase, text: str) -> str | None:
    """The country a people word is the demonym of, or "" for a people without one
    state (groups.tsv); None when the word names no people."""
    for e, kind in kb.lookup(text):
        if kind == "demonym" and e.type == "GPE" and e.id.startswith("country:"):
            return e.country
    return "" if fold(text) in kb.groups else None


def compound_group(
    doc: Any, kb: KnowledgeBase, mention_at: dict[int, Mention]
) -> list[tuple[Any, str | None]]:
    """Two peoples in a row, a place then a people ("Bosnian Serbs", "Kosovo
    Albanians", "Iraqi Kurds", "Croatian Serb refugees"): the span of both and the
    country the first gives. The knowledge base's own name for the pair wins
    ("Turkish Cypriots" live in Cyprus)."""
    out: list[tuple[Any, str | None]] = []
    i = 0
    size = len(doc)
    while i < size - 1:
        # The place may be several words ("Sierra Leonean"): the longest known one.
        place = None
        # Only a capitalised word starts a place: checked once, before any span is built.
        capital = doc[i].text[:1].isupper()
        for n in (3, 2, 1) if capital else ():
            if i + n <= size:
                words = doc[i : i + n]
                found = [
                    e.country
                    for e, kind in kb.lookup(words.text)
                    if kind != "context" and e.id.startswith(("country:", "region:"))
                ]
                if found and found[0]:
                    place = (i + n - 1, found[0])
                    break
        if place is None:
            i += 1
            continue
        end, where = place
        j = end + 1
        if j >= len(doc):
            break
        people = doc[j]
        plural = people.tag_ in ("NNS", "NNPS") or people.text.endswith("s")
        country = _people_word(kb, people.text)
        # Another mention's word is not part of this group ("Russian officials met
        # Ukrainian ...": different phrases).
        own = mention_at.get(i)
        if (
            country is None
            or not people.text[:1].isupper()
            or country == where
            or (
                people.dep_ not in ("ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
                and not (j + 1 < len(doc) and doc[j + 1].lower_ in _PEOPLE_NOUNS)
            )
            or not (plural or (j + 1 < len(doc) and doc[j + 1].lower_ in _PEOPLE_NOUNS))
            or (own is not None and own.entity_id in kb.entries and own.type != "GPE")
        ):
            i = end + 1
            continue
        span = doc[i : j + 1]
        homes = kb.groups.get(fold(span.text), ())
        out.append((span, homes[0] if len(homes) == 1 else where))
        i = j + 1
    return out
