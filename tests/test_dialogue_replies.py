"""Short replies and stated facts read without a build: yes/no to a yes-or-no situation question,
"最后一个", a stated age, doing it for someone else, a done-time question, intent words of a name."""
import os

from guide.dialogue.options import (
    age_fits,
    asks_yes_no,
    bounded_by_range,
    bounded_option,
    cn_number,
    for_someone_else,
    leading_ordinal,
    proxy_option,
    resolve_option,
    stated_age,
    stated_years,
    years_ago,
    years_fit,
    yes_no_answer,
    yes_no_option,
)
from guide.dialogue.parse import (
    LAST,
    asks_done_time,
    compact_question,
    detect_intent,
    fact_kinds,
    follow_up_intent,
    ordinal,
)
from guide.dialogue.repair import everyday_to_catalog
from guide.dialogue.state import SKIP, Option
from guide.present.payload import _refer


def options(*labels):
    return (*(Option(f"o{n}", label) for n, label in enumerate(labels)), SKIP)


def test_bare_yes_and_no_replies_are_read_and_nothing_else_is():
    assert [yes_no_answer(m) for m in ("嗯", "对的", "是的", "可以", "有")] == [True] * 5
    assert [yes_no_answer(m) for m in ("不是", "没有", "不能", "否", "不用")] == [False] * 5
    assert yes_no_answer("本人") is None and yes_no_answer("是外地的") is None
    assert asks_yes_no("是否为转租？") and asks_yes_no("补领结婚证时夫妻双方能否一起到场？")
    assert not asks_yes_no("您的户口在哪里？")


def test_yes_or_no_picks_the_option_the_question_means():
    # the option that says no is the no ...
    opts = options("双方一起到场（或补领离婚证本人到场）", "一方因故不能到场，委托他人办理")
    assert yes_no_option(True, opts, "补领结婚证时夫妻双方能否一起到场？") == "o0"
    assert yes_no_option(False, opts, "补领结婚证时夫妻双方能否一起到场？") == "o1"
    # ... unless the question itself asks the negation
    opts = options("已满十六周岁，本人申请", "未满十六周岁，由监护人代为申请")
    assert yes_no_option(True, opts, "申请人是否未满十六周岁？") == "o1"
    assert yes_no_option(True, opts, "申请人是否已满十六周岁？") == "o0"
    # a no in a later clause; the question's own words when no option says yes or no
    opts = options("双方签订赠与合同，未公证", "已办理赠与公证")
    assert yes_no_option(True, opts, "赠与合同是否办理了公证？") == "o1"
    assert yes_no_option(False, options("房东直接出租", "转租"), "是否为转租？") == "o0"
    assert yes_no_option(True, options("本人申领", "监护人或近亲属代为申领"), "是否由他人代为申领？") == "o1"
    # "已" says yes only to a question about 已: first-time is the yes of "是否首次"
    assert yes_no_option(True, options("首次领用", "已领用过，再次领用"), "是否首次领用纸质发票？") == "o0"
    # no guess when nothing tells the options apart, or when there are more than two
    assert yes_no_option(False, options("距到期还超过九十日", "在到期前九十日内或已过期不满一年"),
                         "原驾驶证是否临近到期？") is None
    assert yes_no_option(True, options("是", "否", "不清楚"), "是否委托？") is None
    # of more than two, a no picks the one option that says no; a yes leaves several
    opts = options("都没有", "有残疾人", "有重病患者", "既有残疾人也有重病患者")
    assert yes_no_option(False, opts, "家庭成员中是否有残疾人或重病患者？") == "o0"
    assert yes_no_option(True, opts, "家庭成员中是否有残疾人或重病患者？") is None
    assert yes_no_option(False, options("是", "否", "不清楚"), "是否委托？") is None


def test_last_one_is_the_last_real_option_not_skip():
    assert ordinal("最后一个") == LAST and ordinal("选最后那个") == LAST and ordinal("最后") == LAST
    assert ordinal("最后一个月") is None
    assert ordinal("第二个选项") == 1 and ordinal("头一个") == 0
    opts = options("甲", "乙", "丙")
    assert resolve_option("最后一个", opts, pipeline=None) == "o2"


