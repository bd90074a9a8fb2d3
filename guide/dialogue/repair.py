"""Second chances for a search that is unsure of an everyday question, and a check of what it found.

A citizen's wording often defeats the search although the catalog has the service: a character
mistyped by sound ("时业金"), a measure word ("开个小吃店"), a rare word only one entry's aliases
hold ("蒸馒头"), a shop of a kind no entry names ("五金店"). And a near-miss is no answer: a licence
of a kind no hit holds ("律师执业证" -> 医师执业注册) is a service the catalog lacks. `SearchRepair`
does this over a loaded Guide (its search, pipeline and entries); the dialogue policy calls it after
its first search of a turn.
"""
from __future__ import annotations

import re
from dataclasses import replace

from guide.catalog import Bundle, Matter
from guide.dialogue.options import option_named, proxy_option
from guide.dialogue.parse import (
    SHOP_QUESTION,
    asks_a_service,
    compact_question,
    formal_kin,
    licence_qualifiers,
    opens_a_shop,
)
from guide.dialogue.settle import named_by_alias, settle
from guide.dialogue.typo import SoundAlike, sounds_in
from guide.search.form import question_form
from guide.search.types import Confidence
from guide.text import normalize

# A word in the names or aliases (and the whole texts) of at most this many entries names a thing
# (馒头, 零食, 早餐); one in more is a general word of many services (注册, 许可, 年检).
RARE_NAME_WORD = 3
# Words of a matter name for a later step of a service (a change, a loss): not what opening one needs.
CIRCUMSTANCE_WORDS = ("变更", "注销", "遗失", "补领", "补发", "换领", "延续", "撤销", "更正")
# Characters by which a question names a later step itself: 换, 补, 丢, 改, 过期, 到期, 坏, 注销, 变更 …
LATER_STEP_CHARS = frozenset("换补丢失改期坏销变更续撤转迁")
# The later step must be ranked first by less than this share of its score for the first step to win.
LATER_STEP_MARGIN = 0.75
# A later step the question names by its own character (补, 换 …) may trail the first step further.
LATER_STEP_NAMED_MARGIN = 0.6
# A word in the texts of more than this many entries is a common word of services ("服务", "卫生").
COMMON_TEXT_WORD = 10
# Characters of doing, not of what is done: a token holding one ("店卖", "想开", "在家") names nothing.
_ACTION_CHARS = frozenset("开卖买办做要想在拿去有是给")


# Everyday and dialect words for what the catalog calls otherwise: tried when a search finds nothing.
EVERYDAY_WORDS = (("闺女", "女儿"), ("丫头", "女儿"), ("小子", "儿子"), ("娃", "孩子"), ("贴条", "违章"),
                  ("贴罚单", "违章"), ("罚单", "违章罚款"), ("牌子", "牌照"),
                  ("疫苗本", "预防接种证"), ("打疫苗的本子", "预防接种证"), ("本本", "证"), ("老伴", "配偶"),
                  ("媳妇", "妻子"), ("掉了", "丢了"), ("没了", "丢了"), ("自个儿", "自己"), ("自个", "自己"),
                  ("自由职业", "灵活就业"), ("跑外卖", "灵活就业"), ("送外卖", "灵活就业"), ("晚交", "延期缴纳"),
                  ("晚缴", "延期缴纳"))
# A person of another country is 外国人 (境外人员) to the guides, a licence from there 境外驾驶证.
_FOREIGNER = re.compile(r"(?:德国|韩国|日本|美国|英国|法国|俄罗斯|意大利|西班牙|加拿大|澳大利亚|新西兰|新加坡|马来西亚|泰国|"
                        r"越南|印度|巴基斯坦|蒙古|外国|国外)的?(?:朋友|同学|同事|客人|亲戚|友人|留学生|学生|人)")
_FOREIGN_LICENCE = re.compile(r"(?:他们那边|他们那儿|他们国家|国外|外国)的?驾照")


