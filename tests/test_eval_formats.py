"""Outside query sets (BEIR files), our sets exported as BEIR, and cross-checks with beir and ranx."""
import json
import warnings

import pytest

from guide.config import PROJECT_ROOT
from guide.eval_formats import export_beir, load_query_set
from guide.eval_runner import run_evaluation, write_reports
from guide.evaluation import EvalFileError, load_qrels, load_queries

DEV_QUERIES, DEV_QRELS = PROJECT_ROOT / "eval" / "dev.jsonl", PROJECT_ROOT / "eval" / "dev.qrels"
SETS = {s: (PROJECT_ROOT / "eval" / f"{s}.jsonl", PROJECT_ROOT / "eval" / f"{s}.qrels") for s in ("dev", "test")}


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_formats_are_read_from_content_in_any_combination(tmp_path):
    ours = _write(tmp_path / "a.txt", '{"qid": "q1", "query": "办身份证", "tags": ["x"]}\n'
                                      '{"qid": "q2", "query": "天气", "tags": ["out_of_scope"]}\n')
    beir = _write(tmp_path / "b.txt", '{"_id": "q1", "text": "办身份证"}\n'
                                      '{"_id": "q2", "text": "天气", "metadata": {"tags": ["out_of_scope"]}}\n')
    trec = _write(tmp_path / "r1", "q1 0 D1 2\nq1 0 D2 1\n")
    tsv = _write(tmp_path / "r2", "query-id\tcorpus-id\tscore\nq1\tD1\t2\nq1\tD2\t1\n")
    bare_tsv = _write(tmp_path / "r3", "q1\tD1\t2\nq1\tD2\t1\n")     # no header: the first row is kept
    for queries in (ours, beir):
        for qrels in (trec, tsv, bare_tsv):
            qs = load_query_set(queries, qrels)
            assert qs.qrels == {"q1": {"D1": 2, "D2": 1}}
            assert [(q["qid"], q["query"]) for q in qs.queries] == [("q1", "办身份证"), ("q2", "天气")]
    assert load_query_set(beir, tsv).queries_format == "beir" and load_query_set(ours, trec).qrels_format == "trec"


def test_unjudged_beir_queries_are_skipped_unless_out_of_scope_in_this_split(tmp_path):
    queries = _write(tmp_path / "queries.jsonl", "\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"_id": "d1", "text": "a", "metadata": {"split": "dev"}},
        {"_id": "d2", "text": "b", "metadata": {"split": "dev", "tags": ["out_of_scope"]}},
        {"_id": "t1", "text": "c", "metadata": {"split": "test", "tags": ["out_of_scope"]}},
        {"_id": "t2", "text": "d", "metadata": {"split": "test"}},      # judged in another split
        {"_id": "x", "text": "e", "metadata": {"tags": ["out_of_scope"]}}]) + "\n")
    qrels = _write(tmp_path / "qrels" / "dev.tsv", "query-id\tcorpus-id\tscore\nd1\tD\t1\n")
    qs = load_query_set(queries, qrels)
    assert [q["qid"] for q in qs.queries] == ["d1", "d2", "x"] and qs.skipped == 2


@pytest.mark.parametrize("name, text, message", [
    ("q.jsonl", '{"_id": "a", "text": "x"}\n{"_id": "b"}\n', r"q.jsonl:2: a BEIR query needs string fields _id and text"),
    ("q.jsonl", '{"_id": "a", "text": "x"}\n{"_id": "a", "text": "y"}\n', r"q.jsonl:2: duplicate _id 'a'"),
    ("q.jsonl", '\n{"id": "a", "question": "x"}\n', r"q.jsonl:2: neither our query format"),
    ("q.jsonl", '{"qid": "a", "query": "x"}\nnot json\n', r"q.jsonl:2: not JSON"),
    ("corpus.jsonl", '{"_id": "D", "title": "t", "text": "x"}\n', r"corpus.jsonl:1: .*corpus"),
])
def test_bad_query_files_name_file_and_line(tmp_path, name, text, message):
    qrels = _write(tmp_path / "r.qrels", "a 0 D 2\n")
    with pytest.raises(EvalFileError, match=message):
        load_query_set(_write(tmp_path / name, text), qrels)


@pytest.mark.parametrize("text, message", [
    ("query-id\tcorpus-id\tscore\na\tD\t1\nb\tD\thigh\n", r"r:3: expected 'query-id<TAB>corpus-id<TAB>score'"),
    ("query-id\tcorpus-id\tscore\na D 1\n", r"r:2: expected 'query-id<TAB>corpus-id<TAB>score'"),
    ("a 0 D 2\na 0 D\n", r"r:2: expected 'qid 0 doc_id grade'"),
    ("a,D,2\n", r"r:1: neither TREC qrels .* nor BEIR TSV"),
    ("\n\n", r"r: no judgments"),
])
def test_bad_qrels_name_file_and_line(tmp_path, text, message):
    queries = _write(tmp_path / "q.jsonl", '{"qid": "a", "query": "x"}\n')
    with pytest.raises(EvalFileError, match=message):
        load_query_set(queries, _write(tmp_path / "r", text))


