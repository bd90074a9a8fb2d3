"""Facts corrected by the fifth catalog pass, part A (docs/pass5-a.md).

Part A covers the sorted ids 370100-CG-001 .. 370100-GA-044 (50 matters). Each test pins one corrected
fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- GA-007 购房落户: 《户口登记条例》第十条 — the person or head of household declares the move-out
# before leaving and takes the migration certificate; the one-stop notice to the old place is practice ---

def test_ga007_move_out_rule_of_art_10_and_one_stop_marked_as_practice(catalog):
    m = matter(catalog, "370100-GA-007")
    step = next(p for p in m.process if p.startswith("迁移"))
    assert "第十条" in step and "申报迁出登记" in step and "领取迁移证件" in step
    assert "现行便民做法" in step and "条例未作规定" in step
    assert "跨省迁移按规定通知迁出地" not in step
    assert any(s.article == "第十条、第十三条" and "process" in s.covers for s in m.sources)


# --- CG-002 店铺招牌及户外广告设施设置: 《济南市户外广告和牌匾标识管理条例》第二十七条第一款 — a shop sign
# MAY follow the technical rules of the special plan; only outdoor ads must keep to the plan (arts. 8, 18) ---

def test_cg002_shop_signs_may_follow_the_technical_rules_not_must(catalog):
    m = matter(catalog, "370100-CG-002")
    cond = m.conditions[0]
    assert "可以参照" in cond and "第二十七条第一款" in cond and "不是必须" in cond
    assert "设置技术规范，与建筑立面" not in cond
    assert any("第二十八条" in s.article and "conditions" in s.covers for s in m.sources)


# --- GA-006 / GA-007: the housing and who-may-join answers are Jinan policy, which 户口登记条例 does not set
# (art. 6 sets only the one-place rule); the FAQ now credits them as the conditions already do -------------

def test_ga006_housing_faq_credited_to_jinan_policy(catalog):
    m = matter(catalog, "370100-GA-006")
    faq = next(f for f in m.faq if "房子" in f.q)
    assert "按济南现行户籍政策" in faq.a and "条例未作规定" in faq.a and "合法稳定住所" in faq.a


def test_ga007_faqs_credited_to_jinan_policy(catalog):
    m = matter(catalog, "370100-GA-007")
    deed = next(f for f in m.faq if "房产证" in f.q)
    assert "按济南现行购房落户政策" in deed.a and "不动产权证书" in deed.a
    family = next(f for f in m.faq if "父母" in f.q)
    assert "按济南现行户籍政策" in family.a and "随迁" in family.a
