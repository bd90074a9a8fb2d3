"""The service catalog: typed matters and bundles loaded from YAML, validated all at once.

Validation collects every problem (file, field, message) before failing, so a curator fixes a
whole folder in one pass, and a catalog with any problem is never half-loaded.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

MATTER_TYPES = ("行政许可", "行政确认", "行政给付", "行政裁决", "行政征收", "行政奖励",
                "行政备案", "其他行政权力", "公共服务")
SUBJECTS = ("自然人", "法人")
FORMS = ("原件", "复印件", "原件和复印件", "原件核验", "电子材料")
FORM_UNKNOWN = "未注明"              # imported entries only: the export names the material, not its form
DAYS_UNITS = ("工作日", "自然日")
ID_RE = re.compile(r"^(\d{6})-([A-Z][A-Z0-9]{1,9})-([0-9A-Za-z]{3,40})$")   # <region>-<DEPT>-<number>
REGION_RE = re.compile(r"^\d{6}$")
DEFAULT_REGION = "370100"           # 济南市: today's hand-written files
SOURCE_COVERS = ("conditions", "materials", "situations", "process", "time_limit", "fee", "locations",
                 "online", "result", "faq", "general")
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# What an imported entry (one with `provenance`) may leave unknown, and how; pages say 未收录 for it.
# Hand-written entries may not: for them every one of these is required as before.
IMPORTED_UNKNOWN = {
    "aliases": "[]", "summary": '""', "conditions": "[]", "materials": "[]", "process": "[]",
    "legal_basis": "[]", "updated": '"" (provenance.imported_at says when it was imported)',
    "fee.charged": "null (false would claim 不收费)", "time_limit.on_the_spot": "null",
    "time_limit.legal_days": "null (as before)", "time_limit.promised_days": "null (as before)",
    "online.available": "null", "materials[].form": FORM_UNKNOWN, "materials[].copies": "null",
    "materials[].required": "null (true would claim 必须, false 如有)",
}
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
PHONE_RE = re.compile(r"^(0\d{2,3}-?\d{7,8}|0\d{2,3}-\d{5}|1\d{10}|400-?\d{3}-?\d{4}|12345|\d{5,6})(-\d{1,4})?$")
PLACEHOLDER_RE = re.compile(r"(example\.|xxx|XXX|待补充|TODO|123456789|0000-?0000)")


class CatalogError(Exception):
    """Raised when a catalog has problems; `problems` lists every one of them."""

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"catalog has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


def applies(when: tuple[str, ...], when_all: tuple[str, ...], chosen: dict[str, str]) -> bool:
    """THE rule for conditional materials and situations: with no condition, always; `when` holds
    if one of its <situation>.<option> keys was chosen, `when_all` if every one of its keys was."""
    keys = {f"{sid}.{oid}" for sid, oid in chosen.items()}
    if when and not keys.intersection(when):
        return False
    return all(k in keys for k in when_all)


def undecided(when: tuple[str, ...], when_all: tuple[str, ...], chosen: dict[str, str]) -> bool:
    """A condition that still depends on a situation the person has not answered."""
    return any(key.partition(".")[0] not in chosen for key in (*when, *when_all))


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: a law with its article, or a published guide with its issuer."""
    law: str = ""
    article: str = ""
    title: str = ""
    issuer: str = ""
    covers: tuple[str, ...] = ()
    note: str = ""

    @property
    def local(self) -> bool:
        """A Shandong or Jinan rule or guide (else the entry is known only by the national rule)."""
        return any(w in f"{self.law}{self.title}{self.issuer}" for w in ("山东", "济南"))


@dataclass(frozen=True)
class Provenance:
    """For imported entries: the system exported from, the record's id there, and when."""
    system: str
    source_id: str
    imported_at: str


def plain_label(label: str) -> str:
    """An option's label without its parenthetical ("有效期满（或快到期）" -> "有效期满")."""
    return re.split(r"[（(]", label, maxsplit=1)[0].strip()


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    aliases: tuple[str, ...] = ()   # what people say that picks this option ("过期" for 有效期满)


