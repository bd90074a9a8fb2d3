"""Facts corrected by the sixth pass, part E (docs/pass6-e.md): sorted ids 201..250 (RS-017..RS-066).

Kind (g) only: a `sources` entry covered `materials` although none of its articles lists a material.
Each case fails if the old `covers` claim comes back, and checks the note that now says where the
material list comes from (经办实践 / 窗口要求).
"""
import pytest

from tests.truth_helpers import matter, source

# matter, law, article, a field the entry still covers (or None), the note's words on the materials
CASES = [
    # 社会保险经办条例第八条至第十条: data sharing, the duty to report changes, the cross-check, 10 working days
    ("370100-RS-022", "《社会保险经办条例》", "第八条、第九条、第十条", "time_limit", "没有列出所需材料"),
    # 个人社会保险待遇领取银行账户变更: arts. 7, 9, 30, 62 name no material
    ("370100-RS-028", "《社会保险经办条例》", "第七条、第九条、第三十条、第六十二条", None,
     "没有列出变更发放账户所需的材料"),
    # 工伤保险条例 arts. 34-37, 64: benefits per grade and 本人工资, not what to bring
    ("370100-RS-042", "《工伤保险条例》", "第三十四条至第三十七条、第六十四条", "conditions", "没有列出申领所需的材料"),
    # 失业保险条例 arts. 6, 21 list no material
    ("370100-RS-048", "《失业保险条例》", "第六条、第二十一条", None, "没有列出申领所需的材料"),
    # 劳动合同法 art. 57 sets the conditions and the licence, art. 67 the ban on self-dispatch
    ("370100-RS-062", "《中华人民共和国劳动合同法》", "第五十七条、第六十七条", "conditions", "没有列出申请材料"),
]


@pytest.mark.parametrize("mid,law,article,kept,note", CASES)
def test_articles_that_list_no_material_do_not_carry_the_materials(catalog, mid, law, article, kept, note):
    src = source(matter(catalog, mid), law, article)
    assert "materials" not in src.covers
    assert kept is None or kept in src.covers
    assert note in src.note and "经办实践" in src.note


def test_rs022_keeps_its_ten_working_days(catalog):
    assert matter(catalog, "370100-RS-022").time_limit.legal_days == 10
