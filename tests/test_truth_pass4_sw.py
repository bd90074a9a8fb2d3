"""Facts corrected by the fourth full pass over the SCJG (市场监管) and SW (税务) matters
(docs/pass4-sw.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _source_articles(m, law_part):
    return " ".join(s.article or "" for s in m.sources if law_part in (s.law or ""))


# --- SCJG-001 食品经营许可（新办）: 《行政许可法》第三十二条、第五十条 --------------------------------

def test_scjg001_acceptance_step_and_renewal_faq_are_cited(catalog):
    m = matter(catalog, "370100-SCJG-001")
    step = next(p for p in m.process if p.startswith("受理"))
    assert "5日内一次告知" in step
    arts = _source_articles(m, "行政许可法")
    assert "第三十二条" in arts and "第五十条" in arts


# --- SCJG-006 / SCJG-007 / SCJG-008: 《食品安全法》第三十五条 --------------------------------------

def test_scjg006_007_008_licence_duty_cites_food_safety_law_art35(catalog):
    for mid in ("370100-SCJG-006", "370100-SCJG-007", "370100-SCJG-008"):
        m = matter(catalog, mid)
        assert "第三十五条" in _source_articles(m, "食品安全法"), mid


def test_scjg007_fixed_site_definition_cites_art2(catalog):
    m = matter(catalog, "370100-SCJG-007")
    assert "第二条" in _source_articles(m, "山东省食品小作坊")


# --- SCJG-011 有限责任公司设立登记: 《公司法》第六十八条 ---------------------------------------------

def test_scjg011_board_has_three_or_more_members(catalog):
    m = matter(catalog, "370100-SCJG-011")
    cond = next(c for c in m.conditions if "设董事会" in c)
    assert "三人以上" in cond
    assert "第六十八条" in _source_articles(m, "公司法")


# --- SCJG-012 有限责任公司变更登记: 《公司法》第二百二十四条 -----------------------------------------

def test_scjg012_capital_reduction_needs_creditor_notice(catalog):
    m = matter(catalog, "370100-SCJG-012")
    cond = next(c for c in m.conditions if c.startswith("减少注册资本"))
    assert "10日内通知债权人" in cond and "资产负债表" in cond
    assert "第二百二十四条" in _source_articles(m, "公司法")


# --- SCJG-013 公司一般注销: 《市场主体登记管理条例》第三十四条 --------------------------------------

def test_scjg013_court_route_cites_art34(catalog):
    m = matter(catalog, "370100-SCJG-013")
    assert "第三十四条" in _source_articles(m, "市场主体登记管理条例")


# --- SCJG-016 药品零售企业经营许可: 《医疗器械监督管理条例》第四十一条 -------------------------------

def test_scjg016_device_faq_keeps_exemption_and_cites_regulation(catalog):
    m = matter(catalog, "370100-SCJG-016")
    faq = next(f for f in m.faq if "医疗器械" in f.q)
    assert "免于备案" in faq.a
    assert any("医疗器械监督管理条例" in (s.law or "") for s in m.sources)


# --- SCJG-018 特种设备使用登记: 《特种设备安全法》第十四条、第二十五条 ---------------------------------

def test_scjg018_staff_qualification_and_inspection_are_cited(catalog):
    m = matter(catalog, "370100-SCJG-018")
    arts = _source_articles(m, "特种设备安全法")
    assert "第十四条" in arts and "第二十五条" in arts
    assert any("取得相应资格" in c for c in m.conditions)


# --- SCJG-020 农民专业合作社设立登记: 《农民专业合作社法》第十四条、第三十三条 -----------------------------

def test_scjg020_chair_is_mandatory_board_optional(catalog):
    m = matter(catalog, "370100-SCJG-020")
    cond = next(c for c in m.conditions if "组织机构" in c)
    assert "理事长或理事会" not in cond
    assert "设理事长一名" in cond and "可以设理事会" in cond
    arts = _source_articles(m, "农民专业合作社法")
    assert "第十四条" in arts and "第三十三条" in arts
