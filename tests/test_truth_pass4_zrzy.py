"""Facts corrected by the fourth pass over the ZRZY (不动产登记、规划) and GJJ (住房公积金) matters
(docs/pass4-zrzy.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _src(m, law_part, article_part):
    return [s for s in m.sources if law_part in s.law and article_part in s.article]


# --- ZRZY-001 二手房转移登记: 城市房地产管理法第三十八条、第四十条; 契税法第十条、第十一条 -----------------

def test_zrzy001_transfer_bars_and_deed_tax_are_cited(catalog):
    m = matter(catalog, "370100-ZRZY-001")
    src = _src(m, "城市房地产管理法", "第三十八条")
    assert src and "conditions" in src[0].covers
    # art. 40: allocated (划拨) land needs approval and a land price or land income paid
    assert any("划拨" in c and "第四十条" in c for c in m.conditions)
    tax = _src(m, "契税法", "第十一条")
    assert tax and "conditions" in tax[0].covers


# --- ZRZY-002 抵押登记: 民法典第三百九十九条、第四百条 -------------------------------------------------

def test_zrzy002_written_contract_and_sealed_property_are_cited(catalog):
    m = matter(catalog, "370100-ZRZY-002")
    src = _src(m, "民法典", "第四百条")
    assert src and "第三百九十九条" in src[0].article and "conditions" in src[0].covers


# --- ZRZY-005 继承登记: 民法典第一千一百二十八条、第一千一百二十九条 ------------------------------------

def test_zrzy005_substitute_heirs_and_widowed_in_laws_are_named(catalog):
    m = matter(catalog, "370100-ZRZY-005")
    kin = next(x for x in m.materials if x.name.startswith("全部法定继承人"))
    assert "代位继承" in kin.notes and "丧偶儿媳" in kin.notes
    assert _src(m, "民法典", "第一千一百二十八条")


# --- ZRZY-006 新建商品房转移登记: 物业管理条例第五十三条 ------------------------------------------------

def test_zrzy006_maintenance_fund_condition_is_cited(catalog):
    m = matter(catalog, "370100-ZRZY-006")
    src = _src(m, "物业管理条例", "第五十三条")
    assert src and "conditions" in src[0].covers


# --- ZRZY-007, 008, 024 首次登记/林权: 不动产登记暂行条例第二十二条 --------------------------------------

def test_first_registrations_cite_art22_for_no_dispute(catalog):
    for matter_id in ("370100-ZRZY-007", "370100-ZRZY-008", "370100-ZRZY-024"):
        m = matter(catalog, matter_id)
        src = [s for s in m.sources if "不动产登记暂行条例" in s.law and "第二十二条" in s.article]
        assert src and "conditions" in src[0].covers, matter_id


# --- ZRZY-011 赠与登记: 民法典第六百六十三条、第四百零六条 ----------------------------------------------

def test_zrzy011_revocation_after_transfer_and_mortgage_rule(catalog):
    m = matter(catalog, "370100-ZRZY-011")
    faq = next(f for f in m.faq if "反悔" in f.q)
    assert "一年内" in faq.a and "扶养义务" in faq.a
    assert _src(m, "民法典", "第六百六十三条")
    assert any("抵押权不受影响" in c and "第四百零六条" in c for c in m.conditions)
    assert not any(c.endswith("应按抵押合同约定处理。") for c in m.conditions)


# --- ZRZY-012 夫妻间变更: 契税法第六条第一款第四项 ------------------------------------------------------

def test_zrzy012_spouse_transfer_deed_tax_exemption(catalog):
    m = matter(catalog, "370100-ZRZY-012")
    assert any("免征契税" in p for p in m.process)
    assert _src(m, "契税法", "第六条")


# --- ZRZY-023 土地承包经营权登记: 农村土地承包法第三十三条、第三十四条 ------------------------------------

def test_zrzy023_transfer_needs_employer_consent_within_collective(catalog):
    m = matter(catalog, "370100-ZRZY-023")
    assert any("发包方同意" in c and "本集体经济组织的其他农户" in c for c in m.conditions)
    assert _src(m, "农村土地承包法", "第三十四条")


# --- ZRZY-025 宅基地审批: 城乡规划法第四十一条第四款 ----------------------------------------------------

def test_zrzy025_planning_permit_comes_before_land_approval(catalog):
    m = matter(catalog, "370100-ZRZY-025")
    steps = [p.split("：")[0] for p in m.process]
    assert steps.index("规划许可") < steps.index("审批")
    assert _src(m, "城乡规划法", "第四十一条")


# --- GJJ-002 公积金贷款: 中心规则不写成条例规定 --------------------------------------------------------

def test_gjj002_centre_rules_are_credited(catalog):
    m = matter(catalog, "370100-GJJ-002")
    assert any(c.startswith("按济南住房公积金中心贷款规定") for c in m.conditions)
    faq = next(f for f in m.faq if "没还完" in f.q)
    assert "中心" in faq.a


# --- GJJ-003 缴存登记: 条例第十八条的拟订、审核、批准机关 -----------------------------------------------

def test_gjj003_rate_drafted_by_management_committee(catalog):
    m = matter(catalog, "370100-GJJ-003")
    faq = next(f for f in m.faq if "比例" in f.q)
    assert "管理委员会拟订" in faq.a and "省人民政府批准" in faq.a


# --- GJJ-008 单位账户注销: 结清欠缴不是条例规定的注销前提 -----------------------------------------------

def test_gjj008_paying_arrears_not_a_statutory_precondition(catalog):
    m = matter(catalog, "370100-GJJ-008")
    assert not any("欠缴的先清缴" in c for c in m.conditions)
    assert any("第三十八条" in c for c in m.conditions)


# --- GJJ-019 结清证明: 民法典第三百九十三条 ----------------------------------------------------------

def test_gjj019_mortgage_ends_with_debt_but_record_needs_cancelling(catalog):
    m = matter(catalog, "370100-GJJ-019")
    faq = next(f for f in m.faq if "自动解押" in f.q)
    assert "依法随之消灭" in faq.a and "注销登记" in faq.a
    assert _src(m, "民法典", "第三百九十三条")


# --- GJJ-023 商转公: 15日只是作出决定的期限 -----------------------------------------------------------

def test_gjj023_fifteen_days_is_the_decision_only(catalog):
    m = matter(catalog, "370100-GJJ-023")
    assert "抵押转换时间另计" not in m.time_limit.note
    assert "第二十六条" in m.time_limit.note


# --- GJJ-011 基数和比例调整: 条例第二十条第二款（降低比例或缓缴的批准程序） ---------------------------------

def test_gjj011_lowering_rate_follows_art20_approval(catalog):
    m = matter(catalog, "370100-GJJ-011")
    assert not any("法定下限以下" in c for c in m.conditions)
    assert any("第二十条" in c and "管理委员会批准" in c for c in m.conditions)
    assert _src(m, "住房公积金管理条例", "第二十条")


# --- GJJ-004 个人账户设立: 条例第三十四条（职工督促权） ------------------------------------------------

def test_gjj004_worker_may_urge_the_unit(catalog):
    m = matter(catalog, "370100-GJJ-004")
    faq = next(f for f in m.faq if "不给交" in f.q)
    assert "督促" in faq.a
    assert _src(m, "住房公积金管理条例", "第三十四条")


# --- ZRZY-005 继承登记: 仲裁法第三条（继承纠纷不能仲裁）、民法典第一千一百三十二条 -------------------------

def test_zrzy005_inheritance_disputes_are_not_arbitrable(catalog):
    m = matter(catalog, "370100-ZRZY-005")
    assert not any("人民法院或仲裁解决" in c for c in m.conditions)
    assert any("不能仲裁" in c and "调解" in c for c in m.conditions)
    assert not any("仲裁裁决书" in x.name for x in m.materials)
    assert _src(m, "仲裁法", "第三条")
