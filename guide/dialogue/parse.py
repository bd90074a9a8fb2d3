"""Reading one message: which part of a guide it asks for, whether it refers back to the current
topic, which fact it asks, ordinals ("第二个", "②"); how a reply picks an offered option is in
guide.dialogue.options. Pure functions."""
from __future__ import annotations

import re

from guide.dialogue.state import SKIP
from guide.search.form import QUESTION_CUES
from guide.text import WEAK_WORDS, normalize

# Which part of a guide a question asks for; first match wins (fee before time: "多少钱" vs "多少").
INTENT_KEYWORDS = (
    ("fee", ("多少钱", "收费", "费用", "收钱", "要钱", "花钱", "工本费", "免费", "交钱", "缴费多少", "几块钱", "价格",
             "交多少", "缴多少", "多少税")),
    ("online", ("网上", "线上", "网办", "在线", "手机上", "手机办", "app", "爱山东", "小程序", "不用跑", "网站")),
    ("location", ("在哪", "哪里办", "去哪", "上哪儿", "上哪里", "上哪", "地址", "地点", "窗口", "大厅", "几点", "上班时间", "办公时间",
                  "工作时间", "哪儿", "电话", "周末", "节假日", "星期六", "星期天", "双休")),
    ("time", ("多久", "多长时间", "几天", "时限", "多少天", "多长时间能", "什么时候能", "啥时候能", "几时能", "多会儿",
              "多快", "当天", "当场", "时间")),
    ("materials", ("材料", "带什么", "要带", "准备什么", "资料", "提交什么", "需要什么", "证件", "证明材料", "清单")),
    ("conditions", ("条件", "资格", "能不能办", "可以办吗", "能办吗", "符合", "谁可以", "要求")),
    ("process", ("流程", "步骤", "程序", "办理步骤", "顺序", "怎么走")),
)
# In a follow-up about the matter being talked about (never on a first question, where they may
# name the service: "预约科目二", "找人代办…"): everyday words for a part of its guide.
FOLLOW_UP_KEYWORDS = (
    ("location", ("周六", "周日", "礼拜", "几点", "下班", "中午", "开门", "哪个窗口")),
    ("fee", ("按啥比例交", "按什么比例交", "按多大比例交", "税率", "啥比例", "什么比例", "几个点")),  # the tax it charges
    ("time", ("加急", "立等", "当天", "马上能", "快点")),
    ("materials", ("照片", "复印件", "原件", "带啥", "拿啥", "准备啥")),
    ("conditions", ("本人去", "本人到场", "亲自去", "代办", "别人去", "替我去", "能办不", "我能办")),
    ("process", ("预约", "邮寄", "寄到", "跑几趟", "几趟", "排队", "怎么弄", "咋弄", "咋办理")),
)


def follow_up_intent(text: str, entry=None) -> str | None:
    """The part of the current guide a follow-up asks in everyday words ("能邮寄吗": process),
    when those words are all it names (nothing of another service is left around them)."""
    norm = normalize(text)
    for intent, keywords in FOLLOW_UP_KEYWORDS:
        for k in keywords:
            if k in norm and is_follow_up(norm.replace(k, " "), entry):
                return intent
    return None


# A number as people write it: digits or Chinese numerals ("30", "三十", "两").
NUMBER_PATTERN = r"(?:[0-9]{1,3}|[一二三四五六七八九十百两]{1,4})"


# Words that refer back to the current topic rather than naming a new one.
# "这证", "那本": the certificate or booklet being talked about
DEICTIC = frozenset("那 这 它 这个 那个 这项 那项 这件 这证 那证 这本 那本 这张 那张 刚才 上面 还 另外 再 呢 其他 还有 请问 "
                    "好的 好 嗯 行 谢谢".split())
