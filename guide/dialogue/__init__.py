"""The conversation: typed state (state.py), reading a message (parse.py) and a reply to an offered
choice (options.py), the policy that turns (state, message) into (state, plan) (policy.py)."""
from guide.dialogue.options import resolve_option
from guide.dialogue.parse import detect_intent, ordinal
from guide.dialogue.policy import ChoiceError, Dialogue, next_situation
from guide.dialogue.state import SKIP, DialogueState, Option, Pending, Plan, StateError

__all__ = ["SKIP", "ChoiceError", "Dialogue", "DialogueState", "Option", "Pending", "Plan", "StateError",
           "detect_intent", "next_situation", "ordinal", "resolve_option"]
