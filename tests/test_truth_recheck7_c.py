"""Facts corrected by the seventh independent 10% re-check, part C (docs/recheck7-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 7); part C covers 10 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- MZ-010 养老机构备案: 《老年人权益保障法》第四十三条第三款 — a registered 养老机构 may start its
# services at once ("登记后即可开展服务活动") and files with the 民政 department; filing is not a
# precondition for taking in residents ------------------------------------------------------------

def test_mz010_filing_is_not_a_precondition_for_taking_in_residents(catalog):
    m = matter(catalog, "370100-MZ-010")
    faq = next(f for f in m.faq if "什么时候备案" in f.q)
    assert "收住老年人前备案" not in faq.a
    assert "补办" not in faq.a
    assert "登记后即可开展服务活动" in faq.a and "第四十三条" in faq.a
    assert "不是" in faq.a and "前提" in faq.a
    assert "收住老年人之前" not in m.summary and "收住老年人前" not in m.summary
    assert "登记后即可开展服务" in m.summary
    src = next(s for s in m.sources if "老年人权益保障法" in (s.law or "") and s.article == "第四十三条")
    assert "faq" in src.covers


def test_mz010_ministry_note_no_longer_claims_filing_before_intake(catalog):
    m = matter(catalog, "370100-MZ-010")
    src = next(s for s in m.sources if (s.title or "") == "养老机构管理办法")
    assert "收住前备案" not in (src.note or "")