def test_an_ordinal_then_a_question_picks_and_asks():
    assert leading_ordinal("第二个要多久") == (1, "要多久")
    assert leading_ordinal("第一个，在哪办") == (0, "在哪办")
    assert leading_ordinal("最后一个要钱吗") == (LAST, "要钱吗")
    assert leading_ordinal("第二个") is None and leading_ordinal("二手房过户") is None


def test_a_stated_age_and_the_option_it_fits():
    assert stated_age("我今年十五岁，想办身份证") == 15 and stated_age("我72岁了") == 72
    assert stated_age("俺娘今年八十了") == 80 and stated_age("第二个") is None
    assert cn_number("七十二") == 72 and cn_number("十") == 10 and cn_number("两") == 2 and cn_number("七十a") is None
    assert age_fits("未满十六周岁（由监护人代为申请）", 15) and not age_fits("已满十六周岁", 15)
    assert age_fits("年满七十周岁", 72) and age_fits("60周岁以上", 61) and not age_fits("60周岁以上", 59)
    assert age_fits("申请人本人", 30) is None
    # an age said roughly, and the age of majority of a label that names no number
    assert stated_age("养的儿子现在都三十好几了") == 30 and stated_age("她五十出头") == 50
    assert age_fits("已成年（养父母与养子女协议解除）", 30) and not age_fits("未成年（协议解除）", 30)
    assert age_fits("未成年人（监护人陪同办理）", 9) and not age_fits("本人（成年人）", 9)


def test_a_stated_span_of_years_and_the_option_it_fits():
    assert stated_years("在国外待了两年半") == 2.5 and stated_years("养老才交了八年") == 8
    assert stated_years("住了三年多了") == 3.5
    assert stated_years("2019年结的婚") is None and stated_years("明年去") is None
    assert years_fit("二年以上未注册", 2.5) and not years_fit("不满二年", 2.5)
    assert years_fit("不满二年", 1.5) and years_fit("3年以内", 2) and not years_fit("3年以内", 3)
    assert years_fit("本人申请", 2) is None and years_fit("2019年", 2) is None
    # of a situation's options, the one the stated value fits, when every option states a bound
    within, over = Option("within_two", "不满二年"), Option("over_two", "二年以上未注册")
    assert bounded_option((within, over), 2.5, years_fit) is over
    assert bounded_option((within, Option("other", "其他情形")), 2.5, years_fit) is None
    assert bounded_option((within, over), None, years_fit) is None
    # when it was done ("去年考过了"): a range of years ago; an option only when both ends agree
    assert years_ago("去年考过了") == (0.0, 2.0) and years_ago("三年前拿的证") == (2.0, 4.0)
    assert years_ago("今年考的") is None and years_ago("2019年结的婚") is None
    three, more = Option("within_three", "3年以内"), Option("over_three", "超过3年")
    assert bounded_by_range((three, more), years_ago("前年考的")) is three
    assert bounded_by_range((three, more), years_ago("三年前考的")) is None       # 2 to 4 years: ask
    assert bounded_by_range((within, over), years_ago("去年")) is within          # under 2 years, whenever last year
    one, past_one = Option("under_one", "不满一年"), Option("over_one", "一年以上")
    assert bounded_by_range((one, past_one), years_ago("去年办的")) is None        # either side of one year: ask


def test_doing_it_for_someone_else_picks_the_proxy_option():
    assert for_someone_else("给我妈申请高龄津贴") and for_someone_else("想替他办门诊慢特病")
    assert for_someone_else("给孩子激活医保电子凭证") and not for_someone_else("我想申请高龄津贴")
    assert for_someone_else("找人代办") and for_someone_else("委托别人去") and not for_someone_else("本人")
    opts = (Option("self", "老人本人"), Option("family", "子女等亲属代办"))
    assert proxy_option(opts).id == "family"
    assert proxy_option((Option("a", "委托代理人"), Option("b", "监护人代为申请"))) is None
    # for a child the parent is the guardian, not a proxy someone sent
    opts = (Option("self", "本人办理"), Option("agent", "委托他人代办"))
    assert proxy_option(opts, "给孩子上户口") is None and proxy_option(opts, "给我妈办").id == "agent"
    assert proxy_option(opts, "给孩子办，找人代办").id == "agent"
    opts = (Option("adult", "本人申请"), Option("minor", "监护人代为申请"))
    assert proxy_option(opts, "给孩子办身份证").id == "minor"


