"""The knowledge base: transliteration keys, user actors files and the Wikidata refresh."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import ConfigError, OntologyError
from storyline.kb import actor_files, load_kb, name_key, office_role

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wikidata"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rjabkov", "Ryabkov"),
        ("Baiden", "Biden"),
        ("Zelenskiy", "Zelenskyy"),
        ("Zelensky", "Zelenskyy"),
        ("Sergey", "Sergei"),
        ("Dmitriy", "Dmitry"),
        ("Shojgu", "Shoigu"),
        ("Siluanow", "Siluanov"),
        ("Kiev", "Kyiv"),
        ("ERDOĞAN", "Erdogan"),
    ],
)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Rybakov", "Ryabkov"), ("Rubin", "Rubio"), ("Kerrigan", "Kerry"), ("Ivanenko", "Ivanov")],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_holders_by_country_role_and_date() -> None:
    kb = load_kb(())
    assert [e.name for e in kb.holders("USA", "head_of_state", "2017-06-01")] == ["Donald Trump"]
    assert [e.name for e in kb.holders("USA", "head_of_state", "2022-06-01")] == ["Joe Biden"]
    spokes = kb.holders("RUS", "spokesperson", "2019-01-01", org="RUS_PRESIDENCY")
    assert [e.name for e in spokes] == ["Dmitry Peskov"]


def test_roles_name_organisations_that_exist() -> None:
    """Every role's ``org`` is an organisation of the knowledge base (local id or QID)."""
    kb = load_kb(())
    missing = {
        (e.name, r.org)
        for e in kb.people()
        for r in e.roles
        if r.org is not None and kb.org(r.org) is None
    }
    assert not missing, sorted(missing)[:10]


def test_organisation_with_qid_is_reachable_by_local_id() -> None:
    kb = load_kb(())
    dod = kb.org("USA_DOD")
    assert dod is not None and dod.id == dod.qid and dod.country == "USA"


def write(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_user_file_adds_people_and_organisations(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.yaml",
        {
            "people": [
                {
                    "name": "Anna Kowalczyk-Brandt",
                    "country": "POL",
                    "aliases": ["Kowalczyk-Brandt"],
                    "roles": [
                        {"role": "spokesperson", "title": "Spokeswoman", "start": "2030-01-01"}
                    ],
                }
            ],
            "organizations": [
                {
                    "id": "POL_GRAIN_BOARD",
                    "name": "Polish Grain Board",
                    "country": "POL",
                    "sector": "GOV",
                }
            ],
        },
    )
    kb = load_kb((str(path),))
    person = [e for e, _ in kb.lookup("Kowalczyk-Brandt")]
    assert [(p.name, p.country) for p in person] == [("Anna Kowalczyk-Brandt", "POL")]
    assert [e.name for e in kb.holders("POL", "spokesperson", "2031-01-01")] == [
        "Anna Kowalczyk-Brandt"
    ]
    assert kb.org("POL_GRAIN_BOARD") is not None


def test_user_file_merges_into_a_known_person(tmp_path: Path) -> None:
    """A second entry for a known person adds roles and spellings, not a duplicate."""
    path = write(
        tmp_path / "mine.yaml",
        [
            {
                "name": "Sergey Lavrov",
                "country": "RUS",
                "aliases": ["Sergueï Lavrov"],
                "roles": [{"role": "other", "title": "Envoy", "start": "2040-01-01"}],
            }
        ],
    )
    kb = load_kb((str(path),))
    found = kb.lookup("Sergueï Lavrov")
    assert len(found) == 1
    entry = found[0][0]
    assert entry.id == kb.lookup("Sergey Lavrov")[0][0].id
    assert {r.title for r in entry.roles} >= {"Foreign Minister", "Envoy"}
    assert len([e for e in kb.people() if e.name == "Sergey Lavrov"]) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("- name: X\n  roles:\n    - role: emperor\n", "role 'emperor'"),
        ("- name: X\n  country: Russia\n  roles: []\n", "not an ISO alpha-3"),
        ("- aliases: [X]\n  roles: []\n", "missing field 'name'"),
        ("people: [\n", "not valid YAML"),
        ("colleagues: []\n", "unknown keys"),
        ("- name: X\n  roles:\n    - role: other\n      start: 2020-13\n", "not YYYY-MM-DD"),
    ],
)
def test_bad_user_file_names_the_file_and_the_reason(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OntologyError, match=reason) as info:
        load_kb((str(path),))
    assert str(path) in str(info.value)


