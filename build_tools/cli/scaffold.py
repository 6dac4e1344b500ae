"""`campaign new`: a new content file with complete, commented front matter.

Asks (in Chinese) for the title and the required fields, or takes them as options;
never asks when stdin is not a terminal. Proposes the slug from the title in pinyin,
refuses to overwrite a file or reuse a slug, and checks the text it writes with the
same models as `campaign check` before writing it.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Callable, Optional

from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from ..core.printable import printable
from ..core import fielddocs

from . import slugs
from .wording import DEFAULT
from ..core.clock import reference_time
from ..content.load import KIND_FOLDERS, load_tree
from ..core.messages import message
from ..content.models import MODELS
from ..core.settings import Settings
from ..content.strict_yaml import parse_mapping

FOLDERS = {kind: folder for folder, kind in KIND_FOLDERS.items()}
# What `campaign new` asks, in this order (the model says which answers are required).
QUESTIONS = {
    "campaign": ["title", "summary", "kind", "start", "end", "year"],
    "event": ["title", "summary", "start", "end", "venue.name", "venue.city"],
    "story": ["title", "summary", "subject", "subject_type"],
    "article": ["title", "summary", "date"],
}
# Nested fields written as commented examples under an empty parent.
EXAMPLES = {
    "venue": ["name", "city", "address"],
    "consent": ["obtained", "scope"],
}
LIST_EXAMPLES = {"honors": ["name", "year", "by"]}
# Required values that have a proposal: the campaign's year (from its start), an article's date (today).
DEFAULTED = {("campaign", "year"), ("article", "date")}
KIND_NAMES = {"campaign": "宣传活动", "event": "活动", "story": "故事", "article": "新闻"}
BODY_HINT = {
    "zh": "<!-- 在这里用 Markdown 写正文；这一行是注释，不会显示在网页上，可以删掉。 -->",
}


class Refused(Exception):
    """A value or a request that cannot be used; the text is for the editor."""


@dataclass
class Request:
    kind: str
    values: dict  # dotted field -> text as given (options or answers)
    campaign: Optional[str] = None
    slug: Optional[str] = None


def option_name(field: str) -> str:
    return "--" + field.replace(".", "-").replace("_", "-")


def add_arguments(parser) -> None:
    """Options of `campaign new`: one per question of any kind."""
    parser.add_argument("kind", choices=list(MODELS), help="campaign | event | story | article")
    parser.add_argument("--campaign", help="the campaign folder (for event, story, article) / 所属宣传活动的文件夹名")
    parser.add_argument("--slug", help="file name, default: the title in pinyin / 文件名，默认取标题的拼音")
    seen = set()
    for fields in QUESTIONS.values():
        for field in fields:
            if field not in seen:
                seen.add(field)
                label = f"{fielddocs.label('', field)} / {fielddocs.label('', field, 'en')}"
                parser.add_argument(option_name(field), dest="field:" + field, metavar="VALUE", help=label)


def request_from(args) -> Request:
    values = {k[len("field:"):]: v for k, v in vars(args).items() if k.startswith("field:") and v is not None}
    unknown = sorted(set(values) - set(QUESTIONS[args.kind]))
    if unknown:
        names = "、".join(option_name(f) for f in unknown)
        raise Refused(f"新建{KIND_NAMES[args.kind]}时不使用这些选项：{names}")
    return Request(args.kind, values, args.campaign, args.slug)


def missing(request: Request) -> list[str]:
    """The required values the request does not give."""
    needed = [f for f in QUESTIONS[request.kind] if _required(request.kind, f) and (request.kind, f) not in DEFAULTED]
    absent = [f"{option_name(f)}（{fielddocs.label(request.kind, f)}）" for f in needed if request.values.get(f) is None]
    if request.kind != "campaign" and not request.campaign:
        absent.insert(0, "--campaign（所属宣传活动的文件夹名）")
    return absent


def command(settings: Settings, args) -> int:
    """`campaign new …`: asks only for what the options leave out, and only at a terminal."""
    try:
        request = request_from(args)
        absent = missing(request)
        if absent and not sys.stdin.isatty():
            raise Refused("缺少 " + "、".join(absent))
        run(settings, request, input if absent else None)
    except Refused as exc:
        print(printable(f"没有创建文件：{exc}"), file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\n已取消，没有创建文件。", file=sys.stderr)
        return 1
    return 0


def run(settings: Settings, request: Request, ask: Optional[Callable[[str], str]] = None, out=None) -> Path:
    """Create the file; `ask` is None when nobody can answer (not a terminal)."""
    out = out or sys.stdout
    kind = request.kind
    if ask is not None:
        print(f"新建{KIND_NAMES[kind]}：请按提示输入。方括号里是建议值，直接回车即采用；按 Ctrl+C 可随时取消。", file=out)
    docs = load_tree(settings).documents
    campaign = None
    if kind != "campaign":
        campaign = _campaign(settings, docs, request.campaign, ask, out)
    values = {}
    for field in QUESTIONS[kind]:
        values[field] = _answer(settings, kind, field, request.values.get(field), values, ask, out)
    values = {k: v for k, v in values.items() if v is not None}
    if kind == "campaign":
        values.setdefault("year", values["start"].year)
    used = {d.slug for d in docs if d.kind == kind}
    slug = _slug(kind, request.slug, values, used, ask, out)
    if kind == "campaign":
        path = settings.content_dir / slug / f"index.{settings.source_language}.md"
    else:
        path = settings.content_dir / campaign / FOLDERS[kind] / f"{slug}.{settings.source_language}.md"
    if path.exists():
        raise Refused(f"{settings.rel(path)} 已经存在，不会覆盖。请换一个文件名（--slug）。")
    text = render(kind, values, settings.source_language)
    _self_check(kind, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    print(printable(f"已创建 {settings.rel(path)}"), file=out)
    print("下一步：打开这个文件补充其余字段和正文，然后运行 campaign check 检查。", file=out)
    return path


# questions -----------------------------------------------------------------------------

def _campaign(settings, docs, given, ask, out) -> str:
    folders = sorted({d.campaign for d in docs if d.kind == "campaign"}, reverse=True)
    if given:
        if given not in folders:
            raise Refused(message("unknown_campaign", DEFAULT, {"slug": given}))
        return given
    if ask is None:
        raise Refused("缺少 --campaign：请写明所属宣传活动的文件夹名，例如 --campaign " + (folders[0] if folders else "2024-environment-day"))
    if not folders:
        raise Refused("还没有任何宣传活动；请先运行 campaign new campaign。")
    print("属于哪个宣传活动？", file=out)
    for number, folder in enumerate(folders, 1):
        print(printable(f"  {number}) {folder}"), file=out)
    while True:
        answer = ask("请输入编号或文件夹名：").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(folders):
            return folders[int(answer) - 1]
        if answer in folders:
            return answer
        print("没有这个宣传活动，请重新输入。", file=out)


def _answer(settings, kind, field, given, so_far, ask, out):
    required = _required(kind, field)
    default = _default(settings, kind, field, so_far)
    if given is not None:
        return _checked(kind, field, _parse(settings, kind, field, given), so_far)
    if ask is None:
        if required and default is None:
            raise Refused(f"缺少 {option_name(field)}（{fielddocs.label(kind, field)}）")
        return default
    meanings = fielddocs.choices(kind, field)
    if meanings:
        print(f"{fielddocs.label(kind, field)}：", file=out)
        for number, (value, meaning) in enumerate(meanings.items(), 1):
            print(f"  {number}) {value}（{meaning}）", file=out)
    hint = fielddocs.help_text(kind, field)
    shown_default = _show(default) if default is not None else ""
    prompt = f"{fielddocs.label(kind, field)}{'' if required else '（可不填，直接回车）'}"
    prompt += f" [{shown_default}]" if shown_default else ""
    print(f"  {hint}", file=out)
    while True:
        text = ask(prompt + "：").strip()
        if meanings and text.isdigit() and 1 <= int(text) <= len(meanings):
            text = list(meanings)[int(text) - 1]
        if not text:
            if default is not None or not required:
                return default
            print("  这一项必须填写。", file=out)
            continue
        try:
            return _checked(kind, field, _parse(settings, kind, field, text), so_far)
        except Refused as exc:
            print(f"  {exc}", file=out)


def _slug(kind, given, values, used, ask, out) -> str:
    proposal = given
    if not proposal:
        title = values["title"]
        if kind == "campaign":
            # Campaign folders start with the year, as in 2024-environment-day.
            bare = re.sub(rf"^\s*{values['year']}\s*年?\s*", "", title)
            room = slugs.MAX_LENGTH - len(f"{values['year']}-")
            proposal = f"{values['year']}-{slugs.propose(bare, room)}".strip("-")
        else:
            proposal = slugs.propose(title)
    while True:
        typed = ""
        if ask is not None and not given:
            typed = ask(f"文件名（网址的一部分，只用小写字母、数字和连字符） [{proposal}]：").strip()
        slug = typed or proposal
        code = slugs.problem_with(slug)
        text = message(code, DEFAULT, {"slug": slug}) if code else None
        if not text and slug in used:
            text = f"文件名 {slug} 已被另一个{KIND_NAMES[kind]}使用，网址会重复；请换一个。"
        if not text:
            return slug
        if ask is None or given:
            raise Refused(text + "（可用 --slug 指定）")
        print(f"  {text}", file=out)
        if not typed:
            proposal = ""  # the proposal itself cannot be used: the editor types one


def _required(kind: str, field: str) -> bool:
    if "." in field:
        return False
    return MODELS[kind].model_fields[field].is_required()


def _default(settings, kind, field, so_far):
    if kind == "campaign" and field == "year" and so_far.get("start"):
        return so_far["start"].year
    if kind == "article" and field == "date":
        return reference_time().astimezone(settings.tz).date()
    return None


# values --------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _adapter(kind: str, field: str) -> TypeAdapter:
    model = MODELS[kind]
    parts = field.split(".")
    info = model.model_fields[parts[0]]
    if len(parts) > 1:  # a field of a nested model (venue.name)
        from ..content.validate import nested_model

        info = nested_model(info.annotation).model_fields[parts[1]]
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def _parse(settings, kind, field, text: str):
    """A value typed by the editor, checked as `campaign check` would check it."""
    raw = text.strip()
    if field in ("start", "end", "publish_at", "expires_at") and re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", raw):
        raw = raw.replace(" ", "T", 1)
    try:
        value = _adapter(kind, field).validate_python(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
        if err["type"] == "literal_error":
            choices = ", ".join(fielddocs.choices(kind, field))
            raise Refused(message("invalid_choice", DEFAULT, {"got": raw, "choices": choices})) from None
        try:
            raise Refused(message(err["type"], DEFAULT, ctx)) from None
        except KeyError:
            raise Refused(message("invalid_value", DEFAULT, {"detail": err.get("msg", "")})) from None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=settings.tz)  # written with its offset, so nobody has to guess
    return value


def _checked(kind, field, value, so_far):
    """Rules between this answer and the earlier ones (an end before the start)."""
    values = SimpleNamespace(**{**so_far, field: value})
    try:
        MODELS[kind].check_relations(values)
    except PydanticCustomError as exc:
        ctx = {k: str(v) for k, v in (exc.context or {}).items()}
        raise Refused(message(exc.type, DEFAULT, ctx)) from None
    return value


def _show(value) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


# the file ------------------------------------------------------------------------------

def render(kind: str, values: dict, lang: str = DEFAULT) -> str:
    """The file's text: every field of the kind, each after a comment saying what it is."""
    model = MODELS[kind]
    lines = ["---"]
    for name, info in model.model_fields.items():
        required = info.is_required()
        note = "（必填）" if required else ""
        meanings = fielddocs.choices(kind, name, lang)
        if meanings:
            note += " 可选值：" + "、".join(f"{v}（{m}）" for v, m in meanings.items())
        lines.append(f"# {fielddocs.label(kind, name, lang)}：{fielddocs.help_text(kind, name, lang)}{note}")
        if name in EXAMPLES:
            nested = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith(name + ".")}
            if nested:
                lines.append(f"{name}:")
                for sub in EXAMPLES[name]:
                    text = _scalar(nested.get(sub))
                    lines.append(f"  {sub}: {text}".rstrip() if sub in nested else f"  # {sub}: {fielddocs.label(kind, f'{name}.{sub}', lang)}")
            else:
                lines.append(f"{name}:")
                lines += [f"  # {sub}: {fielddocs.help_text(kind, f'{name}.{sub}', lang)}" for sub in EXAMPLES[name]]
            continue
        if name in LIST_EXAMPLES:
            lines.append(f"{name}: []")
            lines.append("# 例如（把上一行的 [] 删掉，再去掉下面各行开头的 #）：")
            subs = LIST_EXAMPLES[name]
            lines.append(f"#   - {subs[0]}: {fielddocs.label(kind, f'{name}.{subs[0]}', lang)}")
            lines += [f"#     {sub}: {fielddocs.label(kind, f'{name}.{sub}', lang)}" for sub in subs[1:]]
            continue
        value = values.get(name, info.get_default(call_default_factory=True) if not required else None)
        lines.append(f"{name}: {_scalar(value)}".rstrip())
    lines.append("---")
    lines.append(BODY_HINT.get(lang, ""))
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(str(v), in_list=True) for v in value) + "]"
    return _text(str(value))


def _text(text: str, in_list: bool = False) -> str:
    """Plain when YAML reads it back as the same text, double-quoted otherwise."""
    probe = f"k: [{text}]" if in_list else f"k: {text}"
    parsed = parse_mapping(probe)
    expected = [text] if in_list else text
    if not _errors(parsed) and parsed.data.get("k") == expected and "#" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _errors(parsed) -> list:
    return [i for i in parsed.issues if i.severity == "error"]  # warnings are the editor's to read


def _self_check(kind: str, text: str) -> None:
    """The text must read back as valid front matter; a failure here is a bug, not the editor's."""
    front = text.split("---\n")[1]
    parsed = parse_mapping(front)
    if _errors(parsed):
        raise RuntimeError(f"generated front matter does not parse: {parsed.issues}")
    MODELS[kind].model_validate(parsed.data)