_FILLER_WORDS = sorted({k for _, ks in INTENT_KEYWORDS for k in ks} | WEAK_WORDS | DEICTIC, key=len, reverse=True)
FILLER_CHARS = set("那这它要还呢吗的了么啊吧呀也再就能可会得到去在办哪几多少怎样么")
GREETINGS = frozenset("你好 您好 在吗 在不在 hi hello 哈喽 嗨".split())
THANKS = frozenset("谢谢 谢谢你 谢谢您 多谢 好的 好的谢谢 知道了 明白了 再见 拜拜 没问题了 没有了 ok 好".split())
# A fact inside a matter: amounts, durations, deadlines, ages, validity, who qualifies.
FACT_KEYWORDS = ("能领多少", "领多少", "发多少", "补多少", "补贴多少", "每个月", "每月", "几个月", "领几个月", "领多久",
                 "能领多久", "发多久", "多少个月", "截止", "截至", "最晚", "什么时候前", "有效期", "几年有效", "管几年",
                 "多大年龄", "几岁", "多少岁", "年满", "谁能", "谁可以", "什么人", "能用多久", "能用多长", "用多长时间",
                 "管多久", "管多长", "能用几年", "用几年", "几年有效", "有效几年", "多大年纪", "多大岁数", "提前多久",
                 "提前几天", "最长", "贷多少年", "收入多少", "多少收入",
                 "哪些人", "标准是", "多少钱一个月", "能报多少", "报销比例", "比例", "最多", "最高",
                 "能贷多少", "贷多少", "额度")
# Asking what else has to be done around the current matter ("还要办别的证吗").
OTHER_KEYWORDS = ("别的证", "其他证", "还要办", "还需要办", "还得办", "还要什么证", "还有什么要办", "别的手续", "其他手续",
                  "还要别的", "还需要别的", "还有别的", "还要办啥", "还得办啥", "还要干啥", "其他的事")
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
SKIP_ID = SKIP.id
CN_DIGITS = "一二三四五六七八九"
# "能送到超市去卖不", "中不": a question asked by a closing 不 (not "我不" ... "不不")
QUESTION_RE = re.compile(QUESTION_CUES + "|呢|(?<![不我])不[。!！~～]*$")
_ORDINAL_RE = re.compile(r"^(?:第|选|选择)?([1-9一二三四五六七八九])(?:个|项|种|条|号)?$")
# Words around an ordinal that point back at the list just shown ("上面第二个", "我选第三个吧").
_ORDINAL_HEAD = re.compile(r"^(?:我|就|那|这|要|想|我要|我想|我选|就选|选|办|看看?|上面|上边|上头|刚才|刚刚|说的|列的|的)+")
_ORDINAL_TAIL = re.compile(r"(?:选项|那个|这个|那项|这项|吧|呢|吗|啊|呀|就行|就好|好了|行吗|可以吗)+$")


# What is left around a removed phone, ID or card number: the words that introduced it ("电话",
# "身份证号是") and a self-introduction ("我叫王建国"). A card's own name stays ("社保卡号…" -> 社保卡).
_LEAD_IN = re.compile(r"(?:我的|本人|我)?(?:联系)?(?:电话|座机|手机号?码?|联系方式|邮箱|微信号?|qq号?)?(?:号码)?(?:是|为|：|:)?\s*【[^】]*】")
_NUMBER_OF = re.compile(r"(身份证|社保卡|社会保障卡|医保卡|银行卡|驾驶证|驾照|卡)(?:号码?)?(?:是|为|：|:)?\s*【[^】]*】"
                        r"(?=([，,。.!！?？\s]|$)?)")
_SELF_NAME = re.compile(r"(?:我叫|我的名字是|本人姓名)[\u4e00-\u9fff]{2,4}(?=[，,。.!！\s]|$)")
_CJK_ANY = re.compile(r"[\u4e00-\u9fff]")
# A measure word between a verb and what it acts on ("开个小吃店", "办一个执照") names nothing.
_MEASURE = re.compile(r"(?<=[开办做搞弄干整建改换补领起])(?:一个|一家|一间|个)(?![体人税性])")


def without_lead_ins(masked: str) -> str:
    """`masked` (personal data replaced by 【…】 placeholders, guide.privacy.mask_personal_data)
    without the placeholders, the words that introduced them and a self-introduced name: what
    the message asks about."""
    def clean(keep_cards: bool) -> str:
        # "社保卡号…的卡密码锁了": the card is the topic; "身份证号…，想开证明": only the number's label
        text = _NUMBER_OF.sub(lambda m: m.group(1) if keep_cards or m.group(2) is None else " ", masked)
        text = _LEAD_IN.sub(" ", text)
        text = _SELF_NAME.sub(" ", text)
        return " ".join(text.replace("【", " ").replace("】", " ").split()).strip(" ，,。")

    text = clean(keep_cards=False)
    # "身份证号… 补办": too little is left to name a matter without the card
    return text if len(_CJK_ANY.findall(text)) >= 4 else clean(keep_cards=True)


