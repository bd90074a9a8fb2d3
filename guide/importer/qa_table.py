"""`--format qa-table`: a hotline knowledge base kept as a spreadsheet (CSV or XLSX), one row per
Q&A, into Q&A files (DIR/<TOPIC>/<id>.yaml) that guide/qa.py loads. Every row is checked by the
Q&A loader's own parse_qa before anything is written, so a row's problems are reported with its
row number instead of failing the whole folder at the end; nothing is relaxed for imported rows
(basis, updated, department, topic stay required; checked_by / checked_on stay empty)."""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from guide.catalog import Problem, _Checker
from guide.importer.common import RecordIssues, Report, clean, dedupe, digest, fold, is_placeholder
from guide.importer.sheet import read_sheet
from guide.importer.table import read_mapping
from guide.importer.writer import ImportFailure
from guide.qa import QA_TOPICS, parse_qa

QA_COLUMNS = ("source_id", "question", "variants", "answer", "department", "topic", "region", "basis_law",
              "basis_article", "related", "source", "updated")
REQUIRED_COLUMNS = ("question", "answer")          # in the sheet; the other columns may come from defaults
_VARIANT_SEP = re.compile(r"[；;\r\n]+")
_RELATED_SEP = re.compile(r"[，,、；;\s]+")
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass
class QAMapping:
    system: str = ""
    columns: dict[str, str] = field(default_factory=lambda: {c: c for c in QA_COLUMNS})
    explicit: frozenset[str] = frozenset()           # columns the mapping names: they must be in the sheet
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    sheet: str | None = None
    topics: dict[str, str] = field(default_factory=dict)        # the sheet's word -> topic code
    defaults: dict[str, str] = field(default_factory=dict)      # region, topic, department
    departments: dict[str, str] = field(default_factory=dict)   # department name -> code


def load_qa_mapping(path: Path | None) -> QAMapping:
    """The default column names are our field names; a mapping YAML renames them (like the table
    format's) and may give defaults, department codes and topic words."""
    if path is None:
        return QAMapping()
    data, problems = read_mapping(path, QA_COLUMNS, {"values", "defaults"})
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or set(defaults) - {"region", "topic", "department"}:
        problems.append("defaults: only region, topic, department")
        defaults = {}
    values = data.get("values") or {}
    if not isinstance(values, dict) or set(values) - {"topic"} or not isinstance(values.get("topic") or {}, dict):
        problems.append("values: only topic (the sheet's word -> a topic code)")
        values = {}
    topics = {clean(k): str(v) for k, v in (values.get("topic") or {}).items()}
    for word, code in topics.items():
        if code not in QA_TOPICS:
            problems.append(f"values.topic: {code!r} for {word} is not one of {', '.join(QA_TOPICS)}")
    if problems:
        raise ImportFailure(f"{path}: " + "; ".join(problems))
    columns = {c: c for c in QA_COLUMNS}
    columns.update({k: str(v) for k, v in (data.get("columns") or {}).items()})
    opts = data.get("csv") or {}
    return QAMapping(system=clean(data.get("system")), columns=columns, explicit=frozenset(data.get("columns") or ()),
                     delimiter=str(opts.get("delimiter", ",")), encoding=str(opts.get("encoding", "utf-8-sig")),
                     sheet=data.get("sheet"), topics=topics,
                     defaults={k: clean(v) for k, v in defaults.items()}, departments=data["departments"])


def qa_id(region: str, topic: str, source_id: str) -> str:
    """<region>-QA-<TOPIC>-<10 decimal digits of SHA-1(source id)>: QA_ID_RE wants digits; ten of them
    never equal a hand-written three-digit number, and the same row gets the same id every time."""
    number = int(hashlib.sha1(source_id.encode("utf-8")).hexdigest(), 16) % 10**10
    return f"{region}-QA-{topic}-{number:010d}"


def question_source_id(question: str) -> str:
    """The source id of a row without a source_id: its question's digest (stable while it is unchanged)."""
    return f"Q-{digest(clean(question), 16)}"


def import_qa_table(source: Path, spec: QAMapping, report: Report, default_region: str, system: str,
                    imported_at: str, departments: dict[str, str], entry_ids: set[str]) -> list[dict]:
    optional = frozenset(c for c in QA_COLUMNS if c not in REQUIRED_COLUMNS and c not in spec.explicit)
    rows = read_sheet(source, spec.columns, encoding=spec.encoding, delimiter=spec.delimiter, sheet=spec.sheet,
                      optional=optional)
    by_name = {name: code for code, name in departments.items()}
    out: list[dict] = []
    seen: dict[str, str] = {}
    for n, row in rows:
        issues = RecordIssues(report, f"row {n}")
        record = report.settle(issues, _record(row, spec, issues, default_region, system, imported_at, departments,
                                               by_name, entry_ids, seen))
        if record is not None:
            out.append(record)
    return out


