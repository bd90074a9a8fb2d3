"""Append the breadth questions whose judged entries now exist to eval/dev and eval/test.

    python eval/breadth/merge_ready.py

The questions were written before the planned matters (see README.md); a question joins the
pinned sets once every id it is judged with is in the catalog. Idempotent: qids already in the
target set are skipped, so it can run after each batch of matters lands.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from guide.loader import load_catalog  # noqa: E402


def main() -> None:
    ids = {e.id for e in load_catalog(ROOT / "data" / "matters").entries}
    for split in ("dev", "test"):
        qrels: dict[str, list[tuple[str, int]]] = {}
        for line in (ROOT / "eval" / "breadth" / f"{split}.qrels").read_text(encoding="utf-8").splitlines():
            if line.strip():
                qid, _, doc, grade = line.split()
                qrels.setdefault(qid, []).append((doc, int(grade)))
        target = ROOT / "eval" / f"{split}.jsonl"
        existing = {json.loads(line)["qid"] for line in target.read_text(encoding="utf-8").splitlines() if line.strip()}
        add_q, add_r, pending = [], [], 0
        for line in (ROOT / "eval" / "breadth" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            qid = json.loads(line)["qid"]
            judged = qrels.get(qid, [])
            if qid in existing:
                continue
            if any(g == 2 for _, g in judged) and all(d in ids for d, _ in judged):
                add_q.append(line)
                add_r += [f"{qid} 0 {d} {g}" for d, g in judged]
            else:
                pending += 1
        with target.open("a", encoding="utf-8") as fh:
            fh.write("".join(q + "\n" for q in add_q))
        with target.with_suffix(".qrels").open("a", encoding="utf-8") as fh:
            fh.write("".join(r + "\n" for r in add_r))
        print(f"{split}: added {len(add_q)}, waiting for their matters {pending}")


if __name__ == "__main__":
    main()