# Opening a shop of some kind ("开个五金店", "想开家服装店"): whatever it sells, it needs a business licence.
_OPEN_SHOP = re.compile(r"开(?:个|一个|一家|家|间|一间)?[\u4e00-\u9fff]{0,6}?(?:店|馆|铺|小卖部|超市|工作室|门市|作坊)")
SHOP_QUESTION = "开店办个体工商户营业执照"


def opens_a_shop(message: str) -> bool:
    return bool(_OPEN_SHOP.search(normalize(message)))



# "老人没了", "我爸走了", "老伴在医院走的": a person died, in the catalog's word (去世), not lost or gone.
_DIED = re.compile(r"((?:老人|老伴|家人|亲人|父亲|母亲|爸|妈|爹|娘|爷爷|奶奶|姥爷|姥姥|外公|外婆|丈夫|妻子|老公|老婆)"
                   r"(?:在[\u4e00-\u9fff]{1,4})?)(?:走了|走的|没了|过世了|过世|不在了)")


def plain_death(message: str) -> str:
    """The message with an everyday way of saying someone died put as 去世."""
    return _DIED.sub(r"\1去世了", message)


# Words of asking for a service ("要办证吗", "怎么补", "去哪领"), of starting a business ("开个小饭馆",
# "摆摊卖") or stating one's case ("今年八十了").
_SERVICE_CUES = re.compile(r"办|证|申请|申领|登记|备案|许可|手续|补|领|交|报名|注销|过户|怎么|咋|去哪|哪里|吗|多少|多久"
                           r"|卖|摆摊|经营|开[^，,。]{0,8}?(?:店|馆|铺|摊|作坊|厂|超市|小卖部)")


def asks_a_service(message: str) -> bool:
    norm = normalize(message)
    return bool(_SERVICE_CUES.search(norm) or STATED_AGE_RE.search(norm))


def compact_question(message: str) -> str:
    """The message without measure words after a verb: "开个小吃店" -> "开小吃店"."""
    return _MEASURE.sub("", normalize(message))


# The head of a licence or certificate a question names ("律师执业证", "烟草专卖零售许可证"), when
# the question goes on asking about it (not 证明, 证件).
_LICENCE_HEAD = re.compile(r"(?:执业证|资格证|许可证|通行证|执照|牌照|证书|许可|证)(?=$|[^\u4e00-\u9fff]|[怎如要吗呢在去哪能可的了啊呀吧需办还有是和])")


_WANTING_CHARS = frozenset("想要办开去在给让把被我你他她")
_DOING_CHARS = frozenset("办考领交找问个")


def licence_qualifiers(message: str, pipeline) -> list[str]:
    """The words right before the first licence head of the message, which say what licence it
    is ("烟草专卖零售许可证" -> 烟草专卖, 零售); [] if it names none or only says "什么证"."""
    norm = normalize(message)
    head = _LICENCE_HEAD.search(norm)
    if head is None:
        return []
    if re.match(r"[吗嘛]", norm[head.end():]) and re.search(r"需要|要带|得带|用不用", norm[:head.start()]):
        return []                       # "报名需要户口本房产证吗": a document asked for, no licence sought
    words = []
    for token in reversed(pipeline.segment(norm[:head.start()])):
        # a word of wanting or doing ("想办", "能办", "考个") ends what names the licence, and two
        # words say its kind ("烟草专卖零售"): further left the question speaks of something else
        if (token in WEAK_WORDS or len(token) < 2 or token[0] in _WANTING_CHARS
                or any(ch in _DOING_CHARS for ch in token) or len(words) == 2):
            break
        words.append(token)
    return words


# "补卡这段时间看病怎么办" speaks of a period, it asks no processing time.
_PERIOD = re.compile(r"[这那]段时间|这期间|那期间|期间")


