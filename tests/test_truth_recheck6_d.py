"""Facts touched by the sixth independent 10% re-check, part D (docs/recheck6-d.md).

Sample: 41 of 403 matters, random.seed(20261201 * 6); part D covers 11 ids. None of the 11 needed a
correction under the first re-check's definition. The tests below pin the small consistency fixes made
on the way (not counted as errors), each against the article it comes from, so they fail if the old
content comes back.
"""


from tests.truth_helpers import matter


def _basis(m, law):
    return [b for b in m.legal_basis if law in b]


# --- YB-024 医疗保障基金违法违规行为举报: 《社会保险法》第八十二条第二款 ---------------------------------

def test_yb024_transfer_outside_remit_is_notified_in_writing(catalog):
    m = matter(catalog, "370100-YB-024")
    # art. 82(2): a report outside the body's remit is notified in writing and handed to the body
    # that may deal with it, which must deal with it promptly
    step = next(p for p in m.process if p.startswith("处理"))
    assert "书面通知" in step and "移交" in step
    assert "不得推诿" in step


# --- legal_basis names every law that `sources` cites ---------------------------------------------

def test_yb001_legal_basis_names_the_social_assistance_rule(catalog):
    m = matter(catalog, "370100-YB-001")
    # 社会救助暂行办法 arts. 28, 29(1)(1): medical-assistance recipients, subsidy of the resident premium
    assert any(s.law == "《社会救助暂行办法》" for s in m.sources)
    b = _basis(m, "《社会救助暂行办法》")
    assert b and "第二十八条" in b[0] and "第二十九条" in b[0]


def test_yb007_legal_basis_names_the_no_double_benefit_rule(catalog):
    m = matter(catalog, "370100-YB-007")
    # 医疗保障基金使用监督管理条例 art. 17(3): benefits may not be enjoyed twice
    b = _basis(m, "《医疗保障基金使用监督管理条例》")
    assert b and "第十七条" in b[0]


def test_zj001_legal_basis_names_supervision_and_fee_articles(catalog):
    m = matter(catalog, "370100-ZJ-001")
    # 建设工程质量管理条例 art. 12 (works that must be supervised), art. 13 (quality supervision
    # merged with the permit); 行政许可法 art. 58 (no fee for a licence)
    q = _basis(m, "《建设工程质量管理条例》")
    assert q and "第十二条" in q[0] and "第十三条" in q[0]
    f = _basis(m, "《中华人民共和国行政许可法》")
    assert f and "第五十八条" in f[0]
    assert m.fee.charged is False
