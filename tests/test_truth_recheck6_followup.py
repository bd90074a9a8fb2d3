"""The sixth re-check's JJ-032/JJ-036 finding applied to the other matters whose ID note had the same
error (docs/recheck6-b.md, "outside my part"): 《机动车登记规定》第八十九条第（三）项 asks the
out-of-town owner for a residence proof only for 注册登记, 转让登记, 住所迁入 and 共同所有人变更."""
import pytest

from tests.truth_helpers import matter


@pytest.mark.parametrize("mid", ["370100-JJ-031", "370100-JJ-033", "370100-JJ-035", "370100-JJ-037",
                                 "370100-JJ-039"])
def test_services_outside_the_four_need_no_residence_proof(catalog, mid):
    m = matter(catalog, mid)
    note = next(x for x in m.materials if "身份证明" in x.name).notes
    assert "另需居住证明" not in note and "免交居住证明" in note and "第八十九条" in note
    assert any("机动车登记规定" in s.law and "第八十九条" in s.article and "materials" in s.covers for s in m.sources)