@dataclass(frozen=True)
class Situation:
    id: str
    question: str
    options: tuple[Option, ...]
    when: tuple[str, ...] = ()      # ask only if one of these <situation>.<option> was chosen
    when_all: tuple[str, ...] = ()  # ... and all of these

    def relevant(self, chosen: dict[str, str]) -> bool:
        """True when the question applies given the answers so far (no condition: always)."""
        return applies(self.when, self.when_all, chosen)


@dataclass(frozen=True)
class Material:
    """form 未注明 and copies None occur only in imported entries: the export did not say."""
    name: str
    form: str
    copies: int | None
    required: bool | None = True      # None: imported, the export does not say whether it is needed
    when: tuple[str, ...] = ()
    source: str = ""
    notes: str = ""
    exempt_if_e_license: bool = False
    when_all: tuple[str, ...] = ()

    def applies(self, chosen: dict[str, str]) -> bool:
        return applies(self.when, self.when_all, chosen)

    @property
    def conditional(self) -> bool:
        return bool(self.when or self.when_all)


@dataclass(frozen=True)
class TimeLimit:
    """办结时限. legal_days/promised_days count `days_unit`: 工作日 (default) or 自然日
    (when the law says 日 in calendar days, e.g. 居民身份证法's 六十日). on_the_spot is None only in
    imported entries whose export does not say."""
    on_the_spot: bool | None
    legal_days: int | None
    promised_days: int | None
    note: str = ""
    days_unit: str = "工作日"


@dataclass(frozen=True)
class Fee:
    """charged None = not recorded (the page says so); False is the claim 不收费."""
    charged: bool | None
    standard: str = ""
    basis: str = ""


@dataclass(frozen=True)
class Location:
    hall: str = ""
    address: str = ""
    hours: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Channel:
    name: str
    url: str = ""


@dataclass(frozen=True)
class Online:
    """available None = not recorded (imported entries only)."""
    available: bool | None
    channels: tuple[Channel, ...] = ()


@dataclass(frozen=True)
class FAQ:
    q: str
    a: str


@dataclass(frozen=True)
class Matter:
    id: str
    name: str
    aliases: tuple[str, ...]
    department: str
    type: str
    subjects: tuple[str, ...]
    summary: str
    conditions: tuple[str, ...]
    materials: tuple[Material, ...]
    process: tuple[str, ...]
    time_limit: TimeLimit
    fee: Fee
    online: Online
    legal_basis: tuple[str, ...]
    updated: str
    agency: str = ""
    topics: tuple[str, ...] = ()
    situations: tuple[Situation, ...] = ()
    locations: tuple[Location, ...] = ()
    visits: int | None = None
    result: str = ""
    faq: tuple[FAQ, ...] = ()
    notes: str = ""
    region: str = DEFAULT_REGION
    sources: tuple[Source, ...] = ()
    verified_on: str = ""
    provenance: Provenance | None = None
    source_path: str = ""
    kind: str = "matter"
    # Real services of other departments (or other holders) a citizen takes for this one and the
    # catalog lacks (退役军人优待证 vs 老年人优待证): a question naming one of them is not answered
    # with this matter (guide.search.lookalikes).
    lookalikes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BundleMember:
    matter: str
    note: str = ""


@dataclass(frozen=True)
class Bundle:
    id: str
    name: str
    aliases: tuple[str, ...]
    subjects: tuple[str, ...]
    summary: str
    members: tuple[BundleMember, ...]
    updated: str
    notes: tuple[str, ...] = ()
    online: Online = Online(available=False)
    department: str = ""
    topics: tuple[str, ...] = ()
    region: str = DEFAULT_REGION
    sources: tuple[Source, ...] = ()
    verified_on: str = ""
    source_path: str = ""
    kind: str = "bundle"


