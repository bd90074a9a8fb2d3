"""Pieces both import formats share: the report (issues, per-field counts), placeholder detection,
and the parsers for values a catalog export writes as free text (time limits, phones, conditions)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field

from guide.catalog import ID_RE, PHONE_RE, PLACEHOLDER_RE, URL_RE

# Values exports put where they mean "nothing recorded". Compared after NFKC, trimming spaces and
# trailing punctuation, case-insensitively. Found in the Guangdong export: 无, 无。, 办理地点：无.
PLACEHOLDERS = {"", "无", "暂无", "null", "none", "nil", "nan", "n/a", "na", "/", "\\", "-", "--", "—", "——",
                "－", "_", "空", "未知", "不详", "待定", "待补充", "未填写", "未提供", "无数据", "0000-00-00"}


def clean(value) -> str:
    """Text as written, spaces collapsed (full-width punctuation stays: it is Chinese text); '' for None."""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value).replace("\u3000", " ")).strip()


def fold(value) -> str:
    """For parsing only (numbers, codes, addresses of the web): NFKC width folding, 全角 → 半角."""
    return clean(unicodedata.normalize("NFKC", clean(value)))


def is_placeholder(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return all(is_placeholder(v) for v in value)
    text = fold(value).rstrip("。.;,").strip().lower()
    return text in PLACEHOLDERS


@dataclass
class FieldCount:
    present: int = 0        # the record has the field with some value
    parsed: int = 0         # ... and it became catalog data
    placeholder: int = 0    # ... but it was a placeholder (无, "", null, ...): left out
    failed: int = 0         # ... but it could not be read: left out and reported

    def as_dict(self) -> dict:
        return {"present": self.present, "parsed": self.parsed, "placeholder": self.placeholder,
                "failed": self.failed}


@dataclass(frozen=True)
class Issue:
    where: str              # "line 12" (JSONL), "record 3" (JSON array), "row 7" (CSV)
    field: str
    message: str
    source_id: str = ""
    fatal: bool = False     # the record could not be imported at all

    def __str__(self) -> str:
        sid = f" [{self.source_id}]" if self.source_id else ""
        kind = "record skipped" if self.fatal else "value left out"
        return f"{self.where}{sid}: {self.field}: {self.message} ({kind})"


@dataclass
class Report:
    system: str = ""
    records: int = 0
    imported: int = 0
    skipped: int = 0
    fields: dict[str, FieldCount] = field(default_factory=OrderedDict)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0
    out: str = ""
    written: bool = False

    def count(self, name: str) -> FieldCount:
        return self.fields.setdefault(name, FieldCount())

    def settle(self, issues: "RecordIssues", record):
        """One source record done: its issues join the report; a record that could not be mapped
        (None) counts as skipped. Returns the record."""
        self.records += 1
        self.issues.extend(issues.issues)
        if record is None:
            self.skipped += 1
        return record

    def as_dict(self) -> dict:
        return {"system": self.system, "records": self.records, "imported": self.imported,
                "skipped": self.skipped, "written": self.written, "seconds": round(self.seconds, 2),
                "fields": {k: v.as_dict() for k, v in self.fields.items()},
                "issues": [{"where": i.where, "field": i.field, "message": i.message,
                            "source_id": i.source_id, "fatal": i.fatal} for i in self.issues]}


class RecordIssues:
    """Collects one record's issues and does the per-field accounting."""

    def __init__(self, report: Report, where: str):
        self.report, self.where, self.source_id = report, where, ""
        self.issues: list[Issue] = []

    def present(self, fld: str, value) -> bool:
        """Count the field; False (and counted as placeholder) when it says nothing."""
        if value is None:
            return False
        c = self.report.count(fld)
        c.present += 1
        if is_placeholder(value):
            c.placeholder += 1
            return False
        return True

    def parsed(self, fld: str) -> None:
        self.report.count(fld).parsed += 1

    def failed(self, fld: str, message: str, fatal: bool = False, count: bool = True) -> None:
        if count:
            self.report.count(fld).failed += 1
        self.issues.append(Issue(self.where, fld, message, self.source_id, fatal))

    @property
    def fatal(self) -> bool:
        return any(i.fatal for i in self.issues)