def _record(row: dict, spec: QAMapping, issues: RecordIssues, default_region: str, system: str, imported_at: str,
            departments: dict[str, str], by_name: dict[str, str], entry_ids: set[str],
            seen: dict[str, str]) -> dict | None:
    """One row's Q&A record, or None when the row cannot be imported (its issues say why).
    `seen`: source id -> the row that has it, so that a second row with the same id is refused."""
    cell = {k: clean(v) if issues.present(k, v) else "" for k, v in row.items()}
    lines = {k: v if cell[k] else "" for k, v in row.items()}         # as written: line breaks separate items
    question, answer = cell.get("question", ""), cell.get("answer", "")
    if not question:
        issues.failed("question", "missing (required)", fatal=True, count=False)
        return None
    sid = cell.get("source_id") or question_source_id(question)
    issues.source_id = sid
    if sid in seen:
        issues.failed("source_id", f"duplicate source id (also {seen[sid]}): one row per Q&A", fatal=True, count=False)
        return None
    seen[sid] = issues.where
    if not answer:
        issues.failed("answer", "missing (required)", fatal=True, count=False)

    region = fold(cell.get("region", "")) or spec.defaults.get("region", "") or default_region
    if not region:
        issues.failed("region", "missing, and no --region or defaults.region", fatal=True, count=False)
    topic_word = cell.get("topic") or spec.defaults.get("topic", "")
    topic = spec.topics.get(topic_word) or _topic_code(topic_word)
    if not topic:
        issues.failed("topic", "missing, and no defaults.topic in the mapping", fatal=True, count=False)
    dept_word = cell.get("department") or spec.defaults.get("department", "")
    department = _department_code(dept_word, spec, departments, by_name)
    if not dept_word:
        issues.failed("department", "missing, and no defaults.department in the mapping", fatal=True, count=False)
    elif department is None:
        issues.failed("department", f"unknown department {dept_word!r}: neither a code nor a name in the catalog's "
                                    f"departments.yaml (map it under departments: in the mapping)", fatal=True)
        department = dept_word

    record: dict = {"id": qa_id(region, topic, sid), "question": question,
                    "variants": [v for v in dedupe(_split(lines.get("variants", ""), _VARIANT_SEP)) if v != question],
                    "answer": answer, "topic": topic, "department": department, "region": region}
    basis = _basis(lines.get("basis_law", ""), lines.get("basis_article", ""), issues)
    if basis is not None:
        record["basis"] = basis
    related = dedupe(_split(lines.get("related", ""), _RELATED_SEP))
    unknown = [r for r in related if r not in entry_ids]
    if unknown:
        issues.failed("related", f"unknown matter or bundle id(s) {unknown} in the catalog (--catalog); "
                                 f"left out of the Q&A's next steps")
    if related and len(unknown) < len(related):
        record["related"] = [r for r in related if r not in unknown]
    if cell.get("source"):
        record["source"] = cell["source"]
    updated = _date(cell.get("updated", ""))
    if cell.get("updated") and not updated:
        issues.failed("updated", f"not a date: {cell['updated']!r} (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)", fatal=True)
    record["updated"] = updated
    record["provenance"] = {"system": system, "source_id": sid, "imported_at": imported_at}

    # The loader's own checks (required fields, topic, region, basis, answer length, department):
    found: list[Problem] = []
    parse_qa(record, _Checker(issues.where, found), departments)
    reported = {i.field for i in issues.issues}
    shape = {"region", "topic"} & {p.field for p in found}
    for p in found:
        fld = re.sub(r"^sources", "basis", p.field)
        if fld == "id" and shape:
            continue                                  # the id is ours; its region / topic problem says why
        if fld in reported:
            continue                                  # already said in the sheet's words
        if fld == "updated" and not cell.get("updated"):
            issues.failed("updated", "missing: the date the answer last changed is required (the Q&A format's "
                                     "`updated`); the import date is not it", fatal=True, count=False)
            continue
        issues.failed(fld, p.message, fatal=True)
    if issues.fatal:
        return None
    for key in ("source_id", "question", "answer", "topic", "department", "region", "updated", "source", "variants"):
        if cell.get(key):
            issues.parsed(key)
    if basis:
        issues.parsed("basis_law")
        issues.parsed("basis_article")
    if record.get("related"):
        issues.parsed("related")
    return record


def _split(text: str, sep: re.Pattern) -> list[str]:
    return [clean(p) for p in sep.split(text) if clean(p) and not is_placeholder(p)] if text else []


def _topic_code(word: str) -> str:
    """A topic code as written, or its name (劳动关系 -> LD); anything else stays for parse_qa to report."""
    if word.upper() in QA_TOPICS:
        return word.upper()
    names = {name: code for code, name in QA_TOPICS.items()}
    return names.get(word, word)


def _department_code(word: str, spec: QAMapping, departments: dict[str, str], by_name: dict[str, str]) -> str | None:
    if not word:
        return ""                                     # parse_qa reports the missing department
    if word in spec.departments:
        return spec.departments[word]
    if word in departments:
        return word
    return by_name.get(word)


def _basis(laws: str, articles: str, issues: RecordIssues) -> list[dict] | None:
    """One {law, article} per law; several laws (separated by ；or line breaks) pair with as many
    articles, and one law with several articles gives one entry per article."""
    law_parts, article_parts = _split(laws, _VARIANT_SEP), _split(articles, _VARIANT_SEP)
    if not law_parts:
        return None                                   # parse_qa: "needs at least one {law, article}"
    if len(law_parts) == 1 and len(article_parts) > 1:
        law_parts = law_parts * len(article_parts)
    if not article_parts:
        return [{"law": law} for law in law_parts]    # parse_qa: "a law source needs the article"
    if len(law_parts) != len(article_parts):
        issues.failed("basis", f"{len(law_parts)} laws but {len(article_parts)} articles: cannot tell which "
                               f"article belongs to which law", fatal=True)
        return None
    return [{"law": law, "article": art} for law, art in zip(law_parts, article_parts)]


def _date(text: str) -> str:
    """YYYY-MM-DD from 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日 (a time of day is dropped); '' if not a date."""
    m = _DATE_RE.match(fold(text))
    if not m:
        return ""
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""
