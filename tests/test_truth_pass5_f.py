"""Facts corrected by the fifth pass, part F (docs/pass5-f.md): RS-067 .. SW-022.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter


# --- SCJG-013 有限责任公司注销登记: 市场主体登记管理条例第三十三条第四款 (no simple route after 吊销 etc.);
# 公司法第二百三十九条 (the liquidation report goes to 股东会 or 人民法院) ------------------------------------

def test_scjg013_simple_route_faq_keeps_art33_exclusions(catalog):
    m = matter(catalog, "370100-SCJG-013")
    faq = next(f for f in m.faq if "更快注销" in f.q)
    assert "吊销营业执照" in faq.a and "经营异常名录" in faq.a and "须经批准" in faq.a
    assert "第三十三条第四款" in faq.a


def test_scjg013_liquidation_report_confirmed_by_shareholders_or_court(catalog):
    m = matter(catalog, "370100-SCJG-013")
    names = [x.name for x in m.materials]
    assert "经股东会确认的清算报告" not in names
    assert "经股东会或人民法院确认的清算报告" in names
