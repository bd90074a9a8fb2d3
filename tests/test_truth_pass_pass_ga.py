"""Facts corrected by the full pass over the GA (公安) matters (docs/pass-pass-ga.md, issue 16).

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
