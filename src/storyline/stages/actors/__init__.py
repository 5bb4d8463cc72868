"""Actors: find who and what is named in each article and resolve it to an entity.

Candidates come from the knowledge base's names (exact, via spaCy PhraseMatchers;
all-capitals headlines too), spaCy's named entities, official titles ("the
President", "the Kremlin spokesman") and subject pronouns. In order:

1. Names the knowledge base knows win (score 100). A generic body name ("the
   Ministry of Finance") goes to the country named right before it, else to the
   country of a body it is coordinated with ("the State Department and the Ministry
   of Finance"), else to the government named in its sentence, else to the country
   the article is most about.
2. Unknown people are linked to known ones by spelling, but only with evidence
   (:meth:`Resolver.fuzzy_person`): a surname that agrees once transliteration is
   undone (:func:`storyline.kb.name_key`: Rjabkov/Ryabkov, Baiden/Biden) scores
   high; one that differs otherwise (Rybakov/Ryabkov, Rubin/Rubio) is marked down
   below the threshold; a country or title in the sentence that contradicts the
   candidate marks it down further, one that agrees marks it up.
3. A title without a name resolves to who held that office: in the country its
   qualifier names ("Russian", "Kremlin", "the U.S.") on the article's date, else
   to the last person in the article who held it (coreference), else to the holder
   in the country the article is most about on its date.
4. "he"/"she" as a subject refers to the one person who was subject just before.

Every link to a knowledge-base entry has a score of at least ``min_score``; the
rest become local entities (``person:name-slug``, score 50) whose country comes
from their modifiers ("Russian Deputy Foreign Minister X", "X, a Ukrainian
lawmaker").

The package is laid out as the stage works: :mod:`.matching` holds the
:class:`Resolver` (knowledge-base spans, fuzzy and transliterated names, title
holders, towns, and the scores that rank them); :mod:`.places` infers countries
from the parse; :mod:`.coref` links titles and pronouns back to the article's own
cast; :mod:`.resolution` runs the steps above, in order, over one parsed document; and
this module is the pipeline stage that wires them to the configuration.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import ClassVar

from storyline.config import ActorsConfig, NlpConfig
from storyline.kb import actor_files, load_kb
from storyline.models import Article, Rejection
from storyline.pipeline import per_article, register
from storyline.stages.actors.matching import Resolver
from storyline.stages.actors.resolution import resolve
from storyline.stages.nlp import load_model

__all__ = ["Actors", "Resolver", "resolve"]

logger = logging.getLogger(__name__)


@register
class Actors:
    """Resolved actor mentions for each article."""

    name: ClassVar[str] = "actors"
    version: ClassVar[str] = "12"
    requires: ClassVar[frozenset[str]] = frozenset({"doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(
        self, config: ActorsConfig | None = None, nlp_config: NlpConfig | None = None
    ) -> None:
        self.config = config or ActorsConfig()
        nlp = load_model((nlp_config or NlpConfig()).model)
        kb = load_kb(actor_files(self.config.files))
        self.resolver = Resolver(kb, nlp, self.config.min_score)

    def _one(self, article: Article) -> Article:
        return article.replace(
            mentions=tuple(resolve(article.doc, self.resolver, article.published))
        )

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, self._one)
