"""Facts corrected by the full catalog pass of helper pass-mz (issue 16; docs/pass-mz.md).

Departments MZ, ZJ, SWJ, XF, HB, CL. Each test pins one corrected fact against the article it
comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter, names

# --- MZ-004 最低生活保障审核确认: 《社会救助暂行办法》第十一条至第十三条 -------------------------

def test_mz004_benefit_is_the_difference_and_approvals_are_published(catalog):
    m = matter(catalog, "370100-MZ-004")
    steps = " ".join(m.process)
    assert "差额" in steps  # art. 12(1)
    assert "公布" in steps  # art. 11(3)
    assert "重度残疾人和重病患者" in steps  # art. 12(2)
    faq = next(f for f in m.faq if "复核" in f.q)
    assert "停发" in faq.a and "书面说明理由" in faq.a  # art. 13(3)


# --- MZ-005 特困人员认定: 《社会救助暂行办法》第十五条、第十一条 ---------------------------------

def test_mz005_support_covers_medical_care_and_funeral(catalog):
    m = matter(catalog, "370100-MZ-005")
    steps = " ".join(m.process)
    assert "疾病治疗" in steps and "丧葬" in steps  # art. 15(1)
    assert "公布" in steps  # art. 16(2) -> art. 11(3)


# --- MZ-006 临时救助: 《社会救助暂行办法》第四十七条、第四十八条 ---------------------------------

def test_mz006_other_special_hardship_and_publication(catalog):
    m = matter(catalog, "370100-MZ-006")
    assert any("其他特殊困难" in c for c in m.conditions)  # art. 47, third case
    expense = next(c for c in m.conditions if c.startswith("支出型"))
    assert "最低生活保障家庭" in expense  # art. 47 names 低保 families for this case
    assert any("公示" in step for step in m.process)  # art. 48: 审核、公示 before approval


# --- MZ-009 社会团体成立登记: 《社会团体登记管理条例》第十二条第三款、第十三条 ---------------------

def test_mz009_all_refusal_grounds_and_one_legal_representative(catalog):
    m = matter(catalog, "370100-MZ-009")
    refusal = [c for c in m.conditions if "不予登记" in c]
    assert refusal, m.conditions
    text = refusal[0]
    assert "业务范围相同或相似" in text and "弄虚作假" in text and "第四条" in text
    row = next(x for x in m.materials if "拟任负责人" in x.name)
    assert "不得同时担任其他社会团体的法定代表人" in row.notes


# --- MZ-011 收养登记: 《中国公民收养子女登记办法》第四条、第六条、第七条; 《民法典》第一千一百条 --

def test_mz011_foundling_and_guardian_cases_have_their_papers(catalog):
    m = matter(catalog, "370100-MZ-011")
    foundling = names(m, {"source": "foundling"})
    assert "公安机关出具的捡拾弃婴、儿童报案的证明" in foundling  # art. 6(2)(2)
    assert any("生育情况证明" in n for n in foundling)  # art. 6(2)(1)
    guardian = names(m, {"source": "guardian"})
    assert any("实际承担监护责任的证明" in n for n in guardian)  # art. 7(3)
    assert "送养人居民身份证和户口簿" in guardian
    assert any("发现地" in step for step in m.process)  # art. 4(2)
    assert any("可以收养两名子女" in c for c in m.conditions)  # 民法典 art. 1100(1)


# --- MZ-012 基本殡葬服务费用减免: 《殡葬管理条例》第十三条第二项 ------------------------------------

def test_mz012_cremation_in_jinan_lists_the_death_certificate(catalog):
    m = matter(catalog, "370100-MZ-012")
    listed = names(m, {"place": "jinan"})
    assert "公安机关或规定的医疗机构出具的死亡证明" in listed, listed


# --- MZ-013 恢复结婚登记: 《婚姻登记条例》（2003年）第五条 -----------------------------------------

def test_mz013_source_says_the_2003_text_wanted_the_household_register(catalog):
    m = matter(catalog, "370100-MZ-013")
    src = next(s for s in m.sources if "第五条" in s.article)
    assert "户口簿" in src.note and "2025" in src.note


# --- MZ-018 生活无着流浪乞讨人员救助: 《城市生活无着的流浪乞讨人员救助管理办法》第六条第二款 -------

def test_mz018_refusal_must_give_reasons(catalog):
    m = matter(catalog, "370100-MZ-018")
    assert "说明不予救助的理由" in m.time_limit.note


# --- MZ-021 经济困难老年人养老服务补贴: 《山东省养老服务条例》第二十七条 ----------------------------

def test_mz021_home_adaptation_and_aids(catalog):
    m = matter(catalog, "370100-MZ-021")
    steps = " ".join(m.process)
    assert "无障碍设施改造" in steps and "生活辅助器具" in steps


# --- MZ-027 民办非企业单位成立登记: 《民办非企业单位登记管理暂行条例》第十一条第二款 ----------------

def test_mz027_refusal_grounds_are_listed(catalog):
    m = matter(catalog, "370100-MZ-027")
    refusal = [c for c in m.conditions if "不予登记" in c]
    assert refusal, m.conditions
    text = refusal[0]
    assert "弄虚作假" in text and "业务范围相同或相似" in text and "剥夺政治权利" in text
    assert any("说明理由" in step for step in m.process)


# --- MZ-029 公开募捐资格审核: 《慈善法》第二十二条第二款、第二十三条; 《山东省慈善条例》第二十一条 ----

def test_mz029_filing_ten_days_before_and_outside_the_area(catalog):
    m = matter(catalog, "370100-MZ-029")
    step = next(p for p in m.process if p.startswith("开展募捐"))
    assert "十日前" in step and "十日内补办" in step
    assert "活动所在地" in step
    assert any("直接发给公开募捐资格证书" in c for c in m.conditions)


# --- MZ-030 慈善信托备案: 《慈善法》第四十六条、第四十八条; 《山东省慈善条例》第四十一条 -----------

def test_mz030_beneficiary_bar_covers_the_trustee_side(catalog):
    m = matter(catalog, "370100-MZ-030")
    rule = next(c for c in m.conditions if "受益人" in c)
    assert "与委托人、受托人具有利害关系的人" in rule
    assert "公开、公平、公正" in rule
    step = next(p for p in m.process if p.startswith("变更"))
    assert "违反信托义务" in step and "难以履行职责" in step


# --- MZ-033 公办养老机构入住申请: 《山东省老年人权益保障条例》第三十五条 ----------------------------

def test_mz033_free_care_for_elders_without_support(catalog):
    m = matter(catalog, "370100-MZ-033")
    assert any("无偿提供供养和护理服务" in c for c in m.conditions)


# --- ZJ-001 建筑工程施工许可证核发: 《建筑法》第七条第二款、第九条 -----------------------------------

def test_zj001_start_report_exception_and_permit_lapse(catalog):
    m = matter(catalog, "370100-ZJ-001")
    assert any("开工报告" in c for c in m.conditions)  # art. 7(2)
    faq = next(f for f in m.faq if "多久必须开工" in f.q)
    assert "自行废止" in faq.a  # art. 9


# --- ZJ-002 公共租赁住房申请: 《社会救助暂行办法》第三十七条、第四十条 -------------------------------

def test_zj002_housing_assistance_priority_and_direct_application(catalog):
    m = matter(catalog, "370100-ZJ-002")
    rule = next(c for c in m.conditions if "住房救助" in c)
    assert "分散供养的特困人员" in rule and "优先" in rule
    assert any("直接向区县住房保障部门" in step for step in m.process)


# --- ZJ-004 住宅专项维修资金交存: 《山东省物业管理条例》第二十四条第二款 ----------------------------

def test_zj004_refill_vote_needs_the_two_thirds_quorum(catalog):
    m = matter(catalog, "370100-ZJ-004")
    rule = next(c for c in m.conditions if "续筹" in c)
    assert "三分之二以上" in rule and "四分之三以上" in rule
    faq = next(f for f in m.faq if "用完" in f.q)
    assert "三分之二以上" in faq.a and "四分之三以上" in faq.a


# --- ZJ-007 既有多层住宅增设电梯: 《济南市既有多层住宅增设电梯规定》第五条 ---------------------------

def test_zj007_neighbours_access_is_a_condition(catalog):
    m = matter(catalog, "370100-ZJ-007")
    rule = next(c for c in m.conditions if "居住用地范围内" in c)
    assert "通行方便与安全" in rule


# --- ZJ-008 商品房预售许可: 《城市房地产管理法》第四十五条第二款; 《山东省商品房销售条例》第十条 -------

def test_zj008_presale_contracts_are_filed_and_refusals_reasoned(catalog):
    m = matter(catalog, "370100-ZJ-008")
    steps = " ".join(m.process)
    assert "预售合同" in steps and "登记备案" in steps
    assert "说明理由" in steps


# --- ZJ-010 存量房买卖合同网签备案: 《城市房地产管理法》第三十八条 ---------------------------------

def test_zj010_all_transfer_bars_are_listed(catalog):
    m = matter(catalog, "370100-ZJ-010")
    rule = next(c for c in m.conditions if "不得转让" in c)
    assert "出让金" in rule and "第三十九条" in rule  # art. 38(1)
    assert "未依法登记领取权属证书" in rule  # art. 38(6)
    assert "禁止转让的其他情形" in rule  # art. 38(7)


# --- ZJ-011 业主大会和业主委员会备案: 《物业管理条例》第十条; 《山东省物业管理条例》第二十三条 --------

def test_zj011_no_owners_assembly_case(catalog):
    m = matter(catalog, "370100-ZJ-011")
    assert any("一致同意决定不成立业主大会" in c for c in m.conditions)


# --- ZJ-014 房屋安全鉴定: 《防震减灾法》第三十九条; 《山东省建设工程抗震设防条例》第三十六条 ----------

def test_zj014_all_five_statutory_categories(catalog):
    m = matter(catalog, "370100-ZJ-014")
    rule = next(c for c in m.conditions if "属于下列情形之一" in c)
    for word in ("重大建设工程", "次生灾害", "纪念意义", "人员密集场所", "地震重点监视防御区"):
        assert word in rule, word
    assert "未采取抗震设防措施" in rule


# --- XF-001 公众聚集场所消防安全检查: 《消防法》第五十八条第一款第四项、第二款 ----------------------

def test_xf001_revocation_follows_a_failed_rectification(catalog):
    m = matter(catalog, "370100-XF-001")
    faq = next(f for f in m.faq if "告知承诺" in f.q)
    step = next(p for p in m.process if p.startswith("告知承诺方式"))
    for text in (faq.a, step):
        assert "情节严重的撤销许可" not in text
        assert "逾期不整改" in text and "撤销许可" in text
        assert "三万元以上三十万元以下" in text


# --- HB-001 排污许可: 《排污许可管理条例》第八条第二项、第十一条第二项、第十二条 -----------------------

def test_hb001_sewage_plants_special_areas_and_calendar_days(catalog):
    m = matter(catalog, "370100-HB-001")
    row = next(x for x in m.materials if x.name == "纳污范围、管网布置、最终排放去向等说明材料")
    assert "污水集中处理设施" in row.notes  # art. 8(2)
    assert any("特别要求" in c for c in m.conditions)  # art. 11(2), second half
    # art. 12 counts 日 and the 条例 has no working-day rule
    assert m.time_limit.legal_days == 30 and m.time_limit.days_unit == "自然日"


# --- HB-002 建设项目环境影响评价审批: 《建设项目环境保护管理条例》第十一条第四项; 《环评法》第二十四条 ----

def test_hb002_existing_pollution_and_major_changes(catalog):
    m = matter(catalog, "370100-HB-002")
    assert any("原有的环境污染和生态破坏" in c for c in m.conditions)
    assert any("重大变动" in f.a and "重新报批" in f.a for f in m.faq)


# --- CL-001 / CL-002 残疾人证核发、换领: 《济南市保障残疾人合法权益的若干规定》第七条第二款 -------------

def test_cl001_cl002_city_federation_reviews_county_issues(catalog):
    for mid in ("370100-CL-001", "370100-CL-002"):
        m = matter(catalog, mid)
        review = next(p for p in m.process if p.startswith("审核"))
        assert "市残联审核" in review, mid
        assert "区县残联审核" not in review, mid
        assert any("区县残联" in p and ("核发" in p or "制发" in p) for p in m.process), mid
        assert any("县级以上医疗机构" in p for p in m.process), mid
        apply = next(p for p in m.process if p.startswith("申请"))
        assert "乡镇（街道）残联" in apply and "或区县残联" not in apply, mid


# --- MZ-001 内地居民结婚登记: 《民法典》第一千零四十九条 -------------------------------------------

def test_mz001_unregistered_couples_must_register_later(catalog):
    m = matter(catalog, "370100-MZ-001")
    assert any("补办" in f.a for f in m.faq)


# --- MZ-013 / MZ-015 复婚、涉外结婚登记: 《婚姻登记条例》（2003年）第七条 ---------------------------

def test_mz013_mz015_refusal_is_explained(catalog):
    for mid in ("370100-MZ-013", "370100-MZ-015"):
        m = matter(catalog, mid)
        step = next(p for p in m.process if p.startswith("登记"))
        assert "不予登记" in step and "说明理由" in step, mid


# --- MZ-009: the publication of a registration rests on 条例第二十三条 ------------------------------

def test_mz009_publication_credited_to_article_23(catalog):
    m = matter(catalog, "370100-MZ-009")
    assert any("第二十三条" in s.article and "process" in s.covers for s in m.sources)
