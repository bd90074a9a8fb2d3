"""Several catalog folders and the policy Q&A in one build: regions nest, a sibling region is never
seen, Q&A answers are retrieved and quoted with their basis; all on the hash-seeded test encoder."""
from __future__ import annotations

import os

import pytest
import yaml

from guide.build import build_index
from guide.chat import ChatService, InputError
from guide.config import load_settings
from guide.runtime import RuntimeStore
from guide.search.types import FilterError
from guide.service import Guide
from guide.webapp import create_app
from tests.conftest import make_guangzhou_catalog, make_tiny_catalog

QAS = [
    {"id": "000000-QA-ZJ-001", "question": "居民身份证的有效期是多久？", "variants": ["身份证有效期几年"],
     "answer": "按年龄分档：十六周岁至二十五周岁的为十年，二十六周岁至四十五周岁的为二十年，四十六周岁以上的为长期。",
     "topic": "ZJ", "department": "GA", "basis": [{"law": "《中华人民共和国居民身份证法》", "article": "第五条"}],
     "related": ["370100-GA-002"], "updated": "2026-12-01"},
    {"id": "000000-QA-GJJ-001", "question": "住房公积金的缴存比例最低是多少？", "variants": ["公积金缴存比例"],
     "answer": "职工和单位的缴存比例均不得低于职工上一年度月平均工资的百分之五。", "topic": "GJJ",
     "department": "GJJ", "basis": [{"law": "《住房公积金管理条例》", "article": "第十八条"}],
     "related": ["370100-GJJ-001"], "updated": "2026-12-01"},
]


