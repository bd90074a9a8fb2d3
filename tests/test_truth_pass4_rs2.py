"""Facts corrected by the fourth pass over RS-038..RS-074, WL, JT, GY and CG (docs/pass4-rs2.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _src(m, law, article_part):
    return next(s for s in m.sources if law in s.law and article_part in s.article)


# --- RS-038 劳动争议调解: 《劳动争议调解仲裁法》第十三条 ----------------------------------------------

def test_rs038_hearing_both_sides_is_cited_to_art13(catalog):
    m = matter(catalog, "370100-RS-038")
    assert any("听取双方陈述" in p for p in m.process)
    assert "第十三条" in _src(m, "劳动争议调解仲裁法", "第十条").article
    assert any("第十三条" in b for b in m.legal_basis)


# --- RS-039 劳动能力鉴定: 《社会保险经办条例》第二十一条 ---------------------------------------------

def test_rs039_medical_papers_also_go_to_the_agency(catalog):
    m = matter(catalog, "370100-RS-039")
    assert "社会保险经办机构" in m.process[0]
    papers = next(x for x in m.materials if "诊断证明" in x.name)
    assert "社会保险经办机构" in (papers.notes or "")


# --- RS-042 工伤伤残待遇: 《工伤保险条例》第三十五条第二款、第三十六条 ----------------------------------

def test_rs042_medical_contribution_and_employer_topup_kept(catalog):
    m = matter(catalog, "370100-RS-042")
    assert any("一至四级" in c and "基本医疗保险费" in c for c in m.conditions)
    faq = next(f for f in m.faq if "五、六级伤残津贴" in f.q)
    assert "最低工资标准" in faq.a and "社会保险费" in faq.a


# --- RS-044 辅助器具配置: 《社会保险经办条例》第二十一条 ----------------------------------------------

def test_rs044_papers_go_to_the_agency_not_only_the_committee(catalog):
    m = matter(catalog, "370100-RS-044")
    assert "社会保险经办机构" in m.process[0]


# --- RS-048 农民合同制工人一次性生活补助: 《失业保险条例》第二十一条 --------------------------------------

def test_rs048_process_is_covered_by_art21(catalog):
    m = matter(catalog, "370100-RS-048")
    assert "process" in _src(m, "失业保险条例", "第二十一条").covers


# --- RS-052 社会保障卡信息变更: 《社会保险经办条例》第九条 ---------------------------------------------

def test_rs052_comparison_step_is_covered(catalog):
    m = matter(catalog, "370100-RS-052")
    assert "process" in _src(m, "社会保险经办条例", "第九条").covers


# --- RS-055 就业见习补贴: 《山东省就业促进条例》第五十七条 ---------------------------------------------

def test_rs055_internship_limits_of_art57_kept(catalog):
    m = matter(catalog, "370100-RS-055")
    faq = next(f for f in m.faq if "实习" in f.q)
    assert "30%" in faq.a and "生活费" in faq.a


# --- RS-057 公益性岗位安置: 《就业促进法》第五十六条 ---------------------------------------------------

def test_rs057_street_office_route_is_only_for_zero_employment_families(catalog):
    m = matter(catalog, "370100-RS-057")
    step = m.process[0]
    assert "零就业家庭向住所地街道、社区公共就业服务机构" in step
    assert step != "申请：向住所地街道、社区公共就业服务机构提出。"


# --- RS-061 特殊工时审批: 《行政许可法》第二十九条、第四十二条 -----------------------------------------

def test_rs061_agent_exception_and_extension_approval(catalog):
    m = matter(catalog, "370100-RS-061")
    assert "除外" in m.process[0]
    assert "负责人批准" in m.process[-1]


# --- RS-062 劳务派遣经营许可: 《劳动合同法》第五十七条第二款 -------------------------------------------

def test_rs062_licence_and_registration_step_is_covered(catalog):
    m = matter(catalog, "370100-RS-062")
    assert "process" in _src(m, "劳动合同法", "第五十七条").covers


# --- RS-063 人力资源服务许可: 《人力资源市场暂行条例》第四十二条 ----------------------------------------

def test_rs063_penalty_follows_national_art42(catalog):
    m = matter(catalog, "370100-RS-063")
    faq = next(f for f in m.faq if "没有许可" in f.q)
    assert "予以关闭" in faq.a and "有违法所得的" in faq.a
    assert "第四十二条" in _src(m, "人力资源市场暂行条例", "第十八条").article


# --- RS-070 工伤异地就医: 《工伤保险条例》第三十条第三款、第四款 ---------------------------------------

def test_rs070_approval_is_for_travel_costs_not_treatment_costs(catalog):
    m = matter(catalog, "370100-RS-070")
    assert "治疗工伤的费用和交通、食宿费用" not in m.summary
    assert "签订服务协议的医疗机构" in m.summary


# --- RS-073 因病非因工致残鉴定: 《社会保险法》第十七条 -------------------------------------------------

def test_rs073_receiving_body_credited_to_practice(catalog):
    m = matter(catalog, "370100-RS-073")
    assert "实践" in m.process[0]


# --- WL-001 娱乐场所经营许可: 《娱乐场所管理条例》第九条第二款、第十二条 ---------------------------------

def test_wl001_declaration_is_about_art5_and_rebuild_needs_police_filing(catalog):
    m = matter(catalog, "370100-WL-001")
    decl = next(x for x in m.materials if "书面声明" in x.name)
    assert "第四条、第五条" not in decl.name and "第五条" in decl.name
    assert "向公安部门备案" in m.notes
    # the 1.5 m2 / 200 m2 limits come from the ministry's 办法, not the 条例
    assert any("200平方米" in c and "娱乐场所管理办法" in c for c in m.conditions)


# --- WL-002 上网服务营业场所: 《消防法》第十五条 -------------------------------------------------------

def test_wl002_fire_check_is_cited(catalog):
    m = matter(catalog, "370100-WL-002")
    assert any("消防法" in s.law and s.article == "第十五条" for s in m.sources)


# --- WL-003 旅行社: 《旅游法》第四十条、第四十一条; 实施细则 -------------------------------------------

def test_wl003_guide_rule_cited_and_premises_detail_credited_to_rules(catalog):
    m = matter(catalog, "370100-WL-003")
    assert any("旅游法" in s.law and "第四十条" in s.article for s in m.sources)
    assert any("租用期不少于1年" in c and "实施细则" in c for c in m.conditions)


# --- WL-004 营业性演出: 条例第二十五条; 《大型群众性活动安全管理条例》第十三条 ----------------------------

def test_wl004_art25_cited_and_large_event_20_day_lead(catalog):
    m = matter(catalog, "370100-WL-004")
    assert any("营业性演出管理条例" in s.law and "第二十五条" in s.article for s in m.sources)
    permit = next(x for x in m.materials if "大型群众性活动" in x.name)
    assert "20日前" in permit.notes


# --- JT-001 道路货物运输经营许可: 《道路运输条例》第二十一条 ---------------------------------------------

def test_jt001_vehicle_pledge_credited_to_ministry_rule(catalog):
    m = matter(catalog, "370100-JT-001")
    cond = next(c for c in m.conditions if "投入车辆承诺" in c)
    assert "道路货物运输及站场管理规定" in cond


# --- GY-002 用电过户: 《济南市电力管理条例》第二十七条 -------------------------------------------------

def test_gy002_change_of_use_application_is_cited(catalog):
    m = matter(catalog, "370100-GY-002")
    assert any("济南市电力管理条例" in s.law and s.article == "第二十七条" for s in m.sources)


# --- GY-003 燃气过户: 《济南市燃气管理条例》第十八条、第二十四条; 《城镇燃气管理条例》第十八条 ----------------

def test_gy003_alarm_is_recommended_not_required(catalog):
    m = matter(catalog, "370100-GY-003")
    faq = next(f for f in m.faq if "上门" in f.q)
    assert "按要求更换老化胶管、安装报警器" not in faq.a
    assert "提倡" in faq.a and "指定的产品" in faq.a
    assert any("两年" in p and "第十八条" in p for p in m.process)


# --- CG-001 建筑垃圾处置核准: 《济南市城市建筑垃圾管理条例》第七条、第十三条、第十八条、第四十五条 ----------

def test_cg001_mixing_rule_route_and_penalty_follow_the_articles(catalog):
    m = matter(catalog, "370100-CG-001")
    assert any("第七条" in c and "工业垃圾" in c for c in m.conditions)
    assert not any(c.startswith("不得将建筑垃圾混入生活垃圾") for c in m.conditions)
    # temporary landfill goes to the district government's designated department (art. 13)
    assert "区人民政府指定的部门" in m.process[0]
    route = next(f for f in m.faq if "路线" in f.q)
    assert "临时通行证" in route.a and "第十八条" in route.a
    car = next(f for f in m.faq if "车辆" in f.q)
    assert "第四十五条" in car.a and "施工单位应当将建筑垃圾交给" not in car.a


# --- CG-002 户外广告和牌匾: 条例第二十四条、第三十一条 --------------------------------------------------

def test_cg002_renewal_30_days_before_expiry(catalog):
    m = matter(catalog, "370100-CG-002")
    assert "三十日前" in m.notes and "第二十四条" in m.notes
    assert any("第二十四条" in s.article for s in m.sources)


# --- CG-003 临时占用城市道路: 《济南市市政设施管理条例》第二十八条、第三十四条、第七十五条 -----------------

def test_cg003_no_invented_qualifier_and_no_excavation_duties(catalog):
    m = matter(catalog, "370100-CG-003")
    assert not any("不影响交通安全和城市道路设施安全" in c for c in m.conditions)
    last = m.process[-1]
    assert "围挡" not in last and "验收" not in last and "不得转让、出租" in last
    stall = next(f for f in m.faq if "摆摊" in f.q)
    assert "第七十五条" in stall.a


# --- CG-004 生活垃圾清扫收运许可: 《济南市生活垃圾减量与分类管理条例》第二十九条第二款 --------------------

def test_cg004_tender_is_may_not_must(catalog):
    m = matter(catalog, "370100-CG-004")
    step = next(p for p in m.process if p.startswith("决定"))
    assert "可以" in step and "第二十九条第二款" in step
    assert "一般通过招投标" not in step


# --- RS-046 工伤旧伤复发确认: 《工伤保险条例》第三十八条 → 第三十条、第三十二条、第三十三条 -----------------

def test_rs046_applied_articles_limits_are_stated(catalog):
    m = matter(catalog, "370100-RS-046")
    faq = next(f for f in m.faq if "待遇" in f.q)
    assert "12个月" in faq.a and "劳动能力鉴定委员会确认" in faq.a
    assert any("第三十三条" in s.article and "工伤保险条例" in s.law for s in m.sources)
    assert "社会保险经办机构" in m.process[0]


# --- RS-074 企业年金方案备案: conditions come from the ministry rule, not 劳动法第七十五条 -------------------

def test_rs074_conditions_credited_to_ministry_rule(catalog):
    m = matter(catalog, "370100-RS-074")
    assert all("规章" in c for c in m.conditions)