def test_actor_files_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DATA_DIR", str(tmp_path / "data"))
    mine = write(tmp_path / "mine.yaml", [])
    monkeypatch.setenv("STORYLINE_ACTORS", str(mine))
    assert actor_files() == (str(mine),)
    monkeypatch.setenv("STORYLINE_ACTORS", str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match=r"missing\.yaml"):
        actor_files()


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Minister of Foreign Affairs of Moldova", "foreign_minister"),
        ("United States Secretary of State", "foreign_minister"),
        ("Deputy Minister of Foreign Affairs of Moldova", "other"),
        ("Minister of Defence of Ukraine", "defence_minister"),
        ("Chancellor of the Exchequer", "finance_minister"),
        ("White House Press Secretary", "spokesperson"),
        ("Minister of Health of Moldova", "other"),
    ],
)
def test_office_labels_map_to_roles(label: str, role: str) -> None:
    assert office_role(label) == role


# --------------------------------------------------------------------------- update


class _Sparql(http.server.BaseHTTPRequestHandler):
    """Answers like a SPARQL endpoint, from the recorded results; 500 when told to."""

    fail = False
    queries: list[str] = []  # noqa: RUF012  (shared by the test on purpose)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        query = parse_qs(body)["query"][0]
        type(self).queries.append(query)
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            return
        name = "heads.json" if "P35" in query else "offices.json"
        data = (FIXTURES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    _Sparql.fail = False
    _Sparql.queries = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sparql)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_actors_update_writes_a_file_the_knowledge_base_loads(
    endpoint: str, tmp_path: Path
) -> None:
    out = tmp_path / "wd.yaml"
    result = CliRunner().invoke(app, ["actors", "update", "--endpoint", endpoint, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert len(_Sparql.queries) == 2
    people = {p["name"]: p for p in yaml.safe_load(out.read_text(encoding="utf-8"))}
    # A country code the knowledge base does not know (SUN) is skipped.
    assert set(people) == {"Ion Testeanu", "Vera Probeanu", "Petru Mostra", "Donald Trump"}
    assert people["Vera Probeanu"]["roles"][0]["role"] == "foreign_minister"
    assert people["Petru Mostra"]["roles"][0]["role"] == "other"

    kb = load_kb((str(out),))
    assert [e.id for e in kb.holders("MDA", "head_of_government", "2031-06-01")] == ["Q990000001"]
    assert [e.name for e in kb.holders("MDA", "foreign_minister", "2031-06-01")] == [
        "Vera Probeanu"
    ]
    assert kb.lookup("Ion Testyanu")[0][0].id == "Q990000001"
    # A known person (same QID) is merged, not duplicated, and gains the new spelling.
    trump = kb.lookup("DJT")[0][0]
    assert trump.id == "Q22686" and trump.name == "Donald Trump"
    assert len([e for e in kb.people() if e.name == "Donald Trump"]) == 1


def test_actors_update_failure_keeps_the_previous_file(endpoint: str, tmp_path: Path) -> None:
    out = tmp_path / "wd.yaml"
    out.write_text("[]\n", encoding="utf-8")
    _Sparql.fail = True
    result = CliRunner().invoke(app, ["actors", "update", "--endpoint", endpoint, "-o", str(out)])
    assert result.exit_code == 2
    assert endpoint in result.stderr and "500" in result.stderr
    assert out.read_text(encoding="utf-8") == "[]\n"


def test_actors_update_rejects_a_bad_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["actors", "update", "--since", "2000", "-o", str(tmp_path / "x.yaml")]
    )
    assert result.exit_code == 2
    assert "--since" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_actors_check(tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", [{"name": "Polish Grain Board", "country": "POL"}])
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: X\n  country: Poland\n", encoding="utf-8")
    ok = CliRunner().invoke(app, ["actors", "check", str(good)])
    assert ok.exit_code == 0 and "1 new entries" in ok.stdout
    result = CliRunner().invoke(app, ["actors", "check", str(bad)])
    assert result.exit_code == 2 and str(bad) in result.stderr
    assert json.dumps("Poland") in result.stderr or "Poland" in result.stderr
