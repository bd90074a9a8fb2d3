"""Curation drafts: staff turn a catalog gap into a Q&A draft or an alias draft; approved drafts are
exported into the data folders for review in version control.

The server only stores drafts (runtime table `drafts`, every text masked with for_storage) and
never writes the catalog; `guide curate export` does, from the command line. A Q&A draft is
validated by the catalog's own parse_qa exactly as a file would be, so an approved draft exports
to a file `guide validate` accepts. Exported Q&As carry `written_by` (the staff member) and no
`checked_by`: the format makes the check optional and records it only when someone other than the
author has read the basis, which is what the review of the exported file is for.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide.catalog import Problem, _Checker
from guide.config import PROJECT_ROOT
from guide.lint import _Form, eval_questions, near_copy
from guide.privacy import for_storage, from_storage, mask_personal_data, strip_control_chars
from guide.qa import NATIONAL, QA_ID_RE, parse_qa
from guide.text import normalize

KINDS = ("qa", "alias")
STATUSES = ("pending", "approved", "rejected", "exported")
QA_DRAFT_FIELDS = ("question", "variants", "answer", "topic", "department", "region", "basis", "related",
                   "source", "notes")
SERVER_FIELDS = ("id", "kind", "updated", "written_by", "checked_by", "checked_on")
ALIAS_MAX_CHARS = 40
GAP_MAX_CHARS = 200
CHINA_TZ = _dt.timezone(_dt.timedelta(hours=8))
DRAFT_MARK = "# curation draft {id} (guide curate export): check the basis, then fill checked_by/checked_on\n"


class DraftError(ValueError):
    """A draft that fails validation; `problems` lists every (field, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))


class DraftNotFound(LookupError):
    pass


class DraftStateError(RuntimeError):
    """Approve/reject of a draft that is no longer pending."""


# ---------------------------------------------------------------- validation

def _masked(value):
    """What storage keeps of any staff text, before HTML escaping: masked, control chars out."""
    if isinstance(value, str):
        return mask_personal_data(strip_control_chars(value))
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value


def _stored(value, convert):
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [_stored(v, convert) for v in value]
    if isinstance(value, dict):
        return {k: _stored(v, convert) for k, v in value.items()}
    return value


@functools.lru_cache(maxsize=4)
def _eval_forms(eval_dir: str) -> tuple[tuple[str, _Form], ...]:
    return tuple((label, _Form(q)) for label, q in eval_questions(Path(eval_dir)))


def eval_copy_problems(texts: list[tuple[str, str]], eval_dir: Path | None) -> list[tuple[str, str]]:
    """The lint's rule at the door: no alias or Q&A text may near-copy a retrieval eval question."""
    forms = _eval_forms(str(eval_dir)) if eval_dir is not None and Path(eval_dir).is_dir() else ()
    out = []
    for fld, text in texts:
        mine = _Form(text)
        for label, q in forms:
            if near_copy(mine, q):
                out.append((fld, f"{text!r} is a near-copy of eval question {label}: write your own wording"))
                break
    return out


