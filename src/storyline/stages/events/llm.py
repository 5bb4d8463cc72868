"""The LLM coder: events from any OpenAI-compatible chat-completions endpoint.

A drop-in alternative to the rule coder (issue #5 item 6), chosen with
``EventsConfig(coder="llm")`` or ``storyline ingest --coder llm``. For each
sentence holding at least one resolved actor mention it sends the sentence, the
publication date and the sentence's actors (surface text, canonical name,
country) and asks for events as JSON. The model only chooses: actors come from
that list, the action must be words of the sentence, the code must be in the
codebook. Everything else an event carries is computed here as the rule coder
does it: offsets into the clean text, Goldstein, quad class and PLOVER from
``ontology``, the date from ``context.date`` and the place from
``context._location``. Quotes stay rule-based.

Answers are validated hard. An event naming an actor outside the list, an action
not found verbatim in the sentence, an unknown CAMEO code or modality is dropped
and counted (``LlmCoder.stats``, logged at debug); an answer that is not the
JSON asked for yields nothing for its sentence, with a warning naming the
article. An endpoint that cannot be reached or refuses the request raises
:class:`LlmError`, naming the endpoint and the status, and stops the run: every
article would fail the same way.

Answers are cached in one sqlite3 file keyed by sha256 of (model, prompt
version, messages) — not the URL, so the same model behind another server
reuses them — so re-runs and benchmarks cost nothing. Bump ``PROMPT_VERSION``
whenever the prompt's meaning changes: it is part of the events stage version,
so stored articles coded with an older prompt are re-coded by ``storyline rerun``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import httpx

from storyline import ontology
from storyline.config import LlmConfig
from storyline.errors import ConfigError, StorylineError
from storyline.models import MODALITIES, ActorRef, Article, Event, Mention
from storyline.stages.events.coder import make_event
from storyline.stages.events.context import _location, date
from storyline.stages.events.lexicon import Lexicon
from storyline.stages.events.parse import Parse
from storyline.stages.nlp import sentence_bounds

logger = logging.getLogger(__name__)

PROMPT_VERSION = "1"

SYSTEM_PROMPT = """\
You code political events in one news sentence with CAMEO codes.

You get a JSON object: "sentence", "published" (the publication date or null) and \
"actors", the resolved actors named in the sentence, each with an "id", the "text" \
as written, its canonical "name" and "country" (ISO 3166-1 alpha-3 or null).

List every event the sentence states in which one listed actor acts, alone or \
towards another listed actor. For each event give:
- "source": the id of the actor who acts ("A1"), chosen from the list only;
- "target": the id of the actor acted upon, from the list, or null;
- "action": the word or words of the sentence that express the act, copied exactly \
as they appear in the sentence ("imposed", "talks", "will visit");
- "cameo": the most specific CAMEO code from the codebook below, as a string ("042");
- "modality": "asserted" (the sentence says it happened or is happening), \
"reported" (it is attributed to someone: "X said", "according to", "reportedly"), \
"planned" (announced, scheduled, intended, "will", "is preparing to") or \
"hypothetical" (possible, conditional or asked for: "may", "could", "if", \
"is considering", "urged X to");
- "negated": true when the sentence says the act did not happen.

Code only what the sentence says, not what you know. Speaking about an actor is \
not an event towards it unless the sentence says so (a statement, a criticism, \
an appeal). A sentence with no such act has no events.

Answer with one JSON object and nothing else: \
{"events": [{"source": "A1", "target": "A2", "action": "...", "cameo": "...", \
"modality": "asserted", "negated": false}]}

