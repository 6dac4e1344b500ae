"""`campaign`: the editors' and CI's command line."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from . import translations as cli_translations
from . import scaffold
from . import cms_config
from . import json_schema as schema
from .wording import CHOICES, DEFAULT, say, words
from ..core.config import find_config, load_settings
from ..pipeline import build, check_tree
from ..core.printable import printable
from ..core.problems import failing, format_problems
from ..i18n.languages import languages
from ..content.publication import PREVIEW, PRODUCTION
from ..safety.paths import check_outputs

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="campaign", description="Campaign site tools / 宣传活动网站工具")
    parser.add_argument("--config", type=Path, help="mkdocs.yml (default: found from the current folder up)")
    sub = parser.add_subparsers(dest="command", required=True)

    p_check = sub.add_parser("check", help="validate campaigns/ / 检查内容")
    p_check.add_argument("--format", choices=("human", "github", "json"), default="human")
    p_check.add_argument("--lang", choices=CHOICES, default=DEFAULT)
    p_check.add_argument("--strict", action="store_true", help="warnings fail too, as in `mkdocs build --strict`")

    p_export = sub.add_parser("export", help="write the generated pages into a folder (for other site generators)")
    p_export.add_argument("folder", type=Path)
    p_export.add_argument("--mode", choices=(PREVIEW, PRODUCTION), default=PRODUCTION)

    p_build = sub.add_parser("build", help="build the site; a failed build leaves the previous one in place / 构建网站")
    p_build.add_argument("-d", "--site-dir", type=Path, default=None, help="output folder (default: site/ beside mkdocs.yml)")
    p_build.add_argument("--mode", choices=(PREVIEW, PRODUCTION), default=PRODUCTION)
    p_build.add_argument("--no-strict", dest="strict", action="store_false",
                         help="do not fail on MkDocs warnings (pull-request previews list them instead)")
    p_build.add_argument("--summary", type=Path, help="append a Markdown summary to this file (CI job summary)")

    cli_translations.add_commands(sub)
    p_new = sub.add_parser("new", help="create a content file with commented front matter / 新建内容文件")
    scaffold.add_arguments(p_new)

    p_schema = sub.add_parser("schema", help="write the JSON Schemas into schemas/ / 生成 JSON Schema")
    p_schema.add_argument("--check", action="store_true", help="only say whether schemas/ is up to date")
    p_cms = sub.add_parser("cms", help="write the browser editor's configuration / 生成网页编辑器的配置")
    p_cms.add_argument("--check", action="store_true", help="only say whether assets/admin/config.yml is up to date")

    args = parser.parse_args(argv)
    try:
        config = (args.config or find_config(Path.cwd())).resolve()
    except FileNotFoundError as exc:
        print(printable(exc), file=sys.stderr)
        return 2
    try:  # `new` and `schema` write files: a project without content yet may use them
        settings = load_settings(config, content_must_exist=args.command not in ("new", "schema"))
    except (OSError, ValueError) as exc:  # an option (OptionError), YAML, or the file itself
        print(printable(f"{config}: {exc.strerror if isinstance(exc, OSError) else exc}"), file=sys.stderr)
        return 2
    try:
        languages(settings)  # each language's options, checked once, before any command uses them
    except ValueError as exc:
        print(printable(f"{config}: plugins.campaigns.language_options: {exc}"), file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(settings, args.format, args.lang, args.strict)
    if args.command == "export":
        return _export(settings, args.folder, args.mode)
    if args.command == "build":
        return _build(settings, config, args)
    if args.command in ("translations", "translate"):
        return cli_translations.run(settings, args)
    if args.command == "new":
        return scaffold.command(settings, args)
    if args.command == "schema":
        return schema.command(settings, args)
    if args.command == "cms":
        return cms_config.command(settings, args)
    return 2


def _build(settings, config: Path, args) -> int:
    from .build_command import build_site, summary_markdown

    out = args.site_dir if args.site_dir is not None else config.parent / "site"
    report = build_site(settings, config, out, args.mode, strict=args.strict)
    sys.stderr.write(report.log)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as handle:
            handle.write(summary_markdown(report))
    if not report.ok:
        print(printable(f"构建失败，{out} 保持不变。Build failed; {out} is left as it was."), file=sys.stderr)
        return 1
    print(printable(f"已构建 {report.pages} 个页面到 {out}（{args.mode}）。参考时间：{report.reference}。"
                    f" Built {report.pages} pages into {out} ({args.mode})."))
    return 0


def _check(settings, fmt: str, lang: str, strict: bool = False) -> int:
    problems, tree = check_tree(settings)
    report = format_problems(problems, fmt, lang)
    if report:
        print(report)
    if failing(problems, strict):
        if fmt == "human":
            count = len(failing(problems, strict))
            print(say(lang, "errors_found", count=count), file=sys.stderr)
        return 1
    if fmt == "human":
        docs = tree.documents
        counts = Counter(d.kind for d in docs if d.lang == settings.source_language)
        translated = sum(1 for d in docs if d.lang != settings.source_language)
        said = words(lang)
        names = said["count_kinds"]
        parts = said["clause_separator"].join(f"{counts.get(k, 0)} {names[k]}" for k in names)
        print(say(lang, "check_ok", parts=parts, translated=translated))
    return 0


def _export(settings, folder: Path, mode: str) -> int:
    result = build(settings, mode=mode, stop_on_errors=True)
    if result.errors:
        print(format_problems(result.problems), file=sys.stderr)
        return 1
    wrong = check_outputs(folder, [o.path for o in result.outputs], [o.path for o in result.outputs])
    if wrong:
        print("\n".join(wrong), file=sys.stderr)
        return 1
    for output in result.outputs:
        target = folder / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = output.content if output.content is not None else Path(output.source).read_bytes()
        target.write_bytes(data)
    return 0

