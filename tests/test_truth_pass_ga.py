"""Facts corrected by the full pass over the GA (公安) matters (docs/pass-ga.md, issue 16).

Each test pins one corrected fact against the statute article it comes from, so it fails if the
old content comes back.
"""


from tests.truth_helpers import matter, names


def _all_text(m):
    parts = [m.summary, m.result or "", m.notes or ""]
    parts += list(m.conditions) + list(m.process)
    parts += [f.q + f.a for f in m.faq]
    parts += [x.name + (x.notes or "") for x in m.materials]
    return "\n".join(parts)


# --- GA-001 居民身份证首次申领: 居民身份证法第五条、第二十一条第二款 -------------------------------

def test_ga001_result_lists_every_validity_period(catalog):
    m = matter(catalog, "370100-GA-001")
    # art. 5: 5 / 10 / 20 years / long-term; a first applicant may be over 25
    assert "二十年" in m.result and "长期" in m.result and "五年" in m.result


def test_ga001_fee_reduction_for_other_hardship(catalog):
    m = matter(catalog, "370100-GA-001")
    assert "减收" in m.fee.standard
    faq = next(f for f in m.faq if "交钱" in f.q)
    assert "减收" in faq.a


# --- GA-002 居民身份证换领: 居民身份证法第十一条第一款、第二十一条第二款 ----------------------------

def test_ga002_new_generation_ground_and_fee_reduction(catalog):
    m = matter(catalog, "370100-GA-002")
    assert any("新一代居民身份证" in c for c in m.conditions)
    assert "减收" in m.fee.standard


# --- GA-005 出生登记: 户口登记条例第七条第二款、第九条 -------------------------------------------

def test_ga005_abandoned_infant_and_death_before_registration(catalog):
    m = matter(catalog, "370100-GA-005")
    rule = [c for c in m.conditions if "弃婴" in c]
    assert rule and "育婴机关" in rule[0] and "收养人" in rule[0]
    assert "出生和死亡两项登记" in rule[0]
    src = next(s for s in m.sources if s.law == "《中华人民共和国户口登记条例》")
    assert "第九条" in src.article


# --- GA-009 死亡人员户口注销: 户口登记条例第八条第一款 -------------------------------------------

def test_ga009_death_at_temporary_residence(catalog):
    m = matter(catalog, "370100-GA-009")
    rule = [c for c in m.conditions if "暂住地" in c]
    assert rule and "通知" in rule[0] and "常住地" in rule[0]


# --- GA-010 居住证申领: 居住证暂行条例第十条第三款 ----------------------------------------------

def test_ga010_late_endorsement_restarts_the_residence_count(catalog):
    m = matter(catalog, "370100-GA-010")
    faq = next(f for f in m.faq if "每年续" in f.q)
    assert "补办签注之日起" in faq.a and "居住年限" in faq.a


# --- GA-011 普通护照签发: 护照法第六条、第十条、第十一条、第十四条 ---------------------------------

def test_ga011_reason_papers_art14_bar_and_no_renewal_for_item_change(catalog):
    m = matter(catalog, "370100-GA-011")
    assert any(n.startswith("申请事由的相关材料") for n in names(m, {"kind": "first", "age": "adult"}))
    assert any("六个月至三年" in c and "遣返" in c for c in m.conditions)
    # art. 10: a change of registered items is a 变更加注, not one of the art. 11 renewal grounds
    assert "信息变更" not in next(o.label for s in m.situations if s.id == "kind"
                                  for o in s.options if o.id == "renew")
    assert any("正当理由" in c for c in m.conditions)
    assert any("行政复议" in p for p in m.process)
    assert any("第十四条" in s.article for s in m.sources if "conditions" in s.covers)


# --- GA-012 往来港澳通行证: 暂行管理办法第十三条 -------------------------------------------------

def test_ga012_refusal_grounds_include_false_statements(catalog):
    m = matter(catalog, "370100-GA-012")
    rule = [c for c in m.conditions if "不予批准" in c]
    assert rule and "假证明" in rule[0] and "不准出境" in rule[0]


# --- GA-013 往来台湾通行证: 往来台湾地区管理办法第七条 -------------------------------------------

def test_ga013_application_form_and_unit_opinion_rule(catalog):
    m = matter(catalog, "370100-GA-013")
    listed = names(m, {"kind": "new_card", "endorsement": "family"})
    assert "前往台湾申请表（出入境证件申请表）" in listed
    row = next(x for x in m.materials if x.name == "所在单位出具的同意出境意见")
    assert "派出所意见" in row.notes
    src = next(s for s in m.sources if s.article == "第六条、第七条、第八条")
    assert "申请表" in src.note


# --- GA-015 退役士兵恢复户口登记: 退役军人安置条例 (2024) 第四十五条、第五十三条 ------------------

def test_ga015_cites_the_2024_regulation_and_its_relocation_cases(catalog):
    m = matter(catalog, "370100-GA-015")
    assert not any(s.law == "《退役士兵安置条例》" for s in m.sources)
    assert any(s.law == "《退役军人安置条例》" and "第四十五条" in s.article for s in m.sources)
    assert not any("退役士兵安置条例》第" in b for b in m.legal_basis)
    rule = [c for c in m.conditions if "易地安置" in c]
    assert rule and "任何一方" in rule[0] and "随军" in rule[0] and "旅级以上" in rule[0]
    assert "中等以上城市" in rule[0]


# --- GA-017 户口迁出登记: 户口登记条例第十条第二款 -----------------------------------------------