# A son or a daughter is a child to the guides ("女儿改名字" -> 孩子改名字): tried after the above.
CHILD_WORDS = (("女儿", "孩子"), ("儿子", "孩子"))


# How people say a relative died ("俺爹没了", "老人走了", "夜里在家里老了"): 去世 to the guides. 老了
# only after a time or a place (else it is growing old: "我妈老了，腿脚不好"); nothing of theirs in
# between ("俺娘的医保卡没了" lost a card).
_PERSON = r"(?:娘|爹|妈|爸|母亲|父亲|奶奶|爷爷|姥姥|姥爷|外婆|外公|老人|老伴|婆婆|公公|岳父|岳母|丈夫|老公|妻子|亲人)"
_DIED = re.compile(_PERSON + r"[^，,。？?！!的证卡本照票钱包车房书]{0,10}?(?:走了|没了|不在了|过世了|(?:夜里|夜来|半夜|昨天|昨晚|今天|早上|晚上|在家|"
                   r"家里|在医院|医院里)老了)")


# When something happened to someone says nothing of the service ("俺爹昨天夜里没了"): left out of
# a repair search ("今天天气怎么样" tells no story and keeps its 今天).
_WHEN = re.compile(r"(?:昨天|今天|前天|昨晚|今早|夜里|夜来|后半夜|半夜|凌晨|早上|晚上|刚才|上午|下午|中午)+")


def said_died(text: str) -> str:
    """The text with a relative's death said the way the guides say it."""
    return _DIED.sub(lambda m: re.sub(r"(走了|没了|不在了|过世了|老了)$", "去世了", m.group(0)), text)


def everyday_to_catalog(message: str, table=EVERYDAY_WORDS) -> str:
    """The message with everyday words put in the catalog's ("车被贴条了" -> "车被违章了")."""
    norm = normalize(message)
    text = said_died(norm)
    if text != norm or re.search(_PERSON, text):       # a story of what happened to someone: its time goes
        text = _WHEN.sub("", text)
    text = _FOREIGN_LICENCE.sub("境外驾驶证", _FOREIGNER.sub("外国人", formal_kin(text)))
    for everyday, catalog in sorted(table, key=lambda p: -len(p[0])):
        text = text.replace(everyday, catalog)
    return text


