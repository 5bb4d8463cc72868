"""Typed records that flow through the pipeline and out of the store.

Records are frozen: a stage returns new records with :func:`dataclasses.replace`
rather than mutating its input, so a batch can be retried or shipped to another
process (a Ray actor) unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

MODALITIES = ("asserted", "reported", "planned", "hypothetical")


@dataclass(frozen=True, slots=True, kw_only=True)
class Hints:
    """Metadata supplied by the user (manifest, JSONL fields, CLI flags).

    Hints win over anything inferred from the content.
    """

    date: str | None = None
    source: str | None = None
    title: str | None = None
    language: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """A piece of the input the cleaner dropped, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One resolved actor mention in an article's clean text."""

    start: int
    end: int
    text: str
    entity_id: str
    name: str
    type: str
    country: str | None
    sector: str | None = None
    score: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    id: str
    name: str
    type: str
    country: str | None
    sector: str | None = None
    qid: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """The source or target of an event, with its place in the text."""

    name: str
    entity_id: str | None
    country: str | None
    role: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity_id": self.entity_id,
            "country": self.country,
            "role": self.role,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    article_id: str
    sentence: str
    sentence_start: int
    source: ActorRef
    target: ActorRef | None
    action: str
    action_start: int
    action_end: int
    cameo: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str | None
    date_precision: str | None
    date_from: str | None
    negated: bool
    modality: str
    location: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    id: str
    article_id: str
    speaker_name: str
    speaker_entity_id: str | None
    text: str
    kind: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """An article as it moves through the stages.

    ``id`` is derived from the input's own bytes (see :mod:`storyline.ids`), so it
    is stable across runs and across cleaner versions. Fields stay at their
    defaults until the stage that provides them has run.
    """

    id: str
    input: str
    raw_bytes: bytes | None = field(default=None, repr=False)
    raw: str | None = field(default=None, repr=False)
    format: str | None = None
    hints: Hints = field(default_factory=Hints)
    # clean
    source: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    text: str | None = None
    paragraphs: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    content_hash: str | None = None
    # nlp (doc is a spaCy Doc: kept in memory only, never stored)
    doc: Any = field(default=None, repr=False, compare=False)
    sentences: tuple[Sentence, ...] = ()
    # actors, events
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    minhash: bytes | None = field(default=None, repr=False)
    # stories (set by the corpus stage in the store)
    duplicate_of: str | None = None
    story_id: str | None = None

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)

    def has(self, name: str) -> bool:
        """Whether the field ``name`` has been provided (differs from its default)."""
        value = getattr(self, name)
        return value is not None and value != () and value != Hints()


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """An input that a stage could not process, kept so that nothing vanishes silently."""

    input: str
    stage: str
    reason: str
    article_id: str | None = None


@dataclass(slots=True, kw_only=True)
class RunReport:
    """What one ``ingest`` run did."""

    seen: int = 0
    stored: int = 0
    skipped: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0
