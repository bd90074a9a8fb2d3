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
