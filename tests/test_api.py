import pytest

from guide.webapp import create_app


@pytest.fixture()
def client(tiny_guide, tiny_settings):
    return create_app(tiny_settings, guide=tiny_guide).test_client()


def test_healthz(client, tiny_guide):
    body = client.get("/healthz").get_json()
    assert body["build_id"] == tiny_guide.build_id and body["matters"] == 7


def test_search_returns_typed_hits(client, tiny_guide):
    body = client.get("/api/search", query_string={"q": "身份证丢了", "k": 3}).get_json()
    assert body["results"][0]["id"] == "370100-GA-003"
    assert set(body["results"][0]) == {"id", "name", "kind", "department", "score", "matched"}
    assert body["confidence"] == "confident"
    assert body["confidence"] == tiny_guide.search("身份证丢了", k=3).confidence     # the service's own verdict
    nonsense = client.get("/api/search", query_string={"q": "今天天气怎么样"}).get_json()
    assert nonsense["confidence"] == "no_match"


@pytest.mark.parametrize("params, field", [({}, "q"), ({"q": "  "}, "q"), ({"q": "x" * 201}, "q"),
                                           ({"q": "身份证", "k": "abc"}, "k"), ({"q": "身份证", "k": 0}, "k"),
                                           ({"q": "身份证", "kind": "x"}, "kind"),
                                           ({"q": "身份证", "department": "NOPE"}, "department")])
def test_search_bad_input_is_400_json(client, params, field):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400
    assert response.get_json()["field"] == field


def test_matter_json_twin_and_404(client):
    assert client.get("/api/matters/370100-GA-002").get_json()["name"] == "居民身份证换领"
    response = client.get("/api/matters/nope")
    assert response.status_code == 404 and response.get_json()["status"] == 404


# ---------------------------------------------------------------- department filter (issue 19)

def _result(ids, confidence, query="身份证", names=None):
    from guide.search.types import Confidence, Hit, SearchResult, Signals

    hits = tuple(Hit(i, (names or {}).get(i, i), "matter", i.split("-")[1], 1.0 / (n + 1)) for n, i in enumerate(ids))
    return SearchResult(query, query, hits, Confidence(confidence), Signals(3, 1.0, 0.9, False, 1.0, 0.5))


@pytest.mark.parametrize("filtered, unfiltered, verdict", [
    ((["370100-GJJ-013"], "confident"), (["370100-GA-004", "370100-GA-001"], "ambiguous"), "no_match"),
    ((["370100-GA-001"], "confident"), (["370100-GA-004", "370100-GA-001"], "ambiguous"), "confident"),
    ((["370100-GA-001"], "ambiguous"), (["370100-GA-001"], "no_match"), "no_match"),
    ((["370100-GA-001", "370100-GA-009"], "no_match"), (["370100-GA-001"], "confident"), "no_match"),
])
def test_filtered_verdict_needs_the_unfiltered_search_to_agree(filtered, unfiltered, verdict):
    from guide.webapp.api import within_department

    before = _result(*filtered)
    after = within_department(before, _result(*unfiltered))
    assert str(after.confidence) == verdict
    assert after.hits == before.hits                    # the hits stay, only the verdict changes


def test_filtered_verdict_only_within_the_unfiltered_depth():
    from guide.webapp.api import within_department

    unfiltered = _result([f"370100-GA-{n:03d}" for n in range(1, 13)], "confident")
    assert str(within_department(_result(["370100-GA-010"], "confident"), unfiltered, depth=10).confidence) == "confident"
    assert str(within_department(_result(["370100-GA-011"], "confident"), unfiltered, depth=10).confidence) == "no_match"


def test_a_keyword_in_the_top_hits_name_is_a_match_within_the_department():
    """"变更" narrowed to 公积金中心: the unfiltered search ranks other departments' 变更 first."""
    from guide.webapp.api import within_department

    unfiltered = _result([f"370100-SCJG-{n:03d}" for n in range(1, 13)], "ambiguous", query="变更")
    named = _result(["370100-GJJ-007"], "ambiguous", query="变更", names={"370100-GJJ-007": "住房公积金单位缴存信息变更"})
    assert str(within_department(named, unfiltered).confidence) == "ambiguous"
    alias_only = _result(["370100-GJJ-013"], "confident", names={"370100-GJJ-013": "住房公积金个人账户信息变更"})
    assert str(within_department(alias_only, unfiltered).confidence) == "no_match"


@pytest.fixture(scope="module")
def shipped_client(shipped_guide, shipped_settings):
    return create_app(shipped_settings, guide=shipped_guide).test_client()


def test_department_filter_without_a_match_is_no_match(shipped_client, shipped_guide):
    """The counter staff's case: "身份证" with 公积金中心 selected found six 公积金 matters (each lists
    the ID card as a material) and called the search confident."""
    assert str(shipped_guide.search("身份证", k=10, department="GJJ").confidence) == "confident"   # the raw search
    body = shipped_client.get("/api/search", query_string={"q": "身份证", "k": 10, "department": "GJJ"}).get_json()
    assert body["confidence"] == "no_match"
    assert body["results"] and all(r["department"] == "GJJ" for r in body["results"])
    police = shipped_client.get("/api/search", query_string={"q": "身份证", "k": 10, "department": "GA"}).get_json()
    assert police["confidence"] != "no_match" and police["results"][0]["id"].startswith("370100-GA-")
    fund = shipped_client.get("/api/search", query_string={"q": "住房公积金提取", "department": "GJJ"}).get_json()
    assert fund["confidence"] != "no_match"
    assert "370100-GJJ-001" in [r["id"] for r in fund["results"]]
    keyword = shipped_client.get("/api/search", query_string={"q": "变更", "department": "GJJ"}).get_json()
    assert keyword["confidence"] != "no_match" and "变更" in keyword["results"][0]["name"]
    unfiltered = shipped_client.get("/api/search", query_string={"q": "身份证", "k": 10}).get_json()
    assert unfiltered["confidence"] == str(shipped_guide.search("身份证", k=10).confidence)    # no filter: untouched
