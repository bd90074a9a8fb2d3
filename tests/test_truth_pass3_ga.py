"""Facts corrected by the third full pass over the GA (公安) matters (docs/pass3-ga.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter, option_label

# --- GA-003 居民身份证补领: 《居民身份证法》第十一条 ------------------------------------------------

def test_ga003_damage_leads_to_renewal_only_when_unreadable(catalog):
    m = matter(catalog, "370100-GA-003")
    # art. 11: 换领 is for a card 严重损坏不能辨认, not for any damage
    assert "严重损坏不能辨认" in m.notes
    assert "到期或损坏" not in m.notes


# --- GA-010 居住证申领: 《居住证暂行条例》第十一条 --------------------------------------------------

def test_ga010_renewal_fee_note_keeps_unreadable_condition(catalog):
    m = matter(catalog, "370100-GA-010")
    assert "损坏难以辨认或丢失" in m.notes


# --- GA-012 往来港澳通行证: 暂行管理办法第二十四条 --------------------------------------------------

def test_ga012_lost_permit_must_be_reported_to_issuing_office(catalog):
    m = matter(catalog, "370100-GA-012")
    cond = next(c for c in m.conditions if "遗失" in c and "原发证机关" in c)
    assert "登报声明" in cond and "第二十四条" in cond
    assert any(p.startswith("报失") for p in m.process)
    src = next(s for s in m.sources if s.article == "第二十四条")
    assert "conditions" in src.covers and "process" in src.covers


# --- GA-013 往来台湾通行证: 《中国公民往来台湾地区管理办法》第二十六条、第十二条 --------------------------

def test_ga013_lost_permit_reported_first_and_refusal_list_complete(catalog):
    m = matter(catalog, "370100-GA-013")
    assert any("原发证的公安机关报失" in c and "调查属实" in c for c in m.conditions)
    assert any(p.startswith("报失") for p in m.process)
    assert any(s.article == "第二十六条" for s in m.sources)
    # art. 12 has six items; the list names the one it leaves out
    refusal = next(c for c in m.conditions if c.startswith("有下列情形之一的不予批准"))
    assert "劳动教养" in refusal


# --- GA-033 赴台湾定居申请: 《中国公民往来台湾地区管理办法》第十二条 ----------------------------------

def test_ga033_refusal_list_mentions_item_4(catalog):
    m = matter(catalog, "370100-GA-033")
    assert any("不予批准" in c and "劳动教养" in c for c in m.conditions)


# --- GA-017 户口迁出登记: 《户口登记条例》第十条第二款 ----------------------------------------------

def test_ga017_hiring_proof_is_labour_department_and_only_rural_to_city(catalog):
    m = matter(catalog, "370100-GA-017")
    hired = option_label(m, "basis", "hired")
    assert "劳动部门" in hired and "农村迁往城市" in hired
    assert "农村迁往城市" in option_label(m, "basis", "enrolled")
    assert any(x.name == "城市劳动部门的录用证明" for x in m.materials)


# --- GA-045 出入境记录查询: 《出境入境管理法》第十一条 does not set query rules ---------------------

def test_ga045_proxy_query_not_credited_to_statute(catalog):
    m = matter(catalog, "370100-GA-045")
    faq = next(f for f in m.faq if "别人" in f.q)
    assert "没有规定" in faq.a and "现行做法" in faq.a
    assert not any(c == "查询本人的出入境记录；委托他人查询的须有本人授权。" for c in m.conditions)


# --- GA-040 外国人居留许可: 《外国人入境出境管理条例》第十九条 ------------------------------------------

def test_ga040_proxy_cases_follow_art_19(catalog):
    m = matter(catalog, "370100-GA-040")
    cond = next(c for c in m.conditions if "代为申请" in c)
    assert "高层次人才" in cond and "已满60周岁" in cond and "记录良好" in cond
    assert "（条例规定可代为申请的情形除外）" not in cond
    src = next(s for s in m.sources if s.article == "第十九条")
    assert "conditions" in src.covers


# --- GA-041 外国人永久居留: 《出境入境管理法》第四十七条 only says 本人申请 + 公安部批准 ------------------

def test_ga041_local_review_marked_as_practice(catalog):
    m = matter(catalog, "370100-GA-041")
    step = next(p for p in m.process if p.startswith("审核"))
    assert "现行做法" in step and "未规定" in step
    assert any(p.startswith("审批") and "公安部批准" in p for p in m.process)


def test_ga027_only_the_householder_of_the_place_of_stay_reports_for_the_guest(catalog):
    """户口登记条例 art. 15: the 户主 of the place where one stays reports the stay; a landlord only as that 户主."""
    m = matter(catalog, "370100-GA-027")
    labels = [o.label for s in m.situations for o in s.options]
    assert any("暂住地的户主" in label for label in labels), labels
    assert not any(label.startswith("房东或") for label in labels)
    assert "房东或户主的居民身份证" not in [x.name for x in m.materials]


def test_cg002_offers_no_rooftop_advertising_alias(catalog):
    """The Jinan rule bans rooftop advertising (pass-sw), so no alias may invite it."""
    assert "楼顶广告审批" not in matter(catalog, "370100-CG-002").aliases
