"""Reading a reply to an offered choice: an ordinal that also asks something ("第二个要多久"), yes
or no to a 是否 question, a stated age, a person the service is for, and the option a message names
(guide.dialogue.parse reads what a message asks). Pure functions."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from guide.catalog import plain_label
from guide.dialogue.parse import (
    FILLER_CHARS,
    LAST,
    NUMBER_DURATION,
    NUMBER_PATTERN,
    QUESTION_RE,
    SKIP_ID,
    STATED_AGE_RE,
    STATEMENT_CUES,
    entry_name_grams,
    fact_families,
    formal_kin,
    ordinal,
    text_grams,
)
from guide.dialogue.state import Option
from guide.text import normalize

_LEADING_ORDINAL = re.compile(r"^(?:那|就|选|我选|那个)?(第?[1-9一二三四五六七八九](?:个|项|种|条|号)|最后(?:一个|那个))"
                              r"[，,、\s]*(.{2,})$")


def leading_ordinal(message: str) -> tuple[int, str] | None:
    """"第二个要多久": (1, "要多久") — an ordinal that picks an option, then what is asked of it;
    None if the message does not start with one or asks nothing after it."""
    found = _LEADING_ORDINAL.match(normalize(message).strip())
    if found is None:
        return None
    index = ordinal(found.group(1))
    return None if index is None else (index, found.group(2))


def resolve_option(message: str, options: Sequence[Option], pipeline) -> str | None:
    """A typed answer to offered options: "2", "②", "第二个", or (part of) an option's label."""
    text = normalize(message).strip().rstrip("。.!！?？")
    if not text or not options:
        return None
    index = ordinal(text)
    if index == LAST:                   # the last real option, not "不确定，列出全部材料"
        real = [o for o in options if o.id != SKIP_ID]
        return real[-1].id if real else None
    if index is not None:
        return options[index].id if index < len(options) else None
    labels = [normalize(o.label) for o in options]
    exact = [o.id for o, label in zip(options, labels) if text == label]
    if exact:
        return exact[0]
    if len(text) > 12 or QUESTION_RE.search(text):
        return None                 # a long message or a question is a new question, not an answer
    contained = [o.id for o, label in zip(options, labels) if text in label or label in text]
    if len(contained) == 1:
        return contained[0]
    words = {w for w in pipeline.analyze(text).words if len(w) >= 2}
    if not words:
        return None
    scored = [(len(words & {w for w in pipeline.analyze(label).words}), o.id) for o, label in zip(options, labels)]
    best = max(n for n, _ in scored)
    winners = [oid for n, oid in scored if n == best]
    return winners[0] if best >= 1 and len(winners) == 1 else None


# Short replies that say yes or no ("嗯", "对", "是的", "不是", "没有"), to a question with a yes
# option and a no option ("是否为转租？", "能否一起到场？").
_YES_REPLIES = frozenset("是 是的 是啊 是呀 对 对的 对啊 对呀 嗯 嗯嗯 嗯呢 没错 有 有的 有啊 能 能的 可以 行 需要 要 已经 已满 满了".split())
_NO_REPLIES = frozenset("不是 不 否 不对 没有 没 无 不能 不行 不可以 不需要 不用 不要 还没 没满 未满 不会".split())
# How an option label says no (at its start, or anywhere as a whole word of refusal) or yes.
_NO_LABEL_START = ("否", "不", "没", "未", "无", "非")
_NO_LABEL_WORDS = ("不能", "不是", "没有", "无法", "不需要", "不会", "不可")


_YES_NO_QUESTION = re.compile(r"是否|能否|可否|有没有|是不是|能不能|要不要|需不需要|[吗么][?？]?$")


def asks_yes_no(question: str) -> bool:
    """A situation question answered yes or no ("是否为转租？", "能否一起到场？")."""
    return bool(_YES_NO_QUESTION.search(normalize(question)))


def yes_no_answer(message: str) -> bool | None:
    """True for a bare yes ("嗯", "对", "可以"), False for a bare no ("不是", "没有"), else None."""
    text = normalize(message).strip(" ，,。.!！~～")
    text = re.sub(r"[啊呀呢吧哦噢的]+$", "", text) if text not in _YES_REPLIES | _NO_REPLIES else text
    if text in _NO_REPLIES:
        return False
    if text in _YES_REPLIES:
        return True
    return None


