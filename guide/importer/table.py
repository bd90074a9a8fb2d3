"""`--format table`: a guide kept as a spreadsheet (CSV or XLSX), one row per material, described by
a mapping YAML that names the columns. Rows with the same source id make one matter; a situation
column (the question) and an option column (the answer or answers that need this material) make
the matter's situations and the materials' `when` rules."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide.catalog import FORMS, MATTER_TYPES, REGION_RE, SLUG_RE
from guide.importer.common import (
    Issue,
    RecordIssues,
    Report,
    clean,
    dedupe,
    department_code,
    fold,
    is_placeholder,
    matter_id,
    parse_days,
    parse_phones,
    split_conditions,
    split_list,
    time_limit,
    valid_url,
)
from guide.importer.national import LEGAL_PERSONS, NATURAL_PERSONS
from guide.importer.sheet import read_sheet
from guide.importer.writer import ImportFailure

MATTER_COLUMNS = ("source_id", "name", "department", "agency", "type", "subjects", "region", "aliases", "topics",
                  "summary", "conditions", "promised", "legal", "fee", "hall", "address", "hours", "phone", "url",
                  "channel", "online", "process", "legal_basis", "result", "notes")
ROW_COLUMNS = ("situation", "situation_id", "option", "option_id", "material", "form", "copies", "required",
               "material_notes", "material_source", "e_license")
REQUIRED_COLUMNS = ("source_id", "name", "department", "material")
YES = {"是", "必须", "必需", "必要", "必交", "必填", "需要", "y", "yes", "true", "1", "√"}
NO = {"否", "非必须", "非必需", "非必要", "选填", "可选", "如有", "n", "no", "false", "0", "×"}
NO_FEE = {"不收费", "免费", "否", "不收取费用", "无需收费", "免收"}


@dataclass
class Mapping:
    system: str
    columns: dict[str, str]
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    sheet: str | None = None
    list_separator: str = "、"
    values: dict[str, dict] = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)


SHEET_KEYS = {"system", "csv", "sheet", "columns", "departments"}     # what every sheet mapping may say


def read_mapping(path: Path, known: tuple[str, ...], extra_keys: set[str]) -> tuple[dict, list[str]]:
    """A sheet mapping YAML and the problems of the keys both sheet formats share (columns, csv,
    sheet, departments); the caller adds its own and raises with all of them."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ImportFailure(f"{path}: cannot read the mapping: {exc}") from None
    if not isinstance(data, dict):
        raise ImportFailure(f"{path}: the mapping must be a YAML mapping")
    problems = []
    unknown = set(data) - SHEET_KEYS - extra_keys
    if unknown:
        problems.append(f"unknown key(s) {sorted(unknown)}")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise ImportFailure(f"{path}: columns must map our field names to the sheet's column headers")
    bad = set(columns) - set(known)
    if bad:
        problems.append(f"columns: unknown field(s) {sorted(bad)} (known: {', '.join(known)})")
    if not isinstance(data.get("csv") or {}, dict):
        problems.append("csv: a mapping such as {delimiter: \",\", encoding: utf-8-sig}")
    if data.get("sheet") is not None and not isinstance(data["sheet"], str):
        problems.append("sheet: the name of the XLSX sheet to read (default: the first)")
    depts = data.get("departments") or {}
    if not isinstance(depts, dict):
        problems.append("departments: a mapping of department name to code")
        depts = {}
    codes = {clean(k): str(v) for k, v in depts.items()}
    for name, code in codes.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", code):
            problems.append(f"departments: {code!r} for {name} must be A-Z0-9, 2-10 characters, starting with a letter")
    if len(set(codes.values())) != len(codes):
        problems.append("departments: two departments share a code")
    data["departments"] = codes
    return data, problems


def load_mapping(path: Path) -> Mapping:
    data, problems = read_mapping(path, MATTER_COLUMNS + ROW_COLUMNS, {"list_separator", "values", "defaults"})
    columns = data.get("columns") or {}
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(f"columns: {', '.join(missing)} must be named")
    if not clean(data.get("system")):
        problems.append("system: name the system the sheet comes from (provenance.system)")
    defaults = data.get("defaults") or {}
    if set(defaults) - {"type", "subjects", "region"}:
        problems.append("defaults: only type, subjects, region")
    if defaults.get("type") and defaults["type"] not in MATTER_TYPES:
        problems.append(f"defaults.type: {defaults['type']!r} is not one of {', '.join(MATTER_TYPES)}")
    if problems:
        raise ImportFailure(f"{path}: " + "; ".join(problems))
    opts = data.get("csv") or {}
    return Mapping(system=clean(data["system"]), columns={k: str(v) for k, v in columns.items()},
                   delimiter=str(opts.get("delimiter", ",")), encoding=str(opts.get("encoding", "utf-8-sig")),
                   sheet=data.get("sheet"), list_separator=str(data.get("list_separator", "、")),
                   values={k: {clean(a): b for a, b in (v or {}).items()} for k, v in (data.get("values") or {}).items()},
                   defaults=defaults, departments=data["departments"])


