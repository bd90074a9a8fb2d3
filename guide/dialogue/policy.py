"""The conversation policy: one turn = (state, message or choice) -> (new state, plan).

Pure over a loaded Guide: the state comes in and goes out as a frozen DialogueState (stored by
guide.chat between turns), the plan says what to show (answer, clarify, situation question,
bundle, no match), and guide.present.payload turns it into the one JSON payload. Everything quoted comes
from the catalog.
"""
from __future__ import annotations

from guide.catalog import Bundle, Matter
from guide.dialogue.parse import detect_intent, is_follow_up, is_greeting, ordinal, resolve_option
from guide.dialogue.state import SKIP, DialogueState, Option, Pending, Plan
from guide.qa import QA


class ChoiceError(ValueError):
    """A choice id that the last reply did not offer."""


class Dialogue:
    """Stateless over a loaded Guide: all conversation state comes in and goes out as a DialogueState."""

    def __init__(self, guide, popular: tuple[str, ...] = ("居民身份证换领", "住房公积金提取", "失业保险金申领",
                                                         "开办餐馆一件事", "出生登记")):
        self.guide = guide
        self._popular_names = popular
        self._popular: tuple[Option, ...] | None = None

    # ------------------------------------------------------------ the turn

    def respond(self, state: DialogueState, message: str | None = None,
                choice: str | None = None) -> tuple[DialogueState, Plan]:
        pending = state.pending
        if choice is not None:
            if pending is None or not pending.offers(choice):
                raise ChoiceError(f"选项 {choice[:40]!r} 不在上一轮提供的选项中")
            return self._apply_choice(state, choice)
        message = message or ""
        if is_greeting(message):
            return state.replace(pending=None), Plan("no_match", asked="greeting", suggestions=self.popular())
        if pending:
            resolved = resolve_option(message, pending.options, self.guide.pipeline)
            if resolved is not None:
                return self._apply_choice(state, resolved)
        elif state.recent and ordinal(message) is not None:   # "第二个" after suggestions
            index = ordinal(message)
            if index < len(state.recent):
                state = state.replace(pending=Pending("clarify", state.recent))
                return self._apply_choice(state, state.recent[index].id)
        intent = detect_intent(message)
        if state.entry_id and is_follow_up(message):
            return self._answer(state.replace(pending=None), intent or "guide")
        result = self.guide.search(message, k=5, region=state.region)
        hits = list(result.hits)
        if result.confidence == "no_match" or not hits:
            if state.entry_id and intent:       # "网上能办吗" style question about the current matter
                new, plan = self._answer(state.replace(pending=None), intent)
                return new, plan.replace(search=result)
            return (state.replace(pending=None),
                    Plan("no_match", suggestions=self._no_match_suggestions(result), search=result))
        if result.confidence == "ambiguous":
            options = tuple(Option(h.id, h.name) for h in hits[:4])
            new = state.replace(entry_id=None, chosen={}, show_all=False, intent=intent,
                                pending=Pending("clarify", options))
            return new, Plan("clarify", asked="matter", options=options, search=result)
        state = state.with_topic(hits[0].id).replace(pending=None)
        new, plan = self._answer(state, intent or "guide", message=message)
        suggestions = tuple(Option(h.id, h.name) for h in hits[1:4])
        return new.replace(recent=suggestions), plan.replace(search=result, suggestions=suggestions)

    def _apply_choice(self, state: DialogueState, choice: str) -> tuple[DialogueState, Plan]:
        pending = state.pending
        state = state.replace(pending=None)
        if pending.kind in ("clarify", "member"):
            state = state.replace(entry_id=choice, chosen={}, show_all=False)
            return self._answer(state, "guide" if state.intent in (None, "qa") else state.intent)
        if choice == SKIP.id:
            state = state.replace(show_all=True)
        else:
            state = state.choose(pending.situation, choice)
        state, plan = self._answer(state, state.intent or "materials")
        if plan.type == "answer":           # related matters found when the question was asked
            plan = plan.replace(suggestions=state.recent)
        return state, plan

    # ------------------------------------------------------------ answering

    def _answer(self, state: DialogueState, intent: str, message: str = "") -> tuple[DialogueState, Plan]:
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
        prefilled: tuple[str, ...] = ()
        if message:
            state, prefilled = self._prefill(entry, state, message)
        if intent in ("guide", "materials") and not state.show_all:
            situation = next_situation(entry, state.chosen)
            if situation is not None:
                options = (*(Option(o.id, o.label) for o in situation.options), SKIP)
                state = state.replace(pending=Pending("situation", options, situation.id))
                return state, Plan("situation", entry=entry, asked=f"situation:{situation.id}", options=options,
                                   chosen=state.chosen, situation_question=situation.question,
                                   prefilled=prefilled)
        return state, Plan("answer", entry=entry, asked=intent, chosen=state.chosen,
                           show_all=state.show_all or not state.chosen and bool(entry.situations),
                           prefilled=prefilled)

    def _prefill(self, matter: Matter, state: DialogueState, message: str) -> tuple[DialogueState, tuple[str, ...]]:
        """Answer situation questions the question already answers ("租房提取公积金" -> reason=rent)."""
        # words of the matter's own name ("失业" in 失业保险金申领) say nothing about the situation
        words = {w for w in self.guide.pipeline.analyze(message).words if len(w) >= 2 and w not in matter.name}
        labels = []
        for situation in matter.situations:
            if situation.id in state.chosen or not situation.relevant(state.chosen):
                continue
            scored = []
            for option in situation.options:
                label_words = {w for w in self.guide.pipeline.analyze(option.label).words if len(w) >= 2}
                scored.append((len(words & label_words), option))
            best = max(n for n, _ in scored)
            winners = [o for n, o in scored if n == best]
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
        """Close matters when the question shares real words with them, else popular ones."""
        if result.signals.lexical_strength >= 0.3 and result.hits:
            return tuple(Option(h.id, h.name) for h in result.hits[:3])
        return self.popular()


def next_situation(matter: Matter, chosen: dict):
    """The next unanswered question that applies now and changes the material list."""
    used = {w.split(".", 1)[0] for m in matter.materials for w in (*m.when, *m.when_all)}
    for situation in matter.situations:
        if situation.id in chosen or situation.id not in used or not situation.relevant(chosen):
            continue
        return situation
    return None
