"""Facts corrected by the second full pass, helper rs2 (docs/pass2-rs2.md): RS-038..074, WJ, JY, TY.

Each test pins one corrected fact against the article it comes from, so it fails if the old content
comes back.
"""

from tests.truth_helpers import matter

# --- RS-041 工伤医疗费用报销: 《工伤保险条例》第三十条第四款 --------------------------------------

def test_rs041_outside_approval_is_for_travel_and_lodging_costs(catalog):
    m = matter(catalog, "370100-RS-041")
    rule = next(c for c in m.conditions if "统筹地区以外" in c)
    # art. 30(4): the certificate + approval condition attaches to the travel/lodging costs
    assert "交通、食宿费用" in rule and "报经办机构同意" in rule
    assert rule != "到统筹地区以外就医的，须经医疗机构出具证明并报经办机构同意。"


# --- RS-044 工伤职工辅助器具配置: 《工伤保险条例》第三十二条、第四十七条 -------------------------------

def test_rs044_agreement_institution_is_practice_not_statute(catalog):
    m = matter(catalog, "370100-RS-044")
    rule = next(c for c in m.conditions if "辅助器具配置机构" in c)
    assert "实践" in rule and "第四十七条" in rule
    assert "在签订服务协议的辅助器具配置机构配置，费用按国家规定标准支付。" not in m.conditions


# --- RS-049 社会保障卡启用: 《社会保险经办条例》第七条 ----------------------------------------------

def test_rs049_activation_rule_not_credited_to_art_7(catalog):
    m = matter(catalog, "370100-RS-049")
    faq = next(f for f in m.faq if "电子社保卡" in f.q)
    assert "第七条" in faq.a and "实践" in faq.a and "不是该条的规定" in faq.a


# --- RS-055 就业见习补贴申领: 《山东省就业促进条例》第五十七条 ------------------------------------------

def test_rs055_internship_agreement_only_for_vocational_schools(catalog):
    m = matter(catalog, "370100-RS-055")
    faq = next(f for f in m.faq if "实习" in f.q)
    assert "职业院校、技工院校、职业技能培训机构" in faq.a
    assert "十五日内" in faq.a and "备案" in faq.a
    assert "在校生实习按实习协议管理。" not in faq.a


# --- RS-061 特殊工时工作制审批: 《劳动法》第三十九条; 《行政许可法》第二十九条 -------------------------------

def test_rs061_application_by_letter_or_agent_and_review_criteria_are_practice(catalog):
    m = matter(catalog, "370100-RS-061")
    step = next(p for p in m.process if p.startswith("申请"))
    assert "第二十九条" in step and "信函" in step and "委托代理人" in step
    rule = next(c for c in m.conditions if "休息休假" in c)
    assert rule.startswith("按审批实践")
    src = next(s for s in m.sources if "行政许可法" in (s.law or ""))
    assert "process" in src.covers


# --- RS-065 经济性裁员报告: 《劳动合同法》第四十一条第一款 ---------------------------------------------

def test_rs065_restructuring_ground_needs_prior_contract_change(catalog):
    m = matter(catalog, "370100-RS-065")
    rule = next(c for c in m.conditions if "重整" in c)
    assert "已先变更劳动合同" in rule
    assert "致使劳动合同无法履行" in rule


# --- RS-069 被征地农民社会保障: 《山东省就业促进条例》第十七条 ------------------------------------------

def test_rs069_priority_jobs_only_for_those_meeting_post_requirements(catalog):
    m = matter(catalog, "370100-RS-069")
    faq = next(f for f in m.faq if "找工作" in f.q)
    assert "符合岗位要求" in faq.a and "一定比例" in faq.a


# --- RS-073 因病或非因工致残劳动能力鉴定: 《社会保险法》第十七条 ----------------------------------------

def test_rs073_stable_condition_rule_not_credited_to_art_17(catalog):
    m = matter(catalog, "370100-RS-073")
    assert "因病或者非因工致残，经治疗病情相对稳定，认为丧失劳动能力。" not in m.conditions
    rule = next(c for c in m.conditions if "第十七条" in c)
    assert "完全丧失劳动能力" in rule and "不是该条的规定" in rule


# --- WJ-004 医师执业注册: 《医师法》第十三条 ------------------------------------------------------

def test_wj004_two_year_training_rule_is_from_the_registration_measures(catalog):
    m = matter(catalog, "370100-WJ-004")
    rule = next(c for c in m.conditions if "二年内未注册" in c)
    assert "医师执业注册管理办法" in rule and "不是医师法的规定" in rule
    faq = next(f for f in m.faq if "多久要注册" in f.q)
    assert "医师执业注册管理办法" in faq.a and "医师法没有规定注册期限" in faq.a


# --- WJ-005 护士执业注册: 《护士条例》第七条 ------------------------------------------------------

def test_wj005_health_standard_details_not_in_art_7(catalog):
    m = matter(catalog, "370100-WJ-005")
    rule = next(c for c in m.conditions if "健康标准" in c)
    assert "护士执业注册管理办法" in rule and "第七条" in rule


# --- WJ-006 诊所备案: 《基本医疗卫生与健康促进法》第三十八条 ---------------------------------------------

def test_wj006_five_year_rule_credited_to_clinic_filing_measures(catalog):
    m = matter(catalog, "370100-WJ-006")
    rule = next(c for c in m.conditions if "执业满五年" in c)
    assert rule.startswith("按《诊所备案管理暂行办法》") and "第三十八条" in rule
    faq = next(f for f in m.faq if "资历" in f.q)
    assert "诊所备案管理暂行办法" in faq.a


# --- WJ-007 预防接种证办理: 《疫苗管理法》第四十七条 ------------------------------------------------

def test_wj007_reissue_rule_credited_to_work_norms(catalog):
    m = matter(catalog, "370100-WJ-007")
    rule = next(c for c in m.conditions if "遗失" in c)
    assert "预防接种工作规范" in rule and "不是疫苗管理法第四十七条的规定" in rule


# --- JY-002 教师资格认定: 《教师法》第十条、《教师资格条例》 ---------------------------------------------

def test_jy002_putonghua_level_credited_to_implementing_measures(catalog):
    m = matter(catalog, "370100-JY-002")
    rule = next(c for c in m.conditions if "普通话" in c)
    assert "实施办法" in rule and "没有写" in rule


# --- TY-002 退役士兵报到: 《退役军人安置条例》第五十一条 ---------------------------------------------

def test_ty002_forfeiture_only_when_more_than_30_days_past_deadline(catalog):
    m = matter(catalog, "370100-TY-002")
    faq = next(f for f in m.faq if "多久内要去报到" in f.q)
    assert "超过这一报到期限30日以上" in faq.a
    assert "超过30天无正当理由不报到的" not in faq.a


# --- TY-003 自主就业退役士兵一次性经济补助: 《退役军人安置条例》第五十一条 -------------------------------------

def test_ty003_exclusion_rule_not_credited_to_art_51(catalog):
    m = matter(catalog, "370100-TY-003")
    assert "不存在被部队除名、开除军籍，或因违纪违法被取消安置待遇等情形。" not in m.conditions
    rule = next(c for c in m.conditions if "除名" in c)
    assert "第五十一条没有这一规定" in rule
