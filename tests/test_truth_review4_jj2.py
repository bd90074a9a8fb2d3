"""Review of the fourth pass's own changes in JJ-031..JJ-060 and ZJ (docs/review4-jj2.md).

The one error the fourth pass introduced in this part is the residence-proof note of seven JJ
matters (fixed on main before this review). The first test guards the whole part against it;
the others pin two narrow-wording observations fixed here against the articles they come from.
"""

from tests.truth_helpers import matter

PART_JJ = [f"370100-JJ-{n:03d}" for n in range(31, 61)]


def _owner_id_rows(m):
    return [x for x in m.materials if x.name.startswith("机动车所有人") and "身份证明" in x.name]


# --- 《机动车登记规定》第八十九条第（三）项末两段: outside the 户籍地 only 注册登记, 转让登记, 住所迁入 and
# 共同所有人变更 need the residence proof; none of JJ-031..JJ-060 is one of those four services ------------

def test_no_matter_of_the_part_asks_an_out_of_town_owner_for_residence_proof(catalog):
    for mid in PART_JJ:
        m = matter(catalog, mid)
        for row in _owner_id_rows(m):
            assert "另需居住证明" not in (row.notes or ""), mid
            assert not ("居住证明" in row.name and not row.when), mid


def test_the_seven_rewritten_notes_state_the_exemption(catalog):
    for mid in ("370100-JJ-031", "370100-JJ-032", "370100-JJ-033", "370100-JJ-035", "370100-JJ-036",
                "370100-JJ-037", "370100-JJ-039"):
        note = _owner_id_rows(matter(catalog, mid))[0].notes
        assert "免交居住证明" in note and "第八十九条" in note, mid


# --- observation: 第八十九条第（二）项第1目 also names the 社会团体法人登记证书 as a unit's ID ----------------

def test_unit_id_includes_social_organisation_certificate(catalog):
    for mid in ("370100-JJ-031", "370100-JJ-032", "370100-JJ-033", "370100-JJ-035", "370100-JJ-036",
                "370100-JJ-037", "370100-JJ-039", "370100-JJ-041"):
        note = _owner_id_rows(matter(catalog, mid))[0].notes
        assert "社会团体法人登记证书" in note, mid


# --- observation: 《机动车驾驶证申领和使用规定》第八十五条第一款 — a 体检-qualified hospital must be 二级以上 --

def test_jj058_health_certificate_hospital_level(catalog):
    m = matter(catalog, "370100-JJ-058")
    cert = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
    assert "二级以上医院" in cert.source
    assert "省级卫生健康部门认定的专门医疗机构" in cert.source
