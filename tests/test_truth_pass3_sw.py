"""Facts corrected by the third full pass, helper pass3-sw (docs/pass3-sw.md).

Departments SW, SCJG, CG, GY, JT, WL. Each test pins one corrected fact against the statute text
it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- SW-019 城乡居民基本养老保险费缴纳: 《社会保险法》第二十条、第二十二条 ---------------------------

def test_sw019_art_20_speaks_of_the_rural_scheme_and_art_22_of_the_merger(catalog):
    m = matter(catalog, "370100-SW-019")
    rule = next(c for c in m.conditions if "集体补助" in c)
    # art. 20 sets the three funding sources for 新型农村社会养老保险, not for 城乡居民 by name
    assert "新型农村社会养老保险" in rule and "第二十条" in rule
    # art. 22(2): the province may merge the urban-resident scheme with the rural one
    assert "第二十二条" in rule and "合并实施" in rule
    assert "城乡居民养老保险实行个人缴费、集体补助和政府补贴相结合（《社会保险法》第二十条）" not in rule


# --- SCJG-006 小餐饮登记: 《山东省食品小作坊小餐饮和食品摊点管理条例》第二条第三款 ------------------

def test_scjg006_exactly_50_square_metres_is_not_a_small_eatery(catalog):
    m = matter(catalog, "370100-SCJG-006")
    faq = next(f for f in m.faq if "50平方米" in f.q)
    # art. 2(3): a 小餐饮 has a site of less than (不足) 50 m2, so 50 m2 itself already needs a licence
    assert "不足50平方米" in faq.a and "达到50平方米" in faq.a
    assert faq.a != "不能，超过50平方米的应申请食品经营许可证。"


# --- SCJG-014 企业简易注销登记: 《市场主体登记管理条例实施细则》第四十八条 ------------------------------

def test_scjg014_bar_list_keeps_the_catch_all_of_art_48_item_6(catalog):
    m = matter(catalog, "370100-SCJG-014")
    rule = next(c for c in m.conditions if c.startswith("不存在以下情形"))
    # art. 48(6): any other case that does not meet 条例 art. 33 also bars the simplified route
    assert "第三十三条" in rule and "第四十八条第六项" in rule
    assert not rule.endswith("受到罚款等行政处罚尚未执行完毕。")


# --- SCJG-017 第二类医疗器械经营备案: 《医疗器械经营监督管理办法》第二十三条、第二十六条 ----------------

def test_scjg017_contraceptive_supply_exemption_and_class3_paper_waiver(catalog):
    m = matter(catalog, "370100-SCJG-017")
    rule = next(c for c in m.conditions if "第二十七条" in c)
    # art. 26: non-profit contraceptive device supply needs neither licence nor filing
    assert "避孕医疗器械" in rule and "第二十六条" in rule
    # art. 23: a class-3 licence holder (or joint applicant) may skip the matching papers
    assert "第二十三条" in rule
    src = next(s for s in m.sources if "第二十二条至第二十七条" in s.article)
    assert "materials" in src.covers


# --- CG-001 城市建筑垃圾处置核准: 《济南市城市建筑垃圾管理条例》第二十条 -------------------------------

def test_cg001_discharger_bears_the_disposal_charge(catalog):
    m = matter(catalog, "370100-CG-001")
    # art. 20: whoever discharges construction waste bears the 建筑垃圾处置费 (rate set by the price office)
    assert "建筑垃圾处置费" in m.notes and "第二十条" in m.notes
    src = next(s for s in m.sources if s.article == "第二十条")
    assert "fee" in src.covers


# --- SW-005 车辆购置税申报: 《车辆购置税法》第三条、第九条、第十四条 -------------------------------------

def test_sw005_one_time_levy_and_statutory_exemptions(catalog):
    m = matter(catalog, "370100-SW-005")
    # art. 3 (inside the cited 第一条至第六条): a vehicle already taxed is not taxed again
    once = next(c for c in m.conditions if "一次性征收" in c)
    assert "第三条" in once and "不再征收" in once
    # art. 9: the five statutory exemptions; art. 14: pay before transfer once no longer exempt
    exempt = next(c for c in m.conditions if "第九条" in c)
    assert "城市公交企业" in exempt and "国家综合性消防救援车辆" in exempt
    assert "第十四条" in exempt and "扣减10%" in exempt
    src = next(s for s in m.sources if "第九条" in s.article)
    assert "第三条" in src.article and "第十四条" in src.article


# --- SCJG-012 有限责任公司变更登记: 《市场主体登记管理条例》第二十九条 ---------------------------------

def test_scjg012_filing_clock_also_runs_from_a_statutory_change(catalog):
    m = matter(catalog, "370100-SCJG-012")
    rule = next(c for c in m.conditions if "备案事项变更" in c)
    # art. 29: 30 days from the resolution OR from the day the statutory change happens
    assert "法定变更事项发生之日" in rule and "30日内" in rule and "第二十九条" in rule
