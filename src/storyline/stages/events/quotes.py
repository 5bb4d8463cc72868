"""Quotes and who said them.

Direct speech (in quotation marks) and indirect speech (the complement of a speech
verb, "said that ...") are attributed to the speech verb's subject: a resolved
actor, the holder of a title ("the President", looked up in the knowledge base as
of the publication date), or an unnamed source noun ("a senior official"). A
quotation continued in the next sentence keeps its speaker. Quote ids are stable
for the same article and start offset.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.ids import digest
from storyline.kb import load_kb
from storyline.models import Article, Mention, Quote
from storyline.stages.events.lexicon import Lexicon
from storyline.stages.events.parse import Parse, children, subject
from storyline.stages.nlp import sentence_bounds

_QUOTE = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"")


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
    subj, _ = subject(verb)
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
    comp = children(verb, "ccomp")
    if comp:
        head = comp[0]
        framed = [
            c for c in children(head, "advcl") if any(m.lower_ == "as" for m in children(c, "mark"))
        ]
        if head.lemma_.lower() == "come" and framed:
            # "The news comes as X did Y, an official said": the writer's framing;
            # what the official reports is that X did Y.
            return [t for t in framed[0].subtree if t.dep_ != "mark" or t.head.i != framed[0].i]
        return list(comp[0].subtree)
    if verb.dep_ == "advcl" and any(c.lower_ == "as" for c in children(verb, "mark")):
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
                    for pobj in children(t, "pobj"):
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