@pytest.fixture(scope="module")
def two_regions(tmp_path_factory):
    root = tmp_path_factory.mktemp("regions")
    jinan = make_tiny_catalog(root)
    gz = make_guangzhou_catalog(root, jinan)
    qa_dir = root / "qa"
    for qa in QAS:
        folder = qa_dir / qa["topic"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{qa['id']}.yaml").write_text(yaml.safe_dump(qa, allow_unicode=True), encoding="utf-8")
    settings = load_settings(env={}, catalog_dirs=os.pathsep.join([str(jinan), str(gz)]), qa_dir=str(qa_dir),
                             index_dir=str(root / "index"), runtime_db=str(root / "rt.db"), model="hash")
    build_index(settings)
    return settings, Guide.load(settings=settings)


def test_one_build_holds_both_catalogs_and_the_qa(two_regions):
    settings, guide = two_regions
    assert guide.served_regions == ("370100", "440100")
    assert {"matter", "bundle", "qa"} == set(guide.kinds.tolist())
    assert guide.manifest.data["qas"] == 2 and guide.manifest.data["regions"] == ["000000", "370100", "440100"]


def test_a_region_sees_itself_and_its_ancestors_never_a_sibling(two_regions):
    _, guide = two_regions
    jinan = guide.search("身份证丢了怎么补办", k=10)
    assert jinan.hits[0].id == "370100-GA-003"
    assert all(not h.id.startswith("440100") for h in jinan.hits)
    gz = guide.search("身份证丢了怎么补办", k=10, region="440100")
    assert gz.hits[0].id == "440100-GZGA-003"
    assert all(not h.id.startswith("370100") for h in gz.hits)
    national = guide.search("身份证有效期几年", k=3, region="440100")
    assert national.hits[0].id == "000000-QA-ZJ-001"            # national rules are seen from every region
    with pytest.raises(FilterError) as err:
        guide.check_filters(None, None, None, "440000")
    assert err.value.field == "region" and "370100" in str(err.value) and "440100" in str(err.value)


def test_another_regions_catalog_in_the_build_leaves_this_regions_rankings_as_they_were(two_regions, tmp_path):
    """BM25 statistics are the asking region's: Jinan's hits and scores with Guangzhou's catalog in
    the build equal those of a build without it (the unscoped statistics would shift every idf)."""
    settings, both = two_regions
    jinan_dir = settings.catalog_dirs.split(os.pathsep)[0]
    alone = load_settings(env={}, catalog_dir=jinan_dir, qa_dir=settings.qa_dir, index_dir=str(tmp_path / "index"),
                          runtime_db=str(tmp_path / "rt.db"), model="hash")
    build_index(alone)
    jinan = Guide.load(settings=alone)
    for query in ("身份证丢了怎么补办", "公积金提取", "开饭店要办什么证", "身份证有效期几年", "补办"):
        want, got = jinan.search(query, k=8), both.search(query, k=8, region="370100")
        assert [h.id for h in got.hits] == [h.id for h in want.hits], query
        assert [round(h.score, 4) for h in got.hits] == [round(h.score, 4) for h in want.hits], query
        assert got.confidence == want.confidence, query
    gz = both.searcher.retrievers_for("440100")["body_words"].index
    assert gz.params["n_docs_visible"] < both.searcher.retrievers["body_words"].index.n_docs


def test_an_eval_question_with_its_own_region_is_searched_from_there(two_regions, tmp_path):
    """eval/gd: a Guangzhou resident's question carries region 440100 and is judged there, whatever
    region the run asks from; the others are asked from the run's region."""
    import json

    from guide.eval_runner import evaluate

    _, guide = two_regions
    rows = [{"qid": "gz", "query": "身份证丢了怎么补办", "tags": [], "region": "440100"},
            {"qid": "jn", "query": "身份证丢了怎么补办", "tags": []}]
    (tmp_path / "q.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "q.qrels").write_text("gz 0 440100-GZGA-003 2\njn 0 370100-GA-003 2\n", encoding="utf-8")
    _, runs = evaluate(guide, tmp_path / "q.jsonl", tmp_path / "q.qrels", ["hybrid"], baselines=False,
                       region="370100", kind="service")
    assert runs["hybrid"].hits["gz"][0][0] == "440100-GZGA-003"
    assert runs["hybrid"].hits["jn"][0][0] == "370100-GA-003"
    (tmp_path / "bad.jsonl").write_text('{"qid": "x", "query": "身份证", "region": "广州"}\n', encoding="utf-8")
    from guide.evaluation import EvalFileError, load_queries
    with pytest.raises(EvalFileError, match="bad.jsonl:1: region"):
        load_queries(tmp_path / "bad.jsonl")


def test_api_takes_region_and_names_the_served_ones(two_regions):
    settings, guide = two_regions
    client = create_app(settings, guide=guide).test_client()
    body = client.get("/api/search", query_string={"q": "身份证丢了怎么补办", "region": "440100"}).get_json()
    assert body["results"][0]["id"] == "440100-GZGA-003"
    bad = client.get("/api/search", query_string={"q": "身份证", "region": "999999"})
    assert bad.status_code == 400 and bad.get_json()["field"] == "region" and "440100" in bad.get_json()["message"]
    assert client.get("/healthz").get_json()["regions"] == ["370100", "440100"]
    qa = client.get("/api/search", query_string={"q": "公积金缴存比例最低多少", "kind": "qa"}).get_json()
    assert [r["kind"] for r in qa["results"]] == ["qa"] * len(qa["results"]) and qa["results"]
    chat = client.post("/api/chat", json={"message": "身份证丢了怎么补办", "region": "440100"}).get_json()
    assert chat["matter"]["id"] == "440100-GZGA-003"
    again = client.post("/api/chat", json={"message": "身份证丢了怎么补办", "session_id": chat["session_id"]})
    assert again.get_json()["matter"]["id"] == "440100-GZGA-003"          # the session keeps its region
    assert client.post("/api/chat", json={"message": "身份证", "region": "440000"}).status_code == 400


def test_a_policy_question_is_answered_with_the_qa_and_offers_its_matter(two_regions, tmp_path):
    _, guide = two_regions
    chat = ChatService(guide, RuntimeStore(tmp_path / "rt.db"))
    reply = chat.turn("身份证有效期几年")
    assert reply["type"] == "qa" and reply["matter"]["id"] == "000000-QA-ZJ-001"
    qa = guide.get("000000-QA-ZJ-001")
    assert qa.answer in reply["text"] and "《中华人民共和国居民身份证法》第五条" in reply["text"]
    assert reply["view"]["basis"] == ["《中华人民共和国居民身份证法》第五条"]
    assert [o["id"] for o in reply["options"]] == ["370100-GA-002"]       # the next step: the related matter
    step = chat.turn(None, reply["session_id"], "370100-GA-002")
    assert step["matter"]["id"] == "370100-GA-002" and step["type"] in ("situation", "answer")
    with pytest.raises(InputError) as err:
        chat.turn("身份证", region="12")
    assert err.value.field == "region"


def test_related_ids_of_a_qa_must_exist(tmp_path):
    from guide.catalog import CatalogError
    from guide.loader import load_all

    jinan = make_tiny_catalog(tmp_path)
    qa_dir = tmp_path / "qa" / "ZJ"
    qa_dir.mkdir(parents=True)
    (qa_dir / "x.yaml").write_text(yaml.safe_dump({**QAS[0], "related": ["370100-GA-999"]}, allow_unicode=True),
                                   encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_all(load_settings(env={}, catalog_dir=str(jinan), qa_dir=str(tmp_path / "qa")))
    assert any(p.field == "related[0]" and "370100-GA-999" in p.message for p in info.value.problems)


@pytest.mark.parametrize("text, form", [
    ("失业金能领几个月", "policy"), ("试用期最长多久", "policy"), ("身份证有效期几年", "policy"),
    ("失业金怎么领", "service"), ("公积金怎么取出来", "service"), ("办护照要带什么材料", "service"),
    ("开饭馆要办什么证", "service"), ("什么样的家庭能申请低保", "neutral"),
    ("看病的钱怎么报", "service"), ("驾校咋报名", "service"),       # 报 asks the procedure like 报销
    # a span told (前几天, 那几年) asks no duration; 几年 asked still does
    ("前几天丢了身份证怎么补办", "service"), ("驾照几年换一次", "policy"),
    # naming a service, or "what about …" after a question, asks for the service, not a rule
    ("住房公积金提取", "plain"), ("给孩子改名字", "plain"), ("那低保呢", "plain")])
def test_question_form_weighs_qa_against_matters(text, form):
    from guide.search.form import question_form

    assert question_form(text) == form
