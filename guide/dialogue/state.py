"""The conversation's state and a turn's plan: typed, frozen, and versioned on disk.

A session is stored as JSON in the runtime database between turns (so a conversation survives
a restart and can move between workers). `DialogueState.from_json` reads the current version and
the unversioned dicts written before it; anything unreadable starts a new conversation.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

STATE_VERSION = 1
PENDING_KINDS = ("clarify", "member", "situation")


class StateError(ValueError):
    """A stored session is not a state this code can read (the caller starts a new one)."""


@dataclass(frozen=True)
class Option:
    """One thing the person can pick: a matter (clarify, bundle member) or a situation's option."""

    id: str
    label: str

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label}

    @classmethod
    def from_json(cls, data: Any) -> "Option":
        if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
            raise StateError(f"not an option: {data!r:.80}")
        return cls(data["id"], str(data.get("label", "")))


SKIP = Option("_all", "不确定，列出全部材料")


@dataclass(frozen=True)
class Pending:
    """The question the last reply asked: which options are valid answers to it."""

    kind: str                               # clarify | member | situation
    options: tuple[Option, ...]
    situation: str | None = None            # the situation id, for kind "situation"

    def offers(self, option_id: str) -> bool:
        return any(o.id == option_id for o in self.options)


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class DialogueState:
    entry_id: str | None = None             # the matter or bundle being talked about
    chosen: Mapping[str, str] = field(default_factory=lambda: _frozen(None))   # situation id -> option id
    pending: Pending | None = None
    intent: str | None = None               # the part of the guide last asked for
    show_all: bool = False                  # the person skipped the situations: list every material
    recent: tuple[Option, ...] = ()         # suggestions shown with the last answer ("第二个")
    region: str | None = None               # asked from this region (None: the deployment's default)

    def __post_init__(self):
        object.__setattr__(self, "chosen", _frozen(self.chosen))

    def replace(self, **changes: Any) -> "DialogueState":
        return replace(self, **changes)

    def choose(self, situation: str, option: str) -> "DialogueState":
        return self.replace(chosen={**self.chosen, situation: option})

    def with_topic(self, entry_id: str | None) -> "DialogueState":
        """Talk about another entry: its situations start unanswered."""
        if entry_id == self.entry_id:
            return self
        return self.replace(entry_id=entry_id, chosen={}, show_all=False)

    def to_json(self) -> dict:
        return {
            "version": STATE_VERSION, "entry_id": self.entry_id, "chosen": dict(self.chosen),
            "pending": None if self.pending is None else {
                "kind": self.pending.kind, "situation": self.pending.situation,
                "options": [o.to_json() for o in self.pending.options]},
            "intent": self.intent, "show_all": self.show_all, "recent": [o.to_json() for o in self.recent],
            "region": self.region,
        }

    @classmethod
    def from_json(cls, data: Any) -> "DialogueState":
        """Version 1, or the unversioned dicts of earlier releases (the same keys, no version)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise StateError("a session state must be a JSON object")
        version = data.get("version", 0)
        if version not in (0, STATE_VERSION):
            raise StateError(f"session state version {version!r} is newer than this code ({STATE_VERSION})")
        chosen = data.get("chosen") or {}
        if not isinstance(chosen, Mapping) or not all(isinstance(k, str) and isinstance(v, str)
                                                      for k, v in chosen.items()):
            raise StateError("chosen must map situation ids to option ids")
        pending = data.get("pending")
        if pending is not None:
            if not isinstance(pending, Mapping) or pending.get("kind") not in PENDING_KINDS:
                raise StateError(f"unknown pending question {pending!r:.80}")
            pending = Pending(pending["kind"], tuple(Option.from_json(o) for o in pending.get("options") or ()),
                              pending.get("situation"))
        entry_id, intent = data.get("entry_id"), data.get("intent")
        if not (entry_id is None or isinstance(entry_id, str)) or not (intent is None or isinstance(intent, str)):
            raise StateError("entry_id and intent must be text")
        region = data.get("region")
        if not (region is None or isinstance(region, str)):
            raise StateError("region must be text")
        return cls(entry_id, _frozen(chosen), pending, intent, bool(data.get("show_all")),
                   tuple(Option.from_json(o) for o in data.get("recent") or ()), region)


@dataclass(frozen=True)
class Plan:
    """What to answer this turn; guide.present.payload.chat_payload turns it into the one JSON payload."""

    type: str                                   # answer | clarify | situation | bundle | qa | no_match
    entry: object = None                        # the Matter or Bundle shown
    asked: str | None = None
    options: tuple[Option, ...] = ()
    chosen: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    show_all: bool = False                      # situations skipped: list every material
    situation_question: str = ""
    suggestions: tuple[Option, ...] = ()
    prefilled: tuple[str, ...] = ()             # option labels taken from the question
    search: object = None                       # the SearchResult, when this turn searched
    facts: tuple[tuple[str, str], ...] = ()     # (question, answer) of the FAQ that answers a fact question
    follow_up: bool = False                     # answers one part of the entry already shown: no full card

    def __post_init__(self):
        object.__setattr__(self, "chosen", _frozen(self.chosen))

    def replace(self, **changes: Any) -> "Plan":
        return replace(self, **changes)
