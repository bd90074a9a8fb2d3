"""What text of a catalog entry each retriever indexes (one place, shared by build and eval)."""
from __future__ import annotations

from guide.catalog import Bundle, Catalog, Matter
from guide.qa import QA


def title_text(entry: Matter | Bundle | QA) -> str:
    """Name and aliases (a Q&A: its question and variants): what citizens say; weighted above body."""
    return "；".join((entry.name, *entry.aliases))


def name_texts(entry: Matter | Bundle | QA) -> tuple[str, ...]:
    """What citizens call the entry, one text each (the name-vector retriever encodes each alone)."""
    return tuple(dict.fromkeys(t for t in (entry.name, *entry.aliases) if t))


def body_text(entry: Matter | Bundle | QA) -> str:
    """Summary, topics, conditions, material names and FAQ questions (a Q&A: its answer and the
    laws it rests on)."""
    parts = [entry.summary, *entry.topics]
    if isinstance(entry, QA):
        parts += [s.law for s in entry.basis]
    elif isinstance(entry, Matter):
        parts += [*entry.conditions, *(m.name for m in entry.materials), *(f.q for f in entry.faq),
                  entry.result]
    else:
        parts += list(entry.notes)
    return "；".join(p for p in parts if p)


def passage_text(entry: Matter | Bundle | QA) -> str:
    """The dense retriever's passage: short and focused, as e5 prefers."""
    if isinstance(entry, QA):
        return f"{entry.question}{'；'.join(entry.variants)}。{entry.answer}"
    kind = "一件事" if isinstance(entry, Bundle) else ""
    return f"{entry.name}{kind}：{'、'.join(entry.aliases)}。{entry.summary}"


def dictionary_terms(catalog: Catalog) -> list[str]:
    """Words the tokenizer must keep whole: names, aliases, material names of up to 8 characters."""
    terms: set[str] = set()
    for entry in (*catalog.matters, *catalog.bundles):
        terms.add(entry.name)
        terms.update(entry.aliases)
        if isinstance(entry, Matter):
            terms.update(m.name for m in entry.materials if len(m.name) <= 8)
    return sorted(t for t in terms if 2 <= len(t) <= 16 and not any(c in t for c in "（）()、，；：/ "))
