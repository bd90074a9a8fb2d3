"""`guide eval` on the tiny build: the terminal table fits 120 columns, the report explains itself."""
import json

import pytest
from click.testing import CliRunner

from guide.cli import main
from guide.evaluation import answers

# written for the tiny catalog (not taken from eval/): one query is judged against the wrong entry
# on purpose, so the shipped method must list it as failed
QUERIES = [
    ("c1", "第一次办理身份证要带什么", ["colloquial"], {"370100-GA-001": 2}),
    ("c2", "公积金怎么提取出来", ["colloquial"], {"370100-GJJ-001": 2}),
    ("c3", "结婚登记需要什么材料", ["formal"], {"370100-MZ-001": 2}),
    ("c4", "开个小吃店要登记吗", ["colloquial"], {"370100-SCJG-006": 2, "370100-YJS-001": 1}),
    ("c5", "身份证丢了去哪补", ["colloquial"], {"370100-GA-002": 2}),
    ("c6", "护照过期了怎么重新办", ["out_of_scope"], {}),
    ("c7", "今天天气怎么样", ["out_of_scope"], {}),
]


@pytest.fixture
def tiny_env(tiny_build, tiny_settings, monkeypatch, tmp_path):
    monkeypatch.setenv("GUIDE_INDEX_DIR", str(tiny_settings.index_dir))
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(tiny_settings.catalog_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    queries = tmp_path / "mini.jsonl"
    queries.write_text("".join(json.dumps({"qid": q, "query": t, "tags": tags}, ensure_ascii=False) + "\n"
                               for q, t, tags, _ in QUERIES), encoding="utf-8")
    (tmp_path / "mini.qrels").write_text("".join(f"{q} 0 {d} {g}\n" for q, _, _, j in QUERIES for d, g in j.items()),
                                         encoding="utf-8")
    return queries


def test_eval_table_fits_120_columns_and_the_report_has_every_section(tiny_env, tiny_guide, tmp_path):
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["eval", "--queries", str(tiny_env), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 120, max(lines, key=len)
    header = lines[0].split()
    assert header[:4] == ["method", "R@1", "R@3", "R@5"] and "baseline_rank_bm25" in result.output
    assert "NM-P = no_match_precision" in result.output and "IS-flag = in_scope_flagged" in result.output
    rows = lines[1:11]                                             # 8 methods and 2 baselines
    assert [r.split()[0] for r in rows][::9] == ["hybrid", "baseline_fts5"]
    assert len({len(line) for line in [lines[0], *rows]}) == 1     # columns aligned

    report = (out / "mini.md").read_text(encoding="utf-8")
    for section in ("## 95% confidence intervals", "## Paired tests: hybrid against each method",
                    "## Failed queries (hybrid)", "### Out-of-scope queries answered confidently", "## Definitions",
                    "| method | recall@1 | recall@3 |", "no_match_precision | no_match_recall | in_scope_flagged"):
        assert section in report, section
    data = json.loads((out / "mini.json").read_text(encoding="utf-8"))
    analysis = data["analysis"]
    assert analysis["reference"] == "hybrid" and set(data["definitions"]) >= {"recall@k", "mrr@10", "ndcg@10"}

    # the failures listed are exactly those of the search itself
    expect_failed, expect_confident = [], []
    for qid, text, _, j in QUERIES:
        hits = tiny_guide.search(text, k=10, method="hybrid")
        ids = [h.id for h in hits.hits]
        if j and (not ids or ids[0] not in answers(j)):
            expect_failed.append(qid)
        if not j and hits.confidence == "confident":
            expect_confident.append(qid)
    assert "c5" in expect_failed                                     # judged against the wrong entry
    assert [f["qid"] for f in analysis["failed"]] == expect_failed
    assert [f["qid"] for f in analysis["oos_confident"]] == expect_confident
    c5 = next(f for f in analysis["failed"] if f["qid"] == "c5")
    assert c5["expected"] == [{"id": "370100-GA-002", "title": "居民身份证换领"}]
    assert c5["top"][0]["title"] == tiny_guide.get(c5["top"][0]["id"]).name and len(c5["top"]) <= 3
    assert "| c5 | 身份证丢了去哪补 | 370100-GA-002 居民身份证换领 |" in report

    for name, res in data["results"].items():
        assert set(res["ci"]) == {"recall@1", "recall@5", "mrr@10", "ndcg@10"}
        for metric, (low, high) in res["ci"].items():
            assert 0 <= low <= res["overall"][metric] <= high <= 1, (name, metric)
        if name != "hybrid":                                        # differences of the reported means
            for metric, test in analysis["paired"][name].items():
                gap = data["results"]["hybrid"]["overall"][metric] - res["overall"][metric]
                assert test["diff"] == pytest.approx(gap) and test["significant"] == (test["p"] < 0.05)
            assert set(analysis["paired"][name]) == {"recall@1", "mrr@10"}
    for png in ("mini.metrics.png", "mini.latency.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_beir_writes_the_dataset_and_runs_no_evaluation(tiny_env, tmp_path):
    out = tmp_path / "beir"
    reports = tmp_path / "reports"
    result = CliRunner().invoke(main, ["eval", "--export-beir", str(out), "--out", str(reports)])
    assert result.exit_code == 0, result.output
    assert "corpus.jsonl (8 entries)" in result.output and "qrels/dev.tsv" in result.output
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["corpus.jsonl", "dev.tsv", "queries.jsonl",
                                                                      "test.tsv"]
    assert (out / "qrels" / "dev.tsv").read_text(encoding="utf-8").splitlines()[0] == "query-id\tcorpus-id\tscore"
    assert not reports.exists()


def test_a_malformed_outside_set_is_a_clear_error(tiny_env, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("query-id\tcorpus-id\tscore\nc1\t370100-GA-001\tvery\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--queries", str(tiny_env), "--qrels", str(bad),
                                       "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "bad.tsv:2: expected 'query-id<TAB>corpus-id<TAB>score'" in result.output