def _rows(source: Path, spec: Mapping) -> list[tuple[int, dict]]:
    return read_sheet(source, spec.columns, encoding=spec.encoding, delimiter=spec.delimiter, sheet=spec.sheet)


def _yes_no(value: str, extra: dict) -> bool | None:
    v = clean(value)
    if v in extra:
        return extra[v]
    if v.lower() in YES:
        return True
    if v.lower() in NO:
        return False
    raise ValueError(v)


def import_table(source: Path, spec: Mapping, report: Report, default_region: str, system: str,
                 imported_at: str, departments: dict[str, str]) -> list[dict]:
    rows = _rows(source, spec)
    groups: dict[str, list[tuple[int, dict]]] = {}
    for n, row in rows:
        sid = clean(row.get("source_id"))
        if is_placeholder(sid):
            report.records += 1
            report.skipped += 1
            issues = RecordIssues(report, f"row {n}")
            issues.failed("source_id", "missing: the row belongs to no matter", fatal=True, count=False)
            report.issues.extend(issues.issues)
            continue
        groups.setdefault(sid, []).append((n, row))
    matters = []
    for sid, group in groups.items():
        issues = RecordIssues(report, f"row {group[0][0]}")
        issues.source_id = sid
        matter = report.settle(issues, _matter(sid, group, spec, issues, default_region, system, imported_at,
                                               departments))
        if matter is not None:
            matters.append(matter)
    return matters


def _first(group, key: str, issues: RecordIssues) -> tuple[str, int]:
    """The matter-level value of a column: the first non-placeholder one; differing later values are reported."""
    value, at, seen = "", 0, False
    for n, row in group:
        if key not in row or row[key] is None:
            continue
        seen = True
        v = clean(row[key])
        if is_placeholder(v):
            continue
        if not value:
            value, at = v, n
        elif v != value:
            issues.issues.append(_issue(issues, f"row {n}", key,
                                        f"differs from row {at} ({v!r} vs {value!r}); row {at}'s kept"))
    if seen:
        c = issues.report.count(key)
        c.present += 1
        if not value:
            c.placeholder += 1
    return value, at


def _issue(issues: RecordIssues, where: str, fld: str, message: str, fatal: bool = False) -> Issue:
    return Issue(where, fld, message, issues.source_id, fatal)


def _matter(sid, group, spec: Mapping, issues: RecordIssues, default_region, system, imported_at,
            departments) -> dict | None:
    vals = {k: _first(group, k, issues) for k in MATTER_COLUMNS if k in spec.columns}
    get = lambda k: vals.get(k, ("", 0))[0]  # noqa: E731
    name = get("name")
    issues.parsed("source_id")
    if name:
        issues.parsed("name")
    else:
        issues.failed("name", "missing (required)", fatal=True, count=False)
    dept_name = get("department")
    dept = ""
    if dept_name:
        dept = spec.departments.get(dept_name) or department_code(dept_name)
        if departments.get(dept, dept_name) != dept_name:
            issues.failed("department", f"code {dept} already names {departments[dept]!r}", fatal=True)
        else:
            issues.parsed("department")
    else:
        issues.failed("department", "missing (required)", fatal=True, count=False)
    region = fold(get("region"))
    if region:
        if REGION_RE.match(region):
            issues.parsed("region")
        else:
            issues.failed("region", f"not a 6-digit area code: {region!r}", fatal=True)
    region = region or str(spec.defaults.get("region") or "") or default_region
    if not region:
        issues.failed("region", "missing, and no --region or defaults.region", fatal=True, count=False)
    mtype = get("type") or spec.defaults.get("type") or ""
    mtype = spec.values.get("type", {}).get(mtype, mtype)
    if mtype not in MATTER_TYPES:
        issues.failed("type", f"{mtype!r} is not one of {', '.join(MATTER_TYPES)}" if mtype else "missing",
                      fatal=True, count=bool(get("type")))
    elif get("type"):
        issues.parsed("type")
    subjects = _subjects(get("subjects"), spec, issues)
    situations, materials = _checklist(group, spec, issues)
    if issues.fatal:
        return None

    matter: dict = {"id": matter_id(region, dept, sid), "region": region, "name": name,
                    "aliases": [a for a in _list(get("aliases"), spec, issues, "aliases") if a != name],
                    "department": dept, "agency": get("agency") or dept_name, "type": mtype, "subjects": subjects}
    topics = _list(get("topics"), spec, issues, "topics")
    if topics:
        matter["topics"] = topics
    matter["summary"] = _plain(get("summary"), issues, "summary")
    conditions = split_conditions(get("conditions")) if get("conditions") else []
    if conditions:
        issues.parsed("conditions")
    matter["conditions"] = conditions
    if situations:
        matter["situations"] = situations
    matter["materials"] = materials
    matter["process"] = _lines(get("process"), issues, "process")
    matter["time_limit"] = _time(get("promised"), get("legal"), issues)
    matter["fee"] = _fee(get("fee"), issues)
    location = {k: _plain(get(k), issues, k) for k in ("hall", "address", "hours")}
    phone = get("phone")
    if phone:
        numbers, leftovers = parse_phones(phone)
        if numbers:
            issues.parsed("phone")
        if leftovers or not numbers:
            issues.failed("phone", f"unreadable phone number(s) in {phone[:40]!r}", count=not numbers)
        location["phone"] = "、".join(numbers)
    if any(location.values()):
        matter["locations"] = [{"hall": "", "address": "", "hours": "", "phone": "", **location}]
    matter["online"] = _online(get("url"), get("channel"), get("online"), spec, issues)
    matter["legal_basis"] = _lines(get("legal_basis"), issues, "legal_basis")
    for key in ("result", "notes"):
        if get(key):
            matter[key] = _plain(get(key), issues, key)
    matter["updated"] = ""
    matter["provenance"] = {"system": system, "source_id": sid, "imported_at": imported_at}
    departments.setdefault(dept, dept_name)
    return matter


