"""Characters mistyped by sound: "时业金" for 失业金, "户口薄" for 户口簿, "低宝" for 低保.

People type Chinese by pinyin and pick a wrong character of the same (or nearly the same) sound.
`SoundAlike` knows the catalog's own words (names, aliases and key terms of the build's tokenizer)
and finds a run of the message that is not one of them but is one of them with one character
replaced by a character of the same toneless pinyin (or, in a word of three or more characters,
of the same initial consonant). The dialogue asks the search again with the correction and keeps
it only when that search is sure. Pure over the vocabulary it is given.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from guide.text import WEAK_WORDS, normalize

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z",
             "c", "s", "y", "w")
MIN_LEN, MAX_LEN = 2, 8
# Runs holding a function word of two or more characters ("怎么", "需要") are no names: never
# corrected, never a correction ("证怎么" is a run of "残疾证怎么办", not a word).
_FUNCTION_WORDS = tuple(w for w in WEAK_WORDS if len(w) >= 2)


# Particles and measure words: typed on purpose, never a mistyped character of a name ("开个" is no "开歌").
_PARTICLES = frozenset("个的了吗呢吧啊呀么与及或也又都就还很太")


def _named(run: str) -> bool:
    return not any(w in run for w in _FUNCTION_WORDS)


@functools.cache
def _sound(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


def _initial(syllable: str) -> str:
    return next((i for i in _INITIALS if syllable.startswith(i)), "")


class SoundAlike:
    def __init__(self, texts: Iterable[str]):
        """`texts`: the catalog's names, aliases and terms; every run of 2-8 characters of them counts."""
        words = set()
        for text in texts:
            for run in _CJK_RUN.findall(normalize(text)):
                words.update(run[i:i + n] for n in range(MIN_LEN, MAX_LEN + 1) for i in range(len(run) - n + 1)
                             if _named(run[i:i + n]))
        self.words = frozenset(words)
        self._by_masked: dict[tuple, list[str]] = {}
        for word in self.words:
            sounds = tuple(_sound(ch) for ch in word)
            for i in range(len(word)):
                key = (word[:i], word[i + 1:], sounds[i] if len(word) < 3 else _initial(sounds[i]))
                self._by_masked.setdefault(key, []).append(word)

    def _alike(self, run: str, in_words: frozenset[int] = frozenset()) -> list[str]:
        """The catalog words that `run` is with one character mistyped by sound: those of the same
        sound first, then those of the same initial (not for a character of a word of the message,
        `in_words`: "餐饮服务" is no mistyped "资源服务")."""
        same, near = set(), set()
        for i, ch in enumerate(run):
            if ch in _PARTICLES:
                continue
            sound = _sound(ch)
            key = (run[:i], run[i + 1:], sound if len(run) < 3 else _initial(sound))
            for word in self._by_masked.get(key, ()):
                if word == run or not _CJK_RUN.fullmatch(word[i]):
                    continue
                if _sound(word[i]) == sound:
                    same.add(word)
                elif len(run) >= 3 and i not in in_words:   # two characters need the same sound
                    near.add(word)
        return sorted(same) + sorted(near)

    def corrections(self, message: str, limit: int = 3, segment=None) -> list[tuple[str, str]]:
        """(`message` with its longest sound-alike run replaced by a catalog word, that word), best
        first (at most `limit`); [] if no run of it is one. Longer runs come first. `segment`
        (text -> tokens) tells the characters that are part of a word of two or more characters."""
        norm = normalize(message)
        in_words: set[int] = set()
        if segment is not None:
            at = 0
            for token in segment(norm):
                at = norm.find(token, at)
                if at < 0:
                    break
                if len(token) >= 2:
                    in_words.update(range(at, at + len(token)))
                at += len(token)
        for length in range(MAX_LEN, MIN_LEN - 1, -1):
            for run_match in _CJK_RUN.finditer(norm):
                run = run_match.group(0)
                for start in range(len(run) - length + 1):
                    piece = run[start:start + length]
                    if piece in self.words or not _named(piece):
                        continue
                    at = run_match.start() + start
                    words = self._alike(piece, frozenset(i - at for i in in_words if at <= i < at + length))
                    if words:
                        return [(norm[:at] + w + norm[at + length:], w) for w in words[:limit]]
        return []


def sounds_in(word: str, text: str) -> bool:
    """`text` has a run of the same toneless pinyin as `word` ("残急" in a text with 残疾)."""
    if not word or not _CJK_RUN.fullmatch(word):
        return False
    target = tuple(_sound(ch) for ch in word)
    for run in _CJK_RUN.findall(text):
        sounds = [_sound(ch) for ch in run]
        if any(tuple(sounds[i:i + len(target)]) == target for i in range(len(sounds) - len(target) + 1)):
            return True
    return False
