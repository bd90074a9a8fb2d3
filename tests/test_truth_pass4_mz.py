"""Facts corrected by the fourth pass over the MZ (民政) and YB (医保) matters (docs/pass4-mz.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _src(m, law_part, article_part):
    return [s for s in m.sources if law_part in (s.law or "") and article_part in (s.article or "")]


# --- MZ-001 结婚登记: 《婚姻登记条例》(2003) 第五条至第七条 --------------------------------------------

def test_mz001_materials_and_on_the_spot_have_a_source(catalog):
    m = matter(catalog, "370100-MZ-001")
    src = _src(m, "婚姻登记条例", "第五条")
    assert src and "materials" in src[0].covers and "time_limit" in src[0].covers


# --- MZ-002 离婚登记: 《民法典》第一千零七十九条; 《婚姻登记条例》第十二条 ------------------------------

def test_mz002_disagreement_allows_mediation_too(catalog):
    m = matter(catalog, "370100-MZ-002")
    a = next(f.a for f in m.faq if "不同意" in f.q)
    assert "调解" in a and "只能" not in a
    assert _src(m, "民法典", "第一千零七十九条")
    assert _src(m, "婚姻登记条例", "第十二条")


# --- MZ-003 补领婚姻登记证: 第十七条 does not set the "current status" limit -----------------------------

def test_mz003_status_limit_credited_outside_art17(catalog):
    m = matter(catalog, "370100-MZ-003")
    cond = next(c for c in m.conditions if "婚姻登记记录证明" in c)
    assert "不在《婚姻登记条例》第十七条中" in cond
    assert any((s.title or "") == "婚姻登记工作规范" for s in m.sources)


# --- MZ-004 低保: 《社会救助暂行办法》第五十八条 covers the declaration condition --------------------------

def test_mz004_art58_covers_conditions(catalog):
    m = matter(catalog, "370100-MZ-004")
    src = _src(m, "社会救助暂行办法", "第五十八条")
    assert src and "conditions" in src[0].covers


# --- MZ-005 特困: art. 14 sets under 16; the extension to 18 is the 民政部 办法 ---------------------------

def test_mz005_extension_to_18_credited_to_ministry_rule(catalog):
    m = matter(catalog, "370100-MZ-005")
    cond = next(c for c in m.conditions if "18周岁" in c)
    assert "特困人员认定办法" in cond
    assert not any("自确认的次月起" in p for p in m.process)


# --- MZ-006 临时救助: art. 48 names only the 镇（街道）; residence and deductions are the 国务院通知 ------

def test_mz006_residence_and_deduction_rules_credited(catalog):
    m = matter(catalog, "370100-MZ-006")
    assert any("扣除" in c and "国务院临时救助通知" in c for c in m.conditions)
    assert any("经常居住地" in c and "不在第四十八条中" in c for c in m.conditions)


# --- MZ-008 两项补贴: one start month, credited to the 国务院 opinion, not two contradicting ones ------

def test_mz008_start_month_not_stated_two_ways(catalog):
    m = matter(catalog, "370100-MZ-008")
    assert not any("自申请次月起" in p for p in m.process)
    assert "自审定通过的次月起" not in (m.time_limit.note or "")
    assert any("两项补贴" in (s.title or "") or "重度残疾人护理补贴制度" in (s.title or "") for s in m.sources)


# --- MZ-009 社会团体成立: 年度检查 is 《社会团体登记管理条例》第二十八条 -----------------------------

def test_mz009_annual_check_cites_art28(catalog):
    m = matter(catalog, "370100-MZ-009")
    assert _src(m, "社会团体登记管理条例", "第二十八条")
    a = next(f.a for f in m.faq if "成立后" in f.q)
    assert "3月31日" in a and "5月31日" in a


# --- MZ-010 养老机构备案: the 20-day check is the 民政部 办法, credited as such ------------------------

def test_mz010_ministry_rule_credited(catalog):
    m = matter(catalog, "370100-MZ-010")
    src = [s for s in m.sources if (s.title or "") == "养老机构管理办法"]
    assert src and "time_limit" in src[0].covers


# --- MZ-011 收养登记: 户口登记 after registration is 登记办法 第九条 --------------------------------------

def test_mz011_household_step_cites_art9(catalog):
    m = matter(catalog, "370100-MZ-011")
    src = _src(m, "收养子女登记办法", "第九条")
    assert src and "process" in src[0].covers


# --- MZ-015 涉外结婚: "无配偶" rests on 婚姻登记条例 第六条 ---------------------------------------------

def test_mz015_no_spouse_condition_cites_art6(catalog):
    m = matter(catalog, "370100-MZ-015")
    src = _src(m, "婚姻登记条例", "第六条")
    assert src and "conditions" in src[0].covers


# --- MZ-018 流浪乞讨救助: temporary nature is 救助管理办法 第二条 -------------------------------------

def test_mz018_temporary_relief_cites_art2(catalog):
    m = matter(catalog, "370100-MZ-018")
    assert any(s.article == "第二条" and "conditions" in s.covers for s in m.sources)


# --- MZ-021 养老服务补贴: "六十周岁以上" is 老年人权益保障法 第二条 --------------------------------------

def test_mz021_age_cites_art2(catalog):
    m = matter(catalog, "370100-MZ-021")
    assert _src(m, "老年人权益保障法", "第二条")


# --- MZ-026 社团变更: only 登记事项 need 变更登记 (条例 第十二条第二款) ------------------------------------

def test_mz026_chair_change_only_when_legal_representative(catalog):
    m = matter(catalog, "370100-MZ-026")
    a = next(f.a for f in m.faq if "会长" in f.q)
    assert "法定代表人" in a
    assert _src(m, "社会团体登记管理条例", "第十二条")


# --- YB-001 居民医保参保: subsidised premiums of 医疗救助 对象 are 救助办法 第二十八、二十九条 --------------

def test_yb001_assisted_option_cites_medical_assistance_articles(catalog):
    m = matter(catalog, "370100-YB-001")
    src = _src(m, "社会救助暂行办法", "第二十九条")
    assert src and "situations" in src[0].covers
    assert any("参保长效机制" in (s.title or "") for s in m.sources)


# --- YB-004 医保关系转移: 《社会保险经办条例》第十三条、第十六条 ---------------------------------------

def test_yb004_transfer_cites_handling_regulation(catalog):
    m = matter(catalog, "370100-YB-004")
    src = _src(m, "社会保险经办条例", "第十三条")
    assert src and "conditions" in src[0].covers and "time_limit" in src[0].covers
    assert any("变动经常居住地" in c for c in m.conditions)


# --- YB-005 生育津贴: 山东 产假 in the conditions rests on 人口与计划生育条例 第二十五条 ---------------------

def test_yb005_shandong_leave_covers_conditions(catalog):
    m = matter(catalog, "370100-YB-005")
    src = _src(m, "山东省人口与计划生育条例", "第二十五条")
    assert src and "conditions" in src[0].covers


# --- YB-008 职工医保参保: 经办条例 第六条第二款 is written for 个人申请 --------------------------------------

def test_yb008_ten_day_limit_says_whose_application(catalog):
    m = matter(catalog, "370100-YB-008")
    assert "个人申请" in (m.time_limit.note or "")


# --- MZ-013 复婚: art. 14 applies the marriage rules, so art. 6 (已有配偶 etc.) counts too ------------------

def test_mz013_remarriage_conditions_cite_art6(catalog):
    m = matter(catalog, "370100-MZ-013")
    src = _src(m, "婚姻登记条例", "第六条")
    assert src and "conditions" in src[0].covers and "第十四条" in src[0].article


# --- MZ-004 低保: 30/45 working days and 次月发放 are the 民政部 办法, credited as such ------------------

def test_mz004_ministry_rule_credited_for_time_limit(catalog):
    m = matter(catalog, "370100-MZ-004")
    src = [s for s in m.sources if (s.title or "") == "最低生活保障审核确认办法"]
    assert src and "time_limit" in src[0].covers


# --- YB-007 灵活就业参保: no double benefits is 基金条例 第十七条第三款 ------------------------------------

def test_yb007_no_double_benefit_cites_fund_regulation(catalog):
    m = matter(catalog, "370100-YB-007")
    src = _src(m, "医疗保障基金使用监督管理条例", "第十七条")
    assert src and "conditions" in src[0].covers


# --- MZ-018 流浪乞讨救助: 《社会救助暂行办法》第五十一条 also sends sudden illness to 急救 ----------------

def test_mz018_sudden_illness_goes_to_emergency_care(catalog):
    m = matter(catalog, "370100-MZ-018")
    assert any("急救机构" in p and "第五十一条" in p for p in m.process)