# ---------------------------------------------------------------- time limits

_DAYS_RE = re.compile(r"^(\d{1,4})\s*(?:\(\s*(工作日|自然日|日|天)\s*\)|个?\s*(工作日|自然日|日|天))?$")
_SPOT_WORDS = ("即办", "即时办结", "即时办理", "当场办结", "当场办理", "立即办结", "当即办结")


@dataclass(frozen=True)
class Days:
    days: int | None        # None with on_the_spot
    unit: str               # 工作日 | 自然日 ('' for on the spot)
    on_the_spot: bool = False


def parse_days(text: str) -> Days | None:
    """'13(工作日)', '13个工作日', '90(自然日)', '30日', '即办', '0' -> Days; None if unreadable.
    A bare number counts 工作日 (the national standard's unit for 办结时限); 日/天 count 自然日."""
    t = fold(text).replace(" ", "")
    if any(w in t for w in _SPOT_WORDS):
        return Days(None, "", True)
    m = _DAYS_RE.match(t)
    if not m:
        return None
    days = int(m.group(1))
    unit = m.group(2) or m.group(3) or "工作日"
    unit = "自然日" if unit in ("日", "天") else unit
    if days == 0:
        return Days(None, "", True)
    return Days(days, unit)


def time_limit(promised: Days | None, legal: Days | None) -> dict:
    """Catalog time_limit from the two parsed limits. One days_unit serves both day counts, so a
    legal limit in another unit than the promised one goes into the note, in words."""
    out: dict = {"on_the_spot": None, "legal_days": None, "promised_days": None}
    unit = ""
    note = []
    if promised is not None:
        out["on_the_spot"] = promised.on_the_spot
        if promised.days is not None:
            out["promised_days"], unit = promised.days, promised.unit
    if legal is not None and legal.days is not None:
        if not unit or legal.unit == unit:
            out["legal_days"], unit = legal.days, legal.unit
        else:
            note.append(f"法定时限{legal.days}个{legal.unit}")
    if unit:
        out["days_unit"] = unit
    if note:
        out["note"] = "；".join(note)
    return out


# ---------------------------------------------------------------- phones

_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z_.@-])("
    r"1[3-9]\d{9}"                                  # mobile
    r"|400-?\d{3}-?\d{4}"                           # 400 service numbers
    r"|0\d{2,3}-?\d{7,8}(?:-\d{1,4})?"              # area code + number [+ extension]
    r"|0\d{2,3}-[19]\d{4}(?:-\d{1,4})?"             # area code + service number (020-12345)
    r"|\d{7,8}(?:-\d{1,4})?"                        # local number (takes the previous area code)
    r"|[19]\d{4,5}"                                 # service numbers (12345, 12348, 95598)
    r")(?![0-9A-Za-z_@])")
_JUNK_RE = re.compile(r"(https?://[!-~]+|www\.[!-~]+|[\w.-]+@[\w.-]+|微信号?[:：]?\s*\w+)", re.ASCII)


