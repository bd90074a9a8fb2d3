"""Facts corrected by the third independent 10% re-check, helper C (docs/recheck3-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 3) on main at 1adef50; this file covers the 13 ids
of part C. Each test pins one corrected fact against the statute text it comes from, so it fails if
the old content comes back.
"""


from tests.truth_helpers import matter, names

# --- WL-004 营业性演出审批 -------------------------------------------------------------------------
# 《营业性演出管理条例》第六条、第七条、第九条、第十二条: only 文艺表演团体 and 演出经纪机构 hold a
# 营业性演出许可证; 个体演员 and 演出场所经营单位 register and file (备案), yet may hold shows.


def test_wl004_licence_only_for_agencies_and_troupes(catalog):
    m = matter(catalog, "370100-WL-004")
    organizer = next(s for s in m.situations if s.id == "organizer")
    assert {o.id for o in organizer.options} == {"agency", "troupe", "individual", "venue_op"}
    licence = "举办单位营业性演出许可证"
    assert licence in names(m, {"organizer": "agency"})
    assert licence in names(m, {"organizer": "troupe"})
    # the old list asked every organiser for the licence
    assert licence not in names(m, {"organizer": "individual"})
    assert licence not in names(m, {"organizer": "venue_op"})
    assert "举办单位营业执照" in names(m, {"organizer": "individual"})
    # the first condition no longer says every organiser holds the licence
    assert not any("举办单位为取得营业性演出许可证" in c for c in m.conditions)
    assert any("个体演员" in c and "演出经纪机构" in c for c in m.conditions)
    src = next(s for s in m.sources if "第七条" in s.article and "营业性演出" in s.law)
    assert "materials" in src.covers


# 《大型群众性活动安全管理条例》第二条第二款, 第十二条: the 1000-person security permit does not apply to
# 影剧院、音乐厅、娱乐场所 within their daily business; the police level follows the expected crowd.

def test_wl004_large_event_permit_states_the_theatre_exception(catalog):
    m = matter(catalog, "370100-WL-004")
    permit = next(x for x in m.materials if x.name == "大型群众性活动安全许可文件")
    assert "日常业务范围内" in permit.notes and "不适用" in permit.notes
    assert "区县或市公安机关" in permit.notes
    src = next(s for s in m.sources if "大型群众性活动" in s.law)
    assert "第二条" in src.article and "第十二条" in src.article
    assert "materials" in src.covers
    assert any("大型群众性活动安全管理条例》第二条" in b for b in m.legal_basis)


# --- ZJ-009 新建商品房买卖合同网签备案: 《山东省商品房销售条例》第十一条、第十四条 ---------------------
# Art. 11: the 30-day filing and 15-day notice are duties for 预售 contracts only; art. 14: 现售 needs
# the project filing before sale.

def test_zj009_deadlines_limited_to_presale_contracts(catalog):
    m = matter(catalog, "370100-ZJ-009")
    faq = next(f for f in m.faq if "由谁办" in f.q)
    assert "预售" in faq.a and "现房" in faq.a
    # the old answer put the 30/15-day duty on every new-house contract
    assert faq.a != "由房地产开发企业在合同订立之日起三十日内办理，并在十五日内书面告知买受人。"
    rule = next(c for c in m.conditions if "三十日内" in c)
    assert rule.startswith("商品房预售的")
    assert "现售" in rule
    step = next(p for p in m.process if p.startswith("备案"))
    assert "预售合同" in step
    assert any("项目手册" in c for c in m.conditions)
    src = next(s for s in m.sources if s.article == "第十四条")
    assert "conditions" in src.covers
    assert any("第十四条" in b for b in m.legal_basis if "商品房销售条例" in b)


# --- ZJ-010 存量房买卖合同网签备案: 《城市房地产管理法》第三十八条 -----------------------------------

def test_zj010_faq_lists_all_seven_transfer_bars(catalog):
    m = matter(catalog, "370100-ZJ-010")
    faq = next(f for f in m.faq if "不能卖" in f.q)
    # the old answer left out art. 38(1) and 38(7)
    assert "出让金" in faq.a  # art. 38(1)
    assert "禁止转让的其他情形" in faq.a  # art. 38(7)
    for bar in ("查封", "收回", "共有", "权属有争议", "登记"):
        assert bar in faq.a
