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