def detect_intent(text: str, own: str = "") -> str | None:
    """The part of a guide `text` asks for; a keyword inside `own` (the entry's name and aliases:
    "费用" in 基本殡葬服务费用减免) is the service's name, not a part asked for."""
    norm = _PERIOD.sub(" ", colloquial_forms(normalize(text)))     # "丢哪儿了" asks no place
    if own:
        own = normalize(own)
        for _, keywords in INTENT_KEYWORDS:
            for k in keywords:
                if k in norm and k in own:
                    norm = norm.replace(k, " ")
    # "需要什么条件": the conditions, though "需要什么" alone asks the materials
    if any(w in norm for w in ("条件", "资格")) and not any(w in norm for w in ("材料", "带什么", "资料", "证件", "清单")):
        if not any(k in norm for _, ks in INTENT_KEYWORDS[:4] for k in ks):
            return "conditions"
    for intent, keywords in INTENT_KEYWORDS:
        if any(k in norm for k in keywords):
            return intent
    return None


def _bare(message: str) -> str:
    return normalize(message).strip(" !?.~。！？～，,")


def is_question(message: str) -> bool:
    """The message asks something ("怎么", "多久", "吗", "？") rather than states it."""
    return bool(QUESTION_RE.search(normalize(message)))


def yes_no(message: str) -> bool:
    """A question answered yes or no ("还要带户口本吗")."""
    return bool(re.search(r"[吗嘛][?？!！。.]*$", normalize(message)))


def is_greeting(message: str) -> bool:
    return _bare(message) in GREETINGS


def is_thanks(message: str) -> bool:
    return _bare(message) in THANKS


# "满十六岁多长时间内必须办": a deadline, unless it asks when the service is done ("几天内能办好").
# "多少天里得去说一声", "有时间限制吗": a deadline to keep, not the time the office takes
_DEADLINE_ASK = re.compile(r"(?:多长时间|多久|几天|多少天|几个月|多少个月|几年)(?:之|以)?[内里]|时间限制"
                           # "过多少天就不给了", "超过几天就不能领": how long until it is lost
                           r"|(?:过了?|超过|超出)(?:多长时间|多久|几天|多少天|几个月|多少个月|几年)(?:就|便|还)?"
                           r"[\u4e00-\u9fff]{0,2}?(?:不|没|作废|失效|过期|视为)")
_DONE_WORDS = ("办好", "办完", "办结", "拿到", "下来", "出来", "到手")
# "得在几天里头提出来": 提出来 hands something in, its 出来 is no result coming out
_HANDING_IN = re.compile(r"提出来")


# "多长时间能报下来", "多久能到账": when the result comes, i.e. the processing time of the guide.
_DONE_TIME = re.compile(r"(?:多久|多长时间|几天|多少天|啥时候|什么时候)(?:才|就)?能?[\u4e00-\u9fff]{0,3}?"
                        r"(?:办好|办完|办结|拿到|下来|出来|到手|到账|批)"
                        # "批下来要几天": the result first, then how long
                        r"|(?:办好|办完|办下来|批下来|拿到手?|到账)(?:要|得|需要|大概|一般)*(?:多久|多长时间|几天|多少天)")


def asks_done_time(message: str) -> bool:
    """The question asks when the service is done ("多长时间能报下来"), not a deadline or a period."""
    return bool(_DONE_TIME.search(_HANDING_IN.sub("提", normalize(message))))


def asks_fact(message: str) -> bool:
    norm = normalize(message)
    if any(k in norm for k in FACT_KEYWORDS):
        return True
    return bool(_DEADLINE_ASK.search(norm)) and not any(w in _HANDING_IN.sub("提", norm) for w in _DONE_WORDS)


# Asking for everything a life event takes ("孩子出生了要办哪些手续"): a bundle's question.
_WHAT_TO_DO = re.compile(r"手续(?:都|还)?有(?:哪些|啥|什么)|(?:有|都)哪些(?:事|要办)")
WHAT_TO_DO_KEYWORDS = ("哪些手续", "哪些事", "办哪些", "要办什么", "要办啥", "该办什么", "该办啥", "什么手续", "啥手续",
                       "都要办", "办些什么", "都办什么", "都办啥", "要干啥", "要做什么")


