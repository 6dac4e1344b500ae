"""`campaign translations` and `campaign translate`: what is translated, and starting a translation."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

from ..core.printable import printable
from ..i18n.catalogues import unreviewed
from ..i18n.docs_pages import load_docs_pages
from ..i18n.languages import language
from ..content.load import load_document
from ..content.models import MODELS
from .translation_changes import changes_since
from .wording import CHOICES, DEFAULT, say, words
from ..i18n.translation_status import (
    FIELD, KINDS, MISSING, OUTDATED, STALE, TRANSLATED, Unit, expected_path, item_fields,
    record, statuses, translations_of,
)

def add_commands(sub, languages_hint=CHOICES) -> None:
    p = sub.add_parser("translations", help="translation status per language / 各语言的翻译状态")
    p.add_argument("--strict", action="store_true", help="exit 1 when a translation is stale / 有过时译文时返回 1")
    p.add_argument("--record", nargs="+", type=Path, metavar="PATH",
                   help="record that these translations match their sources now / 记录译文已与原文一致")
    p.add_argument("--format", choices=("human", "json"), default="human")
    p.add_argument("--lang", choices=languages_hint, default=DEFAULT, help="language of the messages / 提示语言")
    p = sub.add_parser("translate", help="start the translation of a file / 为一个文件创建译文")
    p.add_argument("path", type=Path, help="the source file (campaigns/…/x.zh.md or docs/…)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", dest="target", metavar="LANG",
                        help="the language to translate into, e.g. en / 目标语言，例如 en")
    # The old spelling: --lang means the message language in every other command.
    target.add_argument("--lang", dest="old_target", metavar="LANG", help=argparse.SUPPRESS)


def run(settings, args) -> int:
    if args.command == "translate":
        if args.old_target:
            print(say(DEFAULT, "lang_renamed", target=args.old_target) + "\n"
                  + say("en", "lang_renamed", target=args.old_target), file=sys.stderr)
        return translate(settings, args.path, args.target or args.old_target)
    if args.record:
        return _record(settings, args.record, args.lang)
    return report(settings, args.strict, args.format, args.lang)


def report(settings, strict: bool, fmt: str, lang: str) -> int:
    found = statuses(settings)
    outdated = [s for s in found if s.state in OUTDATED]
    changes = changes_since(settings, [s for s in found if s.state == STALE])
    if fmt == "json":
        shown = [{**s.as_dict(), **({"changes": _changes_dict(changes[s.source])} if s.state == STALE else {})}
                 for s in found]
        shown += [{"lang": code, "kind": "interface", "state": "unreviewed", "catalogue": po, "msgid": msgid}
                  for code, po, msgid in _unreviewed(settings)]
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        print(_human(settings, found, lang, changes))
    if strict and outdated:
        if fmt == "human":
            count = len(outdated)
            print(say(lang, "outdated", count=count), file=sys.stderr)
        return 1
    return 0


def _unreviewed(settings) -> list[tuple[str, str, str]]:
    """(language, catalogue, msgid) of interface strings no native reader has reviewed."""
    return [(code, po, msgid) for code in settings.languages[1:]
            for po, msgid in unreviewed(code, language(settings, code).catalogue)]


def _changes_dict(changes):
    return changes.as_dict() if changes else None


def _change_lines(changes, ui: str) -> list[str]:
    said = words(ui)
    if changes is None:
        return [said["changes_unknown"]]
    sep = said["list_separator"]
    lines = []
    if changes.fields:
        lines.append(said["changed_fields"].format(fields=sep.join(changes.fields)))
    items = [said[change].format(line=line) for line, change in changes.paragraphs]
    items += [said["removed"].format(start=start) for start in changes.removed]
    if items:
        lines.append(said["changed_paragraphs"].format(items=sep.join(items)))
    return lines


def _human(settings, found, ui: str, changes=None) -> str:
    said = words(ui)
    names, kinds, hints = said["states"], said["kinds"], said["hints"]
    lines = []
    pending = _unreviewed(settings)
    for code in settings.languages[1:]:
        target = language(settings, code)
        mine = [s for s in found if s.lang == code]
        title = language(settings, ui).name_of(target) if ui in settings.languages else target.name
        lines.append(f"{title} ({code})")
        for kind in KINDS:
            group = [s for s in mine if s.kind == kind]
            if not group:
                continue
            counts = Counter(s.state for s in group)
            sep = said["clause_separator"]
            shown = [st for st in (TRANSLATED, MISSING, *OUTDATED) if counts[st] or st in (TRANSLATED, MISSING, STALE)]
            summary = sep.join(f"{names[st]} {counts[st]}" for st in shown)
            lines.append(f"  {kinds[kind]}: {summary}")
            for s in group:
                path = s.source if s.state == MISSING else s.translation
                line = f"    {names[s.state]}: {printable(path)}"
                if s.state != TRANSLATED:
                    hint = hints[s.state].format(source=s.source, translation=s.translation, lang=code)
                    line += f"\n      {printable(hint)}"
                if s.state == STALE and changes is not None:
                    line += "".join(f"\n      {printable(text)}" for text in _change_lines(changes.get(s.source), ui))
                lines.append(line)
        strings = [(po, msgid) for lang, po, msgid in pending if lang == code]
        if strings:
            lines.append(f"  {said['interface']}: {said['unreviewed']} {len(strings)}")
            lines.append(f"    {printable(said['unreviewed_hint'].format(catalogue=strings[0][0]))}")
            lines += [f"    {said['unreviewed']}: {printable(msgid)}" for _po, msgid in strings]
    return "\n".join(lines)


def _record(settings, paths, ui: str) -> int:
    status = 0
    for path in paths:
        units = translations_of(settings, path)
        if not units:
            print(printable(say(ui, "not_a_translation", path=path)), file=sys.stderr)
            status = 1
            continue
        for unit in units:
            try:
                value = record(settings, unit)
            except (LookupError, ValueError) as exc:
                print(printable(f"{unit.path}: {exc}"), file=sys.stderr)
                status = 1
                continue
            print(printable(f"{unit.path}: {FIELD} {value}"))
    return status


def translate(settings, path: Path, target: str) -> int:
    """Create the translation file of a source: its translatable fields and body, to be
    translated in place, and the source version it starts from."""
    if target not in settings.languages or target == settings.source_language:
        choices = ", ".join(settings.languages[1:])
        print(f"--to 应为 {choices} 之一 / --to must be one of {choices}", file=sys.stderr)
        return 2
    source = _source_unit(settings, path.resolve())
    if source is None:
        print(printable(f"{path}: 不是原文文件（campaigns/ 下的 .{settings.source_language}.md 或 docs/ 下的页面）/ "
              f"not a source file (a .{settings.source_language}.md under campaigns/ or a page in docs/)"), file=sys.stderr)
        return 2
    unit, meta = source
    dest = settings.root / expected_path(settings, unit, target)
    if dest.exists():
        print(printable(f"{settings.rel(dest)} 已存在，未覆盖 / exists; not overwritten"), file=sys.stderr)
        return 1
    comment = (f"# 译文：请把下面各字段和正文译成{language(settings, settings.source_language).name_of(language(settings, target))}。\n"
               f"# Translation into {target}: translate the fields below and the body.\n"
               f"# {FIELD} 记录译自原文的哪个版本，由工具填写，请勿手改 / written by the tools, do not edit.\n")
    fields = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) if meta else ""
    text = f"---\n{comment}{fields}{FIELD}: \"{unit.print}\"\n---\n\n{unit.body.strip()}\n"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    print(printable(f"已创建 / created {settings.rel(dest)}"))
    return 0


def _source_unit(settings, path: Path):
    """(Unit, front matter to copy) of a source file, or None."""
    content = settings.content_dir.resolve()
    if content in path.parents and path.suffix == ".md":
        doc, _problems = load_document(settings, path)
        if doc is None or doc.lang != settings.source_language or not doc.readable:
            return None
        fields = item_fields(doc)
        unit = Unit(doc.kind, doc.key, doc.lang, doc.path, doc.abs_path, fields, doc.body)
        ordered = {k: v for k, v in doc.data.items() if k in MODELS[doc.kind].translatable}
        return unit, ordered
    for page in load_docs_pages(settings):
        if page.abs_path.resolve() == path and page.lang == settings.source_language:
            unit = Unit("page", page.neutral, page.lang, page.path, page.abs_path, page.fields(), page.body)
            meta = {k: v for k, v in page.meta.items() if k != FIELD}
            return unit, meta
    return None

