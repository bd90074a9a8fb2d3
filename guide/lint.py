"""Catalog findings that are valid YAML but wrong content: `guide validate --lint`.

The loader rejects what cannot be loaded; these checks find what loads but misleads a citizen or
an evaluation: a situation whose answer changes nothing, a note that promises "N日" while the day
fields are empty, and aliases, lookalikes or Q&A variants that are near-copies of eval questions
(which would make the eval figures measure memorisation).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path

from guide.catalog import Catalog, Matter, Problem

DAYS_RE = re.compile(r"(\d+|[一二三四五六七八九十百两]+)\s*个?\s*(工作日|自然日|日|天)")
_PARTICLES = set("吗呢啊吧了的呀么哦嘛哈")
NEAR_JACCARD = 0.8
NEAR_RATIO = 0.85


def squash(text: str) -> str:
    """Letters and digits only, particles dropped: the form two near-copies share."""
    return "".join(ch for ch in text.lower() if ch.isalnum() and ch not in _PARTICLES)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


class _Form:
    __slots__ = ("text", "squashed", "grams")

    def __init__(self, text: str):
        self.text, self.squashed = text, squash(text)
        self.grams = _bigrams(self.squashed)


def near_copy(a: str | _Form, b: str | _Form) -> bool:
    """Same words modulo punctuation and particles, one inside the other at similar length,
    character-bigram Jaccard >= 0.8, or a few characters apart (difflib ratio >= 0.85)."""
    fa, fb = (f if isinstance(f, _Form) else _Form(f) for f in (a, b))
    x, y = fa.squashed, fb.squashed
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 4 and short in long_ and len(short) >= 0.75 * len(long_):
        return True
    jaccard = len(fa.grams & fb.grams) / len(fa.grams | fb.grams)
    if jaccard >= NEAR_JACCARD:
        return True
    # one or two characters inserted or changed ("重度残疾护理补贴" ~ "重度残疾人护理补贴")
    return jaccard >= 0.5 and SequenceMatcher(None, x, y).ratio() >= NEAR_RATIO


def eval_questions(eval_dir: Path) -> list[tuple[str, str]]:
    """(file:qid, query) of every retrieval eval question under eval_dir (*.jsonl rows with a
    `query`: matters and Q&A). Dialogue conversations (eval/dialogue) are left out: they measure
    how a conversation goes, quote the everyday phrasings of the issues that motivated them, and
    would otherwise forbid a matter's commonest names as aliases."""
    out = []
    for path in sorted(eval_dir.rglob("*.jsonl")) if eval_dir.is_dir() else ():
        if "dialogue" in path.relative_to(eval_dir).parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            label = f"{path.relative_to(eval_dir).as_posix()}:{row.get('qid') or n}"
            if isinstance(row.get("query"), str):
                out.append((label, row["query"]))
    return out


def _situation_findings(matter: Matter) -> Iterable[Problem]:
    used = {key.partition(".")[0] for m in matter.materials for key in (*m.when, *m.when_all)}
    for s in matter.situations:
        used.update(key.partition(".")[0] for key in (*s.when, *s.when_all))
    for i, s in enumerate(matter.situations):
        if s.id not in used:
            yield Problem(matter.source_path, f"situations[{i}]",
                          f"situation {s.id!r} changes nothing: no material or later question depends on it")


def _day_findings(matter: Matter) -> Iterable[Problem]:
    t = matter.time_limit
    if t.legal_days is not None or t.promised_days is not None or t.on_the_spot:
        return
    for fld, text in (("time_limit.note", t.note), ("notes", matter.notes)):
        found = DAYS_RE.search(text or "")
        if found:
            yield Problem(matter.source_path, fld, f"states {found.group(0)!r} while legal_days and "
                          "promised_days are empty: fill the day field or drop the number")


def lint_catalog(catalog: Catalog, qas: Iterable | None = None, eval_dir: Path | None = None) -> list[Problem]:
    """Findings over the catalog's matters and bundles and its Q&As (or `qas` if given)."""
    qas = catalog.qas if qas is None else qas
    findings: list[Problem] = []
    for matter in catalog.matters:
        findings.extend(_situation_findings(matter))
        findings.extend(_day_findings(matter))
    questions = eval_questions(eval_dir) if eval_dir else []
    forms = [(label, _Form(q)) for label, q in questions]

    def copies(path: str, fld: str, text: str) -> Iterable[Problem]:
        mine = _Form(text)
        return (Problem(path, fld, f"{text!r} is a near-copy of eval question {label} ({q.text!r})")
                for label, q in forms if near_copy(mine, q))

    for entry in (*catalog.matters, *catalog.bundles) if forms else ():
        for i, alias in enumerate(entry.aliases):
            findings.extend(copies(entry.source_path, f"aliases[{i}]", alias))
        for i, term in enumerate(getattr(entry, "lookalikes", ())):   # they decide no-match answers
            findings.extend(copies(entry.source_path, f"lookalikes[{i}]", term))
    for qa in qas if forms else ():
        for i, text in enumerate((qa.question, *qa.variants)):
            findings.extend(copies(qa.source_path, "question" if i == 0 else f"variants[{i - 1}]", text))
    return findings
