"""Facts corrected by the fifth independent 10% re-check, part C (docs/recheck5-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 5); part C covers 13 of them. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- ZRZY-009 国有建设用地使用权首次登记:
#     《城镇国有土地使用权出让和转让暂行条例》第十六条, 《城市房地产管理法》第二十三条 --------------

def test_zrzy009_full_payment_precondition_is_backed_by_a_cited_article(catalog):
    m = matter(catalog, "370100-ZRZY-009")
    rule = next(c for c in m.conditions if "出让" in c and "划拨" in c)
    # 暂行条例 art. 16: registration and the land-use right follow payment of the whole 出让金
    assert "全部土地使用权出让金" in rule
    # 城市房地产管理法 art. 23: 划拨 needs approval by a government at county level or above
    assert "县级以上人民政府" in rule
    # the old wording stated the payment rule with no cited article containing it
    assert "缴清出让价款等费用" not in rule
    src = next(s for s in m.sources if "出让和转让暂行条例" in s.law)
    assert src.article == "第十六条"
    assert "conditions" in src.covers
    src2 = next(s for s in m.sources if "城市房地产管理法" in s.law)
    assert src2.article == "第二十三条"
    assert "conditions" in src2.covers
    assert any("出让和转让暂行条例" in b and "第十六条" in b for b in m.legal_basis)


def test_zrzy009_boundary_and_dispute_condition_is_backed_by_articles_18_and_22(catalog):
    m = matter(catalog, "370100-ZRZY-009")
    assert any("无权属争议" in c for c in m.conditions)
    # 条例 art. 18(1) checks 界址/面积; art. 22(2) refuses registration while a title dispute is open
    src = next(s for s in m.sources if "第二十二条" in s.article and "不动产登记暂行条例" in s.law)
    assert "第十八条" in src.article
    assert "conditions" in src.covers


# --- SCJG-011 有限责任公司设立登记: 《公司法》第八条、第四十五条、第四十六条、第六十七条 -----------

def test_scjg011_charter_and_board_rules_have_their_articles(catalog):
    m = matter(catalog, "370100-SCJG-011")
    rule = next(c for c in m.conditions if "公司章程" in c)
    # art. 45: the shareholders make the charter together; art. 46(2): they sign or seal it
    assert "全体股东共同制定" in rule and "签名或盖章" in rule
    # art. 8: the seat is the main office
    assert "主要办事机构所在地" in rule
    src = next(s for s in m.sources if "第四十五条" in s.article)
    for art in ("第八条", "第四十六条", "第六十七条"):
        assert art in src.article
    assert "conditions" in src.covers and "materials" in src.covers
    assert any("第四十五条" in b and "第六十七条" in b for b in m.legal_basis)