def test_an_option_said_with_a_denial_is_not_said():
    from guide.catalog import Option as CatalogOption
    from guide.dialogue.options import option_named, said

    assert said("过期", "身份证过期了") and not said("过期", "身份证还没过期") and not said("过期", "没过期")
    assert not said("济南户口", "不是济南户口") and said("济南户口", "我是济南户口，不是外地的")
    local, other = CatalogOption("local", "济南市户籍"), CatalogOption("other", "外省市户籍", ("不是济南户口",))
    assert not option_named(local, "我不是济南户口") and option_named(other, "我不是济南户口")
    assert option_named(local, "我是济南户口")
    # an alias in everyday kin words is read as the message is ("妈妈" -> 母亲 in both)
    mother = CatalogOption("mother", "母亲一方", ("随妈妈",))
    assert option_named(mother, "孩子想随妈妈落户") and not option_named(mother, "孩子不随妈妈落户")
    # digits read as the characters an alias spells ("8级" ~ 八级), and not as another number
    grade = CatalogOption("g7_10", "七级至十级", ("七级", "八级"))
    assert option_named(grade, "伤残8级") and not option_named(grade, "伤残3级")
    # everyday words for a label's concept: 回民 is of a 少数民族, 辞了 is a 解除
    minority = CatalogOption("minority", "少数民族不实行火化")
    assert option_named(minority, "俺家是回民") and not option_named(minority, "俺家是汉族")
    # a child at school is a minor; a grown son is not said to be one
    minor = CatalogOption("minor", "未成年人（监护人陪同办理）")
    assert option_named(minor, "她才上三年级") and not option_named(minor, "儿子在外地上班")
    left = CatalogOption("left", "已解除或终止")
    assert option_named(left, "我早就辞了") and not option_named(left, "还在单位上班")



def test_of_two_options_the_one_denied_is_not_meant():
    from guide.catalog import Option as CatalogOption
    from guide.dialogue.options import denied_option

    released = CatalogOption("released", "刑满释放或被释放", ("出狱",))
    parole = CatalogOption("parole", "假释、缓刑、管制或被剥夺政治权利期间迁移", ("监外执行",))
    assert denied_option((released, parole), "他不是假释，是刑期到了").id == "parole"
    assert denied_option((released, parole), "他是假释出来的") is None          # nothing denied
    change, cancel = CatalogOption("change", "变更备案地"), CatalogOption("cancel", "取消备案", ("撤掉",))
    assert denied_option((change, cancel), "备案不是要撤，是换个城市", "异地就医备案").id == "cancel"
    # of three options a denial leaves two: it decides nothing
    third = CatalogOption("other", "其他情形")
    assert denied_option((released, parole, third), "不是假释") is None
    # what failed is denied too; words both options hold ("注册") decide nothing
    face = CatalogOption("face", "人脸识别认证", ("刷脸注册", "扫脸"))
    code = CatalogOption("code", "到办税服务厅获取注册码", ("去大厅", "不能扫脸"))     # a failure of the other
    assert denied_option((face, code), "个税APP扫脸一直失败，注册不成功").id == "face"
    assert denied_option((face, code), "注册老是不成功") is None
    assert denied_option((face, code), "想用扫脸注册") is None