def validate_qa_draft(body: dict, departments: dict[str, str], get, user: str,
                      eval_dir: Path | None = PROJECT_ROOT / "eval") -> dict:
    """The draft's Q&A fields, masked and checked by parse_qa as a Q&A file would be (plus its
    `related` ids against the build, as load_qa checks them); DraftError lists every problem."""
    problems: list[tuple[str, str]] = []
    for key in body:
        if key in SERVER_FIELDS:
            problems.append((key, "set by the server (id and dates on export, written_by = you)"))
        elif key not in QA_DRAFT_FIELDS:
            problems.append((key, f"unknown field (allowed: {', '.join(QA_DRAFT_FIELDS)})"))
    data = {k: _masked(v) for k, v in body.items() if k in QA_DRAFT_FIELDS}
    topic, region = data.get("topic"), data.get("region", NATIONAL)
    provisional = isinstance(topic, str) and isinstance(region, str)
    if provisional:     # the real number is given on export; an id of the right shape meanwhile
        data["id"] = f"{region.strip()}-QA-{topic.strip()}-000"
    data.update(updated=_today(), written_by=user)
    found: list[Problem] = []
    qa = parse_qa(data, _Checker("draft", found), departments)
    for p in found:
        if p.field == "id":
            continue                        # the id is the server's; region/topic problems say why
        problems.append((re.sub(r"^sources", "basis", p.field), p.message))
    for i, ref in enumerate(qa.related):
        entry = get(ref)
        if entry is None or entry.kind == "qa":
            problems.append((f"related[{i}]", f"names unknown matter or bundle {ref!r}"))
    problems += eval_copy_problems([("question", qa.question)] +
                                   [(f"variants[{i}]", v) for i, v in enumerate(qa.variants)], eval_dir)
    if problems:
        raise DraftError(problems)
    record = {"question": qa.question, "variants": list(qa.variants), "answer": qa.answer, "topic": qa.topic,
              "department": qa.department, "region": qa.region,
              "basis": [{"law": s.law, "article": s.article} for s in qa.basis], "related": list(qa.related)}
    record.update({k: getattr(qa, k) for k in ("source", "notes") if getattr(qa, k)})
    return record


def validate_alias_draft(body: dict, get, entries, eval_dir: Path | None = PROJECT_ROOT / "eval") -> dict:
    """An alias for an existing matter or bundle: new to it, no other entry's name or alias, not
    an eval question. `entries`: a callable returning the build's entries (checked only when needed)."""
    problems: list[tuple[str, str]] = []
    for key in body:
        if key not in ("matter_id", "alias"):
            problems.append((key, "unknown field (allowed: matter_id, alias)"))
    matter_id, alias = body.get("matter_id"), body.get("alias")
    entry = None
    if not isinstance(matter_id, str) or not matter_id.strip():
        problems.append(("matter_id", "missing required field: the id of an existing matter"))
    else:
        entry = get(matter_id.strip())
        if entry is None or entry.kind == "qa":
            problems.append(("matter_id", f"names unknown matter or bundle {matter_id[:40]!r}"))
            entry = None
    text = " ".join(_masked(alias).split()) if isinstance(alias, str) else ""
    if not isinstance(alias, str):
        problems.append(("alias", "missing required field" if alias is None else "must be text"))
    elif not text:
        problems.append(("alias", "must not be empty"))
    elif len(text) > ALIAS_MAX_CHARS:
        problems.append(("alias", f"keep an alias short (≤ {ALIAS_MAX_CHARS} characters, got {len(text)})"))
    elif entry is not None:
        key = normalize(text)
        if key in {normalize(a) for a in (entry.name, *entry.aliases)}:
            problems.append(("alias", f"{entry.id} already has the name or alias {text!r}"))
        else:
            other = next((e for e in entries() if e.id != entry.id and e.kind != "qa"
                          and key in {normalize(a) for a in (e.name, *e.aliases)}), None)
            if other is not None:
                problems.append(("alias", f"{text!r} already names {other.id} {other.name}"))
    if text:
        problems += eval_copy_problems([("alias", text)], eval_dir)
    if problems:
        raise DraftError(problems)
    return {"matter_id": entry.id, "alias": text}


def clean_gap(gap) -> str:
    """The gap a draft answers (the report's normalized question), masked; '' when none given."""
    if gap is None:
        return ""
    if not isinstance(gap, str) or len(gap) > GAP_MAX_CHARS:
        raise DraftError([("gap", f"must be the gap's normalized question (text, ≤ {GAP_MAX_CHARS} characters)")])
    return for_storage(gap.strip())


def _today() -> str:
    return _dt.datetime.now(CHINA_TZ).date().isoformat()


# ---------------------------------------------------------------- the drafts table