def _plain(value: str, issues: RecordIssues, key: str) -> str:
    if value:
        issues.parsed(key)
    return value


def _list(value: str, spec: Mapping, issues: RecordIssues, key: str) -> list[str]:
    items = [v for v in split_list(value, spec.list_separator) if not is_placeholder(v)] if value else []
    if items:
        issues.parsed(key)
    return dedupe(items)


def _lines(value: str, issues: RecordIssues, key: str) -> list[str]:
    items = [p.strip() for p in re.split(r"[\r\n；;]+", value) if p.strip() and not is_placeholder(p)] if value else []
    if items:
        issues.parsed(key)
    return items


def _subjects(value: str, spec: Mapping, issues: RecordIssues) -> list[str]:
    values = split_list(value, spec.list_separator + "，,") if value else list(spec.defaults.get("subjects") or [])
    extra = spec.values.get("subjects", {})
    out, unknown = [], []
    for v in values:
        v = extra.get(v, v)
        if v in NATURAL_PERSONS:
            out.append("自然人")
        elif v in LEGAL_PERSONS:
            out.append("法人")
        else:
            unknown.append(v)
    out = [s for s in ("自然人", "法人") if s in out]
    if unknown or not out:
        issues.failed("subjects", f"unknown subject(s) {unknown}" if unknown else "missing (required)",
                      fatal=not out, count=bool(value) and not out)
    if out and value:
        issues.parsed("subjects")
    return out


def _time(promised: str, legal: str, issues: RecordIssues) -> dict:
    parsed = {}
    for key, value in (("promised", promised), ("legal", legal)):
        parsed[key] = None
        if value:
            parsed[key] = parse_days(value)
            if parsed[key] is None:
                issues.failed(key, f"not a time limit: {value[:40]!r}")
            else:
                issues.parsed(key)
    return time_limit(parsed["promised"], parsed["legal"])


def _fee(value: str, issues: RecordIssues) -> dict:
    if not value:
        return {"charged": None}                        # not in the sheet: 未收录, not 不收费
    issues.parsed("fee")
    if value.rstrip("。") in NO_FEE:
        return {"charged": False}
    return {"charged": True, "standard": value}


def _online(url: str, channel: str, online: str, spec: Mapping, issues: RecordIssues) -> dict:
    good = valid_url(url) if url else ""
    if url and not good:
        issues.failed("url", f"not an http(s) address: {url[:60]!r}")
    elif good:
        issues.parsed("url")
    available = None
    if online:
        try:
            available = _yes_no(online, spec.values.get("online", {}))
            issues.parsed("online")
        except ValueError:
            issues.failed("online", f"not yes/no: {online!r}")
    if available is None and good:
        available = True
    channels = [{"name": channel or "网上办理", "url": good}] if good or (channel and available) else []
    return {"available": available, "channels": channels}


