"""Exceptions raised by storyline.

Every exception derives from :class:`StorylineError`, so callers can catch
"anything from storyline" in one place::

    StorylineError
    ├── ConfigError
    │   └── PipelineConfigError      a stage's inputs are not produced by an earlier stage
    ├── UnknownStageError            (also LookupError) no stage registered under that name
    ├── IngestError                  unreadable input, unsupported format, bad manifest
    ├── StageError                   a stage failed on an article (.stage, .input)
    │   └── StageContractError       a stage returned the wrong type or batch length
    ├── OntologyError                unknown CAMEO code, malformed data file
    ├── StoreError                   the database could not be opened, read or written
    │   ├── MigrationError
    │   └── NotFoundError            (also LookupError) unknown id, missing database
    └── FetchError                   a URL or feed could not be fetched
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class ConfigError(StorylineError):
    """Invalid configuration."""


class PipelineConfigError(ConfigError):
    """A pipeline was built whose stages cannot run in that order."""


class UnknownStageError(StorylineError, LookupError):
    def __init__(self, name: str, available: list[str]) -> None:
        super().__init__(f"no stage named {name!r}; available: {', '.join(available)}")
        self.name = name
        self.available = available


class IngestError(StorylineError):
    """An input could not be read or understood."""

    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input = input_name
        self.reason = reason


class StageError(StorylineError):
    """A stage failed on one article."""

    def __init__(self, stage: str, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: stage {stage} failed: {reason}")
        self.stage = stage
        self.input = input_name
        self.reason = reason


class StageContractError(StorylineError):
    """A stage broke the batch contract (wrong type or length)."""


class OntologyError(StorylineError):
    """A code table or pattern file is malformed, or a code is unknown."""


class StoreError(StorylineError):
    """The database could not be opened, read or written."""


class MigrationError(StoreError):
    """A schema migration failed; the database was left at the previous version."""


class NotFoundError(StoreError, LookupError):
    """An id or database that was asked for does not exist."""


class FetchError(StorylineError):
    """A URL or feed could not be fetched."""
