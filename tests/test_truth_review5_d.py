"""Errors the fifth pass, part D, introduced itself, found by the review (docs/review5-d.md).

Each test pins one fixed fact against the statute text it comes from, so it fails if the pass's
erroneous wording comes back.
"""

from tests.truth_helpers import matter

# --- MZ-011 收养登记: 收养子女登记办法第七条第一款第一项 names the 负责人's ID only for an organisation
# acting as guardian ("组织作监护人的"); it says nothing of which ID a 社会福利机构 shows as 送养人, so that
# case must not be credited to the 项 itself -----------------------------------------------------------

def test_mz011_heads_id_for_welfare_institution_is_not_credited_to_art7_1_1(catalog):
    m = matter(catalog, "370100-MZ-011")
    row = next(x for x in m.materials if x.name == "送养人居民身份证和户口簿")
    assert "第七条第一款第一项" in row.notes and "组织作监护人的" in row.notes
    assert "社会福利机构作送养人或组织作监护人" not in row.notes
    assert "没有写明" in row.notes and "比照" in row.notes