def parse_phones(text: str) -> tuple[list[str], list[str]]:
    """Every phone number in a free-text field, normalized to what the catalog accepts.
    Returns (numbers, leftovers): leftovers are digit runs that look like numbers but are not."""
    t = fold(text)
    t = _JUNK_RE.sub(" ", t)                             # URLs, e-mail, 微信号 hold digit runs too
    t = re.sub(r"[–—‐‑−]", "-", t)
    t = re.sub(r"(?<!\d)400(?:-?\d){7}(?!\d)", lambda m: m.group(0).replace("-", ""), t)   # 400-7000-690
    t = re.sub(r"\(\s*86\s*-?\s*(\d{2,3})\s*\)\s*", r"0\1-", t)      # (8620)2236 0123
    t = re.sub(r"(?<!\d)\+?86[\s-]+(\d{2,3})[\s-]+(?=\d{7,8})", r"0\1-", t)  # 86 20 87512631
    t = re.sub(r"\(\s*(0\d{2,3})\s*\)\s*", r"\1-", t)                # (020)83882222
    t = re.sub(r"(?<=\d)\s*转\s*(?=\d)", "-", t)                      # 020-38356454转1
    t = re.sub(r"(?<=\d)\s*-+\s*(?=\d)", "-", t)                      # 020- 83835328, 020--38819922
    t = re.sub(r"(?<=\d{4}) (?=\d{4}(?!\d))", "", t)                  # 8923 2806
    numbers, area = [], ""
    for m in _NUMBER_RE.finditer(t):
        num = m.group(1)
        parts = num.split("-")
        if re.fullmatch(r"0\d{2,3}", parts[0]) and len(parts) > 1:
            area = parts[0]
        elif re.fullmatch(r"0\d{9,11}", parts[0]):       # 02083882222: split the area code off
            for n in (3, 4):
                head, rest = parts[0][:n], parts[0][n:]
                if len(rest) in (7, 8) and (n == 3) == head.startswith(("01", "02")):
                    area, parts[0] = head, f"{head}-{rest}"
                    break
            num = "-".join(parts)
        elif re.fullmatch(r"\d{7,8}", parts[0]):
            if not area:
                continue                                  # no area code known: not a usable number
            num = f"{area}-{num}"
        # keep one extension level: PHONE_RE (and a dialler) has no room for menu paths
        pieces = num.split("-")
        keep = 3 if re.fullmatch(r"0\d{2,3}", pieces[0]) else 2
        num = "-".join(pieces[:keep])
        if PHONE_RE.match(num) and not PLACEHOLDER_RE.search(num) and num not in numbers:
            numbers.append(num)
    rest = _NUMBER_RE.sub(" ", t)
    leftovers = [d for d in re.findall(r"\d[\d-]{5,}\d", rest)]
    return numbers, leftovers


# ---------------------------------------------------------------- conditions, URLs, lists

_ENUM_RE = re.compile(r"(?:(?<=[\s。；;：:])|^)(?=(?:[（(][一二三四五六七八九十\d１-９]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
                      r"|[\d１-９]{1,2}[、.．)）](?![\d０-９])))")


def split_conditions(text: str) -> list[str]:
    """受理条件 as items: split at enumerators (（一） 1、 1. 1） (1)) and at line breaks; an intro
    ending in ：stays the first item. Text without enumerators stays one item."""
    t = text.replace("\u3000", " ")
    out = []
    for line in re.split(r"[\r\n]+", t):
        line = re.sub(r"[ \t]+", " ", line).strip()
        if not line:
            continue
        for part in _ENUM_RE.split(line):
            part = part.strip(" ；;")
            if part and not is_placeholder(part):
                out.append(part)
    return out


def valid_url(text: str) -> str:
    url = fold(text).replace(" ", "")
    return url if URL_RE.match(url) and not PLACEHOLDER_RE.search(url) else ""


def split_list(text: str, seps: str = "，,、;；") -> list[str]:
    return [p.strip() for p in re.split(f"[{re.escape(seps)}]+", clean(text)) if p.strip()]


def dedupe(items) -> list:
    out = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


# ---------------------------------------------------------------- codes and ids

def digest(text: str, n: int) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n].upper()


def department_code(name: str, org_code: str = "") -> str:
    """'D' + the 9-character organization code (ORGCODE) when the export has one, else 'D' + 9 hex
    digits of the department name's SHA-1: stable across re-imports, matching ID_RE's department part."""
    org = fold(org_code).upper()
    if re.fullmatch(r"[0-9A-Z]{9}", org):
        return f"D{org}"
    return f"D{digest(clean(name), 9)}"


def matter_id(region: str, dept: str, source_id: str) -> str:
    """<region>-<dept>-<10 hex digits of SHA-1(source id)>: the same export gives the same ids."""
    mid = f"{region}-{dept}-{digest(source_id, 10)}"
    assert ID_RE.match(mid), mid
    return mid