def asks_what_to_do(message: str) -> bool:
    norm = normalize(message)
    return any(k in norm for k in WHAT_TO_DO_KEYWORDS) or bool(_WHAT_TO_DO.search(norm))


# Asking what the citizen pays, never what they receive ("要交钱吗", not "能领多少钱").
PAYING_KEYWORDS = ("交钱", "收费", "收钱", "要钱", "花钱", "工本费", "免费", "缴费", "交费", "付费", "掏钱")


def asks_to_pay(message: str) -> bool:
    norm = normalize(message)
    return any(k in norm for k in PAYING_KEYWORDS)


def asks_other_matters(message: str) -> bool:
    norm = normalize(message)
    return any(k in norm for k in OTHER_KEYWORDS)


# Words of any guide's own vocabulary: "受理条件是什么" asks the current guide's conditions.
GUIDE_WORDS = ("是什么", "什么", "受理", "审核", "审批", "办结", "办好", "下来", "拿到", "具体", "手续")
# "交上去以后得多久能办完" names nothing either: handing in and being done are every guide's, taken
# out whole before the weak words split them.
_HANDED_IN = ("交上去", "递上去", "交上来", "交完", "递完", "办完")


def residue(message: str, entry=None) -> list[str]:
    """The characters of a message that name something: what is left once intent, weak, pointing
    and guide words, and any two characters in a row of the current entry's name, are removed."""
    rest = normalize(message)
    # whole, not as weak 有/几/上/下 + the rest ("这证办下来能管几年")
    for word in (*FACT_FAMILIES["validity"], "几年", "多少年", "时间限制", *_HANDED_IN, "办下来"):
        rest = rest.replace(word, "")
    for word in _FILLER_WORDS:
        rest = rest.replace(word, "")
    for word in (*GUIDE_WORDS, *_FACT_WORDS):
        rest = rest.replace(word, "")
    name = normalize(getattr(entry, "name", "") or "")
    grams = {name[i:i + 2] for i in range(len(name) - 1)}
    # every character inside a pair of the name goes, at once: removing pairs one by one left
    # "驾驶许可" as 驾 or not by the set's order (驶许 first), which varies with the hash seed
    covered = {j for i in range(len(rest) - 1) if rest[i:i + 2] in grams for j in (i, i + 1)}
    rest = "".join(ch for i, ch in enumerate(rest) if i not in covered)
    return [ch for ch in rest if ch.isalnum() and ch not in FILLER_CHARS]


def about_entry(message: str, entry) -> bool:
    """Most of what the message names is in the entry's own words (name, aliases, FAQ questions,
    situation options): a fact question about it, not about another matter ("购置税交多少" while
    talking about 机动车注册登记 is about 车辆购置税)."""
    rest = residue(message, entry)
    if not rest:
        return True
    own = normalize("".join((entry.name, *getattr(entry, "aliases", ()),
                             *(f.q for f in getattr(entry, "faq", ())),
                             *(o.label for s in getattr(entry, "situations", ()) for o in s.options))))
    return sum(ch in own for ch in rest) >= 0.6 * len(rest)


def is_follow_up(message: str, entry=None) -> bool:
    """Nothing left once intent, weak and pointing words (and the current entry's own name) are
    removed: it asks about the current topic."""
    return len(residue(message, entry)) < 2


_SWITCH_RE = re.compile(r"^(?:那|那么|还有)?(.+?)(?:呢|怎么样|咋样)$")


def switch_target(message: str) -> str | None:
    """What "那失业金呢" turns to ("失业金"); None if the message is not of that form or only
    points back ("那这个呢") or asks a part of the guide ("那要多久呢")."""
    match = _SWITCH_RE.match(_bare(message))
    if not match or ordinal(message) is not None or detect_intent(message) or asks_fact(message):
        return None
    target = match.group(1).strip()
    return target if len(residue(target)) >= 2 else None


LAST = -1
_LAST_RE = re.compile(r"^(?:最后|最末|最下面|最下边|最底下)(?:一个|那个|这个|一项|一种|一条|的|个)?$")


