"""Regression gate: the shipped configuration must not fall below the pinned dev-set scores."""
import json

import pytest

from guide.config import PROJECT_ROOT
from guide.eval_runner import evaluate

EXPECTED = PROJECT_ROOT / "eval" / "expected.json"


@pytest.mark.slow
def test_dev_scores_hold(shipped_guide):
    pinned = json.loads(EXPECTED.read_text(encoding="utf-8"))
    results, _ = evaluate(shipped_guide, PROJECT_ROOT / "eval" / "dev.jsonl", PROJECT_ROOT / "eval" / "dev.qrels",
                          [pinned["method"]], baselines=False)
    got = results[pinned["method"]]["overall"]
    tolerance = pinned["tolerance"]
    report = []
    for metric, want in pinned["metrics"].items():
        higher_is_better = metric != "in_scope_flagged"
        ok = got[metric] >= want - tolerance if higher_is_better else got[metric] <= want + tolerance
        report.append(f"{metric}: expected {want:.3f}, got {got[metric]:.3f} -> {'OK' if ok else 'FAIL'}")
    assert all(line.endswith("OK") for line in report), "\n".join(report)


@pytest.mark.slow
def test_field_questions_and_traditional_reach_the_matter(shipped_guide):
    assert shipped_guide.search("營業執照遺失怎麼補辦", k=3).hits[0].id == "370100-SCJG-015"
    assert shipped_guide.search("住房公积金提取", k=1).hits[0].id == "370100-GJJ-001"
    for q in ("今天天气怎么样", "帮我写一首诗", "asdfgh", "你好"):
        assert shipped_guide.search(q, k=3).confidence == "no_match", q
