"""Facts corrected by the full catalog pass over GJJ, YB and ZRZY (docs/pass-pass-gjj.md, issue 16).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter, names, option_label

# --- GJJ: 《住房公积金管理条例》(2019) ---------------------------------------------------------


def test_gjj001_disability_ground_is_a_situation_with_its_papers(catalog):
    # art. 24(1)(3): complete loss of working ability AND end of the labour relation
    m = matter(catalog, "370100-GJJ-001")
    label = option_label(m, "reason", "disabled")
    assert "完全丧失劳动能力" in label and "终止劳动关系" in label
    listed = names(m, {"reason": "disabled"})
    assert "完全丧失劳动能力的劳动能力鉴定结论" in listed
    assert "与单位解除（终止）劳动关系的证明" in listed


def test_gjj001_unit_proof_of_art25_is_not_called_repealed(catalog):
    # art. 25(1): the employer verifies and issues the withdrawal proof; it is in force
    m = matter(catalog, "370100-GJJ-001")
    assert any("单位核实" in p and "提取证明" in p for p in m.process)
    assert "原规定" not in (m.notes or "")


def test_gjj009_new_and_transferred_staff_pay_on_the_current_wage(catalog):
    # art. 17: new and transferred staff pay on 当月工资, not last year's average
    m = matter(catalog, "370100-GJJ-009")
    assert any("当月工资" in c for c in m.conditions)
    assert any("当月工资" in p for p in m.process if p.startswith("核定"))
    faq = next(f for f in m.faq if "每月交多少" in f.q)
    assert "当月工资" in faq.a


def test_gjj011_base_faq_names_the_art17_exception(catalog):
    m = matter(catalog, "370100-GJJ-011")
    faq = next(f for f in m.faq if "基数" in f.q)
    assert "当月工资" in faq.a
    assert any(s.article == "第十七条" for s in m.sources)


def test_gjj018_centre_consent_is_not_credited_to_the_regulation(catalog):
    # arts. 12, 26, 27 say nothing about changing a loan contract
    m = matter(catalog, "370100-GJJ-018")
    assert not any("须经中心同意" in c for c in m.conditions)


def test_gjj024_all_three_art34_duties_are_named(catalog):
    m = matter(catalog, "370100-GJJ-024")
    text = m.conditions[0]
    assert "注销登记" in text and "封存" in text and "足额缴存" in text
