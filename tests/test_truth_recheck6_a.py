"""Facts corrected by the sixth independent 10% re-check, part A (docs/recheck6-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 6); part A covers 10 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- GJJ-014 住房公积金个人账户封存: 《住房公积金管理条例》第十四条第二款 -----------------------------


def test_gjj014_merger_route_keeps_the_30_day_registration_deadline(catalog):
    m = matter(catalog, "370100-GJJ-014")
    # art. 14(2): within 30 days of the merger, split, dissolution or bankruptcy the unit (or the
    # liquidation body) registers the change or cancellation, then within 20 days of that it moves or
    # seals the accounts; the old text gave only the 20 days, counted from an open-ended date
    rule = next(c for c in m.conditions if "清算组织" in c)
    assert "发生这些情况之日起30日内" in rule
    assert "20日内" in rule and "转移或封存" in rule
    step = next(p for p in m.process if p.startswith("申请"))
    assert "合并" in step and "30日内" in step and "20日内" in step
    src = next(s for s in m.sources if s.article == "第十四条第二款")
    assert "process" in src.covers and "conditions" in src.covers


def test_gjj014_termination_route_still_30_days(catalog):
    m = matter(catalog, "370100-GJJ-014")
    # art. 15(2): on termination of the labour relation the unit acts within 30 days of the end date
    step = next(p for p in m.process if p.startswith("申请"))
    assert "劳动关系终止之日起30日内" in step


# --- GJJ-004 住房公积金个人账户设立: 《住房公积金管理条例》第三十七条 -------------------------------------


def test_gjj004_fine_for_not_opening_accounts_is_not_discretionary(catalog):
    m = matter(catalog, "370100-GJJ-004")
    # art. 37: the centre orders the unit to act within a set time; if it still does not, it "处" a fine
    # of 1万 to 5万 yuan (mandatory, with a range); the old FAQ said the centre "可处罚款"
    faq = next(f for f in m.faq if "单位不给交" in f.q)
    assert "可处罚款" not in faq.a
    assert "责令限期办理" in faq.a
    assert "处1万元以上5万元以下的罚款" in faq.a
    src = next(s for s in m.sources if s.article == "第三十七条")
    assert "faq" in src.covers
