"""Facts corrected by the sixth pass, part E (docs/pass6-e.md): sorted ids 201..250 (RS-017..RS-066).

Kind (g) only: a `sources` entry covered `materials` although none of its articles lists a material.
Each test fails if the old `covers` claim comes back, and checks the note that now says where the
material list comes from (经办实践 / 窗口要求).
"""

from tests.truth_helpers import matter


def _src(m, law, article):
    return next(s for s in m.sources if s.law == law and s.article == article)


# --- RS-022 个人社会保险参保信息变更: 社会保险经办条例第八条至第十条 set data sharing, the duty to report
# changes, the cross-check and the 10 working days, but list no material --------------------------------

def test_rs022_articles_8_to_10_do_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-RS-022")
    src = _src(m, "《社会保险经办条例》", "第八条、第九条、第十条")
    assert "materials" not in src.covers
    assert "time_limit" in src.covers and m.time_limit.legal_days == 10
    assert "没有列出所需材料" in src.note and "经办实践" in src.note


# --- RS-028 社会保险待遇领取银行账户变更: 经办条例第七条、第九条、第三十条、第六十二条 name no material --

def test_rs028_articles_7_9_30_62_do_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-RS-028")
    src = _src(m, "《社会保险经办条例》", "第七条、第九条、第三十条、第六十二条")
    assert "materials" not in src.covers
    assert "没有列出变更发放账户所需的材料" in src.note and "经办实践" in src.note


# --- RS-042 工伤伤残待遇申领: 工伤保险条例第三十四条至第三十七条、第六十四条 set the benefits per grade and
# 本人工资, not what to bring -------------------------------------------------------------------------

def test_rs042_injury_benefit_articles_do_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-RS-042")
    src = _src(m, "《工伤保险条例》", "第三十四条至第三十七条、第六十四条")
    assert "materials" not in src.covers
    assert "conditions" in src.covers
    assert "没有列出申领所需的材料" in src.note and "经办实践" in src.note


# --- RS-048 农民合同制工人一次性生活补助申领: 失业保险条例第六条、第二十一条 list no material -----------

def test_rs048_articles_6_and_21_do_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-RS-048")
    src = _src(m, "《失业保险条例》", "第六条、第二十一条")
    assert "materials" not in src.covers
    assert "没有列出申领所需的材料" in src.note and "经办实践" in src.note


# --- RS-062 劳务派遣经营许可: 劳动合同法第五十七条 sets the conditions and the licence, 第六十七条 the ban on
# self-dispatch; neither lists the application papers ---------------------------------------------------

def test_rs062_labour_contract_law_57_67_do_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-RS-062")
    src = _src(m, "《中华人民共和国劳动合同法》", "第五十七条、第六十七条")
    assert "materials" not in src.covers
    assert "conditions" in src.covers
    assert "没有列出申请材料" in src.note and "经办实践" in src.note
