"""Facts corrected by the third full pass over RS-001..RS-037 (docs/pass3-rs1.md).

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter, option_label

# --- RS-029 出国（境）定居人员养老保险个人账户一次性支付: 《社会保险法》第十四条（not art. 19）

def test_rs029_legal_basis_does_not_credit_art_19_of_social_insurance_law(catalog):
    m = matter(catalog, "370100-RS-029")
    law = next(b for b in m.legal_basis if "中华人民共和国社会保险法" in b)
    # art. 19 is about moving the pension relation between regions, not the lump sum;
    # art. 14 (individual account may not be drawn early) is the statute rule the matter rests on
    assert "第十四条" in law and "第十九条" not in law
    rule = next(b for b in m.legal_basis if "若干规定" in b)
    assert "第六条" in rule
    src = next(s for s in m.sources if "若干规定" in (s.law or ""))
    assert src.article == "第六条"


# --- RS-028 社会保险待遇领取银行账户变更: 《社会保险经办条例》第九条、第三十条 -------------------------

def test_rs028_duty_to_report_account_change_rests_on_the_person_not_relatives(catalog):
    m = matter(catalog, "370100-RS-028")
    cond = next(c for c in m.conditions if "发放账户" in c)
    # art. 9 puts the duty to report changed insured-person information on the person (and unit);
    # relatives are named only in art. 25 (stopping benefits). Art. 30 gives 授权代办.
    assert "本人或亲属应" not in cond
    assert "本人应及时告知" in cond and "代办" in cond


# --- RS-013 工伤认定申请: 《工伤保险条例》第十四条第七项、第十八条 -----------------------------------

def test_rs013_case_list_keeps_the_other_statutory_cases_of_art_14(catalog):
    m = matter(catalog, "370100-RS-013")
    # art. 14 ends with (七) other cases set by law or administrative regulation; the options
    # must not present items (一)-(六) plus art. 15 as the complete list
    label = option_label(m, "case", "other_statutory")
    assert "法律、行政法规" in label
    # art. 18(3): a medical diagnosis is required in that case too
    row = next(x for x in m.materials if x.name.startswith("医疗机构出具的受伤后诊断证明书"))
    assert "case.other_statutory" in row.when
