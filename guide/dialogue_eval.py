"""Multi-turn dialogue evaluation: scripted conversations against any chat `turn` callable.

A conversation file (JSON Lines, one conversation per line) scripts what a citizen types or clicks
and what the reply should be, keyed on entry ids, option ids and catalog field paths, never on
whole sentences (format: eval/dialogue/README.md). `run()` plays every conversation through
`turn(message, session_id, choice) -> payload` (ChatService.turn in real use) and scores each
step; `Report` gives success rates per tag and overall and lists every failing step.

Nothing here imports the model or the index: `turn` and the catalog look-up `get` are passed in.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

REPLY_TYPES = ("answer", "clarify", "situation", "bundle", "no_match")
FAILURE_CLASSES = ("followup_jump", "fact_question", "reask", "personal_data", "missing_or_small",
                   "compact", "continuity")
NORMAL_TAGS = ("routing", "situation", "followup", "ordinal", "switch", "bundle", "clarify", "typo",
               "smalltalk", "no_match")
KNOWN_TAGS = FAILURE_CLASSES + NORMAL_TAGS
EXPECT_KEYS = ("type", "entry", "entry_in", "asked", "not_asked", "offers", "checklist_has",
               "checklist_lacks", "facts", "facts_any", "compact", "no_intro", "refused")
GREETING_MARKER = "我是智惠导服"          # the self-introduction (guide.present.payload.GREETING_TEXT) says this
CID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_PATH_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
TEXT_PREVIEW = 80


class DialogueEvalError(ValueError):
    """A conversation file that does not follow the format: names the file, line and field."""

    def __init__(self, path: str, line: int, fld: str, message: str):
        self.path, self.line, self.field = path, line, fld
        super().__init__(f"{path}:{line}: {fld}: {message}")


@dataclass(frozen=True)
class Step:
    say: str | None
    pick: str | None
    expect: dict


@dataclass(frozen=True)
class Conversation:
    cid: str
    tags: tuple[str, ...]
    steps: tuple[Step, ...]
    source: str = ""            # "file:line", for messages


# ---------------------------------------------------------------- loading and validation

def parse_fact_path(path: str) -> list[str | int]:
    """"faq[1].a" -> ["faq", 1, "a"]; raises ValueError on anything else."""
    if not isinstance(path, str) or not path:
        raise ValueError("a fact path must be a non-empty string")
    out: list[str | int] = []
    for part in path.split("."):
        match = _PATH_TOKEN.fullmatch(part)
        if not match:
            raise ValueError(f"bad fact path {path!r} (expected e.g. fee.standard, faq[1].a)")
        out.append(match.group(1))
        out.extend(int(i) for i in _INDEX.findall(match.group(2)))
    return out


def _str_list(value, fld: str, fail) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        fail(fld, "must be a non-empty list of non-empty strings")
    return value


def _check_expect(expect, prefix: str, fail) -> dict:
    if not isinstance(expect, dict):
        fail(prefix, "must be an object")
    for key in expect:
        if key not in EXPECT_KEYS:
            fail(f"{prefix}.{key}", f"unknown expectation (allowed: {', '.join(EXPECT_KEYS)})")
    if "type" in expect:
        value = expect["type"]
        types = value if isinstance(value, list) else [value]
        if not types or not all(t in REPLY_TYPES for t in types):
            fail(f"{prefix}.type", f"must be one of {', '.join(REPLY_TYPES)} or a non-empty list of them")
    if "entry" in expect and expect["entry"] is not None and not (isinstance(expect["entry"], str) and expect["entry"]):
        fail(f"{prefix}.entry", "must be an entry id or null")
    if "entry" in expect and "entry_in" in expect:
        fail(f"{prefix}.entry_in", "use either entry or entry_in, not both")
    if "asked" in expect and not (expect["asked"] is None or isinstance(expect["asked"], str) and expect["asked"]):
        fail(f"{prefix}.asked", "must be a non-empty string or null")
    for key in ("entry_in", "not_asked", "offers", "checklist_has", "checklist_lacks", "facts", "facts_any"):
        if key in expect:
            _str_list(expect[key], f"{prefix}.{key}", fail)
    for key in ("facts", "facts_any"):
        for fact in expect.get(key, []):
            try:
                parse_fact_path(fact)
            except ValueError as exc:
                fail(f"{prefix}.{key}", str(exc))
    if len(expect.get("facts_any", [None, None])) < 2:
        fail(f"{prefix}.facts_any", "needs at least two alternatives (use facts for one)")
    for key in ("compact", "no_intro", "refused"):
        if key in expect and expect[key] is not True:
            fail(f"{prefix}.{key}", "must be true (leave it out otherwise)")
    if expect.get("refused") and len(expect) > 1:
        fail(f"{prefix}.refused", "a refused step can expect nothing else")
    return expect


def _check_conversation(obj, fail, seen: set[str]) -> Conversation:
    if not isinstance(obj, dict):
        fail("(line)", "must be a JSON object")
    for key in obj:
        if key not in ("cid", "tags", "steps", "note"):
            fail(key, "unknown field (allowed: cid, tags, steps, note)")
    cid = obj.get("cid")
    if not isinstance(cid, str) or not CID_RE.match(cid):
        fail("cid", "required: a short id of letters, digits, '-', '_' or '.'")
    if cid in seen:
        fail("cid", f"duplicate cid {cid!r}")
    tags = obj.get("tags")
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) for t in tags):
        fail("tags", "required: a non-empty list of tags")
    for tag in tags:
        if tag not in KNOWN_TAGS:
            fail("tags", f"unknown tag {tag!r} (known: {', '.join(KNOWN_TAGS)})")
    steps = obj.get("steps")
    if not isinstance(steps, list) or not steps:
        fail("steps", "required: a non-empty list of steps")
    parsed = []
    for n, step in enumerate(steps):
        prefix = f"steps[{n}]"
        if not isinstance(step, dict):
            fail(prefix, "must be an object")
        for key in step:
            if key not in ("say", "pick", "expect"):
                fail(f"{prefix}.{key}", "unknown field (allowed: say, pick, expect)")
        has_say, has_pick = "say" in step, "pick" in step
        if has_say == has_pick:
            fail(prefix, "needs exactly one of say or pick")
        key = "say" if has_say else "pick"
        if not isinstance(step[key], str) or not step[key]:
            fail(f"{prefix}.{key}", "must be a non-empty string")
        if has_pick and n == 0:
            fail(f"{prefix}.pick", "the first step cannot pick: nothing has been offered yet")
        expect = _check_expect(step.get("expect", {}), f"{prefix}.expect", fail)
        parsed.append(Step(step.get("say"), step.get("pick"), dict(expect)))
    seen.add(cid)
    return Conversation(cid, tuple(tags), tuple(parsed))


def load_conversations(path: str | Path) -> list[Conversation]:
    """Read and validate a conversation file; the first problem raises DialogueEvalError."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DialogueEvalError(str(path), 0, "(file)", f"cannot read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise DialogueEvalError(str(path), 0, "(file)", f"not UTF-8: {exc}") from exc
    out, seen = [], set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue

        def fail(fld, message, _n=number):
            raise DialogueEvalError(str(path), _n, fld, message)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            fail("(json)", f"not valid JSON: {exc.msg} at column {exc.colno}")
        conv = _check_conversation(obj, fail, seen)
        out.append(Conversation(conv.cid, conv.tags, conv.steps, f"{path}:{number}"))
    if not out:
        raise DialogueEvalError(str(path), 0, "(file)", "no conversations")
    return out