def _checklist(group, spec: Mapping, issues: RecordIssues) -> tuple[list[dict], list[dict]]:
    """Situations (in order of first appearance) and materials with their `when` keys."""
    situations: dict[str, dict] = {}           # question -> {"id", "question", "options": {label: id}, "row"}
    materials: dict[tuple, dict] = {}
    report = issues.report
    for n, row in group:
        name = clean(row.get("material"))
        question = clean(row.get("situation"))
        labels = split_list(row.get("option") or "", spec.list_separator + "/") if row.get("option") else []
        labels = [lb for lb in labels if not is_placeholder(lb)]
        c = report.count("material")
        c.present += 1
        if is_placeholder(name):
            c.placeholder += 1               # a matter-level row, or one declaring an option that needs nothing
        else:
            c.parsed += 1
        keys = []
        if not is_placeholder(question):
            if not labels:
                issues.issues.append(_issue(issues, f"row {n}", "option",
                                            f"situation {question!r} without an option: cannot tell when "
                                            f"{name or 'this row'!r} applies", fatal=True))
                continue
            sit = situations.get(question)
            if sit is None:
                sid = clean(row.get("situation_id")) or f"s{len(situations) + 1}"
                if not SLUG_RE.match(sid) or any(s["id"] == sid for s in situations.values()):
                    issues.issues.append(_issue(issues, f"row {n}", "situation_id",
                                                f"{sid!r} must be a new id of a-z, 0-9 and _", fatal=True))
                    continue
                sit = situations[question] = {"id": sid, "question": question, "options": {}, "row": n}
            for label in labels:
                if label not in sit["options"]:
                    oid = clean(row.get("option_id")) if len(labels) == 1 and clean(row.get("option_id")) \
                        else f"o{len(sit['options']) + 1}"
                    if not SLUG_RE.match(oid) or oid in sit["options"].values():
                        issues.issues.append(_issue(issues, f"row {n}", "option_id",
                                                    f"{oid!r} must be a new id of a-z, 0-9 and _", fatal=True))
                        continue
                    sit["options"][label] = oid
                keys.append(f"{sit['id']}.{sit['options'][label]}")
        elif labels:
            issues.issues.append(_issue(issues, f"row {n}", "situation",
                                        f"option(s) {labels} without a situation question", fatal=True))
            continue
        if is_placeholder(name):
            continue
        material = _material(n, name, row, spec, issues)
        key = tuple(sorted((k, str(v)) for k, v in material.items()))
        entry = materials.get(key)
        if entry is None:
            materials[key] = entry = {**material, "_when": set(keys), "_always": not keys, "_order": len(materials)}
        else:
            entry["_when"].update(keys)
            entry["_always"] = entry["_always"] or not keys
    out_situations = []
    for sit in situations.values():
        if len(sit["options"]) < 2:
            issues.issues.append(_issue(issues, f"row {sit['row']}", "option",
                                        f"situation {sit['question']!r} has only the option(s) "
                                        f"{list(sit['options'])}: a question needs at least 2", fatal=True))
        out_situations.append({"id": sit["id"], "question": sit["question"],
                               "options": [{"id": oid, "label": label} for label, oid in sit["options"].items()]})
    out_materials = []
    order = {f"{s['id']}.{o['id']}": i for i, (s, o) in
             enumerate((s, o) for s in out_situations for o in s["options"])}
    for entry in sorted(materials.values(), key=lambda e: e["_order"]):
        when = sorted(entry.pop("_when"), key=order.get)
        always = entry.pop("_always")
        entry.pop("_order")
        if when and not always:
            entry["when"] = when
        out_materials.append(entry)
    return out_situations, out_materials


def _material(n: int, name: str, row: dict, spec: Mapping, issues: RecordIssues) -> dict:
    report = issues.report

    def cell(key):
        value = row.get(key)
        if value is None:
            return None
        c = report.count(key)
        c.present += 1
        if is_placeholder(value):
            c.placeholder += 1
            return None
        return clean(value)

    def fail(key, message):
        report.count(key).failed += 1
        issues.issues.append(_issue(issues, f"row {n}", key, message))

    out: dict = {"name": name, "form": "未注明", "copies": None, "required": None}
    form = cell("form")
    if form is not None:
        form = spec.values.get("form", {}).get(form, form)
        if form in FORMS:
            out["form"] = form
            report.count("form").parsed += 1
        else:
            fail("form", f"{form!r} is not one of {', '.join(FORMS)} (map it under values.form)")
    copies = cell("copies")
    if copies is not None:
        m = re.fullmatch(r"(\d{1,3})\s*(份|张|套|本|件)?", fold(copies))
        if m:
            out["copies"] = int(m.group(1))
            report.count("copies").parsed += 1
        else:
            fail("copies", f"not a number of copies: {copies!r}")
    for key, target in (("required", "required"), ("e_license", "exempt_if_e_license")):
        value = cell(key)
        if value is not None:
            try:
                out[target] = _yes_no(value, spec.values.get(key, {}))
                report.count(key).parsed += 1
            except ValueError:
                fail(key, f"not yes/no: {value!r} (map it under values.{key})")
    for key, target in (("material_source", "source"), ("material_notes", "notes")):
        value = cell(key)
        if value is not None:
            out[target] = value
            report.count(key).parsed += 1
    return out