def ordinal(message: str) -> int | None:
    """0-based index from "2", "②", "第二个", "那第二个呢", or LAST (-1) for "最后一个";
    None if the message is not an ordinal."""
    text = normalize(message or "").strip().strip("。.!！?？ ").lstrip("那这就").rstrip("呢吧吗啊")
    if text in CIRCLED and text:
        return CIRCLED.index(text)
    core = _ORDINAL_TAIL.sub("", _ORDINAL_HEAD.sub("", text)) or text
    if _LAST_RE.match(core):
        return LAST
    if core in ("头一个", "头一项", "头一种", "头个"):
        return 0
    match = _ORDINAL_RE.match(text)
    if not match and ("第" in text or text[:1] in "选我就要上刚"):
        match = _ORDINAL_RE.match(_ORDINAL_TAIL.sub("", _ORDINAL_HEAD.sub("", text)))
    if not match:
        return None
    digit = match.group(1)
    return int(digit) - 1 if digit.isdigit() else CN_DIGITS.index(digit)


# What kind of fact a question or an FAQ entry is about: one shared family makes them a match.
FACT_FAMILIES = {
    "amount": ("多少钱", "领多少", "发多少", "补多少", "贷多少", "金额", "标准", "多少元", "额度", "多少"),
    "duration": ("几个月", "多久", "多长", "期限", "几年", "多少个月", "多少天", "几天", "很久", "好久"),
    "deadline": ("截止", "截至", "最晚", "之前", "什么时候", "之内", "以内", "天内", "日内", "久内", "月内", "时间内",
                 "小时内", "天里", "日里", "月里", "时间限制"),
    "age": ("岁", "年龄", "年满", "多大", "年纪"),
    "weekend": ("周末", "节假日", "星期", "休息日", "双休"),
    "who": ("谁", "什么人", "哪些人", "资格"),
    "validity": ("有效期", "有效", "能用多", "用多久", "用多长", "管多久", "管多长", "管几年", "用几年", "能用几"),
}
_FACT_WORDS = sorted({*FACT_KEYWORDS, *(w for ws in FACT_FAMILIES.values() for w in ws)}, key=len, reverse=True)
# A duration said with 多少 ("按多少天算") is no amount.
_DURATION_PHRASES = re.compile(r"多少(?:个)?(?:天|月|年|周|日)")
# How a catalog statement (a condition) says a fact of a family: an amount in 元 or as a standard.
STATEMENT_CUES = {
    "amount": ("元", "额度", "金额", "计发", "标准"),
    "duration": ("个月", "期限", "最长"),
    "age": ("周岁", "年满"),
    "deadline": ("截止", "之前", "前申报", "日内", "小时内"),
    "validity": ("有效期为", "有效期：", "有效期:", "有效期按", "有效期是", "有效期限为", "年有效", "长期有效"),
}


# A number of years, months or days states a duration ("驾龄不满3年能申请吗？").
NUMBER_DURATION = re.compile(r"[0-9一二两三四五六七八九十百]+(?:个)?(?:年|月|天|日|周)")


def fact_families(text: str, statement: bool = False) -> set[str]:
    """The fact families a question asks, or (`statement`) an FAQ entry's question and answer
    state: an answer saying both "有效期内" and "最长延期三年" states a validity and a duration."""
    norm = normalize(text)
    found = {name for name, words in FACT_FAMILIES.items() if any(w in norm for w in words)}
    if NUMBER_DURATION.search(norm):
        found.add("duration")
    if "amount" in found and not any(w in _DURATION_PHRASES.sub("", norm) for w in FACT_FAMILIES["amount"]):
        found.discard("amount")
    if "validity" in found and not statement:   # "有效期几年" asks how long it stays valid, no processing time
        found.discard("duration")
    if _DEADLINE_ASK.search(norm) or statement and _DEADLINE_STATED.search(norm):
        found.add("deadline")
    return found


# How an answer states a time limit to keep without a deadline word: "超过规定时间30天未报到的",
# "逾期不予受理", "届满30日前申请".
_DEADLINE_STATED = re.compile(rf"逾期|(?<!不)超过[^，。；]{{0,8}}?{NUMBER_PATTERN}(?:个)?(?:天|日|月|年)"
                              r"[^，。；]{0,2}?[未不没]"      # not "最长不超过24个月", a period
                              rf"|{NUMBER_PATTERN}(?:个)?(?:天|日|月)前")


