"""Mask personal data before anything is stored: ID numbers, phone numbers, bank cards, e-mails,
passports and travel permits.

Citizens paste their own numbers into chat ("我的身份证号是…"), in every form: grouped by spaces,
dashes or dots, full-width (３７０１…), circled (③⑦…) or as Chinese numerals (三七零一…). The query
log and feedback exist for catalog curation and must never hold them, so every text is masked on
the way in, and retrieval gets the question without them.

How it works: detection runs on a normalized copy of the text in which every character maps to
exactly one character (full-width and circled digits, Chinese numerals 〇零一…九 and 壹…玖, and dash / dot /
space variants become their ASCII forms), so a position in the copy is the same position in the
original; the ORIGINAL span is replaced by the label. Digit runs (digits joined by short runs of
separators) are split into groups and each run is cut, left to right, into the identifiers it
holds; a span covers only the identifier's own characters (digits, a final X, a leading + or the
parentheses of an area code), so it never takes the text around it. Chinese numerals count only
inside a whole identifier (11 digits and more), so 三个月 and 二〇二四年 stay.

What counts (digits of a candidate, separators removed):
- 【身份证号】 18 characters ``[1-8]`` + 16 digits + digit or X, when the birth date (YYYYMMDD at
  7-14) is plausible OR the ISO 7064 MOD 11-2 check digit is right; ending in X it always counts.
  The check digit is NOT required: an ID typed with one wrong digit is still that person's ID, and
  masking it is the safe side. Old 15-digit IDs: ``[1-8]`` + 14 digits with a plausible YYMMDD.
- 【手机号】 ``1[3-9]`` + 9 digits, optionally after 86 / +86 / 0086.
- 【电话号码】 0 + area code + 7-8 digits (010/02x + 8, 0[3-9]xx + 7-8), ``(0531)`` included,
  or the area code without 0 after +86 / 0086.
- 【银行卡号】 16-19 digits that are not an ID; when typed in groups the first digit must be a
  card issuer's (3-6, 9), so lists of years or amounts ("2023 2024 2025 2026") survive.
- 【证件号】 passports and permits: E/G/D/S/P (passports), C (往来港澳通行证), H/M (回乡证, also
  with 10 digits), L (往来台湾通行证) + 8 digits; EA/CA-style letter pairs + 7 digits; SE/DE/PE + 7.
- 【邮箱】 ASCII e-mail addresses; the Chinese text around one is kept.
Not personal here: vehicle plates (鲁A12345), years, dates, amounts, counts, postcodes, hotlines.
Not detected: 台胞证 numbers (8 bare digits, indistinguishable from a date), e-mail addresses with
non-ASCII domains, and numbers grouped by commas (1,234,567 is an amount).
Strong identifiers (ID, phones) win over a longer card reading of the same digits, so
"370102199003071234 5月" keeps its " 5".
"""
from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, quote_plus, unquote, unquote_plus

ID_LABEL, CARD_LABEL, MOBILE_LABEL, PHONE_LABEL = "【身份证号】", "【银行卡号】", "【手机号】", "【电话号码】"
EMAIL_LABEL, DOCUMENT_LABEL = "【邮箱】", "【证件号】"
LABELS = (ID_LABEL, CARD_LABEL, MOBILE_LABEL, PHONE_LABEL, EMAIL_LABEL, DOCUMENT_LABEL)

_CHINESE_NUMERALS = "〇○零幺一二三四五六七八九壹贰叁肆伍陆柒捌玖"
_CHINESE_DIGITS = "0001123456789123456789"
_LONGEST_IDENTIFIER = 19           # digits: a 19-digit card; nothing we mask is longer


def _base_table() -> dict[int, str]:
    """One character to one character: full-width ASCII, circled digits, dash/dot/space variants."""
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    for first in (0x2460, 0x2776, 0x2780, 0x278A, 0x2474, 0x2488, 0x24F5):  # ①❶➀➊⑴⒈⓵ … 9
        for n in range(9):
            table[first + n] = str(n + 1)
    table[0x24EA] = table[0x24FF] = table[0x1F10B] = table[0x1F10C] = "0"   # ⓪ ⓿ and dingbat zeros
    for cp in range(0x1D7CE, 0x1D800):                      # mathematical bold, sans-serif, monospace
        table[cp] = str((cp - 0x1D7CE) % 10)
    for ch in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        table[ord(ch)] = " "
    for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":      # zero-width characters split nothing
        table[ord(ch)] = " "
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63":
        table[ord(ch)] = "-"
    for ch in "\u00b7\u30fb\u2022\u2027\uff65":
        table[ord(ch)] = "."
    return table


