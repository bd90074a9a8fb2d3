"""Facts corrected by the eighth independent 10% re-check, part A (docs/recheck8-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 8); part A covers 10 ids (GA, GJJ, HB, JJ). Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content comes
back.
"""

from tests.truth_helpers import matter, names

# --- GA-025 无户口人员登记户口: 户口登记条例第七条 names who reports a birth and where; it lists no
# material, so it cannot be the source of the material list ------------------------------------------

def test_ga025_article_7_is_not_credited_with_the_material_list(catalog):
    m = matter(catalog, "370100-GA-025")
    art7 = [s for s in m.sources if s.article == "第七条"]
    assert art7 and all("materials" not in s.covers for s in art7)
    assert "未列" in art7[0].note
    row = next(x for x in m.materials if x.name == "出生医学证明")
    assert "第七条" in row.notes and "未列材料" in row.notes


def test_ga025_birth_report_process_names_the_article_7_reporters(catalog):
    m = matter(catalog, "370100-GA-025")
    step = m.process[0]
    for who in ("户主", "亲属", "抚养人", "邻居", "收养人", "育婴机关"):
        assert who in step, who
    assert "第七条" in step
    assert any(s.article == "第七条" and "process" in s.covers for s in m.sources)


# --- JJ-005 检验合格标志核发: 机动车登记规定第五十五条 — for a vehicle exempt from the on-line
# inspection, the owner's identity proof OR the 行驶证 is enough; the 行驶证 is not required ---------

def test_jj005_exempt_year_needs_identity_proof_or_licence_not_both(catalog):
    m = matter(catalog, "370100-JJ-005")
    exempt = {"vehicle": "exempt_year", "channel": "window"}
    assert "机动车行驶证" not in names(m, exempt)
    either = next(x for x in m.materials if x.name.startswith("机动车行驶证或者机动车所有人身份证明"))
    assert either.applies(exempt) and either.required is not False
    assert "第五十五条" in either.notes
    # art. 54(2): after an inspection the 行驶证 itself is required
    for vehicle in ("inspect_year", "other_vehicle"):
        assert "机动车行驶证" in names(m, {"vehicle": vehicle, "channel": "window"}), vehicle
    assert "机动车行驶证" not in names(m, {"vehicle": "inspect_year", "channel": "online"})


# --- JJ-005: 道路交通安全法第十三条第五款, cited for `fee` — the inspection body's fee follows the
# standard approved by the State Council price authority, not a "市场调节价" --------------------------

def test_jj005_inspection_fee_follows_the_approved_standard(catalog):
    m = matter(catalog, "370100-JJ-005")
    assert "市场调节价" not in m.fee.basis
    assert "第十三条" in m.fee.basis and "核定的收费标准" in m.fee.basis
    src = next(s for s in m.sources if s.article == "第十三条" and "道路交通安全法" in s.law)
    assert "fee" in src.covers and "第五款" in src.note
