"""Facts corrected by the fifth pass, part D (docs/pass5-d.md): JY-003, MZ-001 … MZ-033, RS-001 … RS-016.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter, names

# --- MZ-011 收养登记: 收养子女登记办法第七条第一款第一项 — every 送养人 shows its ID; a 社会福利机构 as
# 送养人 (第二款 "并应当提交") shows its 负责人's ID as well ---------------------------------------------

def test_mz011_welfare_institution_as_placing_party_shows_its_heads_id(catalog):
    m = matter(catalog, "370100-MZ-011")
    assert "送养人居民身份证和户口簿" in names(m, {"source": "welfare"})
    row = next(x for x in m.materials if x.name == "送养人居民身份证和户口簿")
    assert "第七条" in row.notes and "负责人" in row.notes


# --- RS-001 失业保险金申领: 社会保险法第五十条第二款 — the unemployed person holds the employer's
# termination certificate at the 失业登记; skipping it when the employer reported online is Jinan practice --

def test_rs001_termination_certificate_waiver_is_practice_not_article_50(catalog):
    m = matter(catalog, "370100-RS-001")
    row = next(x for x in m.materials if x.name.startswith("解除或终止劳动合同"))
    assert "第五十条第二款" in row.notes and "经办做法" in row.notes


# --- RS-012 技能提升补贴: 社会保险经办条例第二十四条第三款 asks for the certificate; the online look-up
# that replaces the paper is agency practice, not that 款 ------------------------------------------------

def test_rs012_online_certificate_check_is_practice_not_article_24(catalog):
    m = matter(catalog, "370100-RS-012")
    row = next(x for x in m.materials if x.name == "职业资格证书或职业技能等级证书")
    assert "第二十四条第三款" in row.notes and "经办做法" in row.notes


# --- RS-013 工伤认定申请: 工伤保险条例第十七条、第十八条第一款第二项 — the labour relation is the injured
# worker's, also when a 近亲属 or the 工会 applies (not the applicant's own) -----------------------------

def test_rs013_labour_relation_is_the_workers_not_the_applicants(catalog):
    m = matter(catalog, "370100-RS-013")
    assert not any(c.startswith("申请人与用人单位存在劳动关系") for c in m.conditions)
    cond = next(c for c in m.conditions if "劳动关系（含事实劳动关系）" in c)
    assert cond.startswith("受伤") and "职工与用人单位存在劳动关系" in cond and "第十八条" in cond


# --- MZ-011 收养登记: 收养子女登记办法第六条第三款 — a step-parent may hand in only the 户口簿, the ID and
# the proof of marriage to the birth parent; the separate marital-status paper is not asked of them -------

def test_mz011_step_parent_needs_no_separate_marital_status_paper(catalog):
    m = matter(catalog, "370100-MZ-011")
    step = names(m, {"source": "stepchild"})
    assert "收养人与被收养人生父或生母的结婚证" in step
    assert not any(n.startswith("收养人婚姻状况证明") for n in step)
    assert any(n.startswith("收养人婚姻状况证明") for n in names(m, {"source": "hardship"}))


# --- MZ-011 收养登记: 民法典第一千零九十九条、第一千一百零三条 lift the "生父母有特殊困难" item of
# 第一千零九十三条 (and other limits) for a relative's child and a stepchild, both options of this matter -----

def test_mz011_relative_and_stepchild_exemptions_are_named(catalog):
    m = matter(catalog, "370100-MZ-011")
    cond = next(c for c in m.conditions if "三代以内旁系同辈血亲" in c)
    assert "放宽部分条件" not in cond
    assert "第一千零九十九条" in cond and "第一千一百零三条" in cond
    assert cond.count("生父母有特殊困难无力抚养") == 2 and "生父母同意" in cond


# --- MZ-001 结婚登记: the FAQ's "补办 follows the marriage-registration rules" is 婚姻登记条例第八条; the
# matter had no source for it ----------------------------------------------------------------------------

def test_mz001_late_registration_faq_cites_regulation_art8(catalog):
    m = matter(catalog, "370100-MZ-001")
    faq = next(f for f in m.faq if "补办" in f.a)
    assert "符合结婚条件" in faq.a
    assert any("婚姻登记条例" in s.law and s.article == "第八条" and "faq" in s.covers for s in m.sources)


# --- RS-016 丧葬补助金和抚恤金: the work-death benefits in the condition and the note are 工伤保险条例
# 第三十九条第一款; the matter had no source for them ------------------------------------------------------

def test_rs016_work_death_benefits_cite_work_injury_regulation_art39(catalog):
    m = matter(catalog, "370100-RS-016")
    assert "一次性工亡补助金" in m.notes
    assert any("工伤保险条例" in s.law and s.article.startswith("第三十九条") and "general" in s.covers
               for s in m.sources)


# --- RS-010 失业登记: 社会保险法第五十条 asks for the employer's termination certificate; checking the
# employer's online report instead is Jinan practice, not that article -----------------------------------

def test_rs010_online_separation_check_is_practice_not_article_50(catalog):
    m = matter(catalog, "370100-RS-010")
    row = next(x for x in m.materials if x.name == "与原单位解除或终止劳动关系的证明")
    assert "第五十条" in row.notes and "经办做法" in row.notes