_BASE = _base_table()
_WITH_CHINESE = str.maketrans(_CHINESE_NUMERALS, _CHINESE_DIGITS)
_CHINESE_SET = frozenset(_CHINESE_NUMERALS)

# Local part may not start in the middle of another local part: one start per run, linear time.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_DOCUMENT = re.compile(r"(?<![A-Za-z0-9])(?:[EGDSPCHML][0-9]{8}|[HM][0-9]{10}|[EC][A-Z][0-9]{7}|[SDP]E[0-9]{7})"
                       r"(?![A-Za-z0-9])", re.IGNORECASE)
# A digit run: digits joined by up to three separators; "+" or "(" may open it.
_RUN = re.compile(r"[+(]?[0-9](?:[ .\-()]{0,3}[0-9])*")
_GROUP = re.compile(r"[0-9]+")
_MOBILE = re.compile(r"(?:0086|86)?1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0(?:10|2[0-9])[0-9]{8}|0[3-9][0-9]{9,10}")
_LANDLINE_ABROAD = re.compile(r"(?:0086|86)(?:(?:10|2[0-9])[0-9]{8}|[3-9][0-9]{9,10})")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _plausible_date(year: int, month: int, day: int) -> bool:
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31


def _id_check_char(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def _is_id(chars: str) -> bool:
    """18-character or 15-digit resident ID (see the module docstring for the rule)."""
    if chars[0] not in "12345678":
        return False
    if len(chars) == 18 and chars[:17].isdigit():
        if chars[17] == "X":
            return True
        date = _plausible_date(int(chars[6:10]), int(chars[10:12]), int(chars[12:14]))
        return chars[17].isdigit() and (date or _id_check_char(chars[:17]) == chars[17])
    if len(chars) == 15 and chars.isdigit():
        return _plausible_date(1900 + int(chars[6:8]), int(chars[8:10]), int(chars[10:12]))
    return False


def _classify(chars: str, plus: bool, grouped: bool) -> tuple[str, int] | None:
    """(label, strength) for the characters of one candidate, or None; strength 1 beats 0."""
    if chars.endswith("X"):
        return (ID_LABEL, 1) if _is_id(chars) else None
    if _MOBILE.fullmatch(chars):
        return MOBILE_LABEL, 1
    if _LANDLINE.fullmatch(chars) or ((plus or chars.startswith("0086")) and _LANDLINE_ABROAD.fullmatch(chars)):
        return PHONE_LABEL, 1
    if _is_id(chars):
        return ID_LABEL, 1
    if 16 <= len(chars) <= 19 and (not grouped or chars[0] in "345689"):
        return CARD_LABEL, 0
    return None


def _groups(text: str, norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Digit groups of one run; a change between Chinese numerals and other digits also splits."""
    groups = []
    for match in _GROUP.finditer(norm, start, end):
        left = match.start()
        for k in range(match.start() + 1, match.end()):
            if (text[k] in _CHINESE_SET) != (text[k - 1] in _CHINESE_SET):
                groups.append((left, k))
                left = k
        groups.append((left, match.end()))
    return groups


def _run_spans(text: str, norm: str, run: re.Match) -> list[tuple[int, int, str]]:
    """Cut one digit run into identifiers: from each group, the strongest, then longest, reading."""
    start, end = run.start(), run.end()
    groups = _groups(text, norm, start, end)
    x_after = end < len(norm) and norm[end] in "Xx" and not (end + 1 < len(norm) and norm[end + 1].isascii()
                                                              and norm[end + 1].isalnum())
    spans, i = [], 0
    while i < len(groups):
        best, digits = None, ""
        for j in range(i, len(groups)):
            digits += norm[groups[j][0]:groups[j][1]]
            if len(digits) > _LONGEST_IDENTIFIER:
                break
            plus = i == 0 and norm[start] == "+"
            candidates = [(digits, groups[j][1])]
            if x_after and j == len(groups) - 1:
                candidates.insert(0, (digits + "X", end + 1))
            for chars, stop in candidates:
                found = _classify(chars, plus, j > i)
                if found and (best is None or found[1] >= best[1]):
                    best = (found[0], found[1], j, stop)
                    break
        if best is None:
            i += 1
            continue
        left = groups[i][0]
        if i == 0 and norm[start] == "+":
            left = start
        closed = i == 0 and best[2] > 0 and ")" in norm[groups[0][1]:groups[1][0]]   # "(0531)8888…"
        if closed and norm[start] == "(":
            left = start
        elif closed and norm[start] == "+" and start > 0 and norm[start - 1] == "(":  # "(+86) 138…"
            left = start - 1
        spans.append((left, best[3], best[0]))
        i = best[2] + 1
    return spans


def _blank(norm: str, spans: list[tuple[int, int, str]]) -> str:
    """The normalized text with found spans replaced by NULs of equal length (they match nothing)."""
    for left, right, _ in spans:
        norm = norm[:left] + "\0" * (right - left) + norm[right:]
    return norm


def find_personal_data(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every personal identifier in text, in order, never overlapping."""
    norm = text.translate(_BASE)
    spans = [(m.start(), m.end(), EMAIL_LABEL) for m in _EMAIL.finditer(norm)]
    norm = _blank(norm, spans)
    documents = [(m.start(), m.end(), DOCUMENT_LABEL) for m in _DOCUMENT.finditer(norm)]
    spans += documents
    digits = _blank(norm, documents).translate(_WITH_CHINESE)
    for run in _RUN.finditer(digits):
        spans += _run_spans(text, digits, run)
    return sorted(spans)


def mask_personal_data(text: str) -> str:
    """Replace personal identifiers with labels; everything else is kept for curation."""
    spans = find_personal_data(text)
    if not spans:
        return text
    out, last = [], 0
    for left, right, label in spans:
        out += [text[last:left], label]
        last = right
    out.append(text[last:])
    return "".join(out)


_LEAD_IN = re.compile(r"(?:我的|本人)?(?:联系)?(?:电话|手机号?码?|联系方式|邮箱|银行卡号?)(?:号码)?(?:是|为|：|:)?\s*(?=【)")


def without_personal_data(text: str) -> str:
    """The question with personal identifiers (and their "电话是" lead-ins) taken out, for retrieval:
    a phone number says nothing about which matter is meant, but its digits and "电话" would."""
    masked = _LEAD_IN.sub("", mask_personal_data(text))
    for label in LABELS:
        masked = masked.replace(label, " ")
    return " ".join(masked.split()).strip(" ，,。；;")


def _mask_component(component: str, plus_is_space: bool = True) -> str:
    """One percent-encoded URL component, masked; unchanged (byte for byte) when nothing is personal."""
    decoded = unquote_plus(component) if plus_is_space else unquote(component)
    masked = mask_personal_data(decoded)
    if masked == decoded:
        return component
    return quote_plus(masked) if plus_is_space else quote(masked)


def mask_url(path_and_query: str) -> str:
    """A request path for access logs: every query-string key and value (and the fragment) is
    percent-decoded, masked and re-encoded, and so is every path segment; parts with nothing
    personal are kept byte for byte, so an ordinary URL comes back unchanged."""
    rest, hash_mark, fragment = path_and_query.partition("#")
    path, question_mark, query = rest.partition("?")
    path = "/".join(_mask_component(segment, plus_is_space=False) for segment in path.split("/"))
    parts = []
    for pair in query.split("&") if question_mark else ():
        key, equals, value = pair.partition("=")
        parts.append(_mask_component(key) + equals + _mask_component(value))
    return (path + question_mark + "&".join(parts) + hash_mark
            + (_mask_component(fragment, plus_is_space=False) if hash_mark else ""))


def strip_control_chars(text: str) -> str:
    """Drop control and format characters (keeps ordinary spaces); newlines and tabs become spaces."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\n\r\t":
            out.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def for_storage(text: str) -> str:
    """Masked and HTML-escaped: what the runtime database keeps of any user text."""
    return html.escape(mask_personal_data(strip_control_chars(text)), quote=True)


def from_storage(text: str) -> str:
    """Plain text back for JSON consumers (pages insert it with textContent, never as HTML)."""
    return html.unescape(text)