def _says_no(label: str) -> bool:
    """The label says no: it, or one of its clauses, starts with a no ("否", "双方签订赠与合同，
    未公证", "新成立单位，尚未办理"), or it refuses in so many words ("不能到场")."""
    text = normalize(label)
    clauses = re.split(r"[，,、；;（(]", text)
    return (text.startswith(_NO_LABEL_START) or any(c.startswith((*_NO_LABEL_START, "尚未")) for c in clauses[1:])
            or any(w in text for w in _NO_LABEL_WORDS))


def yes_no_option(answer: bool, options: Sequence[Option], question: str = "") -> str | None:
    """The option a yes or no to a yes-or-no `question` picks, of two real options (of more, a no
    picks the one option that says no); None if unclear.

    The yes is the option that says clearly more of what the question asks ("车辆是否还在检验
    有效期内？" ~ 在检验有效期内); else the one of the two that does not say no (否, 不能到场, 未满:
    the other is the yes, the no when the question itself asks a negation, "是否未满十六周岁？");
    else the one that says yes in the question's terms (是, 已 for "是否已…", 可以 for "能否…")."""
    real = [o for o in options if o.id != SKIP_ID]
    if len(real) > 2 and not answer:
        # "家庭成员中是否有残疾人或重病患者？" 都没有 / 有残疾人 / 有重病患者 …: a no picks the one option
        # that says no; a yes still leaves several
        no = [o for o in real if _says_no(o.label)]
        return no[0].id if len(no) == 1 else None
    if len(real) != 2:
        return None
    q = normalize(question)
    asked = text_grams(_YES_NO_QUESTION.sub("", q))
    scores = [len(asked & text_grams(plain_label(o.label))) for o in real]
    best = max(scores)
    yes = None
    if best >= 2 and abs(scores[0] - scores[1]) >= 2:
        yes = real[scores.index(best)]
    else:
        no = [o for o in real if _says_no(o.label)]
        if len(no) == 1:
            negated = re.search(r"(?:是否|能否|可否|是不是)[未不没非无]", q) is not None
            yes = no[0] if negated else next(o for o in real if o is not no[0])
        else:
            marked = [o for o in real if _yes_in_terms_of(normalize(o.label), q)]
            if len(marked) == 1:
                yes = marked[0]
            elif best >= 1 and scores[0] != scores[1]:
                yes = real[scores.index(best)]
    if yes is None:
        return None
    return (yes if answer else next(o for o in real if o is not yes)).id


def _yes_in_terms_of(label: str, question: str) -> bool:
    """The label starts by saying yes in the question's own terms: 是 (是否), 已 (是否已), 有
    (有没有, 是否有), 可以/能 (能否, 可否), 需要 (是否需要)."""
    if _says_no(label):
        return False
    if label.startswith("是"):
        return True
    if label.startswith(("可以", "能")):
        return any(w in question for w in ("能否", "可否", "能不能", "可以"))
    return any(label.startswith(w) and w in question for w in ("已", "有", "需要", "会"))


_AGE_CUES = ("周岁", "年满", "岁以上", "岁以下")


_AGE_SAID = re.compile(rf"(?:今年|已经|都|刚)?({NUMBER_PATTERN})多?周?岁|今年({NUMBER_PATTERN})多?了?"
                       rf"|({NUMBER_PATTERN})(?:好几|出头)")
_AGE_BOUND = re.compile(rf"(未满|不满|已满|年满|满)?({NUMBER_PATTERN})周?岁(以上|以下|及以上|以内)?")


