"""Facts corrected by the fifth pass, part H (docs/pass5-h.md): matters 370100-YB-025 .. 370100-ZRZY-031.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter

# --- ZJ-002 公共租赁住房申请: 社会救助暂行办法第四十条 — the route (via 乡镇/街道 or straight to the county
# housing department, 民政 + 住房保障 review, 公示, 优先保障) is set for 城镇家庭 only; 农村家庭 follow
# the county-level rules (第二款) ------------------------------------------------------------------------

def test_zj002_housing_relief_procedure_only_for_urban_families(catalog):
    m = matter(catalog, "370100-ZJ-002")
    cond = next(c for c in m.conditions if "住房救助" in c)
    assert cond.startswith("城镇住房困难的最低生活保障家庭")
    assert "优先给予保障" in cond
    assert "农村家庭申请住房救助按县级以上人民政府" in cond
    assert any(s.article == "第四十条" and "conditions" in s.covers for s in m.sources)


# --- ZJ-014 房屋安全鉴定: 山东省建设工程抗震设防条例第四十条 — the cost rule covers 抗震性能鉴定 and
# 抗震加固 only; 建设工程质量管理条例第四十二条 (buildings past their design life) says nothing on cost --------

def test_zj014_cost_rule_limited_to_seismic_assessment(catalog):
    m = matter(catalog, "370100-ZJ-014")
    faq = next(f for f in m.faq if "费用" in f.q)
    assert faq.a.startswith("抗震性能鉴定和抗震加固的费用由房屋所有权人或管理单位承担")
    assert "第四十条" in faq.a
    assert "第四十二条只规定由产权所有人委托，未规定费用" in faq.a


# --- ZRZY-015 抵押权变更登记: 民法典第四百零九条第一款 — without the other mortgagees' written consent the
# change may not harm them; their consent is not a condition of the change ------------------------------

def test_zrzy015_other_mortgagees_consent_not_a_precondition(catalog):
    m = matter(catalog, "370100-ZRZY-015")
    row = next(x for x in m.materials if x.name == "其他抵押权人的书面同意")
    assert row.required is False
    assert list(row.when) == ["others.affected"]
    assert "不以其同意作为变更的条件" in row.notes and "不得对其产生不利影响" in row.notes


# --- YB-029 城乡居民大病保险待遇: the FAQ names who gets 医疗救助 (低保家庭成员、特困供养人员); 社会救助暂行办法
# 第二十八条 sets that list, so it is a source for the FAQ --------------------------------------------------

def test_yb029_medical_aid_recipients_sourced(catalog):
    m = matter(catalog, "370100-YB-029")
    assert any(
        s.law == "《社会救助暂行办法》" and s.article == "第二十八条" and "faq" in s.covers for s in m.sources
    )
    faq = next(f for f in m.faq if "医疗救助" in f.q)
    assert "低保家庭成员" in faq.a and "特困供养人员" in faq.a
