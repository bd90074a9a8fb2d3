"""Facts corrected by the seventh independent 10% re-check, part A (docs/recheck7-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 7); part A covers 10 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter, names

# --- CG-002: 《济南市户外广告和牌匾标识管理条例》第十八条第二款、第二十一条 — only a 大型 outdoor ad needs
# the permit and its art. 21 materials; a non-large ad is set up and its data shown in the system
# within 10 days -----------------------------------------------------------------------------------

_PERMIT_ROWS = ("户外广告设施设计图及实景效果图", "结构安全设计文件或计算书", "申请表（牌匾标识设置备案表或户外广告设施设置申请表）")


def test_cg002_non_large_ads_get_no_permit_materials(catalog):
    m = matter(catalog, "370100-CG-002")
    small = names(m, {"kind": "billboard", "size": "small", "subject": "business"})
    for row in _PERMIT_ROWS:
        assert row not in small, row
    assert "营业执照" not in small
    assert any("明示" in n for n in small)
    disclose = next(x for x in m.materials if "明示" in x.name)
    assert "10日内" in disclose.notes and "第十八条" in disclose.notes


def test_cg002_large_ads_keep_the_art_21_materials(catalog):
    m = matter(catalog, "370100-CG-002")
    large = names(m, {"kind": "billboard", "size": "large", "subject": "business"})
    for row in _PERMIT_ROWS + ("营业执照", "房屋或场地所有权证明、租赁合同"):
        assert row in large, row
    sign = names(m, {"kind": "sign", "subject": "person"})
    assert "牌匾设计效果图" in sign and "申请人居民身份证" in sign
    assert "结构安全设计文件或计算书" not in sign


# --- CG-002 (observation, not counted): 条例第十九条 — the permit goes to the city or county
# 行政审批服务部门, not a district 城市管理 window ------------------------------------------------------

def test_cg002_location_is_the_approval_department(catalog):
    m = matter(catalog, "370100-CG-002")
    hall = m.locations[0].hall
    assert "行政审批服务部门" in hall and "城市管理窗口" not in hall
    assert "历下" in hall


# --- GA-006: 《户口登记条例》第十条 — the person or head of household declares the move-out before
# leaving and takes the migration certificate; the one-stop route is current practice -------------

def test_ga006_move_out_rule_of_art_10_and_one_stop_marked_as_practice(catalog):
    m = matter(catalog, "370100-GA-006")
    step = next(p for p in m.process if p.startswith("迁出"))
    assert "第十条" in step and "申报迁出登记" in step and "领取迁移证件" in step
    assert "现行便民做法" in step and "条例未作规定" in step
    faq = next(f for f in m.faq if "迁移证" in f.q)
    assert "便民做法" in faq.a and "第十条" in faq.a
    src = next(s for s in m.sources if s.article == "第十条、第十三条")
    assert "faq" in src.covers and "process" in src.covers