def create_draft(store, kind: str, payload: dict, gap: str, user: str) -> dict:
    """Store a validated draft (pending); every text masked and escaped as all runtime text is."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    row = [kind, "pending", json.dumps(_stored(payload, for_storage), ensure_ascii=False), gap, time.time(),
           for_storage(user)]

    def write(db):
        return db.execute("INSERT INTO drafts (kind, status, payload, gap, created, created_by, reviewed, "
                          "reviewed_by, exported, export_path) VALUES (?, ?, ?, ?, ?, ?, 0, '', 0, '')",
                          row).lastrowid
    return get_draft(store, store._run(write))


_COLUMNS = "id, kind, status, payload, gap, created, created_by, reviewed, reviewed_by, exported, export_path"


def _draft(row) -> dict:
    (draft_id, kind, status, payload, gap, created, created_by, reviewed, reviewed_by, exported,
     export_path) = row
    return {"id": draft_id, "kind": kind, "status": status,
            "payload": _stored(json.loads(payload), from_storage), "gap": from_storage(gap or ""),
            "created": _stamp(created), "created_by": from_storage(created_by or ""),
            "reviewed": _stamp(reviewed), "reviewed_by": from_storage(reviewed_by or ""),
            "exported": _stamp(exported), "export_path": export_path or ""}


def _stamp(timestamp: float | None) -> str:
    if not timestamp:
        return ""
    return _dt.datetime.fromtimestamp(timestamp, CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def get_draft(store, draft_id: int) -> dict:
    row = store._run(lambda db: db.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", [draft_id]).fetchone())
    if row is None:
        raise DraftNotFound(draft_id)
    return _draft(row)


def list_drafts(store, status: str | None = None, limit: int = 200) -> list[dict]:
    """Newest first; `status` one of STATUSES or None for all."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    rows = store._run(lambda db: db.execute(
        f"SELECT {_COLUMNS} FROM drafts {where} ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall())
    return [_draft(r) for r in rows]


def review_draft(store, draft_id: int, approve: bool, user: str) -> dict:
    """pending -> approved | rejected, once (a second review is a DraftStateError)."""
    status = "approved" if approve else "rejected"
    changed = store._run(lambda db: db.execute(
        "UPDATE drafts SET status = ?, reviewed = ?, reviewed_by = ? WHERE id = ? AND status = 'pending'",
        [status, time.time(), for_storage(user), draft_id]).rowcount)
    draft = get_draft(store, draft_id)          # DraftNotFound when there is no such draft
    if not changed:
        raise DraftStateError(f"draft {draft_id} is {draft['status']}, not pending")
    return draft


def _mark_exported(store, draft_id: int, path: Path) -> None:
    store._run(lambda db: db.execute(
        "UPDATE drafts SET status = 'exported', exported = ?, export_path = ? WHERE id = ? AND status = 'approved'",
        [time.time(), str(path), draft_id]))


# ---------------------------------------------------------------- export into the data folders

@dataclass
class ExportResult:
    written: list[tuple[int, Path, str]] = field(default_factory=list)    # (draft id, file, what)
    problems: list[tuple[int, str]] = field(default_factory=list)         # (draft id, why not)


def export_approved(store, qa_dir: Path, matter_dirs: list[Path], departments: dict[str, str]) -> ExportResult:
    """Write every approved draft into the data folders and mark it exported. Q&As become
    <qa_dir>/<TOPIC>/<id>.yaml with the next free number; aliases are appended to the matter file's
    `aliases` line, the rest of the file byte for byte. A draft whose change is already on disk
    (an export stopped before marking it) is only marked. Exported drafts are never written again."""
    result = ExportResult()
    for draft in reversed(list_drafts(store, "approved", limit=10_000)):     # oldest first: stable ids
        try:
            if draft["kind"] == "qa":
                path, what = _export_qa(draft, Path(qa_dir), departments)
            else:
                path, what = _export_alias(draft, [Path(d) for d in matter_dirs])
        except ExportError as exc:
            result.problems.append((draft["id"], str(exc)))
            continue
        _mark_exported(store, draft["id"], path)
        result.written.append((draft["id"], path, what))
    return result


class ExportError(RuntimeError):
    pass