def test_when_it_is_done_is_the_processing_time_and_a_name_asks_no_part():
    assert asks_done_time("多长时间能报下来") and asks_done_time("申请了多久能批下来")
    assert not asks_done_time("出生后多久内要上户口") and not asks_done_time("能领多久")
    assert detect_intent("惠民殡葬费用减免") == "fee"
    assert detect_intent("惠民殡葬费用减免", "基本殡葬服务费用减免（惠民殡葬）") is None
    assert detect_intent("惠民殡葬费用减免要多久", "基本殡葬服务费用减免（惠民殡葬）") == "time"
    assert detect_intent("啥时候能拿到") == "time"


def test_a_bundle_note_names_other_members_by_their_step():
    names = ["个体工商户设立登记", "有限责任公司设立登记", "小餐饮登记"]
    assert _refer("以公司开办的办理有限责任公司设立登记", names, 0) == "以公司开办的办理第2项"
    assert _refer("小餐饮登记：与食品经营许可二选一", names, 2) == "小餐饮登记：与食品经营许可二选一"


def test_validity_is_its_own_kind_of_fact():
    assert fact_kinds("护照有效期几年") == {"validity"}
    assert "duration" in fact_kinds("办护照要几天")
    assert "deadline" in fact_kinds("多少天里得去报到") and "deadline" in fact_kinds("有时间限制吗")


def test_everyday_words_of_a_guide_part_count_only_when_nothing_else_is_named():
    assert follow_up_intent("能邮寄吗") == "process" and follow_up_intent("周六上班吗") == "location"
    assert follow_up_intent("能加急吗") == "time" and follow_up_intent("要照片吗") == "materials"
    assert follow_up_intent("预约科目二") is None and follow_up_intent("要多久") is None


def test_everyday_words_and_measure_words_are_put_in_the_catalogs_terms():
    assert everyday_to_catalog("车被贴条了") == "车被违章了"
    assert everyday_to_catalog("电动车牌子掉了") == "电动车牌照丢了"
    assert compact_question(everyday_to_catalog("想给闺女改个名")) == "想给女儿改名"
    assert compact_question("开个小吃店") == "开小吃店" and compact_question("个体户") == "个体户"


def test_every_two_option_yes_or_no_question_of_the_catalog_can_be_answered_yes_or_no(catalog):
    """A 是否 question whose two options say neither yes nor no ("原驾驶证是否临近到期？" 距到期还超过
    九十日 / 在到期前九十日内…) leaves "不是" unread and is asked again: its labels must say which is which."""
    unread = [f"{m.id} {s.id}" for m in catalog.matters for s in m.situations
              if asks_yes_no(s.question) and len(s.options) == 2
              and yes_no_option(True, s.options, s.question) is None]
    assert not unread, unread


def test_a_period_without_a_number_answers_no_how_long_question():
    """"新房贷款要多久": "达到中心规定的连续缴存期限" names a period but states none, so it is no
    answer (the processing time is); "最长24个月" and "届满30日前" state one."""
    from types import SimpleNamespace

    from guide.dialogue.options import fact_condition

    loan = SimpleNamespace(conditions=("借款人具有完全民事行为能力。", "正常缴存并达到中心规定的连续缴存期限。"), notes="")
    assert fact_condition(loan, "新房贷款要多久") is None
    benefit = SimpleNamespace(conditions=("非因本人意愿中断就业。", "领取期限：缴费满10年的最长24个月。"), notes="")
    assert fact_condition(benefit, "能领多久") == "领取期限：缴费满10年的最长24个月。"
    visa = SimpleNamespace(conditions=("持有效护照。", "延期：在居留证件有效期限届满30日前申请。"), notes="")
    assert fact_condition(visa, "要提前多久申请") == "延期：在居留证件有效期限届满30日前申请。"


def test_the_residue_of_a_follow_up_does_not_depend_on_the_hash_seed():
    """The name's pairs of characters are removed at once, not one by one in a set's order (which
    left 驾 of 驾驶许可 for some seeds and sent the same conversation elsewhere)."""
    import subprocess
    import sys

    code = ("from types import SimpleNamespace as N\n"
            "from guide.dialogue.parse import residue\n"
            "print(''.join(residue('这个临时驾驶许可能用多长时间', N(name='临时机动车驾驶许可申领'))))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in range(8)}
    assert seen == {"临长"}
