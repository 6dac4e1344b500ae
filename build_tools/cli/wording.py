"""The command line's own words, in each language its messages come in (`--lang`).

The one place that decides the CLI's message language: problems come from the catalogue
in core/messages, everything else the CLI says from WORDS. Editors read Chinese; English
is for `--lang en` (CI logs, reviewers). A missing entry falls back to the default.
"""
from __future__ import annotations

from ..i18n.translation_status import MISSING, STALE, TRANSLATED, UNRECORDED, UNTRANSLATED

DEFAULT = "zh"
WORDS = {
    "zh": {
        "clause_separator": "，",
        "check_ok": "内容检查通过：{parts}；译文 {translated} 篇。",
        "errors_found": "发现 {count} 处错误。",
        "outdated": "有 {count} 篇译文需要更新。",
        "not_a_translation": "{path}: 不是译文文件，也没有译文",
        "count_kinds": {"campaign": "个宣传活动", "event": "个活动", "story": "个故事", "article": "篇新闻"},
        "kinds": {"campaign": "宣传活动", "event": "活动", "story": "榜样故事", "article": "新闻", "page": "页面"},
        "states": {TRANSLATED: "已翻译", MISSING: "缺少译文", STALE: "已过时", UNRECORDED: "未记录原文版本",
                   UNTRANSLATED: "尚未翻译"},
        "hints": {STALE: "原文 {source} 已修改：请按原文更新译文，再运行 campaign translations --record {translation}",
                  UNRECORDED: "没有记录译自原文的哪个版本：核对译文后运行 campaign translations --record {translation}",
                  UNTRANSLATED: "内容仍与原文 {source} 相同：请翻译后再发布",
                  MISSING: "可运行 campaign translate {source} --to {lang} 开始翻译"},
        "changed_fields": "改动的字段：{fields}",
        "changed_paragraphs": "改动的段落：{items}",
        "changed": "第 {line} 行（修改）",
        "added": "第 {line} 行（新增）",
        "removed": "删去“{start}”",
        "list_separator": "、",
        "changes_unknown": "无法确定原文改了哪些地方（记录的原文版本不在 git 历史中）：请对照原文全文检查",
        "lang_renamed": "translate 的 --lang 已改名为 --to（--lang 在 check 和 translations 中指提示语言）；请改用 --to {target}",
        "interface": "界面文字",
        "unreviewed": "未经母语读者审校",
        "unreviewed_hint": "请母语读者核对 {catalogue} 中的译文，核对无误后删去该条上方的“# review: unreviewed”一行",
    },
    "en": {
        "clause_separator": ", ",
        "check_ok": "Content OK: {parts}; {translated} translations.",
        "errors_found": "{count} error(s) found.",
        "outdated": "{count} translation(s) need updating.",
        "not_a_translation": "{path}: not a translation, and has none",
        "count_kinds": {"campaign": "campaigns", "event": "events", "story": "stories", "article": "articles"},
        "kinds": {"campaign": "campaigns", "event": "events", "story": "stories", "article": "articles",
                  "page": "pages"},
        "states": {TRANSLATED: "translated", MISSING: "missing", STALE: "stale", UNRECORDED: "not recorded",
                   UNTRANSLATED: "not translated yet"},
        "hints": {STALE: "the source {source} has changed: update the translation, then run "
                         "campaign translations --record {translation}",
                  UNRECORDED: "the source version is not recorded: check the translation, then run "
                              "campaign translations --record {translation}",
                  UNTRANSLATED: "still the same text as the source {source}: translate it before publishing",
                  MISSING: "run campaign translate {source} --to {lang} to start one"},
        "changed_fields": "changed fields: {fields}",
        "changed_paragraphs": "changed paragraphs: {items}",
        "changed": "line {line} (changed)",
        "added": "line {line} (added)",
        "removed": "removed \"{start}\"",
        "list_separator": ", ",
        "changes_unknown": "cannot tell what changed (the recorded source version is not in the git history): "
                           "compare with the whole source",
        "lang_renamed": "--lang of translate is now --to (in check and translations --lang is the message "
                        "language); use --to {target}",
        "interface": "interface strings",
        "unreviewed": "not reviewed by a native reader",
        "unreviewed_hint": "a native reader checks the strings in {catalogue}, then deletes the line "
                           "\"# review: unreviewed\" above each one found right",
    },
}
CHOICES = tuple(WORDS)


def words(lang: str) -> dict:
    return {**WORDS[DEFAULT], **WORDS.get(lang, {})}


def say(lang: str, key: str, **params) -> str:
    return words(lang)[key].format(**params)
