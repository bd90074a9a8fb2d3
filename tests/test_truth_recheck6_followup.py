"""Re-check findings applied to the other matters that said the same thing. First the sixth re-check's
JJ-032/JJ-036 finding, to the matters whose ID note had the same
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


def test_ga008_one_stop_move_is_practice_and_art_10_route_is_given(catalog):
    """The seventh re-check's GA-006 finding (docs/recheck7-a.md), where GA-008 said the same: the
    cross-province one-stop move is police practice; 户口登记条例 art. 10 has the person report the
    move-out first and collect the 迁移证件."""
    m = matter(catalog, "370100-GA-008")
    step = next(s for s in m.process if "一站式" in s)
    assert "第十条" in step and "迁移证件" in step and "便民做法" in step
    faq = next(f for f in m.faq if "迁移证" in f.q)
    assert "便民做法" in faq.a and "第十条" in faq.a


def test_cg001_discharge_approval_is_asked_by_the_builder_not_the_contractor(catalog):
    """docs/review4-rs2.md (outside its part): 济南市城市建筑垃圾管理条例 art. 15 has the 建设单位 and
    the 拆除工程组织实施单位 apply; the 施工单位 appears only in art. 21's emergency filing."""
    m = matter(catalog, "370100-CG-001")
    assert "建设单位、施工单位排放" not in m.summary
    assert "拆除工程组织实施单位" in m.summary and "城市管理局" in m.summary
