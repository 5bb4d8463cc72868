"""Events and quotes: who did what to whom, when, with the sentence as evidence.

The coder reads spaCy's dependency parse. Patterns live in ``data/verbs.yaml``:
verbs ("criticise", "impose" + sanctions), event nouns ("talks between A and B",
"Russia's annexation of Crimea") and light verbs that lend their subject to an
event noun ("held talks"). For each match it finds the source and target among
the resolved actor mentions, handling passive voice, coordination and
subject-less infinitives, and it decides negation, modality (``asserted``,
``reported``, ``planned``, ``hypothetical``) and the date from the sentence's
time expressions relative to the publication date.

The package follows the data flow, each module importing only from those before
it: ``lexicon`` (patterns) -> ``parse`` (actors and their roles in the parse) ->
``context`` (negation, modality, date, place) and ``targets`` (targets the verb
does not take directly) -> ``intent`` (commitment codes) -> ``coder`` (events)
and ``quotes`` -> this module, the stage and the public names.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import ClassVar

from storyline.config import EventsConfig
from storyline.models import Article, Rejection
from storyline.pipeline import per_article, register
from storyline.stages.events.coder import code_events
from storyline.stages.events.intent import INTENT_CODES, REFUSAL_CODES, intent_code, refusal_code
from storyline.stages.events.lexicon import Lexicon, Pattern, load_lexicon
from storyline.stages.events.llm import LlmCoder
from storyline.stages.events.quotes import extract_quotes

logger = logging.getLogger(__name__)


@register
class Events:
    """Coded events and attributed quotes for each article."""

    name: ClassVar[str] = "events"
    version: ClassVar[str] = "16"
    requires: ClassVar[frozenset[str]] = frozenset({"doc", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"events", "quotes"})

    def __init__(self, config: EventsConfig | None = None) -> None:
        self.config = config or EventsConfig()
        self.lexicon = load_lexicon()
        # --coder llm (issue #5 item 6) replaces the rule coder's events; quotes stay rules.
        self.llm = LlmCoder(self.config.llm, self.lexicon) if self.config.coder == "llm" else None

    def _one(self, article: Article) -> Article:
        events = self.llm.code(article) if self.llm else code_events(article, self.lexicon)
        return article.replace(
            events=tuple(events),
            quotes=tuple(extract_quotes(article, self.lexicon)),
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        if self.llm is not None:
            self.llm.prefetch(batch)  # concurrent requests; an endpoint error stops the run
        return per_article(self.name, batch, self._one)


__all__ = [
    "INTENT_CODES",
    "REFUSAL_CODES",
    "Events",
    "Lexicon",
    "Pattern",
    "code_events",
    "extract_quotes",
    "intent_code",
    "load_lexicon",
    "refusal_code",
]