class SearchRepair:
    def __init__(self, guide, margin: float):
        self.guide, self._margin = guide, margin
        self._name_texts: dict[str, str] | None = None
        self._entry_texts: dict[str, str] | None = None
        self._typos: SoundAlike | None = None
        self._bundles: list | None = None

    def repaired(self, message: str, result, region) -> tuple[str, object]:
        """(the message as understood, the search result to act on) for a turn's first search."""
        if result.signals.lookalike:        # the search knows what was asked and that the catalog lacks it
            return message, result
        if result.confidence != "confident":
            message, result = self._corrected(message, result, region)
        if result.confidence == "ambiguous":
            message, result = self._in_catalog_words(message, result, region)
        if result.confidence == "no_match":
            result = self._rescue(message, result, region)
        if result.confidence != "no_match":
            result = self._without_other_licences(message, result)
        if result.confidence == "confident":
            result = self._plain_over_later_step(message, result)
        if result.confidence != "no_match":
            result = self._later_step_named(message, result)
        return message, result

    @staticmethod
    def _two_steps(result):
        """The first two matters or bundles among the top three, when the first leads the result:
        the pair both step repairs below weigh against each other (else None)."""
        hits = [h for h in result.hits[:3] if h.kind != "qa"]
        return hits if len(hits) >= 2 and hits[0] is result.hits[0] else None

    @staticmethod
    def _first(result, hit, confident: bool = False):
        """`result` with `hit` ranked first (and, when the question itself named it, confident)."""
        hits = (hit, *(h for h in result.hits if h is not hit))
        return replace(result, hits=hits, confidence=Confidence.CONFIDENT) if confident else replace(result, hits=hits)

    def _later_step_named(self, message: str, result):
        """"补办社保卡" names the later step (补, 换, 丢, 改 …): of the service's first step
        (社会保障卡申领) ranked first and the later step that says it in its name (社会保障卡补换)
        close behind, the later step is meant. Ranked first itself but too close to the first step
        to be sure, it is meant too."""
        hits = self._two_steps(result)
        if hits is None:
            return result
        top = hits[0]
        named = {ch for ch in normalize(message) if ch in LATER_STEP_CHARS}
        said = named - set(top.name)
        for other in hits[1:]:
            if said & set(other.name) and other.name[:2] == top.name[:2] \
                    and other.score >= LATER_STEP_NAMED_MARGIN * top.score:
                return self._first(result, other, confident=True)
        other = hits[1]
        if result.confidence == "ambiguous" and named & (set(top.name) - set(other.name)) \
                and other.name[:2] == top.name[:2]:
            return self._first(result, top, confident=True)
        return result

    def _plain_over_later_step(self, message: str, result):
        """"残疾证怎么办理" names no change, loss or renewal: of the service's first step (残疾人证核发)
        and a later one (残疾人证换领) ranked first, close together, the first step is meant."""
        hits = self._two_steps(result)
        if hits is None:
            return result
        top, other = hits[0], hits[1]
        norm = normalize(message)
        if (not any(w in top.name for w in CIRCUMSTANCE_WORDS) or any(w in other.name for w in CIRCUMSTANCE_WORDS)
                or any(ch in norm for ch in LATER_STEP_CHARS) or top.name[:2] != other.name[:2]
                or other.score < LATER_STEP_MARGIN * top.score):
            return result
        entry = self.guide.get(top.id)
        if entry is not None and named_by_alias(entry, message, min_len=3):
            return result               # the question says one of the later step's own names
        return self._first(result, other)

    def _corrected(self, message: str, result, region):
        """"时业金怎么领" asked again as 失业金怎么领: kept only when that search is sure and the
        corrected word names the service found ("补下来" -> "办下来" is no name)."""
        for corrected, word in self.sound_alike().corrections(message, segment=self.guide.pipeline.segment):
            again = self.guide.search(corrected, k=8, region=region)
            if again.confidence == "ambiguous":     # "公积金提取" is 住房公积金提取 itself
                rivals = settle(list(again.hits), self.guide.get, corrected, self._margin,
                                question_form(corrected) == "policy")
                if len(rivals) == 1:
                    again = replace(again, hits=(rivals[0], *(h for h in again.hits if h is not rivals[0])),
                                    confidence=Confidence.CONFIDENT)
            if again.confidence == "confident" and again.hits and again.hits[0].id in self.named_by(word):
                return corrected, again
        return message, result

    def _in_catalog_words(self, message: str, result, region):
        """"现在自由职业了，想自个接着交公积金" is unsure between several matters; said in the catalog's
        words (灵活就业, 自己) it names one: that search is kept when it is sure."""
        plain = everyday_to_catalog(message)
        if plain == normalize(message):
            return message, result
        again = self.guide.search(plain, k=8, region=region)
        return (plain, again) if again.confidence == "confident" else (message, result)

    def _rescue(self, message: str, result, region):
        """A no-match search of an everyday question that still names a service: one of its first
        hits has an alias the question says whole, or alone carries a rare word of the question in
        its name or aliases ("在家蒸馒头卖" -> 食品小作坊登记, alias 手工作坊做馒头办证), or alone is
        told a story of ("房本破了想换个新的": its thing, and one of its situations); else it is
        asked again without measure words ("开个小吃店" -> "开小吃店"), or, for a shop of a kind no
        entry names, as opening a shop. Anything else stays no match (烟草证, 导游证)."""
        hits = list(result.hits)
        for hit in hits[:3]:                # "房子是我和老婆的，买房落户怎么办": an alias said whole
            entry = self.guide.get(hit.id)
            if hit.kind != "qa" and entry is not None and named_by_alias(entry, message, min_len=3):
                return replace(result, hits=tuple([hit, *(h for h in hits if h is not hit)]),
                               confidence=Confidence.CONFIDENT)
        words = {w for w in self.guide.pipeline.analyze(message).words
                 if len(w) >= 2 and not any(ch in _ACTION_CHARS for ch in w)}
        named = {w: self.named_by(w) for w in words}
        told = [hit for hit in hits[:5] if self._story_of(hit, named, message)]
        if len(told) == 1:                  # "房本破了想换个新的": its thing, and what befell it
            return self._first(result, told[0], confident=True)
        # rare in the names and in all the catalog says: a thing (馒头, 疫苗), not a procedure word
        # many services share (年检, 认证, 投诉), which as often belongs to a service the catalog lacks
        # (for a small business the names alone tell: 饭馆 is said in several guides); and asked of a
        # service at all ("推荐个餐厅" is small talk)
        business = opens_a_shop(message)
        rare = {w for w in words if 0 < len(named[w]) <= RARE_NAME_WORD
                and (business or len(self._texts_with(w)) <= RARE_NAME_WORD)} if asks_a_service(message) else set()
        for hit in hits[:3]:
            if hit.kind != "qa" and any(hit.id in named[w] for w in rare):
                rest = [h for h in hits if h is not hit]
                return replace(result, hits=tuple([hit, *rest]), confidence=Confidence.CONFIDENT)
        def kept(again) -> bool:
            # opening a shop is a service to do: a rule a Q&A states with a shop as its example
            # ("我开小卖部没有工资收入…" of 个体户的扣除) does not answer it
            return again.confidence != "no_match" and not (business and again.hits and again.hits[0].kind == "qa")

        compact = compact_question(message)
        if compact and compact != normalize(message):
            again = self.guide.search(compact, k=8, region=region)
            if kept(again):
                return again
        tried = {normalize(message), compact}
        everyday = everyday_to_catalog(message)
        for plain in (compact_question(everyday), compact_question(everyday_to_catalog(everyday, CHILD_WORDS))):
            if plain not in tried:
                tried.add(plain)
                again = self.guide.search(plain, k=8, region=region)   # "想给闺女改个名" -> 给女儿改名
                if kept(again):
                    return again
        if opens_a_shop(message):
            # a shop no entry names (五金店, 服装店): the business licences, as a choice
            again = self.guide.search(SHOP_QUESTION, k=8, region=region)
            plain = [h for h in again.hits if h.kind != "qa" and not any(w in h.name for w in CIRCUMSTANCE_WORDS)]
            if again.confidence != "no_match" and plain:
                return replace(again, hits=tuple(plain), confidence=Confidence.AMBIGUOUS)
        return result

    def _story_of(self, hit, named: dict[str, frozenset[str]], message: str) -> bool:
        """The message names the matter's thing by a word of its names (房本) and, in other words,
        says what befell it as one of its situations' options (破了 -> 破损、污损或填制错误): a story
        told of this matter. Who goes (本人 or a proxy) is no story of the thing, nor is a material."""
        entry = self.guide.get(hit.id) if hit.kind != "qa" else None
        if not isinstance(entry, Matter) or not entry.situations:
            return False
        things = [w for w, ids in named.items() if hit.id in ids]
        if not things:
            return False
        rest = normalize(message)
        # "医院" names the thing and is not also its kind; a material the question names
        # (医疗机构执业许可证) is something to bring, not a situation
        materials = [p for m in entry.materials for p in re.split(r"[或和及、，,（）()]", normalize(m.name)) if len(p) >= 2]
        for w in sorted((*things, *materials), key=len, reverse=True):
            rest = rest.replace(w, "，")
        own = " ".join((entry.name, *entry.aliases))
        return any(option_named(o, rest, own) for s in entry.situations if proxy_option(s.options) is None
                   for o in s.options)

    def _without_other_licences(self, message: str, result):
        """A question about a licence none of whose words of kind a hit holds ("律师执业证" ->
        医师执业注册, "烟草专卖零售许可证" -> 药品零售企业经营许可) is not about that hit: such hits
        are left out, and with none left the search found nothing (the catalog lacks it)."""
        # words of many services' texts ("服务" in 餐饮服务许可证) say no kind of licence
        qualifiers = [w for w in licence_qualifiers(message, self.guide.pipeline)
                      if len(self._texts_with(w)) <= COMMON_TEXT_WORD]
        if not qualifiers:
            return result
        kept = [h for h in result.hits if h.kind == "qa" or all(self._holds(h.id, w) for w in qualifiers)]
        if kept and kept[0] is result.hits[0]:
            # unsure between the first hits, but the licence's kind names only the first of them
            # (餐饮服务许可证: 食品经营许可 holds 餐饮, 人力资源服务许可 does not): that one is meant
            holders = [h for h in result.hits[:3] if h.kind != "qa" and h in kept]
            if result.confidence == "ambiguous" and holders == [result.hits[0]]:
                return replace(result, confidence=Confidence.CONFIDENT)
            return result
        # another of the first hits may be the licence meant (餐饮服务许可证 -> 食品经营许可); one far
        # down the list holds the word by chance (律师 among a query's materials)
        if not any(h.kind != "qa" and h in result.hits[:3] for h in kept[:3]):
            return replace(result, confidence=Confidence.NO_MATCH)
        return replace(result, hits=tuple(kept))

    def _holds(self, entry_id: str, word: str) -> bool:
        """What the entry says it is or asks for (name, aliases, FAQ questions, materials, and the
        names of the life events it is part of: 退伍军人 for 退役军人优待证) has `word`, or a word of
        the same sound (a typo)."""
        entry = self.guide.get(entry_id)
        parts = [getattr(entry, "name", ""), *getattr(entry, "aliases", ()),
                 *(f.q for f in getattr(entry, "faq", ())), *(m.name for m in getattr(entry, "materials", ()))]
        for bundle in self._bundles_of(entry_id):
            parts += [bundle.name, *bundle.aliases]
        text = normalize(" ".join(parts))
        return word in text or sounds_in(word, text)

    def _bundles_of(self, entry_id: str) -> list:
        if self._bundles is None:
            self._bundles = [e for e in (self.guide.get(i) for i in self.guide.ids) if isinstance(e, Bundle)]
        return [b for b in self._bundles if any(m.matter == entry_id for m in b.members)]

    def _texts_with(self, word: str) -> list[str]:
        """The matters and bundles whose whole text (guide, FAQ, conditions, materials) has `word`."""
        if self._entry_texts is None:           # built whole, then published: threads share it
            texts = {}
            for eid in self.guide.ids:
                entry = self.guide.get(eid)
                if not isinstance(entry, (Matter, Bundle)):
                    continue
                parts = [entry.name, *entry.aliases, *(f"{f.q} {f.a}" for f in getattr(entry, "faq", ())),
                         *getattr(entry, "conditions", ()), *(m.name for m in getattr(entry, "materials", ())),
                         *(o.label for s in getattr(entry, "situations", ()) for o in s.options)]
                texts[eid] = normalize(" ".join(parts))
            self._entry_texts = texts
        return [eid for eid, text in self._entry_texts.items() if word in text]

    def sound_alike(self) -> SoundAlike:
        """The catalog's own words (names, aliases, tokenizer terms), for typos by sound; built once."""
        if self._typos is None:
            texts = list(self.guide.pipeline.user_words)
            for eid in self.guide.ids:
                entry = self.guide.get(eid)
                if isinstance(entry, (Matter, Bundle)):
                    texts.extend((entry.name, *entry.aliases))
            self._typos = SoundAlike(texts)
        return self._typos

    def named_by(self, word: str) -> frozenset[str]:
        """The matters and bundles whose name or an alias contains `word`."""
        if self._name_texts is None:
            texts = {}
            for eid in self.guide.ids:
                entry = self.guide.get(eid)
                if isinstance(entry, (Matter, Bundle)):
                    texts[eid] = normalize(" ".join((entry.name, *entry.aliases)))
            self._name_texts = texts
        return frozenset(eid for eid, text in self._name_texts.items() if word in text)
