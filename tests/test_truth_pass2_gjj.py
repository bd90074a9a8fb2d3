"""Facts corrected by the second statute pass over GJJ, YB and ZRZY (docs/pass2-gjj.md, issue 16).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter

# --- GJJ-001 住房公积金提取: 《住房公积金管理条例》第二十四条第二款 ------------------------------------

def test_gjj001_account_closing_faq_names_all_three_grounds(catalog):
    m = matter(catalog, "370100-GJJ-001")
    faq = next(f for f in m.faq if "账户还在" in f.q)
    # art. 24(2): grounds (2), (3) and (4) all close the account, incl. loss of working ability
    assert "完全丧失劳动能力" in faq.a and "出境定居" in faq.a and "退休" in faq.a
    assert "第二十四条第二款" in faq.a


# --- GJJ-008 单位账户注销: 条例第十四条第二款 -----------------------------------------------------------

def test_gjj008_transfer_or_sealing_follows_deregistration(catalog):
    m = matter(catalog, "370100-GJJ-008")
    rule = next(c for c in m.conditions if "转移或封存" in c)
    # art. 14(2): transfer/sealing within 20 days after the deregistration is done, not before it
    assert "办妥注销登记之日起20日内" in rule
    assert "不是申请注销登记的前提" in rule
    assert "并为职工办理账户转移或封存。" not in rule


# --- GJJ-011 缴存基数和比例调整: 条例第十六条、第十七条 ---------------------------------------------------

def test_gjj011_base_condition_keeps_art17_exception(catalog):
    m = matter(catalog, "370100-GJJ-011")
    rule = next(c for c in m.conditions if "上一年度月平均工资" in c and "基数" in c)
    assert "当月工资" in rule and "第十七条" in rule
    assert rule != "缴存基数为职工本人上一年度月平均工资。"


# --- GJJ-014 个人账户封存: 条例第十四条第二款 -----------------------------------------------------------

def test_gjj014_unit_dissolution_also_leads_to_sealing(catalog):
    m = matter(catalog, "370100-GJJ-014")
    text = "".join(m.conditions)
    # art. 14(2): merger, split, revocation, dissolution or bankruptcy -> transfer or sealing in 20 days
    assert "破产" in text and "20日内" in text and "第十四条第二款" in text
    src = [s for s in m.sources if "第十四条" in s.article]
    assert src and "conditions" in src[0].covers
    assert any("第十四条" in b for b in m.legal_basis)


# --- YB-001 / YB-007 个人参保登记: 《社会保险经办条例》第六条第二款 -------------------------------------

def _pins_art6_limit(m):
    assert m.time_limit.legal_days == 10
    assert m.time_limit.days_unit == "工作日"
    assert "第六条第二款" in m.time_limit.note
    src = next(s for s in m.sources if "社会保险经办条例" in (s.law or ""))
    assert "第六条" in src.article and "time_limit" in src.covers


def test_yb001_resident_registration_has_10_working_day_limit(catalog):
    _pins_art6_limit(matter(catalog, "370100-YB-001"))


def test_yb007_flexible_worker_registration_has_10_working_day_limit(catalog):
    _pins_art6_limit(matter(catalog, "370100-YB-007"))


# --- ZRZY-002 / ZRZY-011 共有不动产的处分: 《民法典》第三百零一条 --------------------------------------

def _co_owner_rule(m):
    rule = next(c for c in m.conditions if "共有" in c and "同意" in c)
    # art. 301: all joint owners, but two thirds by share for owners in shares, unless agreed otherwise
    assert "三分之二" in rule and "全体" in rule and "另有约定" in rule
    assert any("第三百零一条" in s.article for s in m.sources)
    return rule


def test_zrzy002_shared_mortgage_needs_two_thirds_by_share(catalog):
    rule = _co_owner_rule(matter(catalog, "370100-ZRZY-002"))
    assert rule != "抵押物为夫妻共有或按份共有的，全体共有人同意抵押。"


def test_zrzy011_shared_gift_needs_two_thirds_by_share(catalog):
    _co_owner_rule(matter(catalog, "370100-ZRZY-011"))


# --- ZRZY-005 继承登记时限: 《不动产登记暂行条例》第二十条 ---------------------------------------------

def test_zrzy005_art20_not_credited_with_publicity_exclusion(catalog):
    m = matter(catalog, "370100-ZRZY-005")
    note = m.time_limit.note
    assert "第二十条" in note and "30个工作日" in note
    assert "第二十条规定自受理之日起30个工作日内办结，公示期不计入" not in note
    assert "条例本身没有规定" in note


# --- ZRZY-015 抵押权变更: 《民法典》第四百零九条第一款 -------------------------------------------------

def test_zrzy015_other_mortgagees_consent_is_effect_not_precondition(catalog):
    m = matter(catalog, "370100-ZRZY-015")
    rule = next(c for c in m.conditions if "其他抵押权人" in c)
    assert "不得对其他抵押权人产生不利影响" in rule and "第四百零九条" in rule
    assert rule != "变更对其他抵押权人产生不利影响的，应取得其他抵押权人的书面同意。"


# --- ZRZY-016 抵押权转移: 《民法典》第四百零七条 ------------------------------------------------------

def test_zrzy016_exception_attaches_to_transfer_with_debt(catalog):
    m = matter(catalog, "370100-ZRZY-016")
    rule = next(c for c in m.conditions if "分离" in c)
    # art. 407: never transferred apart from the debt; the exception is to "goes with the debt"
    assert "一并转让" in rule and "第四百零七条" in rule
    assert rule != "抵押权不得与债权分离单独转让；法律另有规定或当事人另有约定的除外。"