def test_qrels_that_judge_none_of_the_beir_queries_are_an_error(tmp_path):
    queries = _write(tmp_path / "q.jsonl", '{"_id": "a", "text": "x"}\n')
    with pytest.raises(EvalFileError, match=r"r.qrels: no judged query of .*q.jsonl"):
        load_query_set(queries, _write(tmp_path / "r.qrels", "b 0 D 2\n"))


@pytest.fixture(scope="module")
def exported(tiny_guide, tmp_path_factory):
    out = tmp_path_factory.mktemp("beir")
    summary = export_beir(tiny_guide.all_entries(), SETS, out)
    return out, summary


def _load_with_beir(folder, split):
    from beir.datasets.data_loader import GenericDataLoader

    with warnings.catch_warnings():             # beir 2.2 leaves its files to the garbage collector
        warnings.simplefilter("ignore", ResourceWarning)
        return GenericDataLoader(data_folder=str(folder)).load(split=split)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_export_loads_with_beirs_generic_data_loader(exported, tiny_guide, split):
    folder, summary = exported
    corpus, queries, qrels = _load_with_beir(folder, split)
    assert sorted(corpus) == sorted(tiny_guide.ids) and summary["corpus"] == len(tiny_guide.ids)
    gone = tiny_guide.get("370100-GA-003")
    assert corpus["370100-GA-003"]["title"] == gone.name
    assert all(alias in corpus["370100-GA-003"]["text"] for alias in gone.aliases) and gone.summary in \
        corpus["370100-GA-003"]["text"]
    ours_queries, ours_qrels = load_queries(SETS[split][0]), load_qrels(SETS[split][1])
    assert qrels == ours_qrels
    assert queries == {q["qid"]: q["query"] for q in ours_queries if q["qid"] in ours_qrels}
    assert summary["splits"][split]["queries"] == len(ours_queries)


def test_an_exported_set_evaluates_as_the_original(exported, tiny_guide):
    folder, _ = exported
    methods = ["hybrid", "lexical"]
    ours = run_evaluation(tiny_guide, DEV_QUERIES, DEV_QRELS, methods, baselines=False)
    theirs = run_evaluation(tiny_guide, folder / "queries.jsonl", folder / "qrels" / "dev.tsv", methods,
                            baselines=False)
    assert theirs.query_set.queries_format == "beir" and theirs.query_set.skipped > 0   # the test split
    for method in methods:
        a, b = ours.results[method]["overall"], theirs.results[method]["overall"]
        assert {k: v for k, v in a.items() if "latency" not in k} == {k: v for k, v in b.items() if "latency" not in k}
        assert ours.results[method]["ci"] == theirs.results[method]["ci"]
    assert ours.analysis["failed"] == theirs.analysis["failed"]
    assert ours.analysis["oos_confident"] == theirs.analysis["oos_confident"]


def test_ranx_gives_our_numbers_for_the_written_run(tiny_guide, tmp_path):
    """Our recall and MRR count only the answers (top grade, 2 here): ranx's relevance level 2 (-l2);
    our nDCG has 2^grade - 1 gains: ranx's ndcg_burges. Plain ranx recall/mrr also count grade-1 ids
    and plain ndcg uses linear gains, so those differ by definition."""
    from ranx import Qrels, Run, evaluate

    outcome = run_evaluation(tiny_guide, DEV_QUERIES, DEV_QRELS, ["hybrid", "dense"], baselines=False)
    write_reports(tmp_path, "dev", outcome.results, outcome.runs, {}, outcome.analysis)
    qrels = Qrels.from_file(str(DEV_QRELS), kind="trec")
    checked = 0
    for method in ("hybrid", "dense"):
        run = Run.from_file(str(tmp_path / f"dev.{method}.run"), kind="trec")
        theirs = evaluate(qrels, run, ["recall@1-l2", "recall@5-l2", "mrr@10-l2", "ndcg_burges@10"],
                          make_comparable=True)
        ours = outcome.results[method]["overall"]
        assert ours["recall@1"] > 0                             # the tiny catalog answers some dev questions
        for mine, name in (("recall@1", "recall@1-l2"), ("recall@5", "recall@5-l2"), ("mrr@10", "mrr@10-l2"),
                           ("ndcg@10", "ndcg_burges@10")):
            assert ours[mine] == pytest.approx(theirs[name], abs=1e-9), (method, mine)
            checked += 1
    assert checked == 8
