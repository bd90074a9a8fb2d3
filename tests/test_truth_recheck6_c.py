"""Facts corrected by the sixth independent 10% re-check, part C (docs/recheck6-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 6); part C covers 10 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- JJ-059 道路交通安全违法罚款延期或分期缴纳: 《行政处罚法》第七十二条 -----------------------------------

def test_jj059_surcharge_is_a_power_and_follows_the_approved_deadline(catalog):
    m = matter(catalog, "370100-JJ-059")
    # art. 72(1): the authority "可以" impose 3 % a day (capped at the fine) or go to court; it
    # applies to any fine not paid when due, and an approved deferral moves the due date
    rule = next(c for c in m.conditions if "百分之三" in c)
    assert "可以每日按罚款数额的百分之三加处罚款" in rule
    assert "不超过罚款本身的数额" in rule
    assert "未经批准逾期不缴" not in rule
    assert "以批准的期限为准" in rule
    assert "人民法院强制执行" in rule


def test_jj059_court_enforcement_runs_from_the_end_of_the_deferral(catalog):
    m = matter(catalog, "370100-JJ-059")
    # art. 72(2): with an approved deferral, the court-enforcement period starts when it ends
    assert "强制执行的期限从暂缓或分期缴纳的期限结束之日起计算" in m.notes


# --- SW-010 个人出租房屋税费申报: 《个人所得税法》第二条、《房产税暂行条例》第一条 -------------------------

def test_sw010_levy_area_limits_only_the_property_tax(catalog):
    m = matter(catalog, "370100-SW-010")
    # 房产税暂行条例 art. 1 limits 房产税 to 城市、县城、建制镇和工矿区; 个人所得税法 art. 2(1)(7)
    # and 实施条例 art. 6(1)(7) tax rent from any 不动产, wherever it lies
    assert not any(c.startswith("个人将位于城市、县城、建制镇和工矿区的房屋出租") for c in m.conditions)
    rule = next(c for c in m.conditions if "工矿区" in c and "租金收入" in c)
    assert "财产租赁所得缴纳个人所得税" in rule and "不论房屋位于何处" in rule
    assert "房产税只对位于城市、县城、建制镇和工矿区的房产征收" in rule
    src = next(s for s in m.sources if "个人所得税法》" in s.law and "第六条" in s.article)
    assert "第二条" in src.article and "conditions" in src.covers
