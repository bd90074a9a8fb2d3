"""Metric functions against hand-computed values, and one run cross-checked with ranx."""
import math

import pytest

from guide.evaluation import (
    EvalFileError,
    load_qrels,
    load_queries,
    ndcg_at_k,
    no_match_scores,
    percentiles,
    quality,
    recall_at_k,
    reciprocal_rank,
    write_trec_run,
)

JUDGED = {"A": 2, "B": 1}


def test_recall_and_mrr_by_hand():
    assert recall_at_k(["X", "A"], JUDGED, 1) == 0.0
    assert recall_at_k(["X", "A"], JUDGED, 3) == 1.0
    assert reciprocal_rank(["X", "B", "A"], JUDGED) == pytest.approx(1 / 3)   # B is relevant but not the answer
    assert reciprocal_rank([], JUDGED) == 0.0


def test_ndcg_by_hand():
    # ranking B, A: dcg = (2^1-1)/log2(2) + (2^2-1)/log2(3); ideal A, B: 3/1 + 1/log2(3)
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert ndcg_at_k(["B", "A"], JUDGED) == pytest.approx(expected)
    assert ndcg_at_k(["A", "B"], JUDGED) == pytest.approx(1.0)


def test_queries_without_hits_count_in_the_denominator():
    qrels = {"q1": {"A": 2}, "q2": {"B": 2}}
    scores = quality({"q1": ["A"]}, qrels, ["q1", "q2"])
    assert scores["recall@1"] == 0.5 and scores["mrr@10"] == 0.5


def test_ties_in_the_input_order_are_respected_and_inputs_not_mutated():
    run = {"q": ["B", "A"]}
    before = {"q": list(run["q"])}
    quality(run, {"q": {"A": 2, "B": 2}}, ["q"])
    assert run == before
    assert recall_at_k(["B", "A"], {"A": 2, "B": 2}, 1) == 0.5     # two answers, one in top 1


def test_no_match_scores_and_percentiles():
    s = no_match_scores({"o1": True, "o2": False, "i1": True, "i2": False}, {"o1", "o2"})
    assert s == {"no_match_precision": 0.5, "no_match_recall": 0.5, "in_scope_flagged": 0.5}
    assert percentiles([5, 1, 3, 2, 4], (50, 100)) == {"p50": 3, "p100": 5}


def test_cross_check_with_ranx(tmp_path):
    from ranx import Qrels, Run, evaluate

    qrels = {"q1": {"A": 2, "B": 1}, "q2": {"C": 2}, "q3": {"D": 2}}
    ranked = {"q1": ["B", "A", "E"], "q2": ["C"], "q3": ["E", "F", "G", "D"]}
    ours = quality(ranked, qrels, list(qrels))
    run = Run({q: {d: 10.0 - i for i, d in enumerate(ds)} for q, ds in ranked.items()})
    theirs = evaluate(Qrels(qrels), run, ["recall@3-l2", "mrr@10-l2", "ndcg_burges@10"])
    assert ours["recall@3"] == pytest.approx(theirs["recall@3-l2"])
    assert ours["mrr@10"] == pytest.approx(theirs["mrr@10-l2"])
    assert ours["ndcg@10"] == pytest.approx(theirs["ndcg_burges@10"], abs=1e-6)   # 2^g - 1 gains


def test_files_round_trip_and_errors(tmp_path):
    (tmp_path / "q.jsonl").write_text('{"qid": "a", "query": "身份证", "tags": ["typo"]}\n', encoding="utf-8")
    assert load_queries(tmp_path / "q.jsonl")[0]["tags"] == ["typo"]
    (tmp_path / "bad.jsonl").write_text('{"qid": "a"}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match="bad.jsonl:1"):
        load_queries(tmp_path / "bad.jsonl")
    (tmp_path / "r.qrels").write_text("q1 0 A 2\nq1 0 B\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="r.qrels:2"):
        load_qrels(tmp_path / "r.qrels")
    write_trec_run(tmp_path / "x.run", {"q1": [("A", 1.5), ("B", 0.5)]}, "t")
    assert (tmp_path / "x.run").read_text().splitlines()[1] == "q1 Q0 B 2 0.500000 t"


def test_trec_run_scores_keep_our_order_for_tools_that_sort_by_score(tmp_path):
    """Ties (exact or after rounding to 6 decimals) would let trec_eval / ranx reorder the hits."""
    from ranx import Run

    hits = {"q1": [("B", 0.5), ("A", 0.5), ("C", 0.4999999), ("D", 0.7)], "q2": [("E", 2.0), ("F", 1.0)]}
    write_trec_run(tmp_path / "t.run", hits, "t")
    rows = [line.split() for line in (tmp_path / "t.run").read_text().splitlines()]
    assert [float(r[4]) for r in rows if r[0] == "q1"] == [0.5, 0.499999, 0.499998, 0.499997]
    assert [r[4] for r in rows if r[0] == "q2"] == ["2.000000", "1.000000"]       # untouched when decreasing
    run = Run.from_file(str(tmp_path / "t.run"), kind="trec").to_dict()
    for qid, ranked in hits.items():
        assert sorted(run[qid], key=run[qid].get, reverse=True) == [d for d, _ in ranked]
