"""Mask personal data before anything is stored: ID numbers, phone numbers, bank cards, e-mails.

Citizens paste their own numbers into chat ("我的身份证号是…"). The query log and feedback exist
for catalog curation and must never hold them, so every text is masked on the way in.
"""
from __future__ import annotations

import html
import re
import unicodedata

_RULES = (
    # 18-digit resident ID (last char may be X) or old 15-digit ID; not part of a longer number.
    ("【身份证号】", re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])")),
    # Bank card: 16-19 digits, optionally grouped by spaces or dashes.
    ("【银行卡号】", re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")),
    # Mainland mobile numbers, optionally with +86 / 86 prefix and separators.
    ("【手机号】", re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")),
    # Landline with area code, e.g. 0531-12345678.
    ("【电话号码】", re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")),
    ("【邮箱】", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
)


def mask_personal_data(text: str) -> str:
    """Replace personal identifiers with labels; everything else is kept for curation."""
    for label, pattern in _RULES:
        text = pattern.sub(label, text)
    return text


_LEAD_IN = re.compile(r"(?:我的|本人)?(?:联系)?(?:电话|手机号?码?|联系方式|邮箱|银行卡号?)(?:号码)?(?:是|为|：|:)?\s*(?=【)")


def without_personal_data(text: str) -> str:
    """The question with personal identifiers (and their "电话是" lead-ins) taken out, for retrieval:
    a phone number says nothing about which matter is meant, but its digits and "电话" would."""
    masked = _LEAD_IN.sub("", mask_personal_data(text))
    for label, _ in _RULES:
        masked = masked.replace(label, " ")
    return " ".join(masked.split()).strip(" ，,。；;")


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
