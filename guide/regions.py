"""Region codes (6-digit administrative area codes) and how they nest:
national 000000 ⊃ province (370000) ⊃ city (370100) ⊃ county (370102). An entry of region R is
seen from R and from every region inside R, never from a sibling."""
from __future__ import annotations

import re

NATIONAL = "000000"
DEFAULT = "370100"          # the shipped catalog's region (济南市)
CODE_RE = re.compile(r"^\d{6}$")
NAMES = {"000000": "全国", "370000": "山东省", "370100": "济南市", "440000": "广东省", "440100": "广州市"}


def parents(code: str) -> tuple[str, ...]:
    """The code itself and every region that contains it, innermost first."""
    out = [code]
    if code[4:] != "00":
        out.append(code[:4] + "00")
    if code[2:] != "0000":
        out.append(code[:2] + "0000")
    if code != NATIONAL:
        out.append(NATIONAL)
    return tuple(dict.fromkeys(out))


def visible_from(entry_region: str, asked_region: str) -> bool:
    """An entry is seen from its own region and every region nested inside it."""
    return entry_region in parents(asked_region)


def name(code: str) -> str:
    return NAMES.get(code, code)
