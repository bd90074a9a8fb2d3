"""The catalog text each dialogue expectation was written against, fingerprinted.

An expectation names a fact by its place in the catalog ("faq[2].a", "conditions[5]"), so that
it survives edits of the wording. An FAQ entry or condition inserted before it shifts the place:
the expectation then silently asks for another fact, and a right reply fails (or a wrong one
passes). Three such shifts were found by hand (dev-015, dev-332, test-012). The lock file keeps,
for every reference with an index, a short hash of the item it pointed at when it was checked: an
FAQ entry by its question (a corrected answer is the same entry), a condition or step by its text,
a location or channel by its first field (hall, name). `lock_problems` names every reference whose
item changed and, when the same item now sits at another index of the same list, where it went.
After a person has checked the references, `write_lock` records them again. Paths without an
index (fee.standard) cannot shift and are not locked.

Only hashes are stored, never catalog text. One lock per conversation file, beside it:
eval/dialogue/dev.jsonl -> eval/dialogue/dev.lock.json.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from guide.dialogue_eval import Conversation, resolve_fact

_LAST_INDEX = re.compile(r"^(.*)\[(\d+)\]((?:\.[A-Za-z_][A-Za-z0-9_]*)?)$")


def fingerprint(value: Any) -> str:
    """12 hex digits of the value's text, white space ignored (a reflowed line is the same text)."""
    text = "".join(str(value).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def fact_references(conversations: list[Conversation], get: Callable[[str], Any]) -> Iterator[tuple[str, str, Any]]:
    """(where, "<entry id> <path>", entry) for every fact a step expects, resolved on the entry the
    runner resolves it on: the last entry a step of the conversation expected."""
    for conv in conversations:
        current = None
        for n, step in enumerate(conv.steps):
            ex = step.expect
            if ex.get("entry"):
                current = get(ex["entry"]) or current
            if current is None:
                continue
            for fact in ex.get("facts", []) + ex.get("facts_any", []):
                yield f"{conv.cid} steps[{n}]", f"{current.id} {fact}", current


def _value(entry, path: str):
    try:
        return resolve_fact(entry, path)
    except LookupError:
        return None


def _identity(item) -> str:
    """What names a list item: an FAQ entry's question, a text itself, else its first field."""
    if isinstance(item, str):
        return item
    if hasattr(item, "q"):
        return item.q
    fields = getattr(item, "__dataclass_fields__", None)
    return str(getattr(item, next(iter(fields)))) if fields else str(item)


def _item_print(entry, path: str) -> tuple[str, int, str, str] | None:
    """(list path, index, rest, fingerprint of the item) of a path with an index, else None."""
    found = _LAST_INDEX.match(path)
    if not found:
        return None
    head, index, rest = found.group(1), int(found.group(2)), found.group(3)
    items = _value(entry, head)
    if not isinstance(items, (list, tuple)) or index >= len(items):
        return None
    return head, index, rest, fingerprint(_identity(items[index]))


def build_lock(conversations: list[Conversation], get: Callable[[str], Any]) -> dict[str, str]:
    """Reference -> fingerprint of the item it points at, for every reference with an index."""
    lock = {}
    for _, key, entry in fact_references(conversations, get):
        found = _item_print(entry, key.split(" ", 1)[1])
        if found is not None:
            lock[key] = found[3]
    return dict(sorted(lock.items()))


def _moved_to(entry, head: str, index: int, rest: str, want: str) -> list[str]:
    """Other indexes of the same list whose item has the locked fingerprint (faq[2].a -> faq[3].a)."""
    items = _value(entry, head)
    return [f"{head}[{i}]{rest}" for i, item in enumerate(items)
            if i != index and fingerprint(_identity(item)) == want]


def lock_problems(conversations: list[Conversation], get: Callable[[str], Any], lock: dict[str, str]) -> list[str]:
    """Every reference whose text is not the one it was checked against, or was never checked,
    and every lock entry no expectation uses any more."""
    problems, used = [], set()
    for where, key, entry in fact_references(conversations, get):
        found = _item_print(entry, key.split(" ", 1)[1])
        if found is None:
            continue                    # no index, or lint() reports a path that does not resolve
        used.add(key)
        want = lock.get(key)
        if want is None:
            problems.append(f"{where}: fact {key} is not in the lock: check it, then write the lock")
        elif found[3] != want:
            moved = _moved_to(entry, *found[:3], want)
            hint = (f"; the text it was written against is now at {', '.join(moved)}" if moved
                    else "; check the expectation against the new text, then write the lock")
            problems.append(f"{where}: fact {key} points at another item than when it was checked{hint}")
    problems += [f"lock entry {key} is used by no expectation" for key in sorted(set(lock) - used)]
    return problems


def lock_path(conversations_file: str | Path) -> Path:
    """Where the lock of a conversation file lives: beside it, `<stem>.lock.json`."""
    path = Path(conversations_file)
    return path.with_name(f"{path.stem}.lock.json")


def read_lock(path: Path) -> dict[str, str]:
    """The lock file; a clear error naming it when it is not a JSON object of strings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the fact lock ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: the fact lock must be a JSON object of reference -> fingerprint")
    return data


def write_lock(path: Path, lock: dict[str, str]) -> None:
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
