"""Facts corrected by the fourth independent 10% re-check, part B (docs/recheck4-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 4); part B has 14 of them. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter, names

# --- SCJG-015 营业执照遗失补领: 《市场主体登记管理条例》第三十七条第二款 ------------------------------

def test_scjg015_lost_or_damaged_licence_is_declared_void_before_replacement(catalog):
    m = matter(catalog, "370100-SCJG-015")
    rule = [c for c in m.conditions if "声明作废" in c]
    assert rule, m.conditions
    # art. 37(2): 遗失或者毁坏 -> declare void on the public system, then apply for a new one
    assert "遗失或者毁坏" in rule[0] and "第三十七条" in rule[0]
    # the declaration applies to a damaged licence too, not only to a lost one
    assert "国家企业信用信息公示系统发布的营业执照作废声明" in names(m, {"reason": "damaged"})
    assert "国家企业信用信息公示系统发布的营业执照作废声明" in names(m, {"reason": "lost"})
    # the old notes said the registration rules have no replacement clause
    assert "未单列补领条款" not in (m.notes or "")
    src = next(s for s in m.sources if s.article == "第三十七条")
    assert "市场主体登记管理条例" in src.law
    assert {"conditions", "materials", "process"} <= set(src.covers)
    assert any("第三十七条" in b for b in m.legal_basis if "市场主体登记管理条例" in b)


# --- RS-033 职业培训补贴申领: 《社会保险经办条例》第二十四条第三款 ----------------------------------

def test_rs033_certificate_requirement_is_credited_to_article_24(catalog):
    m = matter(catalog, "370100-RS-033")
    faq = next(f for f in m.faq if "没拿到证" in f.q)
    # the duty to show a certificate is art. 24(3) of the 经办条例; 山东省就业促进条例 art. 52 only
    # grants the subsidy to certificate holders and has no "only" rule
    assert "第二十四条第三款" in faq.a and "职业技能等级证书" in faq.a
    assert "人员才能按规定享受" not in faq.a
    src = next(s for s in m.sources if s.law and "社会保险经办条例" in s.law)
    assert "faq" in src.covers and "conditions" in src.covers
