"""Slugs proposed from Chinese titles: words in pinyin, joined by hyphens.

生态文学周 → shengtai-wenxue-zhou: jieba cuts the title into words, pypinyin spells each
word without tones, and every run of anything else becomes one hyphen.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..content.load import RESERVED_SLUGS, SLUG_RE

# Proposed slugs stay short enough for one line of a poster and a readable link.
MAX_LENGTH = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba  # loaded only when a slug is proposed: building its dictionary takes a second

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def propose(title: str, max_length: int = MAX_LENGTH) -> str:
    """A readable slug for a title, or "" when the title has nothing to spell."""
    from pypinyin import Style, lazy_pinyin

    words = []
    for word in _tokenizer().cut(title.strip(), HMM=False):
        spelled = "".join(lazy_pinyin(word, style=Style.NORMAL, v_to_u=False, errors="default"))
        words.append(_NOT_SLUG.sub("-", spelled.lower()).strip("-"))
    slug = "-".join(w for w in words if w)
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > max_length:  # cut at a word boundary (within one very long word: at the limit)
        head = slug[: max_length + 1].rsplit("-", 1)[0]
        slug = head if len(head) <= max_length else slug[:max_length]
    return slug.strip("-")


def problem_with(slug: str) -> str | None:
    """The message code that refuses a slug, or None when it may be used."""
    if not SLUG_RE.match(slug or ""):
        return "invalid_slug"
    if slug in RESERVED_SLUGS:
        return "reserved_slug"
    return None
