"""The conversation policy: one turn = (state, message or choice) -> (new state, plan).

Pure over a loaded Guide: the state comes in and goes out as a frozen DialogueState (stored by
guide.chat between turns), the plan says what to show (answer, clarify, situation question,
bundle, no match), and guide.present.payload turns it into the one JSON payload. Everything quoted comes
from the catalog.
"""
from __future__ import annotations

import re

from guide.catalog import Bundle, Matter
from guide.catalog import plain_label as _plain_label
from guide.dialogue.meaning import FaqMeaning
from guide.dialogue.options import (
    age_fits,
    asks_yes_no,
    bounded_by_range,
    bounded_option,
    denied_option,
    fact_condition,
    for_someone_else,
    leading_ordinal,
    longest_shared_run,
    option_named,
    proxy_option,
    resolve_option,
    said,
    shared_label_grams,
    stated_age,
    stated_condition,
    stated_years,
    years_ago,
    years_fit,
    yes_no_answer,
    yes_no_option,
)
from guide.dialogue.parse import (
    FEW_NAMING_CHARS,
    LAST,
    about_entry,
    asked_kinds,
    asks_done_time,
    asks_fact,
    asks_other_matters,
    asks_to_pay,
    asks_what_to_do,
    best_faq,
    detect_intent,
    fact_families,
    fact_kinds,
    faq_in_other_words,
    faq_naming,
    faq_supposed,
    follow_up_intent,
    formal_kin,
    is_follow_up,
    is_greeting,
    is_question,
    is_thanks,
    only_faq_of_kind,
    ordinal,
    plain_death,
    residue,
    switch_target,
    without_lead_ins,
    yes_no,
)
from guide.dialogue.repair import SearchRepair
from guide.dialogue.settle import settle
from guide.dialogue.state import SKIP, DialogueState, Option, Pending, Plan
from guide.privacy import mask_personal_data
from guide.qa import QA
from guide.search.form import question_form
from guide.search.types import Hit
from guide.text import normalize

# A question of this many words and characters (search content terms) tells a story ("俺孙子验上兵了，
# 通知书都发下来了…"): its no-match still suggests the services its meaning is close to.
STORY_TERMS = 24

# A statement of this many characters or fewer, while a situation question is pending, may answer
# it in the person's own words ("俺跟厂里的合同已经解了，人不在那干了"); a longer one tells a new story.
STATEMENT_CHARS = 24

# Questions for a part of a matter's guide, which a policy Q&A does not hold.
GUIDE_PART_INTENTS = ("materials", "fee", "time", "location", "online", "process")


_WHEN = frozenset({"duration", "deadline"})
# "要补", "想办", "得换一个", "想把户口迁过来", "想重新鉴定": the person wants the service done.
_WANTS_DONE = re.compile(r"(?:要|想|得|需要|准备|打算)(?:去|再|重新|自己|自个儿?)?(?:把.{1,4}?)?"
                         r"(?:补|办|换|领|申请|申领|开|提|取|交|缴|转|迁|报销|注销|过户|改|更正|变更|修改|鉴定|挂失|落户)")
# "要是…呢", "如果…", "换成…": supposing another case of the matter.
_SUPPOSE = re.compile(r"^(?:那)?(?:要是|如果|假如|换成|改成|若是)|呢$")


def asks_alike(question: str, message: str, intent: str | None) -> bool:
    """A Q&A question asks what the message asks: the same part of a guide, or the same kind of
    fact ("提前多久去换证" ~ "什么时候去换？": both ask when)."""
    if detect_intent(question) == intent:
        return True
    mine, theirs = fact_kinds(message), fact_kinds(question)
    return bool(mine & theirs or mine & _WHEN and theirs & _WHEN)


def _asks_a_deadline(message: str) -> bool:
    """A time limit to keep ("过多少天就不给了"), not when the office is done ("几天能办好")."""
    return asks_fact(message) and "deadline" in asked_kinds(message) and not asks_done_time(message)


def _only_deadline_stated(matter: Matter, message: str):
    """"满了十六岁多长时间内必须办": a deadline asked, and one FAQ entry whose answer states one
    (…三个月内申请领取; "超过规定时间30天未报到的…") though its question asks none; None otherwise."""
    if "deadline" not in asked_kinds(message):
        return None
    # an entry asking when the office is done (多久能批下来？…10个工作日内) states no deadline to keep
    found = [f for f in matter.faq if "deadline" in fact_families(f.q + f.a, statement=True)
             and not asks_done_time(f.q)]
    return found[0] if len(found) == 1 else None


class ChoiceError(ValueError):
    """A choice id that the last reply did not offer."""


