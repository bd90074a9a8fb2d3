"""Facts corrected by the third independent 10% re-check, part A (docs/recheck3-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 3); this file covers helper A's 14 ids. Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content
comes back.
"""


from tests.truth_helpers import matter, option_label

# --- CG-004 生活垃圾经营性清扫收集运输: 《行政许可法》第四十二条、第四十五条 --------------------------

def test_cg004_bidding_time_rests_on_art_45_and_extension_is_given(catalog):
    m = matter(catalog, "370100-CG-004")
    note = m.time_limit.note
    # art. 45: time for bidding etc. is not counted; it is not a rule of art. 42
    assert "第四十五条" in note and "招标" in note and "不计入" in note
    # art. 42(1): one extension of 10 days with the head's approval
    assert "延长10个工作日" in note
    src = next(s for s in m.sources if "行政许可法" in (s.law or ""))
    assert "第四十五条" in src.article and "time_limit" in src.covers
    assert m.time_limit.legal_days == 20 and m.time_limit.days_unit == "工作日"


# --- HB-001 排污许可: 《排污许可管理条例》第七条第一款 ---------------------------------------------

def test_hb001_application_may_also_be_sent_by_letter(catalog):
    m = matter(catalog, "370100-HB-001")
    step = next(p for p in m.process if p.startswith("申请"))
    assert "信函" in step
    row = next(x for x in m.materials if x.name == "排污许可证申请表")
    assert "信函" in row.notes
    faq = next(f for f in m.faq if "网上平台" in f.q)
    assert faq.a.startswith("不是") and "信函" in faq.a
    src = next(s for s in m.sources if "第七条" in s.article)
    assert "process" in src.covers and "faq" in src.covers


# --- JJ-031 机动车变更备案: 《机动车登记规定》第二十三条第五项、第六项 --------------------------------

def test_jj031_device_and_tail_lift_filings_name_their_vehicle_types(catalog):
    m = matter(catalog, "370100-JJ-031")
    rule = [c for c in m.conditions if "操纵辅助装置" in c]
    assert rule, m.conditions
    # art. 23(5): small / mini automatic passenger cars only; art. 23(6): lorries and trailers
    assert "小型、微型自动挡载客汽车" in rule[0]
    assert "载货汽车和挂车" in rule[0]
    label = option_label(m, "item", "device")
    assert "自动挡" in label and "挂车" in label
    assert label != "加装拆除残疾人操纵辅助装置或货车起重尾板"


# --- JJ-044 道路交通安全违法行为罚款缴纳: 《记分管理办法》第十五条、第二十三条 -------------------------

def test_jj044_points_carry_over_only_below_12(catalog):
    m = matter(catalog, "370100-JJ-044")
    rule = next(c for c in m.conditions if "下一记分周期" in c)
    # art. 15: only when the total is under 12 and a fine is overdue
    assert "未满12分" in rule and "逾期未缴纳" in rule
    # art. 23: at 12 points, study and exam passed and fines paid before points are cleared
    assert "满12分" in rule and "罚款已缴纳" in rule
    assert rule != "罚款未缴纳的，该记分周期内相应违法行为的记分转入下一记分周期。"
    faq = next(f for f in m.faq if "清零" in f.q)
    assert "未满12分" in faq.a and "逾期未缴" in faq.a
    src = next(s for s in m.sources if "记分管理办法" in (s.law or ""))
    assert "第二十三条" in src.article


# --- GJJ-006 住房公积金贷款提前还款: 《住房公积金管理条例》第二十四条第一款第五项 ---------------------

def test_gjj006_spouse_balance_is_not_credited_to_the_statute(catalog):
    m = matter(catalog, "370100-GJJ-006")
    faq = next(f for f in m.faq if "公积金账户里的钱" in f.q)
    # art. 24(1)(5) lets the worker draw on his or her own account; the spouse route is the centre's
    assert "本人账户余额" in faq.a
    assert "配偶" in faq.a and "中心的规定" in faq.a
    assert "属于法定提取情形，可提取本人及配偶" not in faq.a
    src = next(s for s in m.sources if s.article == "第二十四条第一款第五项")
    assert "本人账户" in src.note and "配偶" in src.note
    assert "faq" in src.covers


# --- GJJ-022 住房公积金对冲还贷签约: 《住房公积金管理条例》第二十五条 --------------------------------

def test_gjj022_unit_withdrawal_certificate_is_listed(catalog):
    m = matter(catalog, "370100-GJJ-022")
    row = next(x for x in m.materials if x.name == "所在单位出具的提取证明")
    assert row.form == "原件" and row.copies == 1
    assert "第二十五条" in row.notes
    rule = next(c for c in m.conditions if "第二十五条" in c)
    assert "出具提取证明" in rule and "持提取证明" in rule
    assert not any(c == "所在单位核实（或中心按规定核验信息）后由中心审批。" for c in m.conditions)
    apply = next(p for p in m.process if p.startswith("申请"))
    assert "提取证明" in apply
    src = next(s for s in m.sources if s.article == "第二十五条")
    assert "materials" in src.covers
