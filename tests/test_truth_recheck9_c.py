"""Facts corrected by the ninth independent 10% re-check, part C (docs/recheck9-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 9); part C covers 10 ids (RS, SCJG, SW, WJ). Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- RS-069 被征地农民社会保障: 土地管理法实施条例第三十二条第三款 is where the FAQ's "单独列支" comes
# from, so that source must cover the FAQ and its note must not claim the article only sets land prices --

def test_rs069_article_32_of_the_implementing_rules_covers_the_faq(catalog):
    m = matter(catalog, "370100-RS-069")
    src = next(s for s in m.sources
               if s.law == "《中华人民共和国土地管理法实施条例》" and s.article == "第三十二条")
    assert "faq" in src.covers
    assert "只规定区片综合地价" not in src.note
    assert "第三款" in src.note and "单独列支" in src.note
    faq = next(f for f in m.faq if "社保费用" in f.q)
    assert "单独列支" in faq.a


# --- SCJG-010 个体工商户注销登记: 市场主体登记管理条例第十九条第一款 lets the registrar extend the 3
# working days by another 3 in complex cases; the time-limit note must keep that extension -----------------

def test_scjg010_time_note_keeps_the_three_day_extension(catalog):
    m = matter(catalog, "370100-SCJG-010")
    assert m.time_limit.legal_days == 3
    note = m.time_limit.note
    assert "再延长3个工作日" in note and "负责人批准" in note
    assert "第十九条" in note
    assert "当场或3个工作日内办结；" not in note
