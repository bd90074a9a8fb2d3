"""`--format national`: records with the national platform's field names (JSON array or JSONL),
as provincial service platforms export their 实施清单 (one record per implementation item)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

from guide.catalog import MATTER_TYPES, REGION_RE
from guide.importer.common import (
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

LEGAL_PERSONS = {"企业法人", "事业法人", "社会组织法人", "非法人企业", "其他组织", "行政机关", "法人",
                 "机关法人", "社会团体法人", "个体工商户", "企业", "社会组织", "事业单位"}
NATURAL_PERSONS = {"自然人", "个人", "公民"}
NO_COUNTER = "无线下办理窗口"       # handle_location saying there is no counter: not an address
TOPIC_PLACEHOLDERS = {"其他", "其它"}


def read_records(path: Path, report: Report) -> Iterator[tuple[str, dict | None, RecordIssues]]:
    """Yield (where, record or None, issues) for every record; unreadable ones get a fatal issue."""
    def unreadable(where: str, exc: json.JSONDecodeError):
        issues = RecordIssues(report, where)
        issues.failed("-", f"not valid JSON: {exc.msg}", fatal=True, count=False)
        return issues.where, None, issues

    text = path.read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            yield unreadable(f"line {exc.lineno}", exc)
            return
        for n, item in enumerate(items, 1):
            yield from _one(report, f"record {n}", item)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield unreadable(f"line {n}", exc)
            continue
        yield from _one(report, f"line {n}", item)


def _one(report: Report, where: str, item) -> Iterator[tuple[str, dict | None, RecordIssues]]:
    issues = RecordIssues(report, where)
    if not isinstance(item, dict):
        issues.failed("-", f"a record must be a JSON object, got {type(item).__name__}", fatal=True, count=False)
        item = None
    yield where, item, issues


def _text(rec: dict, key: str, issues: RecordIssues, required: bool = False) -> str:
    value = rec.get(key)
    if isinstance(value, (dict, list)):
        issues.present(key, value)
        issues.failed(key, f"expected text, got {type(value).__name__}", fatal=required)
        return ""
    if not issues.present(key, value):
        if required:
            issues.failed(key, "missing (required)", fatal=True, count=False)
        return ""
    return clean(value)


def map_record(rec: dict, issues: RecordIssues, default_region: str, system: str, imported_at: str,
               departments: dict[str, str]) -> dict | None:
    """One export record -> one catalog matter (a dict ready for YAML), or None when it cannot be
    mapped (the reason is in `issues`). Optional values that cannot be read are left out."""
    source_id = _text(rec, "TASK_CODE", issues, required=True)
    issues.source_id = source_id
    if source_id and not re.fullmatch(r"[0-9A-Za-z]{6,60}", source_id):
        issues.failed("TASK_CODE", f"not a service-item code: {source_id!r}", fatal=True)
        source_id = ""
    elif source_id:
        issues.parsed("TASK_CODE")
    name = _text(rec, "TASK_NAME", issues, required=True)
    if name:
        issues.parsed("TASK_NAME")

    dept_name = _text(rec, "DEPT_NAME", issues, required=True)
    dept = ""
    if dept_name:
        dept = department_code(dept_name, str(rec.get("ORGCODE") or ""))
        if departments.get(dept, dept_name) != dept_name:
            issues.failed("DEPT_NAME", f"department code {dept} already names {departments[dept]!r}", fatal=True)
            dept = ""
        else:
            issues.parsed("DEPT_NAME")

    region = ""
    area = rec.get("AREACODE")
    if isinstance(area, int) and not isinstance(area, bool):
        area = f"{area:06d}"
    area = fold(_text({"AREACODE": area}, "AREACODE", issues))
    if area:
        if REGION_RE.match(area):
            region = area
            issues.parsed("AREACODE")
        else:
            issues.failed("AREACODE", f"not a 6-digit area code: {area!r}", fatal=True)
    elif default_region:
        region = default_region
    else:
        issues.failed("AREACODE", "missing, and no --region given", fatal=True, count=False)

    mtype = _text(rec, "TASK_TYPE_TEXT", issues) or _text(rec, "matter_type", issues)
    if mtype and mtype not in MATTER_TYPES:
        issues.failed("TASK_TYPE_TEXT", f"{mtype!r} is not one of {', '.join(MATTER_TYPES)}", fatal=True)
        mtype = ""
    elif mtype:
        issues.parsed("TASK_TYPE_TEXT")
    else:
        issues.failed("TASK_TYPE_TEXT", "missing (required)", fatal=True, count=False)

    subjects = _subjects(rec, issues)
    if issues.fatal:
        return None

    matter: dict = {
        "id": matter_id(region, dept, source_id), "region": region, "name": name,
        "aliases": _aliases(rec, name, issues), "department": dept, "agency": dept_name,
        "type": mtype, "subjects": subjects,
    }
    topics = _topics(rec, issues)
    if topics:
        matter["topics"] = topics
    matter["summary"] = ""
    matter["conditions"] = _conditions(rec, issues)
    matter["materials"] = _materials(rec, issues)
    matter["process"] = []
    matter["time_limit"] = _time_limit(rec, issues)
    matter["fee"] = {"charged": None}               # the export records no fees: 未收录, not 不收费
    location, note = _location(rec, issues)
    if location:
        matter["locations"] = [location]
    matter["online"] = _online(rec, issues)
    matter["legal_basis"] = []
    if note:
        matter["notes"] = note
    matter["updated"] = ""
    matter["provenance"] = {"system": system, "source_id": source_id, "imported_at": imported_at}
    departments.setdefault(dept, dept_name)
    return matter


def _subjects(rec: dict, issues: RecordIssues) -> list[str]:
    raw = rec.get("service_object_name")
    if raw is None or not issues.present("service_object_name", raw):
        issues.failed("service_object_name", "missing (required: 自然人 and/or 法人)", fatal=True, count=False)
        return []
    values = raw if isinstance(raw, list) else split_list(str(raw))
    out, unknown = [], []
    for v in values:
        v = clean(v)
        if v in NATURAL_PERSONS:
            out.append("自然人")
        elif v in LEGAL_PERSONS:
            out.append("法人")
        elif not is_placeholder(v):
            unknown.append(v)
    out = [s for s in ("自然人", "法人") if s in out]
    if unknown:
        issues.failed("service_object_name", f"unknown subject(s) {unknown}", fatal=not out, count=not out)
    if out:
        issues.parsed("service_object_name")
    elif not unknown:
        issues.failed("service_object_name", "no subject", fatal=True)
    return out


def _aliases(rec: dict, name: str, issues: RecordIssues) -> list[str]:
    """Short names and everyday words the export gives, plus the catalog names a sub-item belongs to."""
    out = []
    for key in ("matter_short", "matter_daily"):
        if issues.present(key, rec.get(key)):
            out += [re.sub(r"\s+", "", p) for p in split_list(str(rec[key]))]
            issues.parsed(key)
    for key in ("parentCatalogName", "subCatalogName", "CATANAME", "matter_name"):
        value = clean(rec.get(key))
        if value and not is_placeholder(value):
            out.append(value)
    return [a for a in dedupe(out) if a != name and not is_placeholder(a)]


def _topics(rec: dict, issues: RecordIssues) -> list[str]:
    raw = rec.get("theme_category")
    if raw is None:
        return []
    values = raw if isinstance(raw, list) else split_list(str(raw))
    values = [clean(v) for v in values if not is_placeholder(v) and clean(v) not in TOPIC_PLACEHOLDERS]
    c = issues.report.count("theme_category")
    c.present += 1
    if values:
        c.parsed += 1
    else:
        c.placeholder += 1
    return dedupe(values)


def _conditions(rec: dict, issues: RecordIssues) -> list[str]:
    text = rec.get("accept_standard")
    if not issues.present("accept_standard", text):
        return []
    items = split_conditions(str(text))
    if items:
        issues.parsed("accept_standard")
    else:
        issues.failed("accept_standard", "no condition text left after splitting")
    return items


def _materials(rec: dict, issues: RecordIssues) -> list[dict]:
    raw = rec.get("material_intro")
    if raw is None or not issues.present("material_intro", raw):
        return []
    values = raw if isinstance(raw, list) else [raw]
    names, bad = [], 0
    for v in values:
        if not isinstance(v, str):
            bad += 1
            continue
        name = clean(v).strip(" ；;。，,")
        if name and not is_placeholder(name):
            names.append(name)
    if bad:
        issues.failed("material_intro", f"{bad} item(s) are not text", count=not names)
    if names:
        issues.parsed("material_intro")
    # the export lists names only: form, copies and whether it is required are not recorded
    return [{"name": n, "form": "未注明", "copies": None, "required": None} for n in dedupe(names)]


def _time_limit(rec: dict, issues: RecordIssues) -> dict:
    parsed = {}
    for key in ("handle_time_limit", "handle_time"):
        value = rec.get(key)
        if not issues.present(key, value):
            parsed[key] = None
            continue
        days = parse_days(str(value))
        if days is None:
            issues.failed(key, f"not a time limit: {clean(value)[:40]!r}")
        else:
            issues.parsed(key)
        parsed[key] = days
    return time_limit(parsed["handle_time_limit"], parsed["handle_time"])


def _location(rec: dict, issues: RecordIssues) -> tuple[dict, str]:
    note = ""
    address = ""
    raw = rec.get("handle_location")
    if raw is not None:
        text = re.sub(r"^(办理地点|地址|受理地点)[:：]\s*", "", clean(raw))
        if clean(raw) == NO_COUNTER:
            c = issues.report.count("handle_location")
            c.present += 1
            c.placeholder += 1
            note = "来源记录写明：无线下办理窗口。"
        elif issues.present("handle_location", text):
            address = text
            issues.parsed("handle_location")
    phone = ""
    raw = rec.get("consult_phone")
    if issues.present("consult_phone", raw):
        numbers, leftovers = parse_phones(str(raw))
        if numbers:
            phone = "、".join(numbers)
            issues.parsed("consult_phone")
        if leftovers or not numbers:
            issues.failed("consult_phone", f"no complete phone number in {', '.join(leftovers) or clean(raw)[:40]!r}"
                          if not numbers else f"left out unreadable number(s) {leftovers}", count=not numbers)
    if not address and not phone:
        return {}, note
    return {"hall": "", "address": address, "hours": "", "phone": phone}, note


def _online(rec: dict, issues: RecordIssues) -> dict:
    url = ""
    raw = rec.get("URL")
    if issues.present("URL", raw):
        url = valid_url(str(raw))
        if url:
            issues.parsed("URL")
        else:
            issues.failed("URL", f"not an http(s) address, or one the catalog validator takes for a "
                          f"placeholder (xxx, example.): {clean(raw)[:60]!r}")
    check = fold(rec.get("ONLINECHECK"))
    available = True if check == "1" or url else (False if check == "0" else None)
    channels = []
    if url:
        platform = clean(rec.get("bear_paltform") or rec.get("bear_platform"))
        channels.append({"name": platform if platform and not is_placeholder(platform) else "网上办理",
                         "url": url})
    return {"available": available, "channels": channels}
