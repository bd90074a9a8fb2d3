"""Errors the fourth pass introduced in MZ / YB, found by the review of its changes
(docs/review4-mz.md). Each test fails if the introduced wording comes back."""

from tests.truth_helpers import matter


def _faq(m, word):
    return next(f for f in m.faq if word in f.q)


# --- MZ-001: 婚姻登记条例 arts. 5-7 list the papers but say nothing of 婚检 being voluntary, and
# 母婴保健法 art. 12 still asks for a 婚前医学检查证明 at registration ----------------------------------

def test_mz001_premarital_check_faq_does_not_claim_voluntary_from_regulation(catalog):
    m = matter(catalog, "370100-MZ-001")
    a = _faq(m, "婚检").a
    assert "自愿" not in a and "不查验" not in a
    assert "母婴保健法" in a and "第十二条" in a
    src = next(s for s in m.sources if "母婴保健法" in s.law)
    assert src.article == "第十二条" and "faq" in src.covers
    assert any("母婴保健法" in b for b in m.legal_basis)


# --- MZ-009: 社团条例 art. 28 routes the annual report through the 业务主管单位; the same matter says
# four kinds register directly without one, so the FAQ may not give that route to every 社团 ----------

def test_mz009_annual_report_route_limited_to_groups_with_supervisor(catalog):
    m = matter(catalog, "370100-MZ-009")
    a = _faq(m, "成立后").a
    assert "3月31日" in a and "5月31日" in a and "第二十八条" in a
    assert "有业务主管单位的" in a
    assert "没有业务主管单位" in a