def cn_number(text: str) -> int | None:
    """"72" -> 72, "七十二" -> 72, "十五" -> 15, "八十" -> 80; None if not a number."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    if "百" in text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return digits.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def stated_age(message: str) -> int | None:
    """The age the message states of the person ("我今年十五岁", "我72岁了"), or None."""
    found = _AGE_SAID.search(normalize(message))
    return None if found is None else cn_number(found.group(1) or found.group(2) or found.group(3))


def age_fits(label: str, age: int) -> bool | None:
    """Whether an age fits an option label that bounds it ("未满十六周岁", "年满七十周岁", "60周岁以上");
    None if the label states no age bound."""
    found = _AGE_BOUND.search(normalize(label))
    if found is None or cn_number(found.group(2)) is None:
        plain = normalize(label)        # "未成年（…）" / "已成年（…）": the age of majority, 18
        return age < 18 if "未成年" in plain else age >= 18 if "成年" in plain else None
    return _within_bound(found, age, ("未满", "不满"), ("以下",))


def _within_bound(found, value: float, below_heads, below_tails) -> bool | None:
    """Whether `value` fits the bound a label states (`found`: head word, number, tail word):
    under it after a head or tail of `below_*` ("未满十六周岁", "3年以内"), at or over it after any
    other ("年满七十周岁", "二年以上"); None when neither head nor tail bounds the number."""
    bound, head, tail = cn_number(found.group(2)), found.group(1) or "", found.group(3) or ""
    if head in below_heads or tail in below_tails:
        return value < bound
    return value >= bound if head or tail else None


# "待了两年半", "交了八年", "有三年多了": a span of years the message says has passed (not a year
# of the calendar: "2019年"); 半 and 多 put it past the whole years.
_YEARS_SAID = re.compile(rf"(?:了|有|满|过|近|快)({NUMBER_PATTERN})个?年(半|多)?")
_YEARS_BOUND = re.compile(rf"(未满|不满|不足|满|超过)?({NUMBER_PATTERN})个?年(以上|以下|以内|之内|内)?")


def stated_years(message: str) -> float | None:
    """The span of years the message says has passed ("在那边待了两年半" -> 2.5), or None."""
    found = _YEARS_SAID.search(normalize(message))
    if found is None or cn_number(found.group(1)) is None:
        return None
    return cn_number(found.group(1)) + (0.5 if found.group(2) else 0.0)


# "去年考过了", "前年办的", "三年前拿的证": when something was done, so how long ago, as a range
# (去年 is anything from a few days to nearly two years back).
_YEARS_AGO = re.compile(rf"(大前年|前年|去年)|({NUMBER_PATTERN})年前")
_AGO_WORDS = {"去年": 1, "前年": 2, "大前年": 3}


def years_ago(message: str) -> tuple[float, float] | None:
    """How many years ago the message says something happened, as (least, most), or None."""
    found = _YEARS_AGO.search(normalize(message))
    if found is None:
        return None
    years = _AGO_WORDS[found.group(1)] if found.group(1) else cn_number(found.group(2))
    return None if years is None else (years - 1.0, years + 1.0)


def bounded_by_range(options, span: tuple[float, float] | None):
    """The one option whose years bound holds for the whole range (both ends agree), else None."""
    if span is None:
        return None
    low = bounded_option(options, span[0] + 0.01, years_fit)
    return low if low is not None and low is bounded_option(options, span[1] - 0.01, years_fit) else None


def years_fit(label: str, years: float) -> bool | None:
    """Whether a span of years fits an option label that bounds it ("不满二年", "二年以上未注册");
    None if the label states no such bound."""
    found = _YEARS_BOUND.search(normalize(label))
    if found is None or cn_number(found.group(2)) is None:
        return None
    return _within_bound(found, years, ("未满", "不满", "不足"), ("以下", "以内", "之内", "内"))


def bounded_option(options, stated, fit):
    """The one option whose bound (`fit`: age_fits or years_fit) the stated age or span fits, when
    every option states such a bound; else None."""
    if stated is None:
        return None
    fits = [o for o in options if fit(o.label, stated)]
    return fits[0] if len(fits) == 1 and all(fit(o.label, stated) is not None for o in options) else None


def stated_condition(matter, message: str) -> str | None:
    """The one condition of `matter` about what the message states of the person ("俺娘今年八十了"
    -> "…年满80周岁…"): it shows whether they qualify. None if it states no age or not one
    condition speaks of age."""
    if not STATED_AGE_RE.search(normalize(message)):
        return None
    found = [c for c in matter.conditions if any(cue in c for cue in _AGE_CUES)]
    return found[0] if len(found) == 1 else None


# "登记证有效期3年": a validity stated by its number, with no cue word between
_VALID_FOR = re.compile(rf"有效期{NUMBER_PATTERN}(?:个)?[年月日]")


def fact_condition(matter, message: str) -> str | None:
    """The one condition of `matter` that states the kind of fact asked ("能领多少钱" -> the
    condition saying how the benefit is computed), when the FAQ has none; None if not exactly one."""
    asked = {f for f in fact_families(message) if f in STATEMENT_CUES}
    if not asked:
        return None
    # a period with no number ("达到中心规定的连续缴存期限") states no duration: it answers no "要多久"
    found = [c for c in matter.conditions
             if any((any(cue in c for cue in STATEMENT_CUES[f]) or f == "validity" and _VALID_FOR.search(c))
                    and (f != "duration" or NUMBER_DURATION.search(c)) for f in asked)]
    if not found and "validity" in asked:
        # "护照有效期几年": the guide's notes state it ("护照有效期：未满十六周岁的五年…")
        found = [n for n in re.split(r"(?<=。)", getattr(matter, "notes", "") or "")
                 if any(cue in n for cue in STATEMENT_CUES["validity"])]
    return found[0].strip() if len(found) == 1 else None


# Everyday words for what option labels say in the catalog's words: (label word, citizen words).
# An option whose label holds the label word is meant when the message holds a citizen word.
LABEL_CONCEPTS = (
    ("首次", ("第一次", "头一次", "初次", "从没办过", "没办过")),
    ("未满", ("孩子", "小孩", "宝宝", "儿子", "女儿", "未成年", "小朋友")),
    # a child at school is a minor (a son or daughter may be grown up: "儿子都三十好几了")
    ("未成年", ("上小学", "上初中", "年级", "幼儿园", "小学生", "初中生")),
    ("遗失", ("丢了", "丢失", "弄丢", "找不到", "不见了", "被偷", "被盗")),
    ("丢失", ("丢了", "弄丢", "找不到", "不见了")),
    ("损", ("坏了", "破了", "烂了", "损坏", "磨损")),
    ("外省", ("外地", "外省", "不是本地", "非本地")),
    ("姓名", ("名字", "改名")),
    ("夫妻", ("老婆", "媳妇", "老公", "丈夫", "妻子", "爱人")),
    ("他人", ("别人", "旁人", "其他人")),
    ("购买", ("买房", "买了房", "买的房", "购房", "买了套")),
    ("租房", ("租的", "租了", "租房子", "租住", "租着")),
    ("租赁", ("租的", "租了", "租房", "租住", "租着")),
    ("忘记", ("忘了", "记不得", "记不清", "想不起")),
    ("锁定", ("锁了", "被锁", "锁住")),
    ("解除", ("解了", "解掉", "辞了", "不干了", "离职了", "走人了")),
    ("加名", ("加名字", "加个名", "加上名", "加老婆", "加老公", "加媳妇", "加爱人", "加配偶")),
    ("减名", ("去掉名", "去掉一方", "删掉名", "减掉名")),
)
# Everyday words for a person's case, read when the person states it ("老人在医院走的", "我是退伍
# 军人"), not in a question about an option ("换证必须去医院体检吗" asks no option).
STATED_CONCEPTS = (
    ("医疗机构", ("医院", "卫生院")),
    ("婚姻登记机关", ("民政局", "婚姻登记处")),
    ("退役军人", ("退伍军人", "退伍", "老兵", "复员军人", "转业军人")),
    ("就业", ("上班", "打工", "工作")),
    ("外地", ("户口不在济南", "不是济南户口", "不是济南的", "外地户口", "外地人")),
    ("非济南", ("户口不在济南", "不是济南户口", "不是济南的", "外地户口", "外地人", "外省")),
    ("济南市户籍", ("本地", "本市", "济南户口", "济南的户口")),
    ("本人", ("我自己", "自己去", "自己办", "亲自", "本人去", "本人办", "我本人")),
    ("个体工商户", ("个体户", "个体经营", "个体的")),
    ("家中", ("在家", "家里")),
    ("一个月以内", ("刚出生", "刚生", "才出生", "没满月", "刚满月")),
    ("居民住宅", ("家里用", "家用", "自己住", "住家", "家里的")),
    ("少数民族", ("回民", "回族", "满族", "蒙古族", "朝鲜族", "维吾尔族", "藏族", "壮族", "穆斯林")),
    ("双方", ("我们俩", "俩人", "两口子", "两个人都")),
)
# Doing it for someone else ("给我妈申请", "替他办", "帮老人领"): the option of a proxy, a relative
# or a guardian, beside one for the person themself.
_FOR = r"(?:给|替|帮|为)(?:我|俺|咱)?(?:家)?(?:的)?"
_FOR_SOMEONE = re.compile(_FOR + r"(?:母亲|父亲|妈|爸|娘|爹|老人|孩子|小孩|儿子|女儿|家人|老伴|爷爷|奶奶|姥姥|姥爷|外公|外婆"
                          r"|老婆|媳妇|老公|丈夫|妻子|爱人|亲戚|朋友|他|她|别人)")
_PROXY_LABEL = ("代办", "代为", "代领", "代理", "亲属", "家属", "家人", "监护人", "委托")
# Pairs of characters that any option may say: they tell no option from another.
_GENERIC_GRAMS = frozenset("申请 办理 人员 情况 期间 或者 相关 其他 需要 已经 现在".split())


# "与配偶以外的人共有": the words before 以外 are what the option is not
_EXCEPT = re.compile(r"[\u4e00-\u9fff]{1,4}(?:以外|之外)")


def shared_label_grams(label: str, message: str, matter) -> int:
    """How many pairs of characters that name something the message shares with an option label,
    leaving out those of the matter's own name and aliases ("退休了回老家长住" ~ 异地安置退休人员,
    not 异地) and those the label excepts ("和老婆一起的" ~ 与配偶共有, not 与配偶以外的人共有)."""
    own = entry_name_grams(matter)
    words = {g for g in text_grams(formal_kin(message)) - own
             if g not in _GENERIC_GRAMS and not any(ch in FILLER_CHARS for ch in g)}
    return len(words & text_grams(_EXCEPT.sub("，", label)))


def longest_shared_run(label: str, message: str, matter) -> int:
    """Length of the longest run of characters the message and an option label share, a run the
    matter's own name or aliases hold not counting: "养老保险要转到外省去" holds 济南职工养老保险转到外省's
    转到外省 (4) and 外省职工养老保险转入济南's 外省 (2), 养老保险 being the matter's own word."""
    a, b = normalize(formal_kin(message)), normalize(plain_label(label))
    own = [normalize(n) for n in (matter.name, *matter.aliases)]
    best = 0
    for i in range(len(a)):
        for j in range(i + 1, len(a) + 1):
            run = a[i:j]
            if run not in b:
                break
            if j - i > best and not any(run in n for n in own):
                best = j - i
    return best
_YES_NO_LABELS = frozenset("是 不是 否 有 没有 本人 其他 其它 是的".split())


# Words before a phrase that deny it: "不是济南户口", "还没过期", "户口不在济南", "非营利".
_NEGATED = re.compile(r"(?:不是|不在|并非|没有|不|没|非|未)$")


def said(phrase: str, norm: str) -> bool:
    """`phrase` is in the (normalized) message and not denied there: "不是济南户口" does not say
    济南户口, "还没过期" does not say 过期 (an alias that itself denies, "不是济南户口", still is)."""
    start = norm.find(phrase)
    while start >= 0:
        if not _NEGATED.search(norm[max(0, start - 2):start]):
            return True
        start = norm.find(phrase, start + 1)
    return False


# Digits read as characters, on both sides: "伤残8级" says the alias 八级 (and "10级" still 10级).
_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")


@lru_cache(maxsize=None)
def _as_read(alias: str) -> str:
    """An alias as a message is read ("随妈妈" -> 随母亲, "8级" -> 八级); catalog aliases are few,
    so cached."""
    return formal_kin(alias).translate(_DIGITS)


def option_named(option, message: str, own_name: str = "", stated: bool = True) -> bool:
    """The message itself says this option: one of its aliases, its plain label ("结婚证丢了" ->
    结婚证), or an everyday word for its label ("第一次办" -> 首次申请), none of them denied
    ("不是济南户口"). Words of the matter's own name (`own_name`) say nothing about the situation."""
    norm = formal_kin(message).translate(_DIGITS)
    if any(a and said(_as_read(a), norm) for a in option.aliases if a not in own_name):
        return True
    label = normalize(plain_label(option.label)).translate(_DIGITS)
    if len(label) >= 2 and label not in _YES_NO_LABELS and label not in own_name and said(label, norm):
        return True
    # a label listing cases ("卡损坏、消磁、芯片无法读取"): one of them said ("社保卡消磁了")
    parts = [p for p in re.split(r"[、，,/]", label) if len(p) >= 2] if "、" in label else []
    if any(p not in own_name and p not in _YES_NO_LABELS and said(p, norm) for p in parts):
        return True

    def says(word, citizen):
        return word in option.label and any(c not in own_name and said(c, norm) for c in citizen)

    # a label word of the matter's own name ("租赁" in 房屋租赁登记备案) tells no option from another
    # (unless it is the whole label: "遗失" in 营业执照遗失补领)
    if any(says(w, c) and (w not in own_name or w == label) for w, c in LABEL_CONCEPTS):
        return True
    return stated and any(says(w, c) for w, c in STATED_CONCEPTS)


