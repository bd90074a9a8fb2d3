"""Facts corrected by the second full pass over MZ, ZJ, SWJ, XF, HB and CL (docs/pass2-mz.md).

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter

# --- MZ-023 骨灰安放: 《殡葬管理条例》第十条、第十五条 ----------------------------------------------

def test_mz023_burial_outside_cemeteries_ban_is_for_burial_areas(catalog):
    m = matter(catalog, "370100-MZ-023")
    rule = next(c for c in m.conditions if "公墓和农村公益性墓地以外" in c)
    # art. 15 bans graves outside cemeteries only "在允许土葬的地区"; art. 10 lists banned areas
    assert "在允许土葬的地区" in rule
    faq = next(f for f in m.faq if "承包地" in f.q)
    assert "第十五条" in faq.a and "在允许土葬的地区" in faq.a and "第十条" in faq.a


# --- MZ-019 低保边缘家庭认定: 《社会救助暂行办法》第十条 --------------------------------------------

def test_mz019_art_10_is_not_credited_with_the_marginal_family_rule(catalog):
    m = matter(catalog, "370100-MZ-019")
    # art. 10 is about the 低保 standard only; it says nothing about 边缘家庭
    assert not any("由省、设区的市人民政府按照国家有关规定制定" in c for c in m.conditions)
    rule = next(c for c in m.conditions if "认定办法" in c)
    assert "未规定边缘家庭" in rule and "济南市的规定" in rule


# --- MZ-005 特困人员认定: 《社会救助暂行办法》第十六条 ---------------------------------------------

def test_mz005_art_16_names_only_village_and_residents_committees_as_proxies(catalog):
    m = matter(catalog, "370100-MZ-005")
    # art. 16: a proxy application is by the 村民委员会 / 居民委员会; "他人" is not in the article
    assert "本人提出申请；本人申请有困难的，可委托村（居）民委员会或他人代为提出。" not in m.conditions
    rule = next(c for c in m.conditions if "代为提出" in c)
    assert "第十六条" in rule and "书面申请" in rule and "该条并未规定" in rule


# --- ZJ-005 住宅专项维修资金使用: 《济南市既有多层住宅增设电梯规定》第二条、第十六条 ----------------

def test_zj005_elevator_fund_rule_is_limited_to_laiwu_and_gangcheng(catalog):
    m = matter(catalog, "370100-ZJ-005")
    rule = next(c for c in m.conditions if "电梯" in c and "维修资金" in c and "更新" in c)
    # art. 2: the 2019 rule applies to 莱芜区、钢城区 only
    assert "莱芜区、钢城区" in rule and "第二条" in rule


# --- HB-002 建设项目环评审批: 《建设项目环境保护管理条例》第十一条 ---------------------------------

def test_hb002_three_lines_one_list_is_not_presented_as_art_11(catalog):
    m = matter(catalog, "370100-HB-002")
    # art. 11(1) names laws and statutory plans only; 生态保护红线 etc. come from policy
    assert not any("生态保护红线" in c for c in m.conditions)
    assert any(c.startswith("项目类型及其选址、布局、规模等符合环境保护法律法规和相关法定规划") for c in m.conditions)
    assert "生态保护红线" in m.notes and "不在《建设项目环境保护管理条例》第十一条中" in m.notes


# --- MZ-014 婚姻登记档案查询: 《婚姻登记条例》第十五条 --------------------------------------------

def test_mz014_who_may_query_is_not_credited_to_art_15(catalog):
    m = matter(catalog, "370100-MZ-014")
    # art. 15 only orders archives to be kept long-term and leaves management rules to the ministry
    rule = next(c for c in m.conditions if "查询人" in c)
    assert "第十五条只规定建立并长期保管档案" in rule
    src = next(s for s in m.sources if "第十五条" in s.article)
    assert "不在这两条中" in (src.note or "")


# --- CL-001 残疾人证核发: 《残疾人保障法》第二条 -------------------------------------------------

def test_cl001_disability_categories_keep_art_2_other_disabilities(catalog):
    m = matter(catalog, "370100-CL-001")
    rule = next(c for c in m.conditions if "残疾人残疾分类和分级" in c)
    # art. 2(2) ends the list with "其他残疾"; art. 2(3): standards set by the State Council
    assert "其他残疾" in rule and "第二条" in rule and "国务院规定" in rule


# --- MZ-003 补领婚姻登记证: 《婚姻登记条例》第十七条 ---------------------------------------------

def test_mz003_art_17_covers_lost_or_damaged_certificates_only(catalog):
    m = matter(catalog, "370100-MZ-003")
    assert "结婚证、离婚证遗失或者损毁，或证上信息与现身份证件信息不一致。" not in m.conditions
    rule = next(c for c in m.conditions if "遗失或者损毁" in c)
    assert "第十七条" in rule and "该条未作规定" in rule


# --- ZJ-003 房屋租赁登记备案: 《城市房地产管理法》第五十四条 --------------------------------------

def test_zj003_thirty_day_filing_is_not_credited_to_art_54(catalog):
    m = matter(catalog, "370100-ZJ-003")
    rule = next(c for c in m.conditions if "30日内" in c)
    # art. 54 requires a written contract and filing but sets no deadline
    assert "商品房屋租赁管理办法" in rule and "未规定期限" in rule
    src = next(s for s in m.sources if "第五十四条" in s.article)
    assert "未能核对" in (src.note or "")
