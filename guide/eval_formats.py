"""Query sets from outside: our JSONL + TREC qrels, or BEIR's files; and our sets exported as BEIR.

The format of each file is read from its content, not its name:
- queries: JSON lines with {"qid", "query", "tags"} (ours) or {"_id", "text", "metadata"} (BEIR);
- qrels: TREC lines `qid 0 doc_id grade`, or BEIR TSV `query-id<TAB>corpus-id<TAB>score`
  (a first line whose score is not a whole number is the header, as BEIR writes it).
BEIR queries carry no "out of scope" notion: a query without judgments is skipped (as beir's
GenericDataLoader does) unless its metadata tags say out_of_scope and its metadata split, when
given, is the qrels file's name (our export writes both, so an exported set evaluates the same).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from guide.documents import body_text
from guide.evaluation import EvalFileError, json_records, load_qrels, load_queries, text_lines

OUT_OF_SCOPE = "out_of_scope"
BEIR_QRELS_HEADER = "query-id\tcorpus-id\tscore"


@dataclass(frozen=True)
class QuerySet:
    queries: list[dict]                     # {"qid", "query", "tags"}, in file order
    qrels: dict[str, dict[str, int]]
    queries_format: str                     # "jsonl" or "beir"
    qrels_format: str                       # "trec" or "beir"
    skipped: int = 0                        # BEIR queries without judgments, left out
    # policy-question sets: a second judge's service judgements (matters and bundles whose guide
    # answers the question: grade 2; the right next step whose guide does not: grade 1)
    services: dict[str, dict[str, int]] = field(default_factory=dict)


def services_path(qrels_path: Path) -> Path:
    """`dev.qrels` -> `dev.services.qrels`: where a set's service judgements live, when it has them."""
    path = Path(qrels_path)
    return path.with_name(path.stem + ".services" + path.suffix)


def queries_format(path: Path) -> str:
    lines = text_lines(path)
    if not lines:
        raise EvalFileError(f"{path}: no queries")
    n, first = lines[0]
    try:
        item = json.loads(first)
    except json.JSONDecodeError as exc:
        raise EvalFileError(f"{path}:{n}: not JSON ({exc.msg})") from None
    if isinstance(item, dict) and "qid" in item and "query" in item:
        return "jsonl"
    if isinstance(item, dict) and "_id" in item and "text" in item:
        if "title" in item:
            raise EvalFileError(f"{path}:{n}: has a title: this looks like a BEIR corpus.jsonl, not queries.jsonl")
        return "beir"
    raise EvalFileError(f"{path}:{n}: neither our query format (qid, query, tags) nor BEIR's (_id, text)")


def load_beir_queries(path: Path) -> list[dict]:
    """BEIR queries.jsonl; metadata.tags and metadata.split are kept when present."""
    out = []
    for n, item in json_records(path, "_id", "text", "a BEIR query"):
        meta = item.get("metadata") or {}
        if not isinstance(meta, dict):
            raise EvalFileError(f"{path}:{n}: metadata must be an object")
        tags = meta.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise EvalFileError(f"{path}:{n}: metadata.tags must be a list of strings")
        out.append({"qid": item["_id"], "query": item["text"], "tags": list(tags),
                    "split": meta.get("split") if isinstance(meta.get("split"), str) else None})
    return out


def qrels_format(path: Path) -> str:
    lines = text_lines(path)
    if not lines:
        raise EvalFileError(f"{path}: no judgments")
    n, first = lines[0]
    if len(first.split("\t")) == 3:
        return "beir"
    if len(first.split()) == 4:
        return "trec"
    raise EvalFileError(f"{path}:{n}: neither TREC qrels ('qid 0 doc_id grade') nor BEIR TSV "
                        f"('query-id<TAB>corpus-id<TAB>score'), got {first[:80]!r}")


def _is_int(text: str) -> bool:
    return text.strip().lstrip("-").isdigit()


