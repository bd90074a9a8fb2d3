"""Policy Q&A (政策问答): the third kind of entry, beside matters and bundles.

A Q&A answers a rule ("试用期最长多久") that no service guide holds. Each one states the rule in
the team's own words, cites the law and article it comes from, and records who checked it against
that article and when. Files live under data/qa/<TOPIC>/<id>.yaml; validation, like the matters',
collects every problem (file, field, message) before failing. A Q&A written by `guide import
--format qa-table` carries `provenance` (system, source_id, imported_at); it is validated exactly
like a hand-written one otherwise (basis, updated and the rest stay required).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.catalog import REGION_RE, CatalogError, Online, Problem, Provenance, Source, _Checker

QA_TOPICS = {
    "LD": "劳动关系", "SB": "社会保险", "YB": "医疗保险", "GJJ": "住房公积金", "HJ": "户籍",
    "ZJ": "身份证件与出入境", "JT": "驾驶证与机动车", "HY": "婚姻家庭", "GS": "个人所得税",
    "BDC": "不动产登记", "JZ": "社会救助",
}
QA_ID_RE = re.compile(r"^(\d{6})-QA-([A-Z]{2,4})-(\d{3,})$")
NATIONAL = "000000"
QA_FIELDS = {"id", "kind", "question", "variants", "answer", "topic", "department", "region", "basis",
             "related", "source", "updated", "written_by", "checked_by", "checked_on", "notes", "provenance"}


@dataclass(frozen=True)
class QA:
    id: str
    question: str
    variants: tuple[str, ...]
    answer: str
    topic: str
    department: str
    region: str
    basis: tuple[Source, ...]
    updated: str
    related: tuple[str, ...] = ()
    source: str = ""
    written_by: str = ""
    checked_by: str = ""
    checked_on: str = ""
    notes: str = ""
    source_path: str = ""
    kind: str = "qa"
    provenance: Provenance | None = None        # imported (guide import --format qa-table)

    @property
    def name(self) -> str:
        return self.question

    @property
    def checked(self) -> bool:
        return bool(self.checked_by and self.checked_on)

    # What the build, search and pages read of every entry kind:
    @property
    def aliases(self) -> tuple[str, ...]:
        return self.variants

    @property
    def summary(self) -> str:
        return self.answer

    @property
    def topics(self) -> tuple[str, ...]:
        return (QA_TOPICS.get(self.topic, self.topic),)

    @property
    def subjects(self) -> tuple[str, ...]:
        return ("自然人", "法人")

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.basis

    @property
    def verified_on(self) -> str:
        return self.checked_on

    @property
    def online(self) -> Online:
        return Online(available=False)


def parse_qa(data: dict, c: _Checker, departments: dict[str, str]) -> QA:
    c.unknown(data, QA_FIELDS)
    topic = c.text(data, "topic")
    if topic and topic not in QA_TOPICS:
        c.add("topic", f"{topic!r} is not one of {', '.join(QA_TOPICS)}")
    department = c.text(data, "department")
    if department and department not in departments:
        c.add("department", f"unknown department {department!r} (see data/departments.yaml)")
    region = c.region(data) if "region" in data else NATIONAL
    qa_id = c.text(data, "id")
    match = QA_ID_RE.match(qa_id) if qa_id else None
    if qa_id and not match:
        c.add("id", f"{qa_id!r} does not look like <region>-QA-<TOPIC>-<number>, e.g. 000000-QA-LD-001")
    elif match and (match.group(1) != region or match.group(2) != topic):
        c.add("id", f"{qa_id!r} must start with region {region} and topic {topic}")
    basis = c.sources({"sources": data.get("basis")}) if data.get("basis") is not None else ()
    if not basis:
        c.add("basis", "needs at least one {law, article} the answer is checked against")
    for i, src in enumerate(basis):
        if not src.law:
            c.add(f"basis[{i}]", "a Q&A's basis names a law, regulation or rule with its article")
    written_by, checked_by = c.text(data, "written_by", required=False), c.text(data, "checked_by", required=False)
    checked_on = c.date(data, "checked_on", required=False)
    if checked_by and written_by and checked_by == written_by:
        c.add("checked_by", "the checker must be someone other than the author (written_by)")
    if bool(checked_by) != bool(checked_on):
        c.add("checked_on" if checked_by else "checked_by", "checked_by and checked_on go together")
    answer = c.text(data, "answer")
    if len(answer) > 400:
        c.add("answer", f"keep the answer short (≤ 400 characters, got {len(answer)})")
    return QA(
        id=qa_id, question=c.text(data, "question"), variants=c.texts(data, "variants", required=False),
        answer=answer, topic=topic, department=department, region=region if REGION_RE.match(region) else NATIONAL,
        basis=basis, updated=c.date(data, "updated"), related=c.texts(data, "related", required=False),
        source=c.text(data, "source", required=False), written_by=written_by, checked_by=checked_by,
        checked_on=checked_on, notes=c.text(data, "notes", required=False), source_path=c.path,
        provenance=c.provenance(data),
    )


def load_qa(root: Path | str, departments: dict[str, str], entry_ids: set[str]) -> tuple[tuple[QA, ...], str]:
    """Parse every Q&A file under `root` (a missing folder is an empty set); (Q&As, content hash)."""
    root = Path(root)
    problems: list[Problem] = []
    digest = hashlib.sha256()
    items: list[QA] = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml")) if root.is_dir() else ():
        raw = path.read_bytes()
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + raw + b"\0")
        try:
            data = yaml.safe_load(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), "-", f"not valid UTF-8 YAML: {exc}"))
            continue
        if not isinstance(data, dict) or data.get("kind", "qa") != "qa":
            problems.append(Problem(str(path), "kind", "a file under the Q&A folder holds one mapping of kind qa"))
            continue
        qa = parse_qa(data, _Checker(str(path), problems), departments)
        for i, ref in enumerate(qa.related):
            if ref not in entry_ids:
                problems.append(Problem(str(path), f"related[{i}]", f"names unknown matter or bundle {ref!r}"))
        items.append(qa)
    seen: dict[str, str] = {}
    for qa in items:
        if qa.id and qa.id in seen:
            problems.append(Problem(qa.source_path, "id", f"duplicate id {qa.id!r} (also in {seen[qa.id]})"))
        seen.setdefault(qa.id, qa.source_path)
    if problems:
        raise CatalogError(problems)
    return tuple(sorted(items, key=lambda q: q.id)), digest.hexdigest()


def qa_stats(items: tuple[QA, ...]) -> dict:
    per_topic = Counter(q.topic for q in items)
    return {
        "qa": len(items),
        "qa_checked": sum(q.checked for q in items),
        "qa_per_topic": {f"{code} {name}": per_topic.get(code, 0) for code, name in QA_TOPICS.items()},
    }