# "不是假释，是日子满了", "倒不是要撤": what follows a denial, up to the clause's end or its 的/是.
_DENIED = re.compile(r"(?:不是|并非)([\u4e00-\u9fff]{1,8}?)(?=的|是|[，,。；;！!？?]|$)")
# "刷脸老是过不去": what the person tried and could not do, the words before the failure in its clause.
_NEGATED = re.compile(r"不|没|失败")
_FAILED = re.compile(r"([\u4e00-\u9fff]{1,6}?)(?:老是|总是|一直|还是|怎么也|都)?(?:过不去|不成功|失败|通不过|不通过|没通过)")


def denied_option(options, message: str, own_name: str = ""):
    """Of two options, the one the message denies ("不是假释" of 刑满释放 / 假释…, "不是医院让俺
    转的" of 医院建议转到外地 / 长期在外地居住) or says failed ("刷脸老是过不去" of 人脸识别认证 /
    到办税服务厅获取注册码): the denied words share a pair of characters (or, said in one
    character, that character: "不是要撤" ~ 撤掉) with that option's label or aliases and not with
    the other's; else None. The other option is then meant. Words both options share say nothing
    ("注册不上" of two ways to register)."""
    real = [o for o in options if o.id != SKIP_ID]
    if len(real) != 2:
        return None
    norm = normalize(formal_kin(message))
    own = set(normalize(own_name))
    texts = [normalize(" ".join((plain_label(o.label), *o.aliases))) for o in real]
    # an alias that itself says a failure ("刷不了脸" of 到大厅获取注册码) is the other option's way out
    tried = [normalize(" ".join((plain_label(o.label), *(a for a in o.aliases if not _NEGATED.search(a)))))
             for o in real]
    spans = [(span, texts) for span in _DENIED.findall(norm)] + [(span, tried) for span in _FAILED.findall(norm)]
    hit = set()
    for span, against in spans:
        content = "".join(ch for ch in span if ch not in FILLER_CHARS and ch not in own)
        grams = {content[i:i + 2] for i in range(len(content) - 1)} or ({content} if len(content) == 1 else set())
        found = {i for i, text in enumerate(against) if any(g in text for g in grams)}
        hit |= found if len(found) == 1 else set()
    return real[hit.pop()] if len(hit) == 1 else None