def fact_kinds(text: str) -> set[str]:
    """The kinds of fact (amount, duration, deadline, age, weekend, who, validity) a text is about."""
    return fact_families(text)


# "我爹85岁了": an age the person states, which asks no age
_STATED_AGE = re.compile(r"[0-9一二两三四五六七八九十百]+(?:周)?岁")


def asked_kinds(text: str) -> set[str]:
    """The kinds of fact a question asks: its fact kinds less an age it only states
    ("我爹85岁了能领吗" asks whether, not how old)."""
    found = fact_families(text)
    if "age" in found and not any(w in _STATED_AGE.sub("", normalize(text)) for w in FACT_FAMILIES["age"]):
        found.discard("age")
    return found


def text_grams(text: str) -> set[str]:
    s = "".join(ch for ch in normalize(text) if ch.isalnum())
    return {s[i:i + 2] for i in range(len(s) - 1)}


def entry_name_grams(matter) -> set[str]:
    return text_grams(matter.name) | {g for a in matter.aliases for g in text_grams(a)}


def best_faq(matter, message: str, pipeline=None, loose: bool = False):
    """The FAQ entry of `matter` that answers `message`, or None: it must be about the same kind
    of fact (amount, duration, deadline, age, weekend, who, validity) and share words with it, the
    matter's own name not counting ("失业金每个月能领多少钱" ~ "失业保险金每月能领多少？").
    `loose`: also a question most of whose words the FAQ question holds ("要登报吗" ~
    "房产证丢了还要登报吗？"), for a message that asks no part of the guide."""
    message = _PERIOD.sub("期间", formal_kin(message))     # "这段时间" says 期间, "妈妈" 母亲
    asked = fact_families(message)
    own = entry_name_grams(matter)
    words = text_grams(message) - own
    # the words that name something: grams without a function character ("怎么", "报吗")
    content = {g for g in words if not any(ch in FILLER_CHARS for ch in g)}
    best, best_score = None, 0
    for faq in matter.faq:
        shared = len(words & (text_grams(faq.q) - own))
        family = bool(asked & fact_families(faq.q))
        score = shared + (2 if family else 0)
        covered = loose and shared >= 2 and len(content & text_grams(faq.q)) >= 0.5 * len(content)
        if (family and score >= 3 or score >= 4 or covered) and score > best_score:
            best, best_score = faq, score
    return best


def faq_in_other_words(matter, message: str):
    """The FAQ entry of `matter` that a follow-up nothing else answers is about, read against the
    answer too ("原单位一直拖着不给办咋整" ~ 单位不给办封存怎么办？, "业主们怎么表决" ~ "…业主参与表决"):
    content grams shared with its question and answer (a gram of the matter's own name counts
    half), two more for the same kind of fact. None unless one entry scores 2 or more, ahead of
    every other."""
    norm = normalize(formal_kin(message))
    own = entry_name_grams(matter)
    content = {g for g in text_grams(norm) if not any(ch in FILLER_CHARS for ch in g)}
    asked = fact_families(norm)
    scored = []
    for faq in matter.faq:
        grams = text_grams(faq.q + faq.a)
        shared = sum(0.5 if g in own else 1.0 for g in content & grams)
        scored.append((shared + (2 if asked & fact_families(faq.q + faq.a, statement=True) else 0), faq))
    scored.sort(key=lambda p: -p[0])
    if not scored or scored[0][0] < 2 or len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None
    return scored[0][1]


# A supposition in so many words, anywhere ("那个证明要是弄丢了呢"); "那失业金呢" is a topic switch.
_SUPPOSING = re.compile(r"要是|如果|假如|万一|若是|假设")
# A follow-up naming more than this many characters (residue) names something of its own.
FEW_NAMING_CHARS = 3


