"""Facts corrected by the sixth pass, part H (docs/pass6-h.md): sorted ids 352..402 (YB-025..ZRZY-031),
checked for two kinds only: (g) a source credited with a field its article does not set, (h) a time limit
an already-cited article sets for a case the matter covers but leaves out. Each test fails if the old
content comes back.
"""

from tests.truth_helpers import matter

# --- YB-029 城乡居民大病保险待遇 (g): 社会救助暂行办法第二十九条 sets how 医疗救助 is given (after basic
# insurance, 大病保险 etc. have paid); it sets no condition, standard or ratio of 大病保险 itself -----------

def test_yb029_article_29_does_not_carry_the_critical_illness_conditions(catalog):
    m = matter(catalog, "370100-YB-029")
    src = next(s for s in m.sources if s.law == "《社会救助暂行办法》" and s.article == "第二十九条")
    assert "conditions" not in src.covers
    assert "process" in src.covers and "faq" in src.covers
    assert "没有规定大病保险本身的参保条件" in src.note and "未能核对" in src.note


# --- ZJ-008 商品房预售许可 (h): the notes name the prerequisite 划分物业服务区域 of 山东省物业管理条例第九条;
# its second paragraph gives the 物业主管部门 20 days from accepting the request ----------------------------

def test_zj008_property_area_division_keeps_its_20_days(catalog):
    m = matter(catalog, "370100-ZJ-008")
    assert "划分物业服务区域" in m.notes
    assert "二十日内" in m.notes and "第九条第二款" in m.notes
    assert any(s.law.startswith("《山东省物业管理条例》") and "第九条" in s.article for s in m.sources)