CAMEO codebook (code, name):
"""

# One worked example, invented for the project (no real event), so that small
# local models see the answer's exact shape.
EXAMPLE_USER = {
    "sentence": (
        "Canada's foreign minister met her Mexican counterpart in Ottawa on Monday, "
        "and Mexico said it will send food aid to Canada next month."
    ),
    "published": "2024-03-06",
    "actors": [
        {"id": "A1", "text": "Canada", "name": "Canada", "country": "CAN"},
        {"id": "A2", "text": "Mexican", "name": "Mexico", "country": "MEX"},
        {"id": "A3", "text": "Ottawa", "name": "Ottawa", "country": "CAN"},
        {"id": "A4", "text": "Mexico", "name": "Mexico", "country": "MEX"},
        {"id": "A5", "text": "Canada", "name": "Canada", "country": "CAN"},
    ],
}
EXAMPLE_ANSWER = {
    "events": [
        {
            "source": "A1",
            "target": "A2",
            "action": "met",
            "cameo": "040",
            "modality": "asserted",
            "negated": False,
        },
        {
            "source": "A4",
            "target": "A5",
            "action": "will send food aid",
            "cameo": "073",
            "modality": "planned",
            "negated": False,
        },
    ]
}


class LlmError(StorylineError):
    """The endpoint could not be reached or refused the request (names both)."""

    def __init__(self, endpoint: str, reason: str) -> None:
        super().__init__(f"LLM endpoint {endpoint}: {reason}")
        self.endpoint = endpoint
        self.reason = reason


class BadAnswer(ValueError):
    """An answer that is not the JSON object asked for."""


@lru_cache(maxsize=1)
def system_prompt() -> str:
    codes = "\n".join(
        f"{c.code} {c.name}" for c in ontology.codebook().values() if len(c.code) >= 3
    )
    return SYSTEM_PROMPT + codes


def messages(sentence: str, published: str | None, actors: Sequence[dict[str, Any]]) -> list[Any]:
    user = {"sentence": sentence, "published": published, "actors": list(actors)}
    return [
        {"role": "system", "content": system_prompt()},
        {"role": "user", "content": json.dumps(EXAMPLE_USER, ensure_ascii=False)},
        {"role": "assistant", "content": json.dumps(EXAMPLE_ANSWER, ensure_ascii=False)},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False)},
    ]


def coder_version(config: LlmConfig) -> str:
    """What the events stage version gains with this coder: stored articles then say
    which coder, prompt and model made their events, and a change re-codes them."""
    return f"+llm{PROMPT_VERSION}:{config.model}"


def cache_key(model: str, msgs: Sequence[Any]) -> str:
    payload = json.dumps([model, PROMPT_VERSION, msgs], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline" / "llm-cache.sqlite"


class Cache:
    """Answers on disk, one sqlite3 file; written from one thread (the caller's)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(self.path, timeout=30)
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, model TEXT, "
                "answer TEXT NOT NULL, created TEXT)"
            )
            self._con.commit()
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"LLM cache {self.path}: cannot open ({exc})") from None

    def get(self, key: str) -> str | None:
        row = self._con.execute("SELECT answer FROM answers WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def put_many(self, rows: Sequence[tuple[str, str, str]]) -> None:
        now = datetime.now(UTC).isoformat()
        with self._con:
            self._con.executemany(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                [(k, m, a, now) for k, m, a in rows],
            )

    def close(self) -> None:
        self._con.close()


class ChatClient:
    """POST ``{base_url}/chat/completions``; retries 429, 5xx and dropped connections
    with exponential backoff (``Retry-After`` when the server gives one)."""

    RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})

    def __init__(self, config: LlmConfig, transport: httpx.BaseTransport | None = None) -> None:
        if not config.base_url:
            raise ConfigError("the LLM coder needs an endpoint: --llm-url (LlmConfig.base_url)")
        if not config.model:
            raise ConfigError("the LLM coder needs a model name: --llm-model (LlmConfig.model)")
        self.config = config
        self.endpoint = config.base_url.rstrip("/") + "/chat/completions"
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(config.api_key_env) if config.api_key_env else None
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._http = httpx.Client(
            headers=headers,
            timeout=config.timeout,
            transport=transport,
            limits=httpx.Limits(max_connections=config.max_concurrency),
        )
        self.requests = 0
        self._lock = threading.Lock()

    def complete(self, msgs: Sequence[Any]) -> str:
        body = {
            "model": self.config.model,
            "messages": list(msgs),
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        attempt = 0
        while True:
            resp: httpx.Response | None = None
            with self._lock:
                self.requests += 1
            try:
                resp = self._http.post(self.endpoint, json=body)
            except httpx.TransportError as exc:
                reason = f"{type(exc).__name__}: {exc}"
                # Nothing listening is a wrong URL or a stopped server, not a hiccup.
                refused = isinstance(exc, httpx.ConnectError)
                if refused or attempt >= self.config.retries:
                    raise LlmError(self.endpoint, f"{reason} (after {attempt + 1} tries)") from None
            else:
                if resp.status_code == 200:
                    return self._content(resp)
                reason = f"HTTP {resp.status_code}: {_excerpt(resp.text)}"
                if resp.status_code not in self.RETRY_STATUS or attempt >= self.config.retries:
                    raise LlmError(self.endpoint, reason)
            delay = self.config.backoff * 2**attempt
            retry_after = resp.headers.get("Retry-After") if resp is not None else None
            if retry_after and retry_after.strip().isdigit():
                delay = max(delay, min(float(retry_after), 60.0))
            logger.info("%s: %s; retrying in %.1fs", self.endpoint, reason, delay)
            time.sleep(delay)
            attempt += 1

    def _content(self, resp: httpx.Response) -> str:
        try:
            content = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LlmError(
                self.endpoint,
                f"not a chat-completions response: {_excerpt(resp.text)}",
            ) from None
        if not isinstance(content, str):
            raise LlmError(self.endpoint, "the response's message has no text content")
        return content

    def close(self) -> None:
        self._http.close()


def _excerpt(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


def parse_answer(content: str) -> list[dict[str, Any]]:
    """The answer's event objects; :class:`BadAnswer` when it is not the JSON asked for.
    A fenced block (```json ... ```) is accepted: some servers add one despite JSON mode."""
    text = content.strip()
    m = _FENCE.match(text)
    if m:
        text = m.group(1)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BadAnswer(f"not JSON ({exc}): {_excerpt(content, 80)!r}") from None
    if isinstance(data, list):
        data = {"events": data}  # a bare list of events is the same answer
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise BadAnswer(f"no 'events' list: {_excerpt(content, 80)!r}")
    items: list[dict[str, Any]] = data["events"]
    if not all(isinstance(e, dict) for e in items):
        raise BadAnswer("an item of 'events' is not an object")
    return items


def _code(value: Any) -> str | None:
    # A JSON number loses the leading zero ("042" -> 42): restore it; anything else
    # must be the codebook's string.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value).zfill(3)
    if isinstance(value, str):
        return value.strip()
    return None


class _Sentence:
    """One sentence to code: its span, evidence text and the actors listed to the model."""

    def __init__(self, sent: Any, mentions: Sequence[Mention], published: str | None) -> None:
        self.sent = sent
        self.start, self.text = sentence_bounds(sent)
        self.mentions = list(mentions)
        self.ids = {f"A{i}": m for i, m in enumerate(self.mentions, 1)}
        actors = [
            {"id": k, "text": m.text, "name": m.name, "country": m.country}
            for k, m in self.ids.items()
        ]
        self.messages = messages(self.text, published, actors)


class LlmCoder:
    """Codes an article's events through the endpoint; see the module docstring."""

    def __init__(
        self,
        config: LlmConfig,
        lexicon: Lexicon,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self.lexicon = lexicon
        self.client = ChatClient(config, transport)
        self.cache: Cache | None = None
        if config.use_cache:
            self.cache = Cache(config.cache or default_cache_path())
        self.stats: Counter[str] = Counter()
        self._answers: dict[str, str] = {}

    # ---------------------------------------------------------------- requests

    def _sentences(self, article: Article) -> list[_Sentence]:
        doc = article.doc
        if doc is None or not article.mentions:
            return []
        out = []
        for sent in doc.sents:
            inside = [
                m for m in article.mentions if m.start >= sent.start_char and m.end <= sent.end_char
            ]
            if inside:
                out.append(_Sentence(sent, inside, article.published))
        return out

    def prefetch(self, batch: Sequence[Article]) -> None:
        """Answer every sentence of ``batch``: from the cache, else up to
        ``max_concurrency`` requests at once. Endpoint errors raise :class:`LlmError`."""
        self._answers = {}
        todo: dict[str, list[Any]] = {}
        for article in batch:
            for s in self._sentences(article):
                key = cache_key(self.config.model, s.messages)
                if key in self._answers or key in todo:
                    continue
                hit = self.cache.get(key) if self.cache else None
                if hit is not None:
                    self.stats["cache hits"] += 1
                    self._answers[key] = hit
                else:
                    todo[key] = s.messages
        if not todo:
            return
        keys = list(todo)
        got: dict[str, str] = {}
        failure: LlmError | None = None
        with ThreadPoolExecutor(max_workers=self.config.max_concurrency) as pool:
            futures = {pool.submit(self.client.complete, todo[k]): k for k in keys}
            for fut in as_completed(futures):
                try:
                    got[futures[fut]] = fut.result()
                except LlmError as exc:
                    failure = failure or exc
        self.stats["requests"] += len(got)
        # Answers that came back are kept even when another request failed: a re-run
        # after fixing the endpoint does not pay for them twice.
        if self.cache is not None and got:
            self.cache.put_many([(k, self.config.model, a) for k, a in got.items()])
        if failure is not None:
            raise failure
        self._answers.update(got)

    def _answer(self, msgs: list[Any]) -> str:
        key = cache_key(self.config.model, msgs)
        if key not in self._answers:
            self._fetch_one(key, msgs)
        return self._answers[key]

    def _fetch_one(self, key: str, msgs: list[Any]) -> None:
        hit = self.cache.get(key) if self.cache else None
        if hit is None:
            hit = self.client.complete(msgs)
            self.stats["requests"] += 1
            if self.cache is not None:
                self.cache.put_many([(key, self.config.model, hit)])
        else:
            self.stats["cache hits"] += 1
        self._answers[key] = hit

    # ---------------------------------------------------------------- events

    def code(self, article: Article) -> list[Event]:
        """The article's events (after :meth:`prefetch`, no request is made here)."""
        sentences = self._sentences(article)
        if not sentences:
            return []
        parse = Parse(article.doc, article.mentions, self.lexicon.speech_verbs)
        events: dict[str, Event] = {}
        for s in sentences:
            try:
                items = parse_answer(self._answer(s.messages))
            except BadAnswer as exc:
                self.stats["malformed answers"] += 1
                logger.warning(
                    "%s (article %s): LLM answer for the sentence at offset %d ignored: %s",
                    article.input,
                    article.id,
                    s.start,
                    exc,
                )
                continue
            for item in items:
                ev = self._event(article, s, item, parse)
                if ev is not None:
                    events.setdefault(ev.id, ev)
        return sorted(events.values(), key=lambda e: (e.action_start, e.cameo))

    def _drop(self, article: Article, why: str, item: dict[str, Any]) -> None:
        self.stats[f"dropped: {why}"] += 1
        logger.debug("%s: LLM event dropped (%s): %r", article.input, why, item)

    def _actor(self, s: _Sentence, value: Any) -> Mention | None:
        if not isinstance(value, str):
            return None
        v = value.strip()
        if v in s.ids:
            return s.ids[v]
        # Models sometimes answer with the actor's text or name instead of its id: still
        # an actor of the list, so accepted when it names exactly one.
        named = [m for m in s.mentions if v in (m.text, m.name)]
        return named[0] if len({m.entity_id for m in named}) == 1 else None

    def _event(
        self, article: Article, s: _Sentence, item: dict[str, Any], parse: Parse
    ) -> Event | None:
        source = self._actor(s, item.get("source"))
        if source is None:
            self._drop(article, "source not among the sentence's actors", item)
            return None
        target: Mention | None = None
        if item.get("target") not in (None, ""):
            target = self._actor(s, item.get("target"))
            if target is None:
                self._drop(article, "target not among the sentence's actors", item)
                return None
            if target.entity_id == source.entity_id:
                self._drop(article, "source and target are one actor", item)
                return None
        cameo = _code(item.get("cameo"))
        if cameo is None or cameo not in ontology.codebook():
            self._drop(article, "unknown CAMEO code", item)
            return None
        modality = item.get("modality")
        if modality not in MODALITIES:
            self._drop(article, "unknown modality", item)
            return None
        negated = item.get("negated", False)
        if not isinstance(negated, bool):
            self._drop(article, "negated is not true or false", item)
            return None
        action = item.get("action")
        at = self._find(s, action, source, target) if isinstance(action, str) else None
        if at is None:
            self._drop(article, "action not in the sentence", item)
            return None
        assert isinstance(action, str)
        action = action.strip()
        doc = article.doc
        span = doc.char_span(at, at + len(action), alignment_mode="expand")
        if span is None or not len(span):
            anchor = doc[s.sent.start]
        else:
            # The verb decides the clause whose time expressions date the event: the
            # span's head when it is one ("will send aid"), else its first verb.
            verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
            anchor = span.root if span.root.pos_ in ("VERB", "AUX") or not verbs else verbs[0]
        dated = date(
            s.sent, anchor, article.published, modality in ("planned", "hypothetical"), self.lexicon
        )
        return make_event(
            article,
            sentence=(s.start, s.text),
            source=_ref(source),
            target=_ref(target) if target else None,
            action=action,
            action_start=at,
            cameo=cameo,
            dated=dated,
            negated=negated,
            modality=modality,
            location=_location(anchor, parse),
        )

    @staticmethod
    def _find(s: _Sentence, action: str, source: Mention, target: Mention | None) -> int | None:
        """Offset in the clean text of ``action`` in the sentence, verbatim; of several
        occurrences, the one nearest the actors."""
        action = action.strip()
        if not action:
            return None
        hits = [m.start() for m in re.finditer(re.escape(action), s.text)]
        if not hits:
            return None
        near = source.start if target is None else (source.start + target.start) / 2
        best = min(hits, key=lambda i: abs(s.start + i - near))
        return s.start + best

    def close(self) -> None:
        self.client.close()
        if self.cache is not None:
            self.cache.close()


def _ref(m: Mention) -> ActorRef:
    return ActorRef(
        name=m.name,
        entity_id=m.entity_id,
        country=m.country,
        role=m.sector,
        start=m.start,
        end=m.end,
    )
