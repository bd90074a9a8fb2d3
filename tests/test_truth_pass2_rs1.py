"""Facts corrected by the second full pass over RS-001 to RS-037 (issue 16, docs/pass2-rs1.md).

Each test pins one corrected fact against the text it comes from, so it fails if the old content
comes back.
"""


from tests.truth_helpers import matter


def _source(m, law_part):
    return next(s for s in m.sources if s.law and law_part in s.law)


# --- RS-002 社会保障卡申领: 《社会保险经办条例》第六条、第七条、第六十二条 (kind d) ----------------

def test_rs002_guardian_rule_is_marked_as_practice_not_statute(catalog):
    m = matter(catalog, "370100-RS-002")
    # arts. 6, 7, 62 say nothing about who applies for a child or about cards from elsewhere
    assert "未满十六周岁的由监护人代为申领。" not in m.conditions
    rule = next(c for c in m.conditions if "未满十六周岁" in c)
    assert rule.startswith("按社会保障卡经办做法")
    rule = next(c for c in m.conditions if "全国通用" in c)
    assert "按社会保障卡经办做法" in rule


# --- RS-013 工伤认定申请: 最高人民法院《工伤保险行政案件规定》第六条、第七条 (kinds b, d) ----------

def test_rs013_commute_faq_names_rail_ferry_train_and_credits_reasonable_route(catalog):
    m = matter(catalog, "370100-RS-013")
    faq = next(f for f in m.faq if "下班路上" in f.q)
    # 工伤条例 art. 14(6): rail, ferry and train accidents too
    assert "城市轨道交通" in faq.a and "客运轮渡" in faq.a and "火车" in faq.a
    # "reasonable time and route" is the court rule's art. 6, not the regulation's
    assert "第六条" in faq.a and "最高人民法院" in faq.a
    src = _source(m, "工伤保险行政案件")
    assert "第六条" in src.article and "faq" in src.covers


def test_rs013_time_lost_for_reasons_not_the_workers_own_is_not_counted(catalog):
    m = matter(catalog, "370100-RS-013")
    rule = next(c for c in m.conditions if "1年内直接申请" in c)
    # court rule art. 7: e.g. force majeure, employer's fault, a pending arbitration on the relationship
    assert "不计入" in rule and "不可抗力" in rule and "用人单位原因" in rule and "仲裁" in rule
    assert "第七条" in _source(m, "工伤保险行政案件").article


# --- RS-014 劳动人事争议仲裁申请: 《劳动争议调解仲裁法》第五十二条 (kind c) ----------------------

def test_rs014_personnel_disputes_limited_to_contracted_staff_of_art_52(catalog):
    m = matter(catalog, "370100-RS-014")
    assert not any("事业单位与其工作人员之间的人事争议" in c for c in m.conditions)
    rule = next(c for c in m.conditions if "第二条" in c)
    assert "实行聘用制的工作人员" in rule and "第五十二条" in rule
    assert any("第五十二条" in s.article and "conditions" in s.covers for s in m.sources if s.law)


# --- RS-016 丧葬补助金和抚恤金申领: 《社会保险法》第四十九条、经办条例第十九条 (kind d) -------------

def test_rs016_single_claimant_among_survivors_is_practice(catalog):
    m = matter(catalog, "370100-RS-016")
    rule = next(c for c in m.conditions if "申领人为死者的遗属" in c)
    assert "按经办机构的做法" in rule
    assert "多名遗属的，应协商确定一名申领人" not in rule


# --- RS-021 职工社会保险参保登记（增减员）: 《社会保险法》第八十二条 (kind a) ------------------------

def test_rs021_complaint_right_rests_on_art_82(catalog):
    m = matter(catalog, "370100-RS-021")
    faq = next(f for f in m.faq if "不给上社保" in f.q)
    assert "第八十二条" in faq.a and "第五十八条" in faq.a
    src = _source(m, "社会保险法")
    assert "第八十二条" in src.article and "faq" in src.covers


# --- RS-028 社会保险待遇领取银行账户变更: 经办条例第七条、第六十二条 (kind d) ------------------------

def test_rs028_own_account_rule_is_not_credited_to_the_regulation(catalog):
    m = matter(catalog, "370100-RS-028")
    faq = next(f for f in m.faq if "别人的卡" in f.q)
    assert not faq.a.startswith("社会保险待遇应发放到本人账户")
    assert "按经办机构的做法" in faq.a


# --- RS-035 初级专业技术职称认定: 《关于实行专业技术职务聘任制度的规定》第三项 (kind a) -------------

def test_rs035_source_cites_part_3_only(catalog):
    m = matter(catalog, "370100-RS-035")
    src = _source(m, "专业技术职务聘任制度")
    # part 4 (levels and ratios) says nothing on conditions, papers or education
    assert src.article == "第三项"
    assert "materials" not in src.covers


# --- RS-009 / RS-010 就业和失业登记: 《山东省就业促进条例》第三十九条 does not say these (kind d) --------

def test_rs009_renaming_and_residence_rules_name_their_real_source(catalog):
    m = matter(catalog, "370100-RS-009")
    faq = next(f for f in m.faq if "就业失业登记证" in f.q)
    assert "人社部发〔2014〕97号" in faq.a
    rule = next(c for c in m.conditions if "常住地" in c)
    assert "就业服务与就业管理规定" in rule


def test_rs010_residence_condition_names_the_ministry_rule(catalog):
    m = matter(catalog, "370100-RS-010")
    rule = next(c for c in m.conditions if "在济南常住" in c)
    assert "就业服务与就业管理规定" in rule


# --- RS-017 社会保险待遇领取资格认证: the 12-month cycle is the 经办规程's, not arts. 25/26 (kind d) --

def test_rs017_yearly_cycle_is_credited_to_the_handling_rules(catalog):
    m = matter(catalog, "370100-RS-017")
    rule = next(c for c in m.conditions if "12个月" in c)
    assert "经办规程" in rule


# --- RS-027 城乡居民基本养老保险待遇申领: 社保法 arts. 20-22 do not bar drawing both (kind d) --------

def test_rs027_no_double_pension_rule_is_not_credited_to_arts_20_to_22(catalog):
    m = matter(catalog, "370100-RS-027")
    faq = next(f for f in m.faq if "职工养老金" in f.q)
    assert not faq.a.startswith("不能同时领取")
    assert "衔接" in faq.a and "未作规定" in faq.a


def test_rs013_no_investigation_once_an_occupational_disease_is_diagnosed(catalog):
    m = matter(catalog, "370100-RS-013")
    step = next(p for p in m.process if p.startswith("调查核实"))
    # 工伤条例 art. 19(1): a lawful diagnosis or appraisal of the disease is not investigated again
    assert "职业病诊断证明书" in step and "不再进行调查核实" in step