@dataclass(frozen=True)
class Catalog:
    matters: tuple[Matter, ...]
    bundles: tuple[Bundle, ...]
    departments: dict[str, str] = field(default_factory=dict)
    content_hash: str = ""
    qas: tuple = ()                 # guide.qa.QA: policy Q&A

    def get(self, item_id: str):
        return self._by_id().get(item_id)

    def _by_id(self) -> dict:
        cache = self.__dict__.get("_index")
        if cache is None:
            cache = {m.id: m for m in self.entries}
            object.__setattr__(self, "_index", cache)
        return cache

    @property
    def entries(self) -> tuple:
        """Matters, bundles, then Q&As: the retrievable documents, in a stable order."""
        return (*self.matters, *self.bundles, *self.qas)

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted({e.region for e in self.entries}))


# ---------------------------------------------------------------- field checking

class _Checker:
    """Reads one YAML mapping field by field, recording problems instead of raising."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems

    def add(self, fld: str, message: str) -> None:
        self.problems.append(Problem(self.path, fld, message))

    def unknown(self, data: dict, allowed: set[str], prefix: str = "") -> None:
        for key in data:
            if key not in allowed:
                self.add(f"{prefix}{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def text(self, data: dict, key: str, prefix: str = "", required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(prefix + key, "missing required field")
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(prefix + key, f"must be text, got {type(value).__name__}")
            return ""
        value = value.strip()
        if required and not value:
            self.add(prefix + key, "must not be empty")
        return value

    def flag(self, data: dict, key: str, prefix: str = "", default: bool | None = None,
             nullable: bool = False) -> bool | None:
        """nullable (imported entries): an explicit null means the source did not say."""
        if nullable and key in data and data[key] is None:
            return None
        value = data.get(key, default)
        if value is None:
            self.add(prefix + key, "missing required field" if key not in data else
                     "must be true or false (null only in imported entries: see provenance)")
            return False
        if not isinstance(value, bool):
            self.add(prefix + key, f"must be true or false, got {value!r}")
            return False
        return value

    def integer(self, data: dict, key: str, prefix: str = "", required: bool = True) -> int | None:
        value = data.get(key)
        if value is None:
            if required and key not in data:
                self.add(prefix + key, "missing required field")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.add(prefix + key, f"must be a whole number >= 0, got {value!r}")
            return None
        return value

    def texts(self, data: dict, key: str, prefix: str = "", required: bool = True,
              min_items: int = 1) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            if required:
                self.add(prefix + key, "missing required field")
            return ()
        if not isinstance(value, list):
            self.add(prefix + key, "must be a list")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.add(f"{prefix}{key}[{i}]", "must be non-empty text")
                continue
            out.append(item.strip())
        if required and len(out) < min_items:
            self.add(prefix + key, f"needs at least {min_items} item(s)")
        return tuple(out)

    def mappings(self, data: dict, key: str, required: bool) -> list[tuple[str, dict]]:
        value = data.get(key)
        if value is None:
            if required:
                self.add(key, "missing required field")
            return []
        if not isinstance(value, list) or (required and not value):
            self.add(key, "must be a non-empty list" if required else "must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.add(f"{key}[{i}]", "must be a mapping")
                continue
            out.append((f"{key}[{i}].", item))
        return out

    def mapping(self, data: dict, key: str) -> dict | None:
        value = data.get(key)
        if value is None:
            self.add(key, "missing required field")
            return None
        if not isinstance(value, dict):
            self.add(key, "must be a mapping")
            return None
        return value

    def url(self, value: str, fld: str) -> None:
        if value and not URL_RE.match(value):
            self.add(fld, f"not an http(s) URL: {value!r}")
        elif value and PLACEHOLDER_RE.search(value):
            self.add(fld, f"looks like a placeholder: {value!r}")

    def phone(self, value: str, fld: str) -> None:
        if not value:
            return
        for part in re.split(r"[、,，;；/ ]+", value):
            if part and not PHONE_RE.match(part):
                self.add(fld, f"not a phone number: {part!r}")
        if PLACEHOLDER_RE.search(value):
            self.add(fld, f"looks like a placeholder: {value!r}")

    def date(self, data: dict, key: str, prefix: str = "", required: bool = True) -> str:
        value = data.get(key)
        if isinstance(value, _dt.datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, _dt.date):
            return value.isoformat()
        text = self.text(data, key, prefix, required=required)
        if text:
            try:
                _dt.date.fromisoformat(text[:10])
            except ValueError:
                self.add(prefix + key, f"must be a date YYYY-MM-DD, got {text!r}")
        return text

    def region(self, data: dict) -> str:
        value = data.get("region", DEFAULT_REGION)
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:06d}"
        if not REGION_RE.match(text):
            self.add("region", f"must be a 6-digit area code such as 370100, got {value!r}")
            return DEFAULT_REGION
        return text

    def when(self, data: dict, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """`when: [a.x, b.y]` = any of them; `when: {any: [...], all: [...]}` adds all-of."""
        value = data.get("when")
        if value is None:
            return (), ()
        if isinstance(value, dict):
            self.unknown(value, {"any", "all"}, prefix + "when.")
            any_of = self.texts(value, "any", prefix + "when.", required=False)
            all_of = self.texts(value, "all", prefix + "when.", required=False)
            if not any_of and not all_of:
                self.add(prefix + "when", "a mapping needs `any` or `all` with <situation>.<option> keys")
            return any_of, all_of
        return self.texts(data, "when", prefix, required=False), ()

    def sources(self, data: dict) -> tuple[Source, ...]:
        out = []
        for prefix, raw in self.mappings(data, "sources", required=False):
            self.unknown(raw, {"law", "article", "title", "issuer", "covers", "note"}, prefix)
            law, article = self.text(raw, "law", prefix, False), self.text(raw, "article", prefix, False)
            title, issuer = self.text(raw, "title", prefix, False), self.text(raw, "issuer", prefix, False)
            if law and not article:
                self.add(prefix + "article", f"a law source needs the article (第…条) of {law}")
            elif title and not issuer:
                self.add(prefix + "issuer", f"a published guide needs its issuer ({title})")
            elif not law and not title:
                self.add(prefix[:-1], "needs `law` + `article`, or a guide's `title` + `issuer`")
            if law and title:
                self.add(prefix[:-1], "name either a law or a guide, not both")
            covers = self.texts(raw, "covers", prefix, required=False)
            for c in covers:
                self.choice(c, SOURCE_COVERS, prefix + "covers")
            out.append(Source(law, article, title, issuer, covers, self.text(raw, "note", prefix, False)))
        return tuple(out)

    def provenance(self, data: dict) -> Provenance | None:
        raw = data.get("provenance")
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.add("provenance", "must be a mapping with system, source_id, imported_at")
            return None
        self.unknown(raw, {"system", "source_id", "imported_at"}, "provenance.")
        return Provenance(self.text(raw, "system", "provenance."), self.text(raw, "source_id", "provenance."),
                          self.date(raw, "imported_at", "provenance."))

    def choice(self, value: str, allowed: tuple[str, ...], fld: str) -> None:
        if value and value not in allowed:
            self.add(fld, f"{value!r} is not one of {', '.join(allowed)}")

    def subjects(self, data: dict) -> tuple[str, ...]:
        subjects = self.texts(data, "subjects")
        for s in subjects:
            self.choice(s, SUBJECTS, "subjects")
        return subjects

    def time_limit(self, data: dict, imported: bool = False) -> TimeLimit:
        raw = self.mapping(data, "time_limit") or {}
        prefix = "time_limit."
        self.unknown(raw, {"on_the_spot", "legal_days", "promised_days", "note", "days_unit"}, prefix)
        unit = self.text(raw, "days_unit", prefix, required=False) or DAYS_UNITS[0]
        self.choice(unit, DAYS_UNITS, prefix + "days_unit")
        return TimeLimit(
            on_the_spot=self.flag(raw, "on_the_spot", prefix, default=False, nullable=imported),
            legal_days=self.integer(raw, "legal_days", prefix, required=False),
            promised_days=self.integer(raw, "promised_days", prefix, required=False),
            note=self.text(raw, "note", prefix, required=False),
            days_unit=unit if unit in DAYS_UNITS else DAYS_UNITS[0],
        )

    def online(self, data: dict, imported: bool = False) -> Online:
        raw = self.mapping(data, "online")
        if raw is None:
            return Online(available=False)
        self.unknown(raw, {"available", "channels"}, "online.")
        channels = []
        for i, ch in enumerate(raw.get("channels") or []):
            fld = f"online.channels[{i}]."
            if not isinstance(ch, dict):
                self.add(fld[:-1], "must be a mapping with name and url")
                continue
            self.unknown(ch, {"name", "url"}, fld)
            url = self.text(ch, "url", fld, required=False)
            self.url(url, fld + "url")
            channels.append(Channel(self.text(ch, "name", fld), url))
        return Online(self.flag(raw, "available", "online.", nullable=imported), tuple(channels))


# ---------------------------------------------------------------- (de)serialization

def entry_to_dict(entry: Matter | Bundle) -> dict[str, Any]:
    """Plain JSON-able dict of a matter or bundle (the API's and catalog.db's shape)."""
    data = dataclasses.asdict(entry)
    data.pop("source_path", None)
    if data.get("kind") == "qa" and data.get("provenance") is None:
        del data["provenance"]              # hand-written Q&As keep the shape builds and the API had before
    return data


def entry_from_dict(data: dict[str, Any]) -> Matter | Bundle:
    """Inverse of entry_to_dict, for entries stored in a build's catalog.db."""
    data = dict(data)
    tup = lambda items, make=None: tuple(make(**i) if make else i for i in (items or ()))  # noqa: E731
    online = data.get("online") or {"available": False, "channels": []}
    online = Online(online["available"], tup(online.get("channels"), Channel))
    sources = tup(data.get("sources"), lambda **s: Source(**{**s, "covers": tuple(s.get("covers") or ())}))
    if data.get("kind") == "qa":
        from guide.qa import QA

        basis = tup(data.get("basis"), lambda **s: Source(**{**s, "covers": tuple(s.get("covers") or ())}))
        provenance = Provenance(**data["provenance"]) if data.get("provenance") else None
        return QA(**{**data, "variants": tup(data["variants"]), "related": tup(data["related"]), "basis": basis,
                     "provenance": provenance})
    if data.get("kind") == "bundle":
        return Bundle(**{**data, "aliases": tup(data["aliases"]), "subjects": tup(data["subjects"]),
                         "members": tup(data["members"], BundleMember), "notes": tup(data["notes"]),
                         "topics": tup(data["topics"]), "online": online, "sources": sources})
    option = lambda **o: Option(o["id"], o["label"], tuple(o.get("aliases") or ()))  # noqa: E731
    situations = tuple(Situation(s["id"], s["question"], tup(s["options"], option), tuple(s.get("when") or ()),
                                 tuple(s.get("when_all") or ()))
                       for s in data.get("situations") or ())
    materials = tuple(Material(**{**m, "when": tuple(m["when"]), "when_all": tuple(m.get("when_all") or ())})
                      for m in data["materials"])
    provenance = Provenance(**data["provenance"]) if data.get("provenance") else None
    return Matter(**{
        **data, "aliases": tup(data["aliases"]), "subjects": tup(data["subjects"]),
        "conditions": tup(data["conditions"]), "materials": materials,
        "process": tup(data["process"]), "time_limit": TimeLimit(**data["time_limit"]),
        "fee": Fee(**data["fee"]), "online": online, "legal_basis": tup(data["legal_basis"]),
        "topics": tup(data["topics"]), "situations": situations,
        "locations": tup(data["locations"], Location), "faq": tup(data["faq"], FAQ),
        "sources": sources, "provenance": provenance, "lookalikes": tup(data.get("lookalikes")),
    })