def faq_supposed(matter, message: str):
    """The FAQ entry of `matter` whose question a short supposition names ("要是不批呢" ~
    申请没批下来怎么办？, "那个证明要是弄丢了呢" ~ 学习驾驶证明丢了怎么办？): what is left of the
    message once the matter's name and the question words are gone, at most three characters, one
    or more of them in that entry's question and in no other's as many. None otherwise."""
    if not _SUPPOSING.search(normalize(message)):
        return None
    rest = residue(message, matter)
    if not rest or len(rest) > FEW_NAMING_CHARS:
        return None
    scored = sorted(((sum(ch in normalize(faq.q) for ch in set(rest)), i) for i, faq in enumerate(matter.faq)),
                    reverse=True)
    if not scored or scored[0][0] < 1 or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return matter.faq[scored[0][1]]


def only_faq_of_kind(matter, message: str, exclude: frozenset[str] = frozenset()):
    """The one FAQ entry of `matter` about the kind of fact asked (deadline, duration, age ...),
    when no other FAQ entry is: "出生后多少天内参保" ~ "新生儿多久内要参保？" share no words, but
    it is the matter's only deadline question. None if none or several are; `exclude`: kinds
    that do not count (an amount, when the question asks a charged matter's fee)."""
    asked = fact_families(message) - exclude
    if not asked:
        return None
    found = [faq for faq in matter.faq if asked & fact_families(faq.q)]
    return found[0] if len(found) == 1 else None


def faq_naming(matter, message: str):
    """The one FAQ entry of `matter` whose question or answer holds all that the message names
    ("公示多少天" ~ "简易注销要不要登报？" answered "…公示20日…"); None if none or several do."""
    rest = "".join(residue(message))
    if len(rest) < 2:
        return None
    found = [faq for faq in matter.faq if rest in normalize(faq.q + faq.a)]
    if len(found) > 1:                  # of those, the one stating the kind of fact asked (a number of days)
        asked = fact_families(message)
        found = [faq for faq in found if asked & fact_families(faq.q + faq.a)]
    return found[0] if len(found) == 1 else None


STATED_AGE_RE = re.compile(rf"{NUMBER_PATTERN}多?周?岁|今年{NUMBER_PATTERN}多?了?|{NUMBER_PATTERN}多?了")
# Everyday words for the family members the catalog names formally ("随妈妈落户" ~ 随母亲落户).
KIN_WORDS = (("妈妈", "母亲"), ("老妈", "母亲"), ("俺娘", "母亲"), ("我妈", "我母亲"), ("爸爸", "父亲"),
             ("老爸", "父亲"), ("俺爹", "父亲"), ("我爸", "我父亲"))


_PEOPLE_COUNT = re.compile(r"([一两二三四五六七八九十])个人")
# Service verbs citizens split with a measure word or an aspect particle ("先挂个失", "落了户").
_SEPARABLE = ("挂失", "签注", "落户", "销户", "过户", "体检", "年检", "报案", "报警", "参保", "离婚", "结婚")
_SPLIT_VERB = re.compile("|".join(f"{v[0]}(?:了个|一下|个|了){v[1]}" for v in _SEPARABLE))
# Colloquial result forms: "找不着" / "找见" is 找不到 / 找到, "丢哪去了" says it is 丢了.
_RESULT_FORMS = ((re.compile(r"找(不?)[着见]"), r"找\1到"), (re.compile(r"丢哪(?:儿|里)?去?了"), "丢了"))


def colloquial_forms(norm: str) -> str:
    """A normalized text with split service verbs joined and colloquial result forms in the
    catalog's ("先挂个失" -> 先挂失, "翻遍了也找不着" -> 找不到)."""
    norm = _SPLIT_VERB.sub(lambda m: m.group(0)[0] + m.group(0)[-1], norm)
    for pattern, plain in _RESULT_FORMS:
        norm = pattern.sub(plain, norm)
    return norm


def formal_kin(text: str) -> str:
    """The text with everyday family words, head counts and verb forms in the catalog's words
    ("我一个人名下" ~ 一人所有, "随妈妈" ~ 随母亲, "挂个失" ~ 挂失)."""
    norm = colloquial_forms(_PEOPLE_COUNT.sub(r"\1人", normalize(text)))
    for everyday, formal in KIN_WORDS:
        norm = norm.replace(everyday, formal)
    return norm