# ---------------------------------------------------------------- catalog look-ups

def resolve_fact(entry, path: str):
    """The value at a catalog field path of an entry dataclass; raises LookupError if absent."""
    value = entry
    for part in parse_fact_path(path):
        if isinstance(part, int):
            if not isinstance(value, (list, tuple)) or part >= len(value):
                raise LookupError(f"{path}: index {part} out of range")
            value = value[part]
        else:
            if not hasattr(value, part):
                raise LookupError(f"{path}: no field {part!r}")
            value = getattr(value, part)
    return value


def _squash(text: str) -> str:
    return "".join(str(text).split())


def fact_in_text(value, text: str) -> bool | None:
    """True/False when the fact value is (not) in the text; None when the value cannot be checked."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return bool(re.search(rf"(?<!\d){value}(?!\d)", text))
    if isinstance(value, str):
        return bool(value.strip()) and _squash(value) in _squash(text)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        return all(_squash(v) in _squash(text) for v in value)
    return None


def lint(conversations: list[Conversation], get: Callable[[str], Any]) -> list[str]:
    """Catalog problems in expectations: unknown ids, material names, option ids, fact paths."""
    problems = []
    for conv in conversations:
        current = None
        for n, step in enumerate(conv.steps):
            where = f"{conv.cid} steps[{n}]"
            ex = step.expect
            ids = ([ex["entry"]] if ex.get("entry") else []) + list(ex.get("entry_in", []))
            for entry_id in ids:
                if get(entry_id) is None:
                    problems.append(f"{where}: unknown entry {entry_id}")
            if ex.get("entry"):
                current = get(ex["entry"]) or current
            names = ex.get("checklist_has", []) + ex.get("checklist_lacks", [])
            if names:
                known = {m.name for m in getattr(current, "materials", ())}
                problems += [f"{where}: {name!r} is not a material of {getattr(current, 'id', None)}"
                             for name in names if name not in known]
            for fact in ex.get("facts", []) + ex.get("facts_any", []):
                try:
                    if current is None:
                        raise LookupError("no entry to resolve it on")
                    value = resolve_fact(current, fact)
                    if fact_in_text(value, str(value)) is None:
                        problems.append(f"{where}: fact {fact} is not text or a number")
                except LookupError as exc:
                    problems.append(f"{where}: fact {fact}: {exc}")
            option_ids = {"_all"} | {o.id for s in getattr(current, "situations", ()) for o in s.options}
            for oid in ex.get("offers", []) + ([step.pick] if step.pick else []):
                if oid not in option_ids and get(oid) is None:
                    problems.append(f"{where}: option {oid!r} is neither an option of "
                                    f"{getattr(current, 'id', None)} nor an entry id")
    return problems


# ---------------------------------------------------------------- running

@dataclass
class StepResult:
    cid: str
    index: int
    action: str                 # 'say: ...' or 'pick: ...'
    ok: bool
    reasons: list[str] = field(default_factory=list)
    expected: dict = field(default_factory=dict)
    got: dict = field(default_factory=dict)
    skipped: bool = False


@dataclass
class ConversationResult:
    cid: str
    tags: tuple[str, ...]
    steps: list[StepResult]
    first_checklist_turn: int | None = None     # 1-based step of the first non-empty checklist

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)


def _summary(reply: dict | None) -> dict:
    if reply is None:
        return {}
    if reply.get("refused"):
        return {"refused": True, "field": reply.get("field"), "text": reply.get("text", "")[:TEXT_PREVIEW]}
    matter = reply.get("matter") or {}
    return {"type": reply.get("type"), "entry": matter.get("id"), "asked": reply.get("asked"),
            "options": [o.get("id") for o in reply.get("options") or []],
            "text": (reply.get("text") or "")[:TEXT_PREVIEW]}


def check_step(expect: dict, reply: dict, entry) -> list[str]:
    """Every expectation of one step that the reply breaks (empty list = the step passes).

    `entry` is the catalog entry that `facts` and `compact` are resolved on.
    """
    reasons = []
    if reply.get("refused"):
        if expect.get("refused"):
            return [] if reply.get("text") else ["refused without a visible note"]
        return [f"refused unexpectedly: {reply.get('text', '')[:60]}"]
    if expect.get("refused"):
        return [f"expected a refusal, got a {reply.get('type')} reply"]
    rtype = reply.get("type")
    got_entry = (reply.get("matter") or {}).get("id")
    asked = reply.get("asked")
    text = reply.get("text") or ""
    linked = linked_qa_facts(expect, reply, entry)
    if linked:                  # the linked Q&A states the FAQ fact expected: it stands for the matter
        rtype = "answer" if rtype == "qa" else rtype
        got_entry = entry.id
    if "type" in expect:
        allowed = expect["type"] if isinstance(expect["type"], list) else [expect["type"]]
        if rtype not in allowed:
            reasons.append(f"type {rtype!r}, expected {'/'.join(allowed)}")
    if "entry" in expect and got_entry != expect["entry"]:
        reasons.append(f"entry {got_entry!r}, expected {expect['entry']!r}")
    if "entry_in" in expect and got_entry not in expect["entry_in"]:
        reasons.append(f"entry {got_entry!r}, expected one of {expect['entry_in']}")
    if "asked" in expect and asked != expect["asked"]:
        reasons.append(f"asked {asked!r}, expected {expect['asked']!r}")
    if asked is not None and asked in expect.get("not_asked", []):
        reasons.append(f"asked {asked!r} again")
    offered = {o.get("id") for o in reply.get("options") or []}
    missing = [o for o in expect.get("offers", []) if o not in offered]
    if missing:
        reasons.append(f"options lack {missing}")
    names = {item.get("name") for item in reply.get("checklist") or []}
    lacking = [n for n in expect.get("checklist_has", []) if n not in names]
    if lacking:
        reasons.append(f"checklist lacks {lacking}")
    extra = [n for n in expect.get("checklist_lacks", []) if n in names]
    if extra:
        reasons.append(f"checklist has {extra}")
    for fact in expect.get("facts", []):
        if fact in linked:
            continue
        if entry is None:
            reasons.append(f"fact {fact}: no catalog entry to resolve it on")
            continue
        try:
            found = fact_in_text(resolve_fact(entry, fact), text)
        except LookupError as exc:
            reasons.append(f"fact {fact}: {exc}")
            continue
        if found is None:
            reasons.append(f"fact {fact}: value is not text or a number")
        elif not found:
            reasons.append(f"fact {fact} of {entry.id} not in the reply text")
    if expect.get("facts_any"):
        found_any, problems = False, []
        for fact in expect["facts_any"]:
            try:
                found_any = found_any or fact in linked or bool(entry is not None
                                                                and fact_in_text(resolve_fact(entry, fact), text))
            except LookupError as exc:
                problems.append(f"fact {fact}: {exc}")
        if entry is None:
            reasons.append("facts_any: no catalog entry to resolve them on")
        elif not found_any:
            reasons.append(f"none of {expect['facts_any']} of {entry.id} in the reply text"
                           + (f" ({'; '.join(problems)})" if problems else ""))
    if expect.get("compact") and entry is not None:
        reasons += _compact_problems(reply, entry, text)
    if expect.get("no_intro") and (GREETING_MARKER in text or _greeting_text() and _greeting_text() in text):
        reasons.append("reply is the self-introduction")
    return reasons


_FAQ_ANSWER = re.compile(r"^faq\[(\d+)\]\.a$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _bigrams(text: str) -> set[str]:
    s = "".join(ch for ch in str(text) if ch.isalnum())
    return {s[i:i + 2] for i in range(len(s) - 1)}


def linked_qa_facts(expect: dict, reply: dict, entry) -> set[str]:
    """The expected FAQ facts (`faq[i].a` in `facts` / `facts_any`) of `entry` that a policy Q&A
    reply states instead (issue 18): the Q&A is linked to the entry (`related`), asks the same
    question (at least half of the FAQ question's character pairs) and its answer holds every
    number of the FAQ answer (at least one) or the whole FAQ answer. Empty for any other reply."""
    qa = reply.get("matter") or {}
    if reply.get("type") != "qa" or entry is None or getattr(entry, "id", None) not in (qa.get("related") or ()):
        return set()
    answer = _squash(qa.get("answer") or "")
    found = set()
    for path in (*expect.get("facts", ()), *expect.get("facts_any", ())):
        match = _FAQ_ANSWER.match(path)
        faqs = getattr(entry, "faq", ())
        if not match or int(match.group(1)) >= len(faqs):
            continue
        faq = faqs[int(match.group(1))]
        asked = _bigrams(faq.q)
        same_question = asked and len(asked & _bigrams(qa.get("question") or "")) >= 0.5 * len(asked)
        numbers = set(_NUMBER.findall(faq.a))
        same_fact = _squash(faq.a) in answer or (numbers and numbers <= set(_NUMBER.findall(answer)))
        if same_question and same_fact:
            found.add(path)
    return found


def _compact_problems(reply: dict, entry, text: str) -> list[str]:
    members = getattr(entry, "members", None)
    if members is not None:             # a bundle: each member named at most once
        names = [n for n in (reply.get("_member_names") or []) if n]
        repeated = [n for n in names if text.count(n) > 1]
        return [f"bundle text repeats members {repeated}"] if repeated else []
    materials = [m.name for m in getattr(entry, "materials", ())]
    if len(materials) < 3:
        return []
    listed = [item.get("name") for item in reply.get("checklist") or []] or materials
    if listed and all(name in text for name in listed):
        return [f"not compact: the text repeats all {len(listed)} checklist materials"]
    return []


def _greeting_text() -> str:
    try:
        from guide.present.payload import GREETING_TEXT
    except Exception:               # noqa: BLE001 - the runner works without the render module
        return ""
    return GREETING_TEXT


def _default_refusals() -> tuple[type, ...]:
    from guide.chat import InputError

    return (InputError,)


def run(conversations: list[Conversation], turn: Callable, get: Callable[[str], Any] | None = None,
        refused: tuple[type, ...] | None = None) -> "Report":
    """Play every conversation through `turn(message, session_id, choice)` and score each step.

    `get(entry_id)` returns the catalog entry (Matter/Bundle) or None; it resolves `facts` and
    `compact`. Exceptions of the `refused` classes (default guide.chat.InputError) count as a
    refusal; any other exception fails the step and the conversation goes on.
    """
    refused = _default_refusals() if refused is None else refused
    get = get or (lambda _id: None)
    results = []
    for conv in conversations:
        session_id, last, current_id = None, None, None
        steps: list[StepResult] = []
        first_checklist = None
        aborted_at = None
        for n, step in enumerate(conv.steps):
            action = f"say: {step.say}" if step.say is not None else f"pick: {step.pick}"
            if step.expect.get("entry"):
                current_id = step.expect["entry"]
            if aborted_at is not None:
                steps.append(StepResult(conv.cid, n, action, False, [f"not run: step {aborted_at} could not pick"],
                                        dict(step.expect), {}, skipped=True))
                continue
            if step.pick is not None:
                offered = [o.get("id") for o in (last or {}).get("options") or []]
                if last is None or last.get("refused") or step.pick not in offered:
                    steps.append(StepResult(conv.cid, n, action, False,
                                            [f"option {step.pick!r} was not offered (offered: {offered})"],
                                            dict(step.expect), _summary(last)))
                    aborted_at = n
                    continue
            try:
                reply = turn(step.say, session_id, step.pick)
                if not isinstance(reply, dict):
                    raise TypeError(f"turn returned {type(reply).__name__}, not a dict")
            except refused as exc:
                reply = {"refused": True, "text": str(exc), "field": getattr(exc, "field", None)}
            except Exception as exc:            # noqa: BLE001 - one broken turn must not stop the run
                steps.append(StepResult(conv.cid, n, action, False, [f"error: {type(exc).__name__}: {exc}"],
                                        dict(step.expect), {}))
                continue
            if not reply.get("refused"):
                session_id = reply.get("session_id", session_id)
                last = reply
                if first_checklist is None and reply.get("checklist"):
                    first_checklist = n + 1
            reply_entry_id = None if reply.get("refused") else (reply.get("matter") or {}).get("id")
            entry = get(current_id or reply_entry_id) if (current_id or reply_entry_id) else None
            scored = dict(reply)
            if entry is not None and getattr(entry, "members", None) is not None:
                scored["_member_names"] = [getattr(get(m.matter), "name", "") for m in entry.members]
            reasons = check_step(step.expect, scored, entry)
            steps.append(StepResult(conv.cid, n, action, not reasons, reasons, dict(step.expect), _summary(reply)))
        results.append(ConversationResult(conv.cid, conv.tags, steps, first_checklist))
    return Report(results)


# ---------------------------------------------------------------- the report

def _rate(num: int, den: int) -> float | None:
    return None if den == 0 else round(num / den, 3)


def _figures(results: list[ConversationResult]) -> dict:
    steps = [s for r in results for s in r.steps]
    reached = [r.first_checklist_turn for r in results if r.first_checklist_turn is not None]
    return {"conversations": len(results),
            "conversation_success": _rate(sum(r.ok for r in results), len(results)),
            "steps": len(steps),
            "step_success": _rate(sum(s.ok for s in steps), len(steps)),
            "reached_checklist": len(reached),
            "mean_turns_to_checklist": None if not reached else round(sum(reached) / len(reached), 2)}


@dataclass
class Report:
    conversations: list[ConversationResult]

    @property
    def overall(self) -> dict:
        return _figures(self.conversations)

    @property
    def by_tag(self) -> dict[str, dict]:
        tags = sorted({t for r in self.conversations for t in r.tags},
                      key=lambda t: (KNOWN_TAGS.index(t) if t in KNOWN_TAGS else len(KNOWN_TAGS), t))
        return {t: _figures([r for r in self.conversations if t in r.tags]) for t in tags}

    @property
    def failures(self) -> list[StepResult]:
        return [s for r in self.conversations for s in r.steps if not s.ok]

    def to_dict(self) -> dict:
        return {"overall": self.overall, "by_tag": self.by_tag,
                "failures": [{"cid": s.cid, "step": s.index, "action": s.action, "skipped": s.skipped,
                              "reasons": s.reasons, "expected": s.expected, "got": s.got}
                             for s in self.failures]}

    def to_markdown(self, title: str = "Dialogue evaluation") -> str:
        def fmt(v):
            return "–" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))
        head = ("| set | conversations | conversation success | steps | step success | "
                "reached checklist | mean turns to checklist |\n|---|---|---|---|---|---|---|")
        rows = [("**overall**", self.overall)] + [(t, f) for t, f in self.by_tag.items()]
        table = "\n".join(f"| {name} | {f['conversations']} | {fmt(f['conversation_success'])} | {f['steps']} | "
                          f"{fmt(f['step_success'])} | {f['reached_checklist']} | "
                          f"{fmt(f['mean_turns_to_checklist'])} |" for name, f in rows)
        lines = [f"# {title}", "", head, table, "", f"## Failing steps ({len(self.failures)})", ""]
        if self.failures:
            lines.append("| cid | step | action | expected | got | why |\n|---|---|---|---|---|---|")
            for s in self.failures:
                got = s.got
                got_text = ("refused" if got.get("refused") else
                            f"{got.get('type')} {got.get('entry')} asked={got.get('asked')} «{got.get('text', '')}»"
                            if got else "–")
                lines.append(f"| {s.cid} | {s.index} | {_cell(s.action)} | {_cell(json.dumps(s.expected, ensure_ascii=False))} "
                             f"| {_cell(got_text)} | {_cell('; '.join(s.reasons))} |")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    """python -m guide.dialogue_eval FILE... [--json OUT] [--markdown OUT]: run ChatService on the current build."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m guide.dialogue_eval", description=main.__doc__)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--json", dest="json_out")
    parser.add_argument("--markdown", dest="md_out")
    parser.add_argument("--lint-only", action="store_true", help="check ids and names against the catalog only")
    parser.add_argument("--write-lock", action="store_true",
                        help="after checking the fact references by hand: record the items they point at "
                             "(<file stem>.lock.json beside each file); refused while the lint finds problems")
    args = parser.parse_args(argv)

    from guide.chat import ChatService
    from guide.config import load_settings
    from guide.dialogue_lock import build_lock, lock_path, lock_problems, read_lock, write_lock
    from guide.runtime import RuntimeStore
    from guide.service import Guide

    settings = load_settings()
    guide = Guide.load(settings=settings)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        chat = ChatService(guide, RuntimeStore(Path(tmp) / "runtime.db"))
        for name in args.files:
            conversations = load_conversations(name)
            problems = lint(conversations, guide.get)
            locked = lock_path(name)
            if args.write_lock and not problems:
                write_lock(locked, build_lock(conversations, guide.get))
                print(f"{name}: wrote {locked}")
            elif locked.exists() and not args.write_lock:
                try:
                    problems += lock_problems(conversations, guide.get, read_lock(locked))
                except ValueError as exc:
                    problems.append(str(exc))
            for p in problems:
                print(f"{name}: {p}")
            status = status or (1 if problems else 0)
            if args.lint_only:
                continue
            report = run(conversations, chat.turn, guide.get)
            print(report.to_markdown(f"Dialogue evaluation: {name}"))
            stem = Path(name).stem
            if args.json_out:
                out = Path(args.json_out if len(args.files) == 1 else f"{args.json_out}.{stem}.json")
                out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
            if args.md_out:
                out = Path(args.md_out if len(args.files) == 1 else f"{args.md_out}.{stem}.md")
                out.write_text(report.to_markdown(f"Dialogue evaluation: {name}"), encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
