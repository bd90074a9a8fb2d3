"""Policy-question sets judged twice: Q&A answers (qrels) and service guides (services.qrels)."""
from guide.eval_formats import load_query_set, services_path
from guide.eval_runner import MethodRun, service_scores


def _run(tops: dict[str, tuple[str | None, str | None]]) -> MethodRun:
    """qid -> (first hit id, its kind); a None id is a no-match flag."""
    run = MethodRun("hybrid")
    for qid, (doc, kind) in tops.items():
        run.hits[qid] = [(doc, 1.0)] if doc else []
        run.flagged[qid] = doc is None
        if doc:
            run.top_kind[qid] = kind
    return run


QUERIES = [{"qid": q, "query": q, "tags": []} for q in ("a", "b", "c", "d", "e", "f")]
QRELS = {"a": {"QA1": 2, "QA2": 1}, "b": {"QA3": 2}}
SERVICES = {"b": {"M1": 2}, "c": {"M2": 2}, "d": {"M3": 1}}


def test_a_service_guide_that_answers_counts_and_an_unjudged_matter_is_unrelated():
    run = _run({"a": ("QA2", "qa"),          # a grade-1 Q&A is not the answer
                "b": ("M1", "matter"),       # the matter's guide answers it: right
                "c": ("M2", "matter"),       # only a matter answers it: right
                "d": ("M3", "matter"),       # next step only: not right, not unrelated
                "e": ("M9", "matter"),       # nobody answers e; an unjudged matter: unrelated
                "f": (None, None)})          # nobody answers f: flagged, right
    s = service_scores(run, QUERIES, QRELS, SERVICES)
    assert s["answerable"] == 3 and s["answered@1"] == 2 / 3
    assert s["unrelated_matter"] == 1 / 6
    assert s["no_match_recall_unanswerable"] == 1 / 3          # d, e, f: only f flagged


def test_a_baseline_without_kinds_reports_no_unrelated_share():
    run = _run({"a": ("QA1", None), "c": (None, None)})
    run.top_kind.clear()
    s = service_scores(run, QUERIES, QRELS, SERVICES)
    assert "unrelated_matter" not in s and s["answered@1"] == 1 / 3


def test_service_judgements_are_read_beside_the_qrels(tmp_path):
    queries = tmp_path / "dev.jsonl"
    queries.write_text('{"qid": "a", "query": "低保在哪里申请", "tags": []}\n', encoding="utf-8")
    qrels = tmp_path / "dev.qrels"
    qrels.write_text("a 0 QA1 2\n", encoding="utf-8")
    assert load_query_set(queries, qrels).services == {}
    services_path(qrels).write_text("a 0 M1 2\n", encoding="utf-8")
    assert services_path(qrels).name == "dev.services.qrels"
    assert load_query_set(queries, qrels).services == {"a": {"M1": 2}}


def test_the_reports_show_the_service_figures_only_when_the_set_has_them():
    from guide.eval_report import COLUMNS, markdown_report, terminal_table

    overall = {c: 0.5 for c in COLUMNS}
    analysis = {"reference": "hybrid", "paired": {}, "failed": [], "oos_confident": [], "oos_ambiguous": []}
    plain = {"hybrid": {"overall": overall, "per_tag": {}}}
    judged = {"hybrid": {"overall": {**overall, "answered@1": 0.849, "answerable": 86, "unrelated_matter": 0.043,
                                     "no_match_recall_unanswerable": 0.7}, "per_tag": {}}}
    assert not any("service judgements" in line for line in terminal_table(plain, analysis))
    assert "## With the service judgements" not in markdown_report("qa-dev", plain, {}, analysis)
    shown = " ".join(terminal_table(judged, analysis))
    assert "86 answerable" in shown and "answered@1 0.849" in shown and "unrelated_matter 0.043" in shown
    report = markdown_report("qa-dev", judged, {}, analysis)
    assert "## With the service judgements" in report and "no_match_recall_unanswerable 0.700" in report
