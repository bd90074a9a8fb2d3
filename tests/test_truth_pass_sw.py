"""Facts corrected by the full pass over SW, SCJG, CG, GY, JT, WL (helper pass-sw, docs/pass-sw.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter, names


def _text(m):
    return "\n".join(m.conditions)


# --- SW-001 个人所得税综合所得年度汇算: 个人所得税法实施条例第二十五条 ------------------------------

def test_sw001_statutory_cases(catalog):
    m = matter(catalog, "370100-SW-001")
    text = _text(m)
    assert "两处以上取得综合所得" in text and "6万元" in text
    assert "劳务报酬、稿酬、特许权使用费" in text
    assert "预缴税额低于应纳税额" in text
    assert "中国境内开设的银行账户" in text and "汇算清缴地" in text


# --- SW-003 新办纳税人涉税事项: 征管法第十五条、实施细则第十七条、第二十四条 -------------------------

def test_sw003_deadlines_and_accounting_filing_for_every_business(catalog):
    m = matter(catalog, "370100-SW-003")
    text = _text(m)
    assert "30日内" in text and "15日内" in text
    # art. 24 of the 实施细则 binds every business taxpayer, not companies only
    assert "财务会计制度及核算软件备案信息（会计制度类型、核算软件名称和版本）" in names(m, {"subject": "individual"})
    assert any("第二十四条" in s.article for s in m.sources)


# --- SW-004 契税申报: 契税法第二条、第四条、第六条 ----------------------------------------------------

def test_sw004_tax_base_for_exchange_and_gift_and_all_exemptions(catalog):
    m = matter(catalog, "370100-SW-004")
    assert "互换价格的差额" in m.fee.standard
    assert "参照市场价格核定" in m.fee.standard
    text = _text(m)
    assert "非营利性学校" in text and "荒山" in text and "使领馆" in text
    assert "作价投资入股" in text and "土地经营权" in text


# --- SW-005 车辆购置税申报: 车辆购置税法第六条、第十一条 ----------------------------------------------

def test_sw005_imported_cars_tax_price(catalog):
    m = matter(catalog, "370100-SW-005")
    assert "关税完税价格加关税和消费税" in m.fee.standard
    assert "受赠、获奖" in m.fee.standard
    faq = next(f for f in m.faq if "发票上的价格" in f.q)
    assert "关税完税价格" in faq.a
    assert "纳税人所在地" in _text(m)


# --- SW-006 清税证明开具: 实施细则第十五条、第十六条 --------------------------------------------------

def test_sw006_revoked_licence_and_relocation_cases(catalog):
    m = matter(catalog, "370100-SW-006")
    text = _text(m)
    assert "吊销" in text and "15日内" in text
    assert "迁达地" in text and "30日内" in text
    assert "税务登记证件" in text


# --- SW-007 专项附加扣除信息填报: 个人所得税法实施条例第三十条 ------------------------------------------

def test_sw007_spot_checks_and_no_alteration_by_employer(catalog):
    m = matter(catalog, "370100-SW-007")
    text = _text(m)
    assert "抽查" in text and "虚假信息" in text and "联合惩戒" in text
    assert "不得擅自更改" in text


# --- SW-010 个人出租房屋税费申报: 房产税暂行条例第二条 ------------------------------------------------

def test_sw010_property_tax_is_paid_by_the_owner(catalog):
    m = matter(catalog, "370100-SW-010")
    text = _text(m)
    assert "房产税由产权所有人缴纳" in text and "承典人" in text
    assert "转租人不是产权所有人" in text


# --- SW-011 个人所得税纳税记录开具: 征管法第三十四条 --------------------------------------------------

def test_sw011_withholding_certificate_on_request(catalog):
    m = matter(catalog, "370100-SW-011")
    assert "代扣代缴税款凭证" in _text(m)


# --- SW-014 车船税申报缴纳: 车船税法第三条至第五条、第七条；实施条例第十九条 ----------------------------

def test_sw014_all_exemptions_and_recovered_vehicles(catalog):
    m = matter(catalog, "370100-SW-014")
    text = _text(m)
    assert "使领馆" in text and "严重自然灾害" in text and "低速载货汽车" in text
    assert "失而复得" in text
    assert "不需要登记的车船" in text


# --- SW-015 城镇土地使用税申报: 暂行条例第六条、第七条 ------------------------------------------------

def test_sw015_full_exemption_list(catalog):
    m = matter(catalog, "370100-SW-015")
    text = _text(m)
    assert "宗教寺庙、公园、名胜古迹" in text
    assert "5年至10年" in text and "能源、交通、水利设施用地" in text
    assert "县以上税务机关批准" in text


# --- SW-016 耕地占用税申报: 耕地占用税法第七条第二款、第十二条第二款 ------------------------------------

def test_sw016_two_yuan_rate_for_transport_lines(catalog):
    m = matter(catalog, "370100-SW-016")
    assert "每平方米2元" in _text(m)
    assert "每平方米2元" in m.fee.standard and "不超过50%" in m.fee.standard


# --- SW-017 印花税申报: 印花税法第九条、第十条、第十二条 ------------------------------------------------

def test_sw017_multi_item_rule_and_all_exemptions(catalog):
    m = matter(catalog, "370100-SW-017")
    text = _text(m)
    assert "从高适用税率" in text and "两方以上当事人" in text
    assert "解放军、武警部队" in text and "非营利性医疗卫生机构" in text
    assert "赠与政府、学校、社会福利机构、慈善组织" in text and "农业保险合同" in text


# --- SW-019 城乡居民基本养老保险费缴纳: 社会保险法第六十条 does not cover residents ------------------

def test_sw019_does_not_credit_residents_payment_to_article_60(catalog):
    m = matter(catalog, "370100-SW-019")
    assert not any("第六十条" in s.article for s in m.sources)
    assert not any("第六十条" in b for b in m.legal_basis)


# --- SW-020 个人所得税扣缴申报: 实施条例第二十四条第二款、第二十八条、第三十条 ---------------------------

def test_sw020_one_place_for_a_deduction_and_record_keeping(catalog):
    m = matter(catalog, "370100-SW-020")
    text = _text(m)
    assert "只能选择在一处扣除" in text
    assert "保存与专项附加扣除相关的资料" in text
    assert "报告税务机关" in text
    assert "实物" in text


# --- SW-021 增值税及附加税费申报: 增值税法第三十条第二款、实施细则第三十四条 ------------------------------

def test_sw021_ten_and_fifteen_day_periods(catalog):
    m = matter(catalog, "370100-SW-021")
    assert "自次月1日起15日内" in _text(m)
    assert any("异地完税凭证" in x.name for x in m.materials)


# --- SW-022 个体工商户定期定额核定: 征管法第三十五条 ----------------------------------------------------

def test_sw022_all_six_grounds_for_assessment(catalog):
    m = matter(catalog, "370100-SW-022")
    text = _text(m)
    assert "擅自销毁账簿" in text and "拒不提供纳税资料" in text
    assert "逾期仍不申报" in text and "明显偏低" in text


# --- SW-023 停业复业登记: 实施细则第十八条第六项 ------------------------------------------------------

def test_sw023_registration_certificate_needed_to_suspend(catalog):
    m = matter(catalog, "370100-SW-023")
    assert "税务登记证件（“多证合一”后为营业执照）" in names(m, {"action": "suspend"})
    assert "第十八条" in m.notes and "未能在法规库核对" in m.notes


# --- SW-024 多缴税款退还: 实施细则第七十八条 ----------------------------------------------------------

def test_sw024_ten_days_when_the_tax_office_finds_it(catalog):
    m = matter(catalog, "370100-SW-024")
    text = _text(m)
    assert "自发现之日起10日内" in text
    assert "活期存款利率" in text


# --- SW-027 跨区域涉税事项报告: 实施细则第二十一条、发票管理办法第十七条第二款 ----------------------------

def test_sw027_register_with_licence_and_in_province_invoices(catalog):
    m = matter(catalog, "370100-SW-027")
    listed = names(m, {"stage": "register"})
    assert any("税务登记证件副本" in n for n in listed), listed
    assert "山东省内跨市、县" in _text(m)


# --- SW-029 减免税备案和核准: 征管法第三十三条第二款、实施细则第四十三条 ---------------------------------

def test_sw029_void_local_decisions_and_recovery(catalog):
    m = matter(catalog, "370100-SW-029")
    text = _text(m)
    assert "决定无效" in text and "不得执行" in text
    assert "追缴" in text


# --- SW-031 个人取得境外所得申报: 实施条例第三十二条 --------------------------------------------------

def test_sw031_exchange_rate_rule(catalog):
    m = matter(catalog, "370100-SW-031")
    step = next(p for p in m.process if p.startswith("准备"))
    assert "上一月最后一日人民币汇率中间价" in step
    assert "不再重新折算" in step


# --- SW-035 社会保险费单位缴费申报: 社会保险法第五十八条、第六十三条、第八十六条；征缴条例第十条、第十二条 ------

def test_sw035_enforcement_fine_and_no_previous_month(catalog):
    m = matter(catalog, "370100-SW-035")
    text = _text(m)
    assert "30日内" in text
    assert "没有上月缴费数额" in text
    assert "一倍以上三倍以下" in text
    assert "划拨" in text and "拍卖" in text
    faq = next(f for f in m.faq if "晚交" in f.q)
    assert "一倍以上三倍以下" in faq.a


# --- SCJG-001 食品经营许可（新办）: 食品安全法第四十五条 ----------------------------------------------

def test_scjg001_health_certificates_rest_on_article_45(catalog):
    m = matter(catalog, "370100-SCJG-001")
    text = _text(m)
    assert "接触直接入口食品" in text and "每年进行健康检查" in text
    assert any(s.article == "第四十五条" and "conditions" in s.covers for s in m.sources)
    # the old wording put every employee under the certificate rule, credited to art. 33
    assert "从业人员持有效健康证明上岗" not in text


# --- SCJG-003 食品经营许可（延续）: 行政许可法第七十条 ------------------------------------------------

def test_scjg003_expiry_cancellation_credited_to_article_70(catalog):
    m = matter(catalog, "370100-SCJG-003")
    assert any("行政许可法" in (s.law or "") and s.article == "第七十条" for s in m.sources)
    faq = next(f for f in m.faq if "过期" in f.q)
    assert "注销手续" in faq.a


# --- SCJG-004 食品经营许可（注销）: 行政许可法第七十条第五项、第六项 -----------------------------------

def test_scjg004_force_majeure_ground(catalog):
    m = matter(catalog, "370100-SCJG-004")
    assert "不可抗力" in _text(m)


# --- SCJG-005 仅销售预包装食品备案: 食品安全法第三十五条 sets no penalty ---------------------------------

def test_scjg005_no_penalty_credited_to_article_35(catalog):
    m = matter(catalog, "370100-SCJG-005")
    faq = next(f for f in m.faq if "没有备案" in f.q)
    assert "责令限期改正，拒不改正" not in faq.a
    assert "未能在法规库核对" in faq.a


# --- SCJG-006 小餐饮登记: 山东条例第八条、第十条第二款、第十一条第二款、第十三条 --------------------------

def test_scjg006_general_rules_sick_workers_and_publicity(catalog):
    m = matter(catalog, "370100-SCJG-006")
    text = _text(m)
    assert "食品添加剂" in text and "第三十四条" in text
    assert "有碍食品安全疾病" in text
    assert "出租、出借" in text
    assert any("食品添加剂使用情况" in p for p in m.process)


# --- SCJG-007 食品小作坊登记: 山东条例第八条、第十一条、第十九条 ----------------------------------------

def test_scjg007_full_banned_list_and_general_rules(catalog):
    m = matter(catalog, "370100-SCJG-007")
    text = _text(m)
    assert "专供特定人群的主辅食品" in text
    assert "设区的市禁止生产加工的其他食品" in text
    assert "有碍食品安全疾病" in text
    assert any(s.article == "第八条" for s in m.sources)


# --- SCJG-008 个体工商户设立登记: 实施细则第六条、促进条例第六条 ----------------------------------------

def test_scjg008_name_rule_credited_to_rules_article_6(catalog):
    m = matter(catalog, "370100-SCJG-008")
    assert any("实施细则" in (s.law or "") and s.article == "第六条" for s in m.sources)
    assert any("促进个体工商户发展条例" in (s.law or "") and "第六条" in s.article for s in m.sources)


# --- SCJG-009 个体工商户变更登记: 登记管理条例第二十六条、第二十七条；实施细则第六十四条 -----------------

def test_scjg009_move_before_only_across_districts(catalog):
    m = matter(catalog, "370100-SCJG-009")
    text = _text(m)
    assert "跨登记机关辖区" in text
    assert "吊销、撤销或有效期届满" in text
    assert "15日内" in text
    faq = next(f for f in m.faq if "换了店址" in f.q)
    assert "原登记机关辖区内" in faq.a


# --- SCJG-010 个体工商户注销登记: 登记管理条例第三十条、第三十三条；实施细则第四十四条、第四十八条 ----------

def test_scjg010_all_simple_route_exclusions(catalog):
    m = matter(catalog, "370100-SCJG-010")
    text = _text(m)
    assert "注销依法须经批准" in text
    assert "出质" in text and "对其他市场主体有投资" in text
    assert "法定补偿金" in text
    assert "不得从事与注销无关的经营活动" in text
    faq = next(f for f in m.faq if "歇业" in f.a)
    assert "自然灾害" in faq.a and "公共卫生事件" in faq.a


# --- SCJG-011 有限责任公司设立登记: 公司法第四十七条第二款、第七十六条、第八十三条、第一百七十八条 -----------

def test_scjg011_capital_exceptions_and_disqualifications(catalog):
    m = matter(catalog, "370100-SCJG-011")
    text = _text(m)
    assert "另有规定" in text and "最低限额" in text
    assert "失信被执行人" in text and "未逾三年" in text
    assert "经全体股东一致同意也可不设监事" in text
    faq = next(f for f in m.faq if "实缴" in f.q)
    assert "另有规定" in faq.a


# --- SCJG-012 有限责任公司变更登记: 公司法第八十四条；实施细则第二十条、第三十六条 -------------------------

def test_scjg012_preemption_deadline_and_capital_rules(catalog):
    m = matter(catalog, "370100-SCJG-012")
    text = _text(m)
    assert "跨登记机关辖区" in text
    assert "最低限额" in text
    assert "任职资格限制" in text
    faq = next(f for f in m.faq if "优先" in f.a)
    assert "30日内未答复的视为放弃" in faq.a


# --- SCJG-013 有限责任公司注销登记: 公司法第二百二十九条、第二百三十二条、第二百三十六条、第二百四十条 --------

def test_scjg013_dissolution_grounds_order_of_payment_and_branches(catalog):
    m = matter(catalog, "370100-SCJG-013")
    text = _text(m)
    assert "营业期限届满" in text and "判决解散" in text
    assert "合并、分立解散外" in text
    assert "法定补偿金" in text and "破产清算" in text
    assert "分支机构注销" in text
    faq = next(f for f in m.faq if "更快注销" in f.q)
    assert "连带责任" in faq.a


# --- SCJG-014 企业简易注销登记: 登记管理条例第三十三条第四款 ------------------------------------------

def test_scjg014_approval_needed_excludes_simple_route(catalog):
    m = matter(catalog, "370100-SCJG-014")
    assert "注销依法须经批准" in _text(m)


# --- SCJG-016 药品零售企业经营许可: 药品管理法实施条例第十五条、第十七条 --------------------------------

def test_scjg016_staffing_rule_credited_and_renewal_faq(catalog):
    m = matter(catalog, "370100-SCJG-016")
    assert any("实施条例" in (s.law or "") and s.article == "第十五条" for s in m.sources)
    faq = next(f for f in m.faq if "有效期" in f.q)
    assert "届满前6个月" in faq.a and "缴销" in faq.a
    assert "6个月至2个月" not in faq.a


# --- SCJG-017 第二类医疗器械经营备案: 医疗器械经营监督管理办法第二十二条第二款 ---------------------------

def test_scjg017_inspection_consequences(catalog):
    m = matter(catalog, "370100-SCJG-017")
    assert "取消备案并向社会公告" in m.notes


# --- SCJG-018 特种设备使用登记: 特种设备安全法第三十二条、第四十八条第二款 --------------------------------

def test_scjg018_banned_equipment_and_design_life(catalog):
    m = matter(catalog, "370100-SCJG-018")
    assert "明令淘汰" in _text(m)
    faq = next(f for f in m.faq if "报废" in f.q)
    assert "设计使用年限" in faq.a


# --- SCJG-019 食品摊点备案: 山东条例第十一条、第二十七条、第二十九条、第三十条 ---------------------------

def test_scjg019_full_stall_rules(catalog):
    m = matter(catalog, "370100-SCJG-019")
    text = _text(m)
    assert "特殊医学用途配方食品" in text and "设区的市规定禁止经营的其他食品" in text
    assert "非主干道" in text
    assert "不妨碍道路交通安全" in text
    assert "有碍食品安全疾病" in text


# --- SCJG-020 农民专业合作社设立登记: 农民专业合作社法第十九条 ----------------------------------------

def test_scjg020_member_eligibility(catalog):
    m = matter(catalog, "370100-SCJG-020")
    text = _text(m)
    assert "管理公共事务职能的单位不得加入" in text
    assert "民事行为能力" in text


# --- SCJG-021 食品生产许可: 食品安全法实施条例第十五条 only sets the 5 years -----------------------------

def test_scjg021_renewal_deadline_not_credited_to_the_regulation(catalog):
    m = matter(catalog, "370100-SCJG-021")
    faq = next(f for f in m.faq if "有效期" in f.q)
    assert "未能在法规库核对" in faq.a
    assert "不洁物" in _text(m)


# --- CG-001 城市建筑垃圾处置核准: 济南市城市建筑垃圾管理条例第十三条、第十五条至第十七条、第二十四条 ----------

def test_cg001_plan_contents_transport_criteria_and_landfill_route(catalog):
    m = matter(catalog, "370100-CG-001")
    text = _text(m)
    assert "不含居民家庭装饰装修" in text and "开工前" in text
    assert "处置时限" in text and "排放时段" in text and "确认意见" in text
    assert "自有运输车辆" in text and "驾驶人员" in text
    assert "个人以及未纳入运输企业准入名录" in text
    assert "区人民政府" in text and "备案" in text
    assert "核算建筑垃圾排放量的相关资料" in names(m, {"stage": "discharge"})
    step = next(p for p in m.process if p.startswith("审查"))
    assert "应当进行现场核查" in step


# --- CG-002 店铺招牌及户外广告设施设置: 济南市户外广告和牌匾标识管理条例第五条、第十三条至第二十一条、第二十七条 ------

def test_cg002_rooftop_ban_large_ads_only_and_no_sign_filing_rule(catalog):
    m = matter(catalog, "370100-CG-002")
    text = _text(m)
    assert "禁止设置屋（楼）顶广告" in text
    assert "大型户外广告须依法取得许可" in text and "10日内" in text
    assert "招标、拍卖" in text
    billboard = next(o for s in m.situations if s.id == "kind" for o in s.options if o.id == "billboard")
    assert "禁止设置楼顶广告" in billboard.label
    faq = next(f for f in m.faq if "门头招牌" in f.q)
    assert "不设许可" in faq.a and "并办理备案即可" not in faq.a
    assert any("楼顶" in f.q for f in m.faq)
    assert "行政审批服务部门" in m.agency


# --- CG-003 临时占用城市道路: 城市道路管理条例第三十一条第二款、第三十六条；济南条例第三十四条 -------------------

def test_cg003_no_transfer_no_damage_prior_change_approval(catalog):
    m = matter(catalog, "370100-CG-003")
    text = _text(m)
    assert "不得转让、出租" in text
    assert "修复或给予赔偿" in text
    assert "提前办理变更审批手续" in text


# --- CG-004 生活垃圾经营性清扫收集运输: 济南市生活垃圾减量与分类管理条例第二十九条、第三十条、第四十三条 ---------

def test_cg004_jinan_collection_rules_are_cited(catalog):
    m = matter(catalog, "370100-CG-004")
    assert any("生活垃圾减量与分类管理条例" in (s.law or "") for s in m.sources)
    text = _text(m)
    assert "16小时" in text and "台账" in text and "提前半年" in text
    assert "未能在法规库核对" in m.notes


# --- WL-001 娱乐场所经营许可: 娱乐场所管理条例第四条、第五条、第八条、第九条 --------------------------------

def test_wl001_full_disqualifications_and_foreign_investment_route(catalog):
    m = matter(catalog, "370100-WL-001")
    text = _text(m)
    assert "强奸罪" in text and "洗钱罪" in text and "黑社会性质组织罪" in text
    assert "国家机关及其工作人员不得开办" in text
    assert "三代以内旁系血亲" in text
    assert "总量和布局" in text
    assert "外商投资" in text and "山东省文化主管部门" in text


# --- WL-002 互联网上网服务营业场所经营许可: 条例第八条第二款、第三款 --------------------------------------

def test_wl002_area_standards_and_total_layout(catalog):
    m = matter(catalog, "370100-WL-002")
    text = _text(m)
    assert "最低营业面积" in text and "单机面积" in text and "总量和布局" in text


# --- WL-004 营业性演出审批: 营业性演出管理条例第十二条、第十四条、第十九条、第二十四条 ------------------------

def test_wl004_venue_operator_exception_safety_and_foreign_acts(catalog):
    m = matter(catalog, "370100-WL-004")
    text = _text(m)
    assert "演出场所经营单位可以在本单位经营的场所内" in text
    assert "应急广播" in text and "广告内容必须真实" in text
    assert "未能在法规库核对" in text
    faq = next(f for f in m.faq if "外国" in f.q)
    assert "2年以上" in faq.a


# --- SW-030 个人股权转让所得个人所得税申报: 个人所得税法第十三条第二款；实施条例第十六条 --------------------

def test_sw030_deadline_set_by_notice_and_reasonable_costs(catalog):
    m = matter(catalog, "370100-SW-030")
    text = _text(m)
    assert "通知限期缴纳" in text
    assert "合理费用为转让时按规定支付的有关税费" in text


# --- JT-001 道路货物运输经营许可: 道路运输条例第二十四条第二款 ----------------------------------------------

def test_jt001_refusal_in_writing_with_reasons(catalog):
    m = matter(catalog, "370100-JT-001")
    step = next(p for p in m.process if p.startswith("决定"))
    assert "书面通知申请人并说明理由" in step