def load_beir_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for index, (n, line) in enumerate(text_lines(path)):
        parts = line.split("\t")
        if index == 0 and len(parts) == 3 and not _is_int(parts[2]):
            continue                                        # the header line
        if len(parts) != 3 or not parts[0].strip() or not parts[1].strip() or not _is_int(parts[2]):
            raise EvalFileError(f"{path}:{n}: expected 'query-id<TAB>corpus-id<TAB>score' with a whole-number "
                                f"score, got {line[:80]!r}")
        qrels.setdefault(parts[0].strip(), {})[parts[1].strip()] = int(parts[2])
    return qrels


def load_query_set(queries_path: Path, qrels_path: Path) -> QuerySet:
    """Queries and judgments in either format (any combination), checked line by line."""
    q_format, r_format = queries_format(queries_path), qrels_format(qrels_path)
    qrels = load_beir_qrels(qrels_path) if r_format == "beir" else load_qrels(qrels_path)
    if q_format == "jsonl":
        beside = services_path(qrels_path)
        services = load_qrels(beside) if r_format == "trec" and beside.is_file() else {}
        return QuerySet(load_queries(queries_path), qrels, q_format, r_format, services=services)
    split = Path(qrels_path).stem
    queries, skipped = [], 0
    for q in load_beir_queries(queries_path):
        out_of_scope = OUT_OF_SCOPE in q["tags"] and q["split"] in (None, split)
        if q["qid"] in qrels or out_of_scope:
            queries.append({"qid": q["qid"], "query": q["query"], "tags": q["tags"]})
        else:
            skipped += 1
    if not any(q["qid"] in qrels for q in queries):
        raise EvalFileError(f"{qrels_path}: no judged query of {queries_path} (query ids do not match)")
    return QuerySet(queries, qrels, q_format, r_format, skipped)


def export_beir(entries, sets: dict[str, tuple[Path, Path]], out_dir: Path) -> dict:
    """Write a BEIR dataset: corpus.jsonl (every entry), queries.jsonl (all splits, with metadata
    split and tags) and qrels/<split>.tsv. `sets`: split name -> (queries path, qrels path)."""
    out_dir = Path(out_dir)
    (out_dir / "qrels").mkdir(parents=True, exist_ok=True)
    ids = set()
    with open(out_dir / "corpus.jsonl", "w", encoding="utf-8") as corpus:
        for e in entries:
            ids.add(e.id)
            text = "；".join([*e.aliases, body_text(e)])
            corpus.write(json.dumps({"_id": e.id, "title": e.name, "text": text,
                                     "metadata": {"kind": e.kind, "department": e.department,
                                                  "region": e.region}}, ensure_ascii=False) + "\n")
    summary = {"corpus": len(ids), "splits": {}}
    seen: dict[str, str] = {}
    with open(out_dir / "queries.jsonl", "w", encoding="utf-8") as queries_file:
        for split, (queries_path, qrels_path) in sets.items():
            query_set = load_query_set(queries_path, qrels_path)
            for q in query_set.queries:
                if q["qid"] in seen:
                    raise EvalFileError(f"{queries_path}: qid {q['qid']!r} is also in the {seen[q['qid']]} split")
                seen[q["qid"]] = split
                queries_file.write(json.dumps({"_id": q["qid"], "text": q["query"],
                                               "metadata": {"split": split, "tags": q["tags"]}},
                                              ensure_ascii=False) + "\n")
            rows = [(qid, doc, grade) for qid, judged in query_set.qrels.items() for doc, grade in judged.items()]
            (out_dir / "qrels" / f"{split}.tsv").write_text(
                "\n".join([BEIR_QRELS_HEADER, *(f"{q}\t{d}\t{g}" for q, d, g in rows)]) + "\n", encoding="utf-8")
            summary["splits"][split] = {"queries": len(query_set.queries), "judgments": len(rows),
                                        "missing_docs": sum(d not in ids for _, d, _ in rows)}
    return summary
