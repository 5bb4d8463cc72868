"""Commitment codes for planned acts: intents (03x), threats (13x) and refusals (12x),
and the threats that conditional acts make.

An actor committing itself to an act is coded twice: the act, as planned, and the
commitment. The tables below map an act's CAMEO code to the commitment's by the
longest matching prefix; acts with no entry (appeals, demands, criticism) give
none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# An act the actor commits itself to is, in CAMEO, an intent (03x) when it would
# cooperate and a threat (13x) when it would harm: "offered to mediate" is 039,
# "is strongly considering imposing sanctions" is 1312. The longest prefix wins;
# acts with no intent code here (appeals, demands, criticism) give none.
INTENT_CODES = {
    "03": "030",
    "04": "036",
    "045": "039",
    "05": "032",
    "06": "031",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",
    "081": "0351",
    "0813": "0351",
    "0814": "0351",
    "082": "0352",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "14": "133",
    "15": "138",
    "16": "131",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "1313",
    "17": "137",
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "18": "138",
    "19": "138",
    "190": "1384",
    "191": "1381",
    "192": "1382",
    "194": "1384",
    "195": "1384",
    "20": "1383",
}


# An actor committing itself not to cooperate rejects (CAMEO 12x): "will not accept
# refugees" is 122-like, "would not meet their demands" 123, "will not meet" 125.
REFUSAL_CODES = {
    "03": "120",
    "04": "125",
    "045": "126",
    "05": "120",
    "057": "127",
    "06": "121",
    "061": "1211",
    "062": "1212",
    "07": "122",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
    "075": "122",
    "08": "124",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def _longest(table: dict[str, str], cameo: str) -> str | None:
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


def intent_code(cameo: str) -> str | None:
    return _longest(INTENT_CODES, cameo)


def refusal_code(cameo: str) -> str | None:
    return _longest(REFUSAL_CODES, cameo)


# Conjunctions of a condition: "will withdraw unless Z pays", "may halt mediation if
# cooperation founders". An act made conditional on what the target does is, in
# CAMEO, a threat (13x) when the act would harm; an act that would cooperate turns
# into a threat only under "unless" / "if ... not" (the target loses it by not
# complying), and stays a conditional promise under a plain "if".
CONDITIONS = frozenset({"if", "unless"})


def condition(verbs: Iterable[Any]) -> str | None:
    """``"unless"`` or ``"if"`` when one of ``verbs`` has a condition clause; an "if"
    clause with a negation ("if Z does not pay") counts as "unless"."""
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ != "advcl":
                continue
            marks = {m.lower_ for m in clause.children if m.dep_ == "mark"} & CONDITIONS
            if not marks:
                continue
            if "unless" in marks or any(c.dep_ == "neg" for c in clause.children):
                return "unless"
            return "if"
    return None


# Preparing an attack is a show of force, done rather than said: "the army prepared to
# launch an offensive", "troops are poised to storm the town" exhibit force posture
# (CAMEO 15, material conflict), where "threatened to attack" is a threat (138).
POSTURE_GOVERNORS = frozenset(["prepare", "poise", "poised", "gear"])


def posture_code(cameo: str, governors: Iterable[str]) -> str | None:
    """150 when an act of violence (roots 18-20) is only being prepared, else None."""
    if cameo[:2] in ("18", "19", "20") and POSTURE_GOVERNORS & set(governors):
        return "150"
    return None


def threat_code(cameo: str, conjunction: str) -> str | None:
    """The threat a conditional act makes, or None (a conditional promise)."""
    if cameo[:2] >= "14":  # protest, force, sanctions, coercion, violence
        return intent_code(cameo)
    return "130" if conjunction == "unless" else None