def test_ga017_faq_puts_the_rural_to_urban_rule_on_article_10(catalog):
    m = matter(catalog, "370100-GA-017")
    faq = next(f for f in m.faq if "先迁出" in f.q)
    # art. 10(2) asks for these papers only when moving from a rural area to a city
    assert "由农村迁往城市" in faq.a
    assert not faq.a.startswith("不能。迁出须凭")


# --- GA-019 出国（境）定居注销户口: 实施细则第七条 -----------------------------------------------

def test_ga019_short_trips_and_the_temporary_absence_registration(catalog):
    m = matter(catalog, "370100-GA-019")
    rule = [c for c in m.conditions if c.startswith("短期出境")]
    assert rule and "临时外出的户口登记" in rule[0] and "恢复常住户口" in rule[0]


# --- GA-022 / GA-049 户口证件: 户口登记条例第二十条 ------------------------------------------------

def test_ga022_and_ga049_forged_papers_can_be_a_crime(catalog):
    for mid in ("370100-GA-022", "370100-GA-049"):
        m = matter(catalog, mid)
        faq = next(f for f in m.faq if "涂改" in f.q)
        assert "刑事责任" in faq.a and "出借" in faq.a, mid


# --- GA-024 刑满释放人员恢复户口: 户口登记条例第十四条 -------------------------------------------

def test_ga024_article_14_covers_control_and_deprivation_of_political_rights(catalog):
    m = matter(catalog, "370100-GA-024")
    rule = [c for c in m.conditions if "假释" in c]
    assert rule and "管制" in rule[0] and "剥夺政治权利" in rule[0]
    assert "人民法院或者公安机关批准" in rule[0] and "立即申报迁入登记" in rule[0]


# --- GA-025 无户口人员登记户口: 户口登记条例第七条 -----------------------------------------------

def test_ga025_abandoned_infants_are_registered_by_adopter_or_institution(catalog):
    m = matter(catalog, "370100-GA-025")
    rule = [c for c in m.conditions if "出生登记" in c]
    assert rule and "邻居" in rule[0] and "育婴机关" in rule[0]


# --- GA-031 普通护照加注: 护照法第十条 ----------------------------------------------------------

def test_ga031_change_of_items_is_a_duty_to_apply(catalog):
    m = matter(catalog, "370100-GA-031")
    faq = next(f for f in m.faq if "改名" in f.q)
    assert "应当" in faq.a and "变更加注" in faq.a


# --- GA-032 赴港澳定居: 暂行管理办法第七条第五项、第九条第四项 -----------------------------------

def test_ga032_other_special_reasons_have_an_option_and_a_proof(catalog):
    m = matter(catalog, "370100-GA-032")
    reason = next(s for s in m.situations if s.id == "reason")
    assert "other" in [o.id for o in reason.options]
    assert "与申请事由相应的证明" in names(m, {"reason": "other"})


# --- GA-033 赴台湾定居: 往来台湾地区管理办法第十二条 ---------------------------------------------

def test_ga033_national_security_refusal_ground(catalog):
    m = matter(catalog, "370100-GA-033")
    rule = [c for c in m.conditions if "不予批准" in c]
    assert rule and "国家安全" in rule[0] and "假证明" in rule[0]


# --- GA-037 台湾居民大陆定居: 往来台湾地区管理办法第十九条 -------------------------------------

def test_ga037_all_article_19_refusal_grounds(catalog):
    m = matter(catalog, "370100-GA-037")
    rule = [c for c in m.conditions if "不予批准" in c]
    assert rule, m.conditions
    text = rule[0]
    assert "精神疾病" in text and "严重传染病" in text and "治病" in text
    assert "不符合申请条件" in text


# --- GA-040 外国人居留许可: 外国人入境出境管理条例第十五条、第十六条 -----------------------------

def test_ga040_journalist_residence_permit(catalog):
    m = matter(catalog, "370100-GA-040")
    kind = next(s for s in m.situations if s.id == "kind")
    assert "journalist" in [o.id for o in kind.options]
    assert "有关主管部门出具的函件和核发的记者证" in names(m, {"kind": "journalist", "term": "short"})
    row = next(x for x in m.materials if x.name.startswith("亲属关系证明"))
    assert "私人事务" in row.notes


# --- GA-041 外国人永久居留: 出境入境管理法第四十九条 ---------------------------------------------

def test_ga041_grounds_for_cancelling_permanent_residence(catalog):
    m = matter(catalog, "370100-GA-041")
    faq = next(f for f in m.faq if "取消" in f.q)
    assert "驱逐出境" in faq.a and "居留未达到规定时限" in faq.a and "公安部" in faq.a
    src = next(s for s in m.sources if s.article == "第四十九条")
    assert "faq" in src.covers


# --- GA-046 居住就业落户: 居住证暂行条例第十六条 -------------------------------------------------

def test_ga046_faq_names_every_city_tier(catalog):
    m = matter(catalog, "370100-GA-046")
    faq = next(f for f in m.faq if "社保年限" in f.q)
    assert "3年" in faq.a and "5年" in faq.a and "积分落户" in faq.a and "500万以上" in faq.a


# --- GA-006 / GA-007 / GA-008 户口迁移: 户口登记条例第十三条第一款 -------------------------------

def test_ga006_to_008_arrival_deadline_for_paper_migration_certificates(catalog):
    for mid in ("370100-GA-006", "370100-GA-007", "370100-GA-008"):
        m = matter(catalog, mid)
        step = [p for p in m.process if p.startswith("落户")]
        assert step and "三日以内" in step[0] and "十日以内" in step[0], mid