class Dialogue:
    """Stateless over a loaded Guide: all conversation state comes in and goes out as a DialogueState."""

    def __init__(self, guide, popular: tuple[str, ...] = ("居民身份证换领", "住房公积金提取", "失业保险金申领",
                                                         "开办餐馆一件事", "出生登记")):
        self.guide = guide
        self._popular_names = popular
        self._popular: tuple[Option, ...] | None = None
        self._bundle_members: dict[str, set[str]] | None = None
        self._margin = guide.searcher.settings.thresholds.ambiguous_margin     # the search's own tie width
        self._min_dense = guide.searcher.settings.thresholds.min_dense
        self._repair = SearchRepair(guide, self._margin)
        built = guide.artifacts.faq_vectors() if hasattr(guide, "artifacts") else {}
        self._meaning = FaqMeaning(guide.searcher.encoders.get("dense_e5"), built)

    # ------------------------------------------------------------ the turn

    def respond(self, state: DialogueState, message: str | None = None,
                choice: str | None = None) -> tuple[DialogueState, Plan]:
        pending = state.pending
        if choice is not None:
            if pending is None or not pending.offers(choice):
                raise ChoiceError(f"选项 {choice[:40]!r} 不在上一轮提供的选项中")
            return self._apply_choice(state, choice)
        # Phone numbers, ID numbers and e-mails (and the words that introduce them) say nothing
        # about the matter: leave them out.
        masked = mask_personal_data(message or "")
        message = plain_death(without_lead_ins(masked) or masked)
        if is_greeting(message):
            return state.replace(pending=None), Plan("no_match", asked="greeting", suggestions=self.popular())
        if is_thanks(message):
            return state.replace(pending=None), Plan("no_match", asked="thanks")
        if pending:
            resolved = (resolve_option(message, pending.options, self.guide.pipeline)
                        or self._yes_or_no(state, message))
            if resolved is not None:
                return self._apply_choice(state, resolved)
            answered = self._answered_in_words(state, message) or self._option_asked_about(state, message)
            if answered is not None:
                return answered
            picked = self._ordinal_then_question(state, message) or self._part_of_offered(state, message)
            if picked is not None:
                return picked
        elif state.recent and ordinal(message) is not None:   # "第二个" after suggestions
            index = ordinal(message)
            if index < len(state.recent):
                state = state.replace(pending=Pending("clarify", state.recent))
                return self._apply_choice(state, state.recent[index].id)
        intent = detect_intent(message)
        current = self.guide.get(state.entry_id) if state.entry_id else None
        if current is not None:
            within = self._within_topic(state.replace(pending=None), current, message, intent)
            if within is not None:
                return within
        elif (intent is not None or asks_fact(message)) and is_follow_up(message) and not state.recent:
            # "多久能办完" with nothing before it: a part of some guide, of no service named; a search
            # of those words alone lands on whichever Q&A says them. Ask which service (no chips: on a
            # kiosk, a service offered here would look like the last person's topic).
            return state.replace(pending=None), Plan("no_match", asked="unnamed")
        result = self.guide.search(message, k=8, region=state.region)
        message, result = self._repair.repaired(message, result, state.region)
        hits = list(result.hits)
        if isinstance(current, Matter):
            fact = self._only_fact(state.replace(pending=None), current, message, intent, result)
            if fact is not None:
                return fact[0], fact[1].replace(search=result)
        if current is not None and hits:
            stay = self._stay_near(state.replace(pending=None), current, message, intent, result)
            if stay is not None:
                return stay[0], stay[1].replace(search=result)
        if (isinstance(current, Matter) and hits and result.confidence != "no_match" and switch_target(message) is None
                and (hits[0].id != current.id or intent is None and is_question(message))):
            # "有一台是跑网约车的，这样也能换吗" found 网约车 matters, "做出来的豆腐能送到超市去卖不" the
            # matter itself (whose guide says nothing of it): both ask the current matter's FAQ
            faq = self._meaning.nearest(current, message, sure=True)
            if faq is not None:
                new, plan = self._faq_answer(state.replace(pending=None), current, faq.q, faq.a,
                                             asked=_part_answered(message, faq.q))
                return new, plan.replace(search=result)
        if result.confidence == "no_match" or not hits:
            if (pending is not None and pending.kind == "situation" and isinstance(current, Matter)
                    and len(normalize(message)) <= 8 and not is_question(message)):
                # a short reply that answers nothing understood ("家里那个"): ask the question again
                # rather than drop the conversation for a search of those words
                return self._answer(state.replace(pending=None), state.intent or "materials")
            if state.entry_id and intent:       # "网上能办吗" style question about the current matter
                new, plan = self._answer(state.replace(pending=None), intent, follow_up=True)
                return new, plan.replace(search=result)
            faq = faq_in_other_words(current, message) if isinstance(current, Matter) else None
            if faq is None and isinstance(current, Matter):     # "交警那边用不用也去批一下": in other words
                faq = self._meaning.nearest(current, message)
            if faq is not None:                 # "原单位一直拖着不给办咋整": nothing else knows it, its FAQ does
                new, plan = self._faq_answer(state.replace(pending=None), current, faq.q, faq.a)
                return new, plan.replace(search=result)
            return (state.replace(pending=None),
                    Plan("no_match", suggestions=self._no_match_suggestions(result), search=result))
        event = self._life_event(message, hits)
        guide_part = self._matter_for_guide_part(hits, message, intent)
        if event is not None:                   # "宝宝出生了要办哪些手续": the whole life event
            hits = [event, *(h for h in hits if h is not event)]
        elif guide_part is not None:            # "改名字要交钱吗": the fee is the matter's, even in a tie
            hits = [guide_part, *(h for h in hits if h is not guide_part)]
        elif result.confidence == "ambiguous":
            policy = question_form(message) == "policy"
            rivals = settle(hits, self.guide.get, message, self._margin, policy)
            if len(rivals) == 1:                # the tie is no real choice: answer the one meant
                meant = self._own_faq_over_linked_qa(rivals[0], hits, message)
                hits = [meant] + [h for h in hits if h is not meant]
            else:
                # unless it asks a rule, a person choosing wants something done: matters first
                rest = [h for h in hits if h not in rivals]
                ranked = rivals + (rest if policy else
                                   [h for h in rest if h.kind != "qa"] + [h for h in rest if h.kind == "qa"])
                options = tuple(Option(h.id, h.name) for h in ranked[:4])
                new = state.replace(entry_id=None, chosen={}, show_all=False, intent=intent,
                                    pending=Pending("clarify", options))
                return new, Plan("clarify", asked="matter", options=options, search=result)
        state = state.with_topic(hits[0].id).replace(pending=None)
        top = self.guide.get(hits[0].id)
        if isinstance(top, Matter):             # "惠民殡葬费用减免": 费用 is the name, no fee asked
            intent = detect_intent(message, " ".join((top.name, *top.aliases)))
        # "失业金每个月能领多少钱": the FAQ's fact first (a rule-form question: only from the FAQ);
        # "多少钱" of a matter that charges nothing asks the benefit, of one that charges, the fee
        full = isinstance(top, Matter) and (asks_fact(message) or intent == "fee" and not top.fee.charged
                                            and not asks_to_pay(message))
        if isinstance(top, Matter) and (full or question_form(message) == "policy" and intent != "fee"):
            fact = self._fact(state, top, message, faq_only=not full)
            if fact is not None:
                return fact[0], fact[1].replace(search=result)
        new, plan = self._answer(state, intent or "guide", message=message)
        suggestions = self._neighbour_options(top, exclude=hits[0].id) or tuple(Option(h.id, h.name) for h in hits[1:4])
        return new.replace(recent=suggestions), plan.replace(search=result, suggestions=suggestions)

    def _own_faq_over_linked_qa(self, chosen, hits, message: str):
        """A Q&A tied with a matter it links is answered by that matter when the matter's own FAQ
        holds the fact asked ("老人去世了多长时间内要去销户口" ~ 人去世后多久要销户口？): the same
        answer, and the conversation then stays on the service for what to bring."""
        qa = self.guide.get(chosen.id) if chosen.kind == "qa" else None
        for hit in hits if qa is not None else ():
            matter = self.guide.get(hit.id)
            if hit.id in qa.related and isinstance(matter, Matter) and self._own_faq(matter, message):
                return hit
        return chosen

    def _matter_for_guide_part(self, hits, message: str, intent):
        """"给孩子改名字需要啥材料": a Q&A first may explain the rule, but the materials (fee, time …)
        are those of the matter it is about, when that matter is among the next hits (a Q&A that
        itself asks how long or how much answers that: "孩子出生多久内要上户口"). So is the guide
        itself when the person says they want the service done ("身份证掉了要补")."""
        qa = self.guide.get(hits[0].id) if hits and hits[0].kind == "qa" else None
        if qa is None:
            return None
        # "身份证掉了要补", "驾照到期了": wanting it done, or stating what happened, asks no rule
        norm = normalize(message).rstrip("。.!！~～ ")
        wants_it_done = (intent is None and question_form(message) != "policy"
                         and (bool(_WANTS_DONE.search(norm)) or not is_question(message) and norm.endswith("了")))
        # the materials are always the guide's (its checklist follows the situations), even where
        # a Q&A lists them too ("协议离婚要带啥" ~ 去民政局协议离婚需要准备什么？)
        if not wants_it_done and (intent not in GUIDE_PART_INTENTS
                                  or intent != "materials" and asks_alike(qa.question, message, intent)):
            return None
        related = [h for h in hits[1:4] if h.kind != "qa" and h.id in getattr(qa, "related", ())]
        if related:
            return related[0]
        # "给孩子改个名字需要啥材料" when only Q&As rank: the one service the Q&A names as next step
        only = qa.related[0] if len(qa.related) == 1 and intent in GUIDE_PART_INTENTS else None
        entry = self.guide.get(only) if only else None
        return Hit(entry.id, entry.name, "matter", entry.department, 0.0) if isinstance(entry, Matter) else None

    def _life_event(self, message: str, hits):
        """The bundle among the first hits that a question for everything it takes means: one tied
        with the first hit, or one holding the first hit as a member ("家里添了宝宝要办哪些证" ->
        新生儿出生一件事, not its member 预防接种证办理)."""
        if not hits or not asks_what_to_do(message):
            return None
        tied = [h for h in hits if h.score >= hits[0].score * (1 - self._margin)]
        for hit in hits[:3]:
            if hit.kind == "bundle" and (hit in tied or hits[0].id in self._neighbours(self.guide.get(hit.id))):
                return hit
        return None

    def _part_of_offered(self, state: DialogueState, message: str):
        """"要多少钱" after a Q&A or a choice of matters: a part of a guide, naming nothing. The one
        matter offered answers it; among several, the person is asked which one again (a search
        of "办下来要多久" alone would land anywhere)."""
        intent = detect_intent(message) or follow_up_intent(message)      # "那俺都得带啥去"
        if state.pending.kind != "clarify" or intent not in (*GUIDE_PART_INTENTS, "conditions") \
                or not is_follow_up(message):
            return None
        matters = [o for o in state.pending.options if isinstance(self.guide.get(o.id), Matter)]
        if len(matters) == 1:
            return self._apply_choice(state.replace(intent=intent), matters[0].id)
        if len(state.pending.options) > 1:
            return state, Plan("clarify", asked="matter", options=state.pending.options)
        return None

    def _ordinal_then_question(self, state: DialogueState, message: str):
        """"第二个要多久" after a list: that option, and the part of its guide asked."""
        lead = leading_ordinal(message)
        intent = None if lead is None else detect_intent(lead[1])
        if intent is None:
            return None
        real = [o for o in state.pending.options if o.id != SKIP.id]
        index = len(real) - 1 if lead[0] == LAST else lead[0]
        if not 0 <= index < len(real):
            return None
        return self._apply_choice(state.replace(intent=intent), real[index].id)

    def _yes_or_no(self, state: DialogueState, message: str) -> str | None:
        """"不是", "嗯", "可以" to a yes-or-no situation question ("是否为转租？"): the option it picks."""
        answer = yes_no_answer(message)
        entry = self.guide.get(state.entry_id) if state.entry_id else None
        if answer is None or state.pending.kind != "situation" or not isinstance(entry, Matter):
            return None
        situation = next((s for s in entry.situations if s.id == state.pending.situation), None)
        if situation is None or not asks_yes_no(situation.question):
            return None
        return yes_no_option(answer, state.pending.options, situation.question)

    def _answered_in_words(self, state: DialogueState, message: str):
        """"我租的房子" while asked on what basis: a short statement (no question, no part of a
        guide asked) that answers the pending situation question, or another one, in the person's
        own words. The conversation stays on the matter with those answers."""
        entry = self.guide.get(state.entry_id) if state.entry_id else None
        if (state.pending.kind != "situation" or not isinstance(entry, Matter)
                or len(normalize(message)) > STATEMENT_CHARS
                or is_question(message) or detect_intent(message) is not None):
            return None
        new, labels = self._prefill(entry, state.replace(pending=None), message)
        if not labels:
            return None
        return self._answer(new, new.intent or "materials", prefilled=labels)

    def _option_asked_about(self, state: DialogueState, message: str):
        """"二手房能贷吗" while asked which kind of house: a question about one option of the pending
        situation question is that answer (then the next question), unless the search places the
        question in another service ("二手房过户怎么办")."""
        entry = self.guide.get(state.entry_id) if state.entry_id else None
        pending = state.pending
        if pending.kind != "situation" or not isinstance(entry, Matter):
            return None
        situation = next((s for s in entry.situations if s.id == pending.situation), None)
        named = [] if situation is None else [o for o in situation.options
                                         if option_named(o, message, entry.name, stated=False)]
        if len(named) != 1:
            return None
        intent = detect_intent(message)
        if asks_fact(message) or intent is not None:
            # "外地户口要多久" while asked where the household is registered: that answer, and then
            # the part of the guide asked; but "合格证明管几年" says more than an option's words:
            # a question of its own, answered as one
            rest = formal_kin(message)
            for words in sorted((*named[0].aliases, _plain_label(named[0].label)), key=len, reverse=True):
                rest = rest.replace(formal_kin(words), "")
            if residue(rest, entry):
                return None
            chosen = state.replace(pending=None).choose(situation.id, named[0].id)
            if intent is None:
                return self._fact(chosen, entry, message)
            return self._answer(chosen, intent, follow_up=True, prefilled=(named[0].label,))
        result = self.guide.search(message, k=3, region=state.region)
        top = result.hits[0] if result.hits else None
        if (result.confidence != "no_match" and top is not None and top.id != entry.id
                and not (top.kind == "qa" and entry.id in getattr(self.guide.get(top.id), "related", ()))):
            return None
        return self._apply_choice(state, named[0].id, said=message)

    # ------------------------------------------------------------ staying on the topic

    def _within_topic(self, state: DialogueState, entry, message: str, intent: str | None):
        """A follow-up answered from the current entry before any new search: a part of its guide,
        a fact of its FAQ, another answer to one of its situations, or what else goes with it."""
        if isinstance(entry, Matter):
            factual = asks_fact(message) or (intent in ("fee", "time", "conditions") and not is_follow_up(message, entry)
                                             and not (intent == "fee" and entry.fee.charged))
            if intent == "time" and asks_done_time(message) and best_faq(entry, message, self.guide.pipeline) is None:
                # "多长时间能报下来": the processing time, not a deadline the conditions state
                return self._answer(state, "time", follow_up=True)
            if factual and about_entry(message, entry):
                fact = self._fact(state, entry, message)
                if fact is not None:
                    return fact
            if intent in ("time", "conditions") and len(residue(message)) >= 2:
                # "要学习几天" in 满分学习和考试: the FAQ's days of study, not the processing time
                faq = best_faq(entry, message, self.guide.pipeline)
                if faq is None and (is_follow_up(message, entry) or about_entry(message, entry)):
                    faq = only_faq_of_kind(entry, message) or faq_naming(entry, message)
                if faq is not None:
                    return self._faq_answer(state, entry, faq.q, faq.a, asked=_part_answered(message, faq.q))
            # "那租房能取吗" after buying names another answer to a situation: that changes the
            # checklist, which matters more than a FAQ line that shares the word.
            changed = self._change_situation(entry, state, message)
            if changed is not None:
                return changed
            supposed = faq_supposed(entry, message)
            if supposed is None and factual and len(residue(message, entry)) <= FEW_NAMING_CHARS:
                # "最多能往后延几年": a fact in few words of its own, which the FAQ's answer states
                # (最长延期三年); a search of those bare words would land on any Q&A with 最多…几年
                supposed = faq_in_other_words(entry, message)
            if supposed is not None:        # "要是不批呢": the case its FAQ answers
                return self._faq_answer(state, entry, supposed.q, supposed.a, asked=_part_answered(message, supposed.q))
            target = switch_target(message)
            if target is not None and normalize(target) not in normalize(" ".join((entry.name, *entry.aliases))):
                return None                     # "那公积金贷款呢": another matter, not an FAQ sharing its words
            if not factual and (intent is None or yes_no(message)):
                # "要登报吗", "还要带户口本吗": a question its FAQ asks in other words
                faq = best_faq(entry, message, self.guide.pipeline, loose=True)
                if faq is not None:
                    return self._faq_answer(state, entry, faq.q, faq.a, asked=_part_answered(message, faq.q))
        if asks_other_matters(message):
            bundle = entry if isinstance(entry, Bundle) else self._bundle_of(entry.id)
            if bundle is not None:
                return self._answer(state.with_topic(bundle.id), "guide")
        if isinstance(entry, Bundle):           # "失业金能领多久" in 就业失业一件事: the member it names
            member = self._member_named(entry, message)
            if member is not None:
                moved = state.with_topic(member.id)
                within = self._within_topic(moved, member, message, intent)
                return within or self._answer(moved, intent or "guide", message=message)
        target = switch_target(message)
        if target is not None and normalize(target) not in normalize(" ".join((entry.name, *entry.aliases))):
            return None                         # "那失业金呢" after 失业登记: another matter, search it
        if is_follow_up(message, entry):
            if asks_fact(message) and isinstance(entry, Matter):
                # "注册完能用几年": its FAQ may state it in other words (有效期多久？)
                fact = self._fact(state, entry, message, faq_only=True)
                if fact is None:                # "这证办下来能管几年": the one condition stating it (…有效期3年)
                    condition = fact_condition(entry, message)
                    fact = None if condition is None else self._faq_answer(state, entry, "", condition)
                return fact or self._no_fact(state, entry)
            faq = self._meaning.nearest(entry, message, sure=True) if intent is None and isinstance(entry, Matter) else None
            if faq is not None:                 # "做出来的豆腐能送到超市去卖不": its FAQ, not the whole guide again
                return self._faq_answer(state, entry, faq.q, faq.a, asked=_part_answered(message, faq.q))
            return self._answer(state, intent or "guide", follow_up=intent is not None)
        return None

    def _stay_near(self, state: DialogueState, entry, message: str, intent: str | None, result):
        """After a search: prefer the current entry's neighbourhood (its bundle and the bundle's
        members) to a jump elsewhere, unless the question plainly names something new."""
        hits = list(result.hits)
        near = self._neighbours(entry)
        named = result.signals.alias_exact or (result.signals.lexical_strength >= 0.67
                                                and result.signals.word_coverage >= 0.6)
        if intent is None and isinstance(entry, Matter) and hits[0].id not in near:
            # "能邮寄吗", "周六上班吗": words of a part of this guide and nothing else, though a
            # Q&A elsewhere has them too
            part = follow_up_intent(message, entry)
            if part is not None:
                return self._answer(state, part, follow_up=True)
        if (isinstance(entry, QA) and intent is None and hits[0].id != entry.id
                and self._fact_of_answer(entry, message)):
            # "最多能往后延几年" after the answer that says 最长3年: its words match another Q&A
            # well, but all it names is in the answer just given
            return self._answer(state, "qa")
        if hits[0].id in near or named:
            return None
        close = next((h for h in hits[:5] if h.id in near and h.id != entry.id), None)
        if close is not None and result.confidence != "no_match":
            return self._answer(state.with_topic(close.id), intent or "guide", message=message)
        if isinstance(entry, QA):
            return None     # "失业登记在哪办" after a policy answer: a Q&A has no office to name
        if intent is not None and (result.confidence != "confident" or not result.signals.word_coverage >= 0.5):
            # generic words ("要交多少税"): same topic
            if intent == "time" and isinstance(entry, Matter) and _asks_a_deadline(message):
                return self._no_fact(state, entry)      # "超过多少天没去就领不了": no processing time
            return self._answer(state, intent, follow_up=True)
        return None

    @staticmethod
    def _fact_of_answer(qa: QA, message: str) -> bool:
        """A short fact question whose few naming characters (FEW_NAMING_CHARS) the Q&A just given
        mostly holds: a question about that answer, which a search of its bare words would place
        in whichever Q&A shares them ("最多能往后延几年" ~ 年休假跨年度安排)."""
        rest = residue(message, qa)
        if not rest or len(rest) > FEW_NAMING_CHARS or not fact_kinds(message):
            return False
        text = normalize(qa.question + qa.answer)
        return sum(ch in text for ch in rest) >= 0.5 * len(rest)

    def _only_fact(self, state: DialogueState, matter: Matter, message: str, intent: str | None, result):
        """A fact question in other words than the FAQ's, that the search does not place in another
        service: answered by the matter's one FAQ entry about that kind of fact."""
        if not (asks_fact(message) or intent in ("time", "fee", "conditions")) or len(residue(message)) < 2:
            return None
        top = result.hits[0] if result.hits else None
        if (result.confidence == "confident" and top is not None and top.kind != "qa" and top.id != matter.id
                and top.id not in self._neighbours(matter)):
            return None                     # "购置税交多少" while registering a car: 车辆购置税
        charged = frozenset({"amount"}) if intent == "fee" and matter.fee.charged else frozenset()
        faq = only_faq_of_kind(matter, message, exclude=charged) or _only_deadline_stated(matter, message)
        return None if faq is None else self._faq_answer(state, matter, faq.q, faq.a,
                                                         asked=_part_answered(message, faq.q))

    def _member_named(self, bundle: Bundle, message: str):
        """The one member of `bundle` that the message names: the longest run of its characters
        (two or more) found in a member's name or aliases, longer than in any other member's."""
        norm = normalize(message)
        scored = []
        for m in bundle.members:
            member = self.guide.get(m.matter)
            if member is not None:
                scored.append((max(_common_run(norm, normalize(t)) for t in (member.name, *member.aliases)), member))
        if not scored:
            return None
        best = max(n for n, _ in scored)
        winners = [mm for n, mm in scored if n == best]
        if len(winners) == 1 and best >= 2:
            return winners[0]
        # "要交多少税" in 二手房过户: the one member whose name or aliases hold what is left (税)
        rest = set(residue(message, bundle))
        holders = [mm for _, mm in scored
                   if rest and rest <= set(normalize("".join((mm.name, *mm.aliases))))]
        return holders[0] if len(holders) == 1 else None

    def _neighbours(self, entry) -> set[str]:
        out = {entry.id}
        if isinstance(entry, Bundle):
            return out | {m.matter for m in entry.members}
        for members in self._bundles():
            if entry.id in members:
                out |= members
        return out

    def _bundles(self) -> list[set[str]]:
        if self._bundle_members is None:
            self._bundle_members = {}
            for eid in self.guide.ids:
                e = self.guide.get(eid)
                if isinstance(e, Bundle):
                    self._bundle_members[eid] = {e.id, *(m.matter for m in e.members)}
        return list(self._bundle_members.values())

    def _bundle_of(self, entry_id: str) -> Bundle | None:
        self._bundles()
        for bid, members in self._bundle_members.items():
            if entry_id in members and bid != entry_id:
                return self.guide.get(bid)
        return None

    def _neighbour_options(self, entry, exclude: str) -> tuple[Option, ...]:
        """Chips after an answer: the entry's bundle and fellow members, not a global list."""
        if entry is None:
            return ()
        bundle = entry if isinstance(entry, Bundle) else self._bundle_of(entry.id)
        if bundle is None:
            return ()
        ids = [bundle.id, *(m.matter for m in bundle.members)]
        return tuple(Option(i, self._name(i)) for i in dict.fromkeys(ids) if i != exclude)[:3]

    def _change_situation(self, matter: Matter, state: DialogueState, message: str):
        """"那租房能取吗" after buying, "那小孩呢" after an adult, "要是找人代办呢" after oneself:
        another option of a situation already answered. The option's own words first, then its
        everyday words, then (for a supposition, "要是…呢") the one option sharing most of its
        label's pairs of characters; a change is made only when one option is meant."""
        if not state.chosen:
            return None
        norm = normalize(message)
        answered = [s for s in matter.situations if s.id in state.chosen]
        others = [(s, o) for s in answered for o in s.options if o.id != state.chosen[s.id]]
        for situation in answered:          # the option's own words, situation by situation
            picked = [o for s, o in others if s is situation
                      and any(w and said(w, norm) for w in (*o.aliases, _plain_label(o.label)))]
            if len(picked) == 1:
                return self._changed(matter, state, situation, picked[0])
        named = [(s, o) for s, o in others if option_named(o, message, matter.name)]
        if not named and _SUPPOSE.search(norm):
            scored = [(shared_label_grams(o.label, message, matter), s, o) for s, o in others]
            best = max((n for n, _, _ in scored), default=0)
            named = [(s, o) for n, s, o in scored if n == best] if best >= 1 else []
        if len(named) == 1:
            return self._changed(matter, state, *named[0])
        return None

    def _changed(self, matter: Matter, state: DialogueState, situation, option):
        changed = state.choose(situation.id, option.id)
        # later answers may no longer apply: drop those that depended on the old option
        kept = {s.id: v for s, v in ((s, changed.chosen.get(s.id)) for s in matter.situations)
                if v is not None and s.relevant({k: x for k, x in changed.chosen.items() if k != s.id})}
        return self._answer(changed.replace(chosen=kept), "materials", prefilled=(option.label,))

    def _fact(self, state: DialogueState, matter: Matter, message: str, faq_only: bool = False):
        """A fact the matter's FAQ holds, else a policy Q&A linked to it, else the one condition
        that states it; None if none does. The matter stays the topic of the conversation."""
        faq = self._own_faq(matter, message)
        if faq is not None:
            return self._faq_answer(state, matter, faq.q, faq.a, asked=_part_answered(message, faq.q))
        if faq_only:
            return None
        result = self.guide.search(message, k=3, kind="qa", region=state.region)
        asked = fact_kinds(message)
        for hit in result.hits:
            qa = self.guide.get(hit.id)
            # about the same kind of fact: "买房提取要多久" is no question which cases may withdraw
            if (isinstance(qa, QA) and matter.id in qa.related and result.confidence != "no_match"
                    and (not asked or asked & fact_kinds(f"{qa.question} {qa.answer}"))):
                options = tuple(Option(i, self._name(i)) for i in qa.related if self.guide.get(i) is not None)
                return (state.replace(intent="fact", pending=Pending("clarify", options) if options else None),
                        Plan("qa", entry=qa, asked="qa", options=options))
        condition = fact_condition(matter, message)
        if condition is not None:
            return self._faq_answer(state, matter, "", condition)
        return None

    def _own_faq(self, matter: Matter, message: str):
        """The matter's FAQ entry for a fact question: the one sharing its words, else its one
        entry of the kind of fact asked (a deadline, an amount), else the one it asks in other
        words, if that entry states the kind of fact asked ("注册完能用几年" ~ 有效期多久？); None if
        none. An age the person states ("我爹85岁了能领吗") asks whether they qualify, which the
        conditions answer, not the FAQ entry nearest in meaning (每月多少钱？); so does a statement
        that asks nothing."""
        faq = (best_faq(matter, message, self.guide.pipeline) or only_faq_of_kind(matter, message)
               or _only_deadline_stated(matter, message))
        if faq is None:
            asked = asked_kinds(message)
            stated = fact_kinds(message) - asked
            # a statement asking no kind of fact ("…那张卡，想换成别的银行的") wants the service done
            asks_something = asked or (is_question(message) and not stated)
            near = self._meaning.nearest(matter, message, sure=True) if asks_something else None
            if near is not None and (not asked or asked & fact_families(near.q + near.a, statement=True)):
                faq = near
        return faq

    def _faq_answer(self, state: DialogueState, matter: Matter, question: str, answer: str, asked: str = "fact"):
        """The FAQ line (or condition) as the reply; `asked` names the part of the guide it answers
        when the question asked one ("要交钱吗": fee), else "fact"."""
        return state.replace(intent="fact"), Plan("answer", entry=matter, asked=asked, chosen=state.chosen,
                                                  facts=((question, answer),), follow_up=True)

    def _no_fact(self, state: DialogueState, matter: Matter):
        return state, Plan("answer", entry=matter, asked="fact", chosen=state.chosen, facts=(), follow_up=True)

    def _apply_choice(self, state: DialogueState, choice: str, said: str = "") -> tuple[DialogueState, Plan]:
        """The offered option picked; `said`, the message that picked it in words, may answer
        further situation questions too ("在济南入伍的，户口落在我自己买的房子")."""
        pending = state.pending
        state = state.replace(pending=None)
        if pending.kind in ("clarify", "member"):
            state = state.replace(entry_id=choice, chosen={}, show_all=False)
            return self._answer(state, "guide" if state.intent in (None, "qa") else state.intent)
        prefilled: tuple[str, ...] = ()
        if choice == SKIP.id:
            state = state.replace(show_all=True)
        else:
            state = state.choose(pending.situation, choice)
            entry = self.guide.get(state.entry_id)
            if said and isinstance(entry, Matter):
                state, more = self._prefill(entry, state, said)
                label = next((o.label for o in pending.options if o.id == choice), "")
                prefilled = (label, *more) if more else ()
        state, plan = self._answer(state, state.intent or "materials", prefilled=prefilled)
        if plan.type == "answer":           # related matters found when the question was asked
            plan = plan.replace(suggestions=state.recent)
        return state, plan

    # ------------------------------------------------------------ answering

    def _answer(self, state: DialogueState, intent: str, message: str = "", follow_up: bool = False,
                prefilled: tuple[str, ...] = ()) -> tuple[DialogueState, Plan]:
        entry = self.guide.get(state.entry_id)
        if entry is None:                       # the build changed under an old session
            return DialogueState(region=state.region), Plan("no_match", suggestions=self.popular())
        state = state.replace(intent=intent)
        if isinstance(entry, QA):               # a policy answer; its related matters are the next step
            options = tuple(Option(i, self._name(i)) for i in entry.related if self.guide.get(i) is not None)
            return (state.replace(pending=Pending("clarify", options) if options else None),
                    Plan("qa", entry=entry, asked="qa", options=options))
        if isinstance(entry, Bundle):
            options = tuple(Option(m.matter, self._name(m.matter)) for m in entry.members)
            return state.replace(pending=Pending("member", options)), Plan("bundle", entry=entry, asked="guide",
                                                                          options=options)
        if message:
            state, prefilled = self._prefill(entry, state, message)
        if intent in ("guide", "materials") and not state.show_all:
            situation = next_situation(entry, state.chosen)
            if situation is not None:
                options = (*(Option(o.id, o.label) for o in situation.options), SKIP)
                state = state.replace(pending=Pending("situation", options, situation.id))
                stated = stated_condition(entry, message) if message else None     # "俺娘今年八十了"
                return state, Plan("situation", entry=entry, asked=f"situation:{situation.id}", options=options,
                                   chosen=state.chosen, situation_question=situation.question,
                                   prefilled=prefilled, facts=(("", stated),) if stated else ())
        return state, Plan("answer", entry=entry, asked=intent, chosen=state.chosen,
                           show_all=state.show_all or not state.chosen and bool(entry.situations),
                           prefilled=prefilled, follow_up=follow_up and intent not in ("guide", "materials"))

    def _prefill(self, matter: Matter, state: DialogueState, message: str) -> tuple[DialogueState, tuple[str, ...]]:
        """Answer situation questions the question already answers ("租房提取公积金" -> reason=rent)."""
        # words of the matter's own name ("失业" in 失业保险金申领) say nothing about the situation
        # (nor does a word made only of its characters: "公积金贷款" in 住房公积金个人住房贷款)
        # a particle the tokenizer kept on a word ("退休了") is no part of it
        # nor a word two of its aliases say ("伤残" of 伤残再次鉴定 and 伤残复查鉴定): the topic, no situation
        tokens = {t.rstrip("了的") for t in self.guide.pipeline.analyze(message).words}
        words = {w for w in tokens if len(w) >= 2 and w not in matter.name and not all(ch in matter.name for ch in w)
                 and sum(w in a for a in matter.aliases) < 2}
        labels = []
        age, years, ago = stated_age(message), stated_years(message), years_ago(message)
        # the cases a name lists in brackets (骨灰安放（公益性骨灰堂、公墓）) that the message says
        name, norm = normalize(matter.name), normalize(message)
        listed, head = "".join(re.findall(r"\(([^)]*)\)", name)), re.sub(r"\([^)]*\)", "", name)
        alternatives = {w for w in tokens if len(w) >= 2 and w in listed and w not in head and said(w, norm)}
        # a word that is another situation's option ("离婚证" in 您要补领哪种证) answers that one only
        option_words = {s.id: {normalize(_plain_label(o.label)) for o in s.options} for s in matter.situations}
        for situation in matter.situations:
            if situation.id in state.chosen or not situation.relevant(state.chosen):
                continue
            # "我今年十五岁", "待了两年半": the option whose bound of age or of years fits
            bound = (bounded_option(situation.options, age, age_fits)
                     or bounded_option(situation.options, years, years_fit)
                     or bounded_by_range(situation.options, ago))
            if bound is not None:
                state = state.choose(situation.id, bound.id)
                labels.append(bound.label)
                continue
            elsewhere = set().union(*(v for k, v in option_words.items() if k != situation.id))
            named = [o for o in situation.options if option_named(o, message, matter.name)]
            if len(named) != 1 and for_someone_else(message):     # "给我妈申请": the relative's option
                proxy = proxy_option(situation.options, message)
                named = [proxy] if proxy is not None else named
            if len(named) != 1:
                # a name listing its cases ("骨灰安放（公益性骨灰堂、公墓）"): a case the message says
                # that one option's label holds ("在公墓定好了一个穴" -> 公墓安葬)
                cases = {w for w in alternatives if any(w in normalize(o.label) for o in situation.options)}
                holders = [o for o in situation.options if any(w in normalize(o.label) for w in cases)]
                named = holders if len(holders) == 1 else named
            if len(named) != 1:                 # "不是假释，是…": of two options, the one not denied
                denied = denied_option(situation.options, message, matter.name)
                named = [o for o in situation.options if o is not denied] if denied is not None else named
            if len(named) == 1:                 # an option's own words ("过期" -> 有效期满)
                state = state.choose(situation.id, named[0].id)
                labels.append(named[0].label)
                continue
            scored = []
            for option in situation.options:
                label_words = {w for w in self.guide.pipeline.analyze(option.label).words if len(w) >= 2}
                scored.append((len((words - elsewhere) & label_words), option))
            if max(n for n, _ in scored) == 0:
                # the tokenizer keeps catalog phrases whole ("社保卡密码忘了"): compare pairs of characters
                scored = [(shared_label_grams(o.label, message, matter), o) for o in situation.options]
            best = max(n for n, _ in scored)
            winners = [o for n, o in scored if n == best]
            if best >= 1 and len(winners) > 1:      # pairs of characters decide, then the longest shared run
                for measure in (lambda o: shared_label_grams(o.label, message, matter),
                                lambda o: longest_shared_run(o.label, message, matter)):      # "转到外省" ~ 转到外省
                    rescored = [(measure(o), o) for o in winners]
                    top = max(n for n, _ in rescored)
                    winners = [o for n, o in rescored if n == top]
            if best >= 1 and len(winners) == 1:
                state = state.choose(situation.id, winners[0].id)
                labels.append(winners[0].label)
        return state, tuple(labels)

    def _name(self, entry_id: str) -> str:
        entry = self.guide.get(entry_id)
        return entry.name if entry else entry_id

    # ------------------------------------------------------------ suggestions

    def popular(self) -> tuple[Option, ...]:
        if self._popular is None:
            found = []
            for name in self._popular_names:
                hits = self.guide.search(name, k=1).hits
                if hits and hits[0].name == name:
                    found.append(Option(hits[0].id, hits[0].name))
            self._popular = tuple(found)
        return self._popular

    def _no_match_suggestions(self, result) -> tuple[Option, ...]:
        """Close matters when the question shares real words with them (or names one's lookalike), else popular ones.
        A long story shares few of its many words with any guide, but its meaning may be close to
        some: those services first (a person telling what happened wants something done)."""
        s = result.signals
        if (s.lexical_strength >= 0.3 or s.lookalike) and result.hits:
            return tuple(Option(h.id, h.name) for h in result.hits[:3])
        if s.content_terms >= STORY_TERMS and s.dense_top >= self._min_dense and result.hits:
            ranked = [h for h in result.hits if h.kind != "qa"] + [h for h in result.hits if h.kind == "qa"]
            return tuple(Option(h.id, h.name) for h in ranked[:3])
        return self.popular()