_BY_PROXY = re.compile(r"代办|代领|代为|代理|委托|找人|托人|让别人|别人去|别人办|不是本人|家属去|家里人去|亲戚去")


def for_someone_else(message: str) -> bool:
    """The message says the service is for another person ("给我妈申请", "想替他办") or done by
    one ("找人代办", "委托别人")."""
    norm = formal_kin(message)
    return bool(_FOR_SOMEONE.search(norm) or _BY_PROXY.search(norm))


_FOR_A_CHILD = re.compile(_FOR + r"(?:孩子|小孩|儿子|女儿|宝宝|娃)")
_GUARDIAN_LABEL = ("监护人", "父母", "家长", "法定代理")


def proxy_option(options, message: str = ""):
    """Of a situation's options, the one for a proxy, relative or guardian when exactly one is
    and another is for the person themself (本人) or names nobody; else None. For a child
    ("给孩子上户口") a parent acts as guardian, not as someone's proxy: only a guardian's option."""
    norm = formal_kin(message)
    child = bool(_FOR_A_CHILD.search(norm)) and not _BY_PROXY.search(norm)
    words = _GUARDIAN_LABEL if child else _PROXY_LABEL
    proxies = [o for o in options if any(w in o.label for w in words)]
    return proxies[0] if len(proxies) == 1 and len(options) >= 2 else None
