"""The LLM event coder (issue #5 item 6) against a local fake OpenAI-compatible server.

The server is stdlib ``http.server`` on 127.0.0.1 in a thread; its answers are JSON
written here for invented sentences, chosen by the sentence each request carries.
Articles go through the real stages (spaCy model, actors) first.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import ontology
from storyline.config import EventsConfig, LlmConfig, Settings
from storyline.models import Article
from storyline.stages.events import Events, load_lexicon
from storyline.stages.events.llm import LlmCoder, LlmError, cache_key

SANCTION_TEXT = (
    "Border talks resume\n\n"
    "Canada imposed new sanctions on Mexico on Tuesday, officials in Ottawa said.\n\n"
    "The weather in the region was mild for the season and markets were calm.\n"
)
SANCTION_SENTENCE = "Canada imposed new sanctions on Mexico on Tuesday"

Reply = tuple[int, Any, dict[str, str]]


class FakeLLM:
    """A chat-completions endpoint: ``answers`` maps a sentence fragment to the content
    the model "says"; ``script`` (optional) replies instead, for errors and retries."""

    def __init__(self) -> None:
        self.answers: dict[str, str] = {}
        self.script: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                fake.headers.append(dict(self.headers))
                status, payload, headers = fake.reply(self.path, body)
                data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def reply(self, path: str, body: dict[str, Any]) -> Reply:
        if path != "/v1/chat/completions":
            return 404, {"error": "no such route"}, {}
        if self.script:
            return self.script.pop(0)
        sentence = json.loads(body["messages"][-1]["content"])["sentence"]
        content = next(
            (a for frag, a in self.answers.items() if frag in sentence), '{"events": []}'
        )
        return 200, completion(content), {}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
    }


def answer(*events: dict[str, Any]) -> str:
    return json.dumps({"events": list(events)})


def ev(source: Any, target: Any, action: Any, cameo: Any, **kw: Any) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "action": action,
        "cameo": cameo,
        "modality": kw.get("modality", "asserted"),
        "negated": kw.get("negated", False),
    }


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    server = FakeLLM()
    yield server
    server.close()


@pytest.fixture
def make_coder(fake: FakeLLM, tmp_path: Path) -> Iterator[Callable[..., LlmCoder]]:
    made: list[LlmCoder] = []

    def make(**kw: Any) -> LlmCoder:
        cfg = {
            "base_url": fake.url,
            "model": "fake-model",
            "cache": str(tmp_path / "cache.sqlite"),
            "backoff": 0.01,
            "retries": 2,
            "timeout": 5.0,
        }
        cfg.update(kw)
        coder = LlmCoder(LlmConfig(**cfg), load_lexicon())
        made.append(coder)
        return coder

    yield make
    for c in made:
        c.close()


@pytest.fixture(scope="module")
def sanction(process: Any) -> Article:
    art: Article = process([SANCTION_TEXT], date="2024-03-08")[0]
    return art


def _mention(article: Article, text: str) -> Any:
    return next(m for m in article.mentions if m.text == text)


def _actor_id(request: dict[str, Any], text: str) -> str:
    actors = json.loads(request["messages"][-1]["content"])["actors"]
    return str(next(a["id"] for a in actors if a["text"] == text))


def test_valid_answer_becomes_an_event_with_offsets_and_codes(
    fake: FakeLLM, make_coder: Callable[..., LlmCoder], sanction: Article
) -> None:
    fake.answers[SANCTION_SENTENCE] = answer(ev("A1", "A2", "imposed", "163", modality="reported"))
    coder = make_coder()
    coder.prefetch([sanction])
    events = coder.code(sanction)
    # Only the sentence with actors is sent; the weather sentence has none.
    assert len(fake.requests) == 1
    req = fake.requests[0]
    assert req["model"] == "fake-model" and req["temperature"] == 0
    assert req["response_format"] == {"type": "json_object"}
    sent = json.loads(req["messages"][-1]["content"])
    assert sent["published"] == "2024-03-08"
    assert [a["text"] for a in sent["actors"]] == ["Canada", "Mexico", "Ottawa"]
    assert _actor_id(req, "Canada") == "A1" and _actor_id(req, "Mexico") == "A2"

    assert len(events) == 1
    e = events[0]
    text = sanction.text or ""
    assert text[e.source.start : e.source.end] == "Canada"
    assert e.target is not None and text[e.target.start : e.target.end] == "Mexico"
    assert text[e.action_start : e.action_end] == e.action == "imposed"
    assert text[e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
    assert e.source.country == "CAN" and e.target.country == "MEX"
    code = ontology.lookup("163")
    assert (e.cameo, e.plover, e.quad_class, e.goldstein) == (
        "163",
        code.plover,
        code.quad_class,
        code.goldstein,
    )
    assert e.modality == "reported" and e.negated is False
    # The date comes from the rule coder's own time-expression logic: same answer.
    rule = next(r for r in sanction.events if r.action == "imposed")
    assert (e.date, e.date_precision, e.date_from) == (
        rule.date,
        rule.date_precision,
        rule.date_from,
    )
    assert e.date == "2024-03-05"  # "on Tuesday" before Friday 8 March


def test_hallucinated_actors_actions_and_codes_are_dropped(
    fake: FakeLLM, make_coder: Callable[..., LlmCoder], sanction: Article
) -> None:
    fake.answers[SANCTION_SENTENCE] = answer(
        ev("A9", "A2", "imposed", "163"),  # no such actor id
        ev("A1", "Brazil", "imposed", "163"),  # an actor the sentence does not name
        ev("A1", "A2", "bombed", "190"),  # action not in the sentence
        ev("A1", "A2", "imposed", "999"),  # not a CAMEO code
        ev("A1", "A2", "imposed", "163", modality="likely"),  # not a modality
        ev("A1", "A3", "imposed", "163"),  # Ottawa is Canada: one actor
        ev("Canada", "Mexico", "imposed new sanctions", 163),  # names and a bare number: fine
    )
    coder = make_coder()
    events = coder.code(sanction)
    assert [(e.source.name, e.target.name if e.target else None, e.cameo) for e in events] == [
        ("Canada", "Mexico", "163")
    ]
    assert events[0].action == "imposed new sanctions"
    dropped = {k: v for k, v in coder.stats.items() if k.startswith("dropped")}
    assert sum(dropped.values()) == 6
    assert dropped["dropped: unknown CAMEO code"] == 1
    assert dropped["dropped: action not in the sentence"] == 1
    assert dropped["dropped: source not among the sentence's actors"] == 1
    assert dropped["dropped: target not among the sentence's actors"] == 1


def test_malformed_json_yields_nothing_with_a_warning(
    fake: FakeLLM,
    make_coder: Callable[..., LlmCoder],
    sanction: Article,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.answers[SANCTION_SENTENCE] = '{"events": [{"source": "A1", '
    with caplog.at_level(logging.WARNING, logger="storyline.stages.events.llm"):
        events = make_coder().code(sanction)
    assert events == []
    warning = next(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert sanction.input in warning and "not JSON" in warning


def test_cache_hit_makes_no_second_request(
    fake: FakeLLM, make_coder: Callable[..., LlmCoder], sanction: Article
) -> None:
    fake.answers[SANCTION_SENTENCE] = answer(ev("A1", "A2", "imposed", "163"))
    first = make_coder().code(sanction)
    assert len(fake.requests) == 1
    again = make_coder()  # a new run, the same cache file
    again.prefetch([sanction])
    assert again.code(sanction) == first
    assert len(fake.requests) == 1 and again.stats["cache hits"] == 1
    # The key ignores the URL and follows the model and the messages.
    msgs = fake.requests[0]["messages"]
    assert cache_key("fake-model", msgs) != cache_key("other-model", msgs)
    make_coder(use_cache=False).code(sanction)
    assert len(fake.requests) == 2


def test_429_and_5xx_are_retried(
    fake: FakeLLM, make_coder: Callable[..., LlmCoder], sanction: Article
) -> None:
    fake.answers[SANCTION_SENTENCE] = answer(ev("A1", "A2", "imposed", "163"))
    fake.script = [(429, {"error": "slow down"}, {"Retry-After": "0"}), (503, "busy", {})]
    coder = make_coder(use_cache=False)
    coder.prefetch([sanction])
    assert len(fake.requests) == 3
    assert [e.cameo for e in coder.code(sanction)] == ["163"]


def test_errors_name_the_endpoint_and_status(
    fake: FakeLLM, make_coder: Callable[..., LlmCoder], sanction: Article
) -> None:
    fake.script = [(401, {"error": {"message": "invalid api key"}}, {})]
    with pytest.raises(LlmError) as info:
        make_coder(use_cache=False).prefetch([sanction])
    assert f"{fake.url}/chat/completions" in str(info.value)
    assert "HTTP 401" in str(info.value) and "invalid api key" in str(info.value)
    assert len(fake.requests) == 1  # a refusal is not retried

    fake.script = [(500, "oops", {})] * 3
    with pytest.raises(LlmError, match="HTTP 500"):
        make_coder(use_cache=False, retries=2).prefetch([sanction])
    assert len(fake.requests) == 4

    fake.script = [(200, {"unexpected": True}, {})]
    with pytest.raises(LlmError, match="not a chat-completions response"):
        make_coder(use_cache=False).prefetch([sanction])


def test_unreachable_endpoint_is_named(
    make_coder: Callable[..., LlmCoder], sanction: Article
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    url = f"http://127.0.0.1:{port}/v1"
    with pytest.raises(LlmError) as info:
        make_coder(base_url=url, use_cache=False, retries=1).prefetch([sanction])
    assert f"{url}/chat/completions" in str(info.value) and "ConnectError" in str(info.value)


def test_api_key_from_the_environment(
    fake: FakeLLM,
    make_coder: Callable[..., LlmCoder],
    sanction: Article,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_coder(use_cache=False).code(sanction)
    assert "Authorization" not in fake.headers[-1]
    monkeypatch.setenv("STORYLINE_LLM_API_KEY", "sk-test")
    make_coder(use_cache=False).code(sanction)
    assert fake.headers[-1]["Authorization"] == "Bearer sk-test"


def test_stage_version_names_the_coder() -> None:
    from storyline.run import stage_versions

    rules = stage_versions(Settings())
    llm = stage_versions(
        Settings(events=EventsConfig(coder="llm", llm=LlmConfig(base_url="x", model="m1")))
    )
    other = stage_versions(
        Settings(events=EventsConfig(coder="llm", llm=LlmConfig(base_url="x", model="m2")))
    )
    assert rules["events"] == Events.version  # the rule coder's version is unchanged
    assert len({rules["events"], llm["events"], other["events"]}) == 3
    assert {k: v for k, v in llm.items() if k != "events"} == {
        k: v for k, v in rules.items() if k != "events"
    }


def test_cli_coder_llm_end_to_end(fake: FakeLLM, tmp_path: Path) -> None:
    from storyline.cli import app

    article = tmp_path / "border.txt"
    article.write_text(SANCTION_TEXT, encoding="utf-8")
    fake.answers[SANCTION_SENTENCE] = answer(ev("A1", "A2", "imposed", "1621", modality="reported"))
    db = tmp_path / "llm.duckdb"
    runner = CliRunner()
    flags = ["--coder", "llm", "--llm-url", fake.url, "--llm-model", "fake-model"]
    ingest = ["ingest", str(article), "--date", "2024-03-08", "--db", str(db)]
    result = runner.invoke(app, [*ingest, *flags])
    assert result.exit_code == 0, result.stderr
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    # 1621 is no rule-coder code for "imposed sanctions": these events are the model's.
    assert [(r["cameo"], r["source"]["name"], r["target"]["name"]) for r in rows] == [
        ("1621", "Canada", "Mexico")
    ]
    assert Path(f"{db}.llm-cache.sqlite").is_file()  # the cache sits beside the store
    assert len(fake.requests) == 1

    # Same content and coder again: nothing to do. Another coder: re-coded.
    again = runner.invoke(app, [*ingest, *flags])
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
    rerun = runner.invoke(app, ["rerun", "--db", str(db)])
    assert rerun.exit_code == 0 and "1 stored" in rerun.stderr, rerun.stderr
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert [json.loads(line)["cameo"] for line in out.stdout.splitlines()] == ["163"]
    # Back to the model: its answer comes from the cache.
    back = runner.invoke(app, ["rerun", "--db", str(db), *flags])
    assert back.exit_code == 0 and "1 stored" in back.stderr
    assert len(fake.requests) == 1

    missing = runner.invoke(app, [*ingest, "--coder", "llm", "--llm-url", fake.url])
    assert missing.exit_code == 2 and "--llm-model" in missing.stderr


def test_cli_unreachable_endpoint_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    from storyline.cli import app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    article = tmp_path / "border.txt"
    article.write_text(SANCTION_TEXT, encoding="utf-8")
    url = f"http://127.0.0.1:{port}/v1"
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(article),
            "--db",
            str(tmp_path / "x.duckdb"),
            "--coder",
            "llm",
            "--llm-url",
            url,
            "--llm-model",
            "m",
            "--no-cache",
        ],
    )
    assert result.exit_code == 2
    assert f"{url}/chat/completions" in result.stderr


def test_planned_event_is_dated_by_its_own_clause(
    fake: FakeLLM, make_coder: Callable[..., LlmCoder], process: Any
) -> None:
    text = (
        "Visit planned\n\n"
        "Mexico will send a trade delegation to Canada next month, the ministry said on Friday.\n"
    )
    art: Article = process([text], date="2024-03-06")[0]
    fake.answers["trade delegation"] = answer(
        ev("A1", "A2", "will send a trade delegation", "042", modality="planned")
    )
    events = make_coder().code(art)
    assert len(events) == 1
    e = events[0]
    assert (e.source.country, e.target and e.target.country) == ("MEX", "CAN")
    assert e.modality == "planned"
    # "next month" belongs to the sending, not "on Friday" of the saying.
    assert (e.date, e.date_precision, e.date_from) == ("2024-04-01", "month", "text")
