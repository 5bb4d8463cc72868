"""Stages, the registry that names them, and the pipeline that chains them.

A stage is a class built from its config that maps a batch of :class:`Article`
records to a batch of the same length, each item either an updated article or a
:class:`Rejection`. Heavy state (models, dictionaries) is built in ``__init__``,
so the same class can run in this process or as a Ray actor
(``map_batches(StageCls, fn_constructor_kwargs={"config": cfg})``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from storyline.errors import PipelineConfigError, StageContractError, UnknownStageError
from storyline.models import Article, Rejection

logger = logging.getLogger(__name__)

# Fields every reader fills in; rerunning from the store starts from RERUN_FIELDS.
READER_FIELDS = frozenset({"id", "input", "raw_bytes", "hints"})
RERUN_FIELDS = frozenset({"id", "input", "raw", "format", "hints"})


class Stage(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]: ...


StageT = TypeVar("StageT", bound=type)
STAGES: dict[str, type[Any]] = {}


def register(cls: StageT) -> StageT:
    """Class decorator: make a stage available under its ``name``."""
    name = cls.name  # type: ignore[attr-defined]
    if name in STAGES and STAGES[name] is not cls:
        raise PipelineConfigError(f"two stages registered as {name!r}")
    STAGES[name] = cls
    return cls


def get_stage(name: str) -> type[Any]:
    from storyline import stages  # noqa: F401  (registers the built-in stages)

    try:
        return STAGES[name]
    except KeyError:
        raise UnknownStageError(name, sorted(STAGES)) from None


def per_article(
    stage: str, batch: Sequence[Article], fn: Callable[[Article], Article]
) -> list[Article | Rejection]:
    """Apply ``fn`` to each article, turning a failure into a recorded rejection.

    One bad article must never stop the run nor vanish: its error becomes a
    Rejection naming the input, the stage and the reason.
    """
    out: list[Article | Rejection] = []
    for article in batch:
        try:
            out.append(fn(article))
        except Exception as exc:
            from storyline.errors import IngestError, StageError

            reason = exc.reason if isinstance(exc, IngestError | StageError) else repr(exc)
            logger.debug("rejected %s at %s: %s", article.input, stage, reason, exc_info=True)
            out.append(
                Rejection(input=article.input, stage=stage, reason=reason, article_id=article.id)
            )
    return out


class Pipeline:
    """An ordered list of stages, checked when it is built."""

    def __init__(
        self, stages: Sequence[Stage], *, available: Iterable[str] = READER_FIELDS
    ) -> None:
        have = set(available)
        producers: dict[str, str] = {}
        for stage in stages:
            missing = stage.requires - have
            if missing:
                field = sorted(missing)[0]
                later = [s.name for s in stages if field in s.provides]
                raise PipelineConfigError(
                    f"stage {stage.name!r} needs {field!r}, which no earlier stage provides"
                    + (f" (provided by {', '.join(later)}, placed later)" if later else "")
                )
            have |= stage.provides
            for f in stage.provides:
                producers[f] = stage.name
        self.stages = list(stages)

    @property
    def versions(self) -> dict[str, str]:
        return {s.name: s.version for s in self.stages}

    def __call__(self, batch: Sequence[Article]) -> tuple[list[Article], list[Rejection]]:
        live: list[Article] = list(batch)
        rejected: list[Rejection] = []
        for stage in self.stages:
            if not live:
                break
            out = stage(live)
            if len(out) != len(live):
                raise StageContractError(
                    f"stage {stage.name!r} returned {len(out)} records for a batch of {len(live)}"
                )
            live = []
            for item in out:
                if isinstance(item, Article):
                    live.append(item)
                elif isinstance(item, Rejection):
                    rejected.append(item)
                else:
                    raise StageContractError(
                        f"stage {stage.name!r} returned {type(item).__name__}, not Article or Rejection"
                    )
        return live, rejected