def _part_answered(message: str, faq_question: str) -> str:
    """What an FAQ reply answers: the part of the guide the message asks ("要交钱吗": fee) when
    the FAQ question asks the same part ("办出生医学证明要交钱吗？"), else "fact". A duration the
    FAQ states is no processing time ("学习要多少天"), an amount received no fee."""
    part = detect_intent(message)
    if part != detect_intent(faq_question) or part not in ("fee", "online", "location"):
        return "fact"
    return part if part != "fee" or asks_to_pay(message) and asks_to_pay(faq_question) else "fact"


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of characters that `a` and `b` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def next_situation(matter: Matter, chosen: dict):
    """The next unanswered question that applies now and can still change the material list.
    Questions that decide a material by themselves come first; one whose answer matters only
    together with another unanswered question waits for it ("驾驶证在哪里核发" only matters at
    the window, so "打算怎么办理" is asked first, and if the answer is online, never)."""
    waiting = None
    for situation in matter.situations:
        if situation.id in chosen or not situation.relevant(chosen):
            continue
        effect = _effect(matter, situation.id, chosen)
        if effect == "alone":
            return situation
        if effect == "with_others" and waiting is None:
            waiting = situation
    return waiting


def _effect(matter: Matter, sid: str, chosen: dict) -> str | None:
    """How the answer to situation `sid` can still change the list: "alone", "with_others"
    (only together with answers not given yet) or None (it cannot any more)."""
    effect = None
    for material in matter.materials:
        keys = (*material.when, *material.when_all)
        if not any(k.split(".", 1)[0] == sid for k in keys):
            continue
        any_keys = [k for k in material.when if k.split(".", 1)[0] != sid]
        if any(chosen.get(k.split(".", 1)[0]) == k.split(".", 1)[1] for k in any_keys):
            continue                        # already applies through another answer
        others = [k for k in material.when_all if k.split(".", 1)[0] != sid]
        if any(k.split(".", 1)[0] in chosen and chosen[k.split(".", 1)[0]] != k.split(".", 1)[1] for k in others):
            continue                        # ruled out by an answer already given
        if all(k.split(".", 1)[0] in chosen for k in others):
            return "alone"
        effect = "with_others"
    return effect
