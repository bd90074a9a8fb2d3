"""Facts corrected by the second full pass over department JJ (docs/pass2-jj.md).

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter, names, option_label

# --- JJ-015 机动车驾驶证转入换证: 《机动车驾驶证申领和使用规定》第七十条 -----------------------------

def test_jj015_transfer_rule_only_for_licences_issued_elsewhere(catalog):
    m = matter(catalog, "370100-JJ-015")
    rule = next(c for c in m.conditions if "同时按转入换证" in c)
    # art. 70: only when applying at a 车辆管理所 other than the issuing one
    assert "不是济南核发" in rule
    assert not rule.startswith("在济南办理期满换证")


# --- JJ-018 机动车驾驶人提交身体条件证明: 同规定第七十九条第一款第九项 ------------------------------

def test_jj018_faq_cancellation_deadline_depends_on_driver_class(catalog):
    m = matter(catalog, "370100-JJ-018")
    faq = next(f for f in m.faq if "忘了交" in f.q)
    # art. 79(1)(9): one cycle + 1 year for drivers aged 70+, three cycles + 1 year for
    # 残疾人专用小型自动挡载客汽车 licences
    assert "70周岁以上" in faq.a
    assert "三个记分周期" in faq.a
    assert not faq.a.startswith("记分周期结束后一年内仍未提交的")


# --- JJ-027 机动车驾驶证状态及记分查询: 《记分管理办法》第十五条 ----------------------------------

def test_jj027_points_carry_over_only_for_overdue_fines_below_12(catalog):
    m = matter(catalog, "370100-JJ-027")
    faq = next(f for f in m.faq if "清零" in f.q)
    assert "逾期未缴纳" in faq.a and "未满12分" in faq.a
    assert "有罚款未缴的，相应记分转入" not in faq.a


# --- JJ-059 罚款延期或分期缴纳: 《行政处罚法》第七十二条第一款第一项 -----------------------------

def test_jj059_late_payment_surcharge_is_capped_at_the_fine(catalog):
    m = matter(catalog, "370100-JJ-059")
    rule = next(c for c in m.conditions if "百分之三" in c)
    assert "不超过罚款本身的数额" in rule


# --- JJ-004 机动车转让登记: 《机动车登记规定》第九十条第一项 -------------------------------------------

def test_jj004_other_transfer_grounds_have_their_own_proof(catalog):
    m = matter(catalog, "370100-JJ-004")
    # art. 90(1): 协议离婚、中奖、协议抵偿债务、调拨、资产重组 etc. are further grounds
    label = option_label(m, "reason", "other")
    assert "协议离婚" in label and "中奖" in label
    got = names(m, {"reason": "other", "buyer": "person_local", "inspection": "valid",
                    "customs": "normal"})
    assert "与转让原因对应的来历证明" in got
    row = next(x for x in m.materials if x.name == "与转让原因对应的来历证明")
    assert "公证书" in row.notes and "调拨证明" in row.notes


# --- JJ-007 机动车抵押登记: 《机动车登记规定》第三十二条第三款 ----------------------------------------

def test_jj007_joint_application_with_mortgagee_during_mortgage(catalog):
    m = matter(catalog, "370100-JJ-007")
    rule = next(c for c in m.conditions if c.startswith("抵押登记期间"))
    for item in ("更换整车", "迁出迁入", "共同所有人变更", "补领、换领机动车登记证书"):
        assert item in rule
    assert "抵押权人共同申请" in rule


# --- JJ-012 持境外驾驶证申领: 《机动车驾驶证申领和使用规定》第三十七条 ------------------------------

def test_jj012_three_subjects_only_for_heavy_tractor_not_light(catalog):
    m = matter(catalog, "370100-JJ-012")
    faq = next(f for f in m.faq if "考哪些科目" in f.q)
    assert "重型牵引挂车" in faq.a
    assert "大型客车、牵引挂车" not in faq.a


# --- JJ-048 被扣留拖移机动车领回: 《道路交通安全法实施条例》第一百零七条、道路交通安全法第一百一十二条 --

def test_jj048_auction_rule_limited_to_listed_seizure_grounds(catalog):
    m = matter(catalog, "370100-JJ-048")
    rule = next(c for c in m.conditions if "公告三个月" in c)
    # art. 107 covers only vehicles held under 道交法 arts. 92, 95, 96, 98
    assert rule.startswith("因超载")
    assert "未投保交强险" in rule and "拍卖" in rule
    assert "其他被扣留车辆" in rule


# --- JJ-052 道路交通事故损害赔偿调解: 《道路交通安全法》第七十四条、处理程序规定第八十六条 ------------

def test_jj052_non_performance_of_mediation_leads_to_court_only(catalog):
    m = matter(catalog, "370100-JJ-052")
    rule = next(c for c in m.conditions if "调解书生效后" in c)
    assert "调解未达成协议或调解书生效后不履行的，可以向人民法院提起民事诉讼，或申请人民调解委员会调解" not in rule
    assert rule.endswith("调解书生效后一方不履行的，可以向人民法院提起民事诉讼。")


# --- JJ-005 机动车检验合格标志核发: 《机动车登记规定》第五十四条、第五十五条 --------------------------

def test_jj005_identity_proof_not_required_after_inspection(catalog):
    m = matter(catalog, "370100-JJ-005")
    row = next(x for x in m.materials if x.name.startswith("机动车所有人身份证明"))
    # art. 54 asks for the 行驶证 (not identity) after an inspection; art. 55 allows either one
    assert row.required is False
    assert "不要求身份证明" in row.notes and "其一" in row.notes


# --- JJ-051 道路交通事故认定复核: 《道路交通事故处理程序规定》第七十九条第二款 ------------------------

def test_jj051_re_determination_after_expert_report_within_5_days(catalog):
    m = matter(catalog, "370100-JJ-051")
    step = next(p for p in m.process if p.startswith("结论"))
    assert "十日内重新调查认定" in step
    # art. 79(2): where testing or an expert opinion is needed, 5 days from the report
    assert "鉴定意见确定之日起五日内" in step
