"""One text pipeline for indexing and querying: normalize, segment, weak words, char and pinyin grams.

The tokenizer is a private `jieba.Tokenizer` extended with the catalog's names, aliases and key
terms, so 住房公积金 and 身份证 stay whole, and generic service words (办理, 需要, 怎么 ...) are
dropped so they cannot dominate the ranking.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)

TOKENIZER_VERSION = "text-v2"

# Generic words of service questions: they say "I want to do something", not what.
WEAK_WORDS = frozenset("""
办理 办 需要 要 什么 怎么 怎样 怎么样 如何 哪些 哪个 哪里 那里 那 这 这个 那个 材料 手续 流程 请问 问 问下
一下 你好 您好 谢谢 我 我们 你 您 他 她 的 了 吗 呢 吧 啊 呀 么 咋 啥 可以 能 能不能 可不可以 是 是否 有 没有
和 与 及 或 在 去 到 给 让 被 把 想 想要 准备 应该 得 该 都 还 就 也 又 很 太 多少 几 个 些 里 时候 时 后
之后 以后 以前 一个 一些 需 须 必须 带 带上 提供 提交 相关 具体 情况 问题 事情 事 东西 帮 帮忙 知道 告诉
咨询 申请 申办 办事 如果 怎么办 要求 条件 需要带 要带 哪儿 多久 多长时间 在哪 在哪儿 网上 上 下 中 去哪
麻烦 请 请教 劳驾 打听 了解 想知道 想问 问问 求问 求助 一问
""".split())

_PUNCT_RE = re.compile(r"[\s\u3000-\u303f\uff00-\uffef!-/:-@\[-`{-~·•—…‘’“”、，。？！：；（）《》【】]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_LATIN_RE = re.compile(r"[a-z]+")


@functools.cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), traditional to simplified, lower case, squeezed spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = _t2s().convert(text).lower()
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Analysis:
    """What the query/document pipeline derives from one text."""

    normalized: str
    words: tuple[str, ...]        # content tokens (weak words removed)
    chars: tuple[str, ...]        # character bigrams within content segments
    pinyin: tuple[str, ...]       # pinyin syllable bigrams within content segments


class TextPipeline:
    """A private jieba tokenizer plus the catalog dictionary; one instance per build."""

    def __init__(self, user_words: Iterable[str] = ()):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.user_words = tuple(sorted({normalize(w) for w in user_words if normalize(w)}))
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        for word in self.user_words:
            if " " not in word:
                self._tokenizer.add_word(word, freq=max(2000, 500 * len(word)))
        for word in ("身份证", "住房公积金", "公积金", "营业执照", "社保卡", "户口本", "驾驶证"):
            self._tokenizer.add_word(word, freq=5000)

    @property
    def dictionary_hash(self) -> str:
        import jieba

        digest = hashlib.sha256(f"{TOKENIZER_VERSION}|jieba-{jieba.__version__}|".encode())
        digest.update("\n".join(self.user_words).encode())
        digest.update("\n".join(sorted(WEAK_WORDS)).encode())
        return digest.hexdigest()

    def segment(self, text: str) -> list[str]:
        """jieba tokens of normalized text, punctuation removed (weak words kept)."""
        return [t for t in self._tokenizer.lcut(text, HMM=True) if t.strip() and not _PUNCT_RE.fullmatch(t)]

    def analyze(self, text: str, pinyin: bool = True) -> Analysis:
        """Words, char bigrams and (unless pinyin=False: the build's body text never uses them,
        and they are most of its analysis time) pinyin bigrams of one text."""
        norm = normalize(text)
        segments: list[list[str]] = [[]]
        words: list[str] = []
        for token in self.segment(norm):
            if token in WEAK_WORDS:
                segments.append([])
                continue
            words.append(token)
            segments[-1].append(token)
        chars: list[str] = []
        grams: list[str] = []
        for seg in segments:
            if not seg:
                continue
            joined = "".join(seg)
            chars.extend(_char_grams(joined))
            if pinyin:
                grams.extend(_bigrams(_syllables(seg)))
        return Analysis(norm, tuple(words), tuple(chars), tuple(grams))


def _char_grams(text: str) -> list[str]:
    """Bigrams of CJK runs; latin/digit runs stay whole; a lone character stays a unigram."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", text):
        if not _CJK_RE.match(run) or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def _syllables(tokens: list[str]) -> list[str]:
    """Toneless pinyin syllables: CJK via pypinyin, latin words split into syllables."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for token in tokens:
        if _CJK_RE.search(token):
            out.extend(s for s in lazy_pinyin(token) if _LATIN_RE.fullmatch(s))
        else:
            for word in _LATIN_RE.findall(token):
                out.extend(split_pinyin(word))
    return _drop_weak_syllables(out)


def _bigrams(items: list[str]) -> list[str]:
    if len(items) == 1:
        return items
    return [f"{a}_{b}" for a, b in zip(items, items[1:])]


@functools.cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin gives for the common CJK block (about 400)."""
    from pypinyin import lazy_pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in lazy_pinyin(chars) if _LATIN_RE.fullmatch(s))


def split_pinyin(word: str) -> list[str]:
    """Split a run of latin letters into pinyin syllables (longest match, backtracking); [] if not pinyin."""
    syllables = pinyin_syllables()

    @functools.cache
    def best(i: int) -> tuple[str, ...] | None:
        if i == len(word):
            return ()
        for j in range(min(len(word), i + 6), i, -1):
            if word[i:j] in syllables:
                rest = best(j)
                if rest is not None:
                    return (word[i:j], *rest)
        return None

    return list(best(0) or ())


@functools.cache
def _weak_syllable_seqs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Pinyin spellings of the multi-character weak words, by first syllable, longest first."""
    from pypinyin import lazy_pinyin

    seqs = sorted({tuple(lazy_pinyin(w)) for w in WEAK_WORDS if len(w) >= 2}, key=len, reverse=True)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        by_first.setdefault(seq[0], []).append(seq)
    return {first: tuple(group) for first, group in by_first.items()}


def _drop_weak_syllables(syls: list[str]) -> list[str]:
    """Remove pinyin spellings of weak words (zenme, banli, xuyao ...) from a syllable list."""
    out: list[str] = []
    i = 0
    seqs = _weak_syllable_seqs()
    while i < len(syls):
        for seq in seqs.get(syls[i], ()):
            if tuple(syls[i:i + len(seq)]) == seq:
                i += len(seq)
                break
        else:
            out.append(syls[i])
            i += 1
    return out
