"""How the counter's department filter decides "no match" (guide.webapp.api.within_department).

For each question of a set: the department of its best-judged entry (the right filter) and one
department none of its judged entries belong to (a wrong filter, as when the select is left on
from the last citizen). Prints, for several depths of the unfiltered search, how often the right
filter keeps a relevant top hit as a match and how often the wrong filter still claims a match;
"search only" is the filtered search's own confidence, before this rule. The sets are questions;
keywords ("变更" in 公积金中心) are what the rule's name clause is for.

    python eval/department_filter.py [--queries eval/dev.jsonl] [--depths 3 5 10 20]
"""
from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

from guide.search.types import Confidence
from guide.service import Guide
from guide.webapp.api import within_department

ROOT = Path(__file__).resolve().parent.parent


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, _, entry, grade = line.split()
            if int(grade) > 0:
                qrels.setdefault(qid, {})[entry] = int(grade)
    return qrels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=ROOT / "eval" / "dev.jsonl")
    parser.add_argument("--depths", type=int, nargs="+", default=[3, 5, 10, 20])
    parser.add_argument("--index", type=Path, default=None, help="a build folder or index/ (default: CURRENT)")
    args = parser.parse_args()
    guide = Guide.load(args.index)
    queries = [json.loads(x) for x in args.queries.read_text(encoding="utf-8").splitlines() if x.strip()]
    qrels = load_qrels(args.queries.with_suffix(".qrels"))
    departments = sorted(guide.department_names)
    depth_max = max(args.depths)
    right = {"n": 0, "top_relevant": 0, "search_only": 0, **{d: 0 for d in args.depths}}
    wrong = {"n": 0, "search_only": 0, **{d: 0 for d in args.depths}}
    for q in queries:
        judged = qrels.get(q["qid"], {})
        owners = {guide.get(e).department for e in judged if guide.get(e) is not None}
        unfiltered = guide.search(q["query"], k=depth_max)
        best = max(judged, key=judged.get, default=None)
        best_entry = guide.get(best) if best else None
        if best_entry is not None and best_entry.department in guide.department_names:
            filtered = guide.search(q["query"], k=10, department=best_entry.department)
            if filtered.hits and filtered.hits[0].id in judged:
                right["n"] += 1
                right["search_only"] += filtered.confidence != Confidence.NO_MATCH
                for d in args.depths:
                    right[d] += within_department(filtered, unfiltered, d).confidence != Confidence.NO_MATCH
        others = [d for d in departments if d not in owners]
        other = others[zlib.crc32(q["qid"].encode()) % len(others)]
        filtered = guide.search(q["query"], k=10, department=other)
        wrong["n"] += 1
        wrong["search_only"] += filtered.confidence != Confidence.NO_MATCH
        for d in args.depths:
            wrong[d] += within_department(filtered, unfiltered, d).confidence != Confidence.NO_MATCH

    print(f"{args.queries.name}: {len(queries)} questions, build {guide.build_id}")
    print(f"right department, relevant top hit: {right['n']} questions — kept as a match:")
    print(f"  search only: {right['search_only'] / right['n']:.3f}")
    for d in args.depths:
        print(f"  depth {d:>2}:    {right[d] / right['n']:.3f}")
    print(f"wrong department (no judged entry there): {wrong['n']} questions — still claimed a match:")
    print(f"  search only: {wrong['search_only'] / wrong['n']:.3f}")
    for d in args.depths:
        print(f"  depth {d:>2}:    {wrong[d] / wrong['n']:.3f}")


if __name__ == "__main__":
    main()