def _export_qa(draft: dict, qa_dir: Path, departments: dict[str, str]) -> tuple[Path, str]:
    payload, mark = draft["payload"], DRAFT_MARK.format(id=draft["id"])
    folder = qa_dir / payload["topic"]
    for existing in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        text = existing.read_text(encoding="utf-8")
        if text.startswith(mark) and _load_yaml(existing, text).get("question") == payload["question"]:
            return existing, "already on disk"
    qa_id = _next_qa_id(qa_dir, payload["region"], payload["topic"])
    record = {"id": qa_id, "question": payload["question"]}
    if payload.get("variants"):
        record["variants"] = payload["variants"]
    record.update(answer=payload["answer"], topic=payload["topic"], department=payload["department"],
                  region=payload["region"], basis=payload["basis"])
    if payload.get("related"):
        record["related"] = payload["related"]
    if payload.get("source"):
        record["source"] = payload["source"]
    record.update(updated=_dt.datetime.now(CHINA_TZ).date(), written_by=draft["created_by"])
    if payload.get("notes"):
        record["notes"] = payload["notes"]
    text = mark + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, default_flow_style=None,
                                 width=100_000)
    found: list[Problem] = []
    path = folder / f"{qa_id}.yaml"
    parse_qa(yaml.safe_load(text), _Checker(str(path), found), departments)
    if found:
        raise ExportError("; ".join(str(p) for p in found))
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomic(path, text)
    return path, f"Q&A {qa_id}"


def _next_qa_id(qa_dir: Path, region: str, topic: str) -> str:
    used = 0
    for path in qa_dir.rglob("*.yaml") if qa_dir.is_dir() else ():
        head = re.search(r"^id:\s*['\"]?([^\s'\"]+)", path.read_text(encoding="utf-8"), re.M)
        match = QA_ID_RE.match(head.group(1) if head else path.stem)
        if match and match.group(1) == region and match.group(2) == topic:
            used = max(used, int(match.group(3)))
    return f"{region}-QA-{topic}-{used + 1:03d}"


_FLOW_ALIASES = re.compile(r"^aliases:[ \t]*\[(?P<items>.*)\][ \t]*(?:#.*)?$", re.M)
_BLOCK_ALIASES = re.compile(r"^aliases:[ \t]*\n(?P<items>(?:[ \t]*-[ \t].*\n)+)", re.M)


def _export_alias(draft: dict, matter_dirs: list[Path]) -> tuple[Path, str]:
    matter_id, alias = draft["payload"]["matter_id"], draft["payload"]["alias"]
    path = next((p for d in matter_dirs if d.is_dir() for p in sorted(d.rglob(f"{matter_id}.yaml"))), None)
    if path is None:
        raise ExportError(f"no file {matter_id}.yaml under {', '.join(map(str, matter_dirs))}")
    text = path.read_text(encoding="utf-8")
    before = _load_yaml(path, text)
    aliases = list(before.get("aliases") or [])
    if alias in aliases:
        return path, "already on disk"
    scalar = yaml.safe_dump([alias], allow_unicode=True, default_flow_style=True, width=100_000).strip()[1:-1]
    flow, block = _FLOW_ALIASES.search(text), _BLOCK_ALIASES.search(text)
    if flow:
        items = flow.group("items").rstrip()
        new = text[:flow.start("items")] + (f"{items}, {scalar}" if items.strip() else scalar) + \
            text[flow.end("items"):]
    elif block:
        last = block.group("items").splitlines()[-1]
        indent = last[:len(last) - len(last.lstrip())]
        new = text[:block.end("items")] + f"{indent}- {scalar}\n" + text[block.end("items"):]
    else:
        raise ExportError(f"{path}: no one-line `aliases: [...]` or block list to append to; add it by hand")
    after = yaml.safe_load(new)
    if after.get("aliases") != [*aliases, alias] or {**after, "aliases": None} != {**before, "aliases": None}:
        raise ExportError(f"{path}: appending {alias!r} would change more than its aliases; add it by hand")
    _write_atomic(path, new)
    return path, f"alias {alias!r} of {matter_id}"


def _load_yaml(path: Path, text: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ExportError(f"{path}: not valid YAML ({exc}); fix it first") from None
    if not isinstance(data, dict):
        raise ExportError(f"{path}: does not hold one mapping; fix it first")
    return data


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
