"""The actor knowledge base: countries, organisations and people, with their names.

The data files under ``storyline/data`` are facts the project writes itself:
``countries.tsv`` (ISO 3166 alpha-3, names, demonyms, capitals and seats of
government), ``organizations.yaml`` and ``people.yaml`` (offices with dates).
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.errors import OntologyError
from storyline.ids import slug

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    title: str
    start: str | None
    end: str | None
    org: str | None = None

    def active(self, on: str | None) -> bool:
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntry:
    id: str
    name: str
    type: str  # GPE | ORG | PERSON
    country: str | None
    sector: str | None = None
    qid: str | None = None
    roles: tuple[Role, ...] = ()

    def sector_on(self, on: str | None) -> str | None:
        if self.type != "PERSON":
            return self.sector
        return "GOV" if any(r.role != "other" and r.active(on) for r in self.roles) else self.sector


@dataclass(frozen=True, slots=True)
class Alias:
    entry_id: str
    kind: str  # name | alias | demonym | capital | context


@dataclass
class KnowledgeBase:
    entries: dict[str, KBEntry] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=dict)

    def add_alias(self, surface: str, entry_id: str, kind: str) -> None:
        surface = " ".join(surface.split())
        if not surface:
            return
        bucket = self.aliases.setdefault(surface, [])
        if not any(a.entry_id == entry_id for a in bucket):
            bucket.append(Alias(entry_id, kind))

    def lookup(self, surface: str) -> list[tuple[KBEntry, str]]:
        found = self.aliases.get(" ".join(surface.split()))
        if found is None and surface[:1].isupper() and surface[:4].lower() == "the ":
            found = self.aliases.get("the " + surface[4:])
        return [(self.entries[a.entry_id], a.kind) for a in found or []]

    def country(self, code: str) -> KBEntry | None:
        return self.entries.get(f"country:{code}")

    def people(self) -> list[KBEntry]:
        return [e for e in self.entries.values() if e.type == "PERSON"]

    def holders(self, country: str, role: str, on: str | None) -> list[KBEntry]:
        """Who held ``role`` in ``country`` on the date ``on`` (ISO)."""
        return [
            e
            for e in self.people()
            if e.country == country and any(r.role == role and r.active(on) for r in e.roles)
        ]


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _date(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise OntologyError(f"{where}: date {text!r} is not YYYY-MM-DD")
    return text


def _data_file(name: str) -> Path:
    return Path(str(resources.files("storyline") / "data" / name))


def load_countries(kb: KnowledgeBase, path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            code = (row.get("code") or "").strip()
            if len(code) != 3:
                raise OntologyError(f"{path}:{n}: country code {code!r} is not ISO alpha-3")
            entry = KBEntry(
                id=f"country:{code}", name=row["name"].strip(), type="GPE", country=code
            )
            kb.entries[entry.id] = entry
            kb.add_alias(entry.name, entry.id, "name")
            for a in _split(row.get("aliases")):
                kb.add_alias(a, entry.id, "alias")
            for d in _split(row.get("demonyms")):
                kb.add_alias(d, entry.id, "demonym")
            for c in _split(row.get("capitals")):
                kb.add_alias(c, entry.id, "capital")


def load_organizations(kb: KnowledgeBase, path: Path) -> None:
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for i, item in enumerate(items):
        where = f"{path}: item {i}"
        try:
            local = f"org:{item['id']}"
            entry = KBEntry(
                id=item.get("qid") or local,
                name=item["name"],
                type="ORG",
                country=item.get("country"),
                sector=item.get("sector"),
                qid=item.get("qid"),
            )
        except (KeyError, TypeError) as exc:
            raise OntologyError(f"{where}: missing field {exc}") from exc
        kb.entries[entry.id] = entry
        kb.add_alias(entry.name, entry.id, "name")
        for a in item.get("aliases") or []:
            kb.add_alias(str(a), entry.id, "alias")
        for a in item.get("context_aliases") or []:
            kb.add_alias(str(a), entry.id, "context")


def load_people(kb: KnowledgeBase, path: Path) -> None:
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for i, item in enumerate(items):
        where = f"{path}: item {i}"
        try:
            roles = tuple(
                Role(
                    role=r["role"],
                    title=r.get("title") or r["role"],
                    start=_date(r.get("start"), where),
                    end=_date(r.get("end"), where),
                    org=r.get("org"),
                )
                for r in item.get("roles") or []
            )
            entry = KBEntry(
                id=item.get("qid") or f"person:{slug(item['name'])}",
                name=item["name"],
                type="PERSON",
                country=item.get("country"),
                qid=item.get("qid"),
                roles=roles,
                sector=item.get("sector"),
            )
        except (KeyError, TypeError) as exc:
            raise OntologyError(f"{where}: missing field {exc}") from exc
        kb.entries[entry.id] = entry
        kb.add_alias(entry.name, entry.id, "name")
        for a in item.get("aliases") or []:
            kb.add_alias(str(a), entry.id, "alias")


@lru_cache(maxsize=4)
def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge base, plus any user YAML files of people or organisations."""
    kb = KnowledgeBase()
    load_countries(kb, _data_file("countries.tsv"))
    load_organizations(kb, _data_file("organizations.yaml"))
    load_people(kb, _data_file("people.yaml"))
    for path in extra:
        p = Path(path)
        items = yaml.safe_load(p.read_text(encoding="utf-8")) or []
        if items and isinstance(items, list) and "roles" in items[0]:
            load_people(kb, p)
        else:
            load_organizations(kb, p)
    logger.info("knowledge base: %d entries, %d surface forms", len(kb.entries), len(kb.aliases))
    return kb
