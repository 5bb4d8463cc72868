"""The CAMEO codebook with Goldstein values, quad classes and the PLOVER crosswalk.

Values come from ``data/cameo.tsv``; ``data/ONTOLOGY.md`` documents the sources
and where published tables disagree.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from storyline.errors import OntologyError

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def quad_for_root(root: str) -> int:
    """GDELT's mapping: 01-05 verbal coop., 06-08 material coop., 09-13 verbal conflict, 14-20 material."""
    r = int(root)
    if not 1 <= r <= 20:
        raise OntologyError(f"CAMEO root {root!r} is outside 01-20")
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


@lru_cache(maxsize=1)
def codebook() -> dict[str, Code]:
    path = Path(str(resources.files("storyline") / "data" / "cameo.tsv"))
    out: dict[str, Code] = {}
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            try:
                code = Code(
                    code=row["code"].strip(),
                    name=row["name"].strip(),
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                    plover=(row.get("plover") or "").strip() or None,
                    plover_mode=(row.get("plover_mode") or "").strip() or None,
                )
            except (KeyError, ValueError, AttributeError) as exc:
                raise OntologyError(f"{path}:{n}: malformed row ({exc})") from exc
            if code.quad_class != quad_for_root(code.root):
                raise OntologyError(
                    f"{path}:{n}: quad class of {code.code} disagrees with its root"
                )
            out[code.code] = code
    return out


def lookup(code: str) -> Code:
    try:
        return codebook()[code]
    except KeyError:
        raise OntologyError(f"unknown CAMEO code {code!r}") from None
