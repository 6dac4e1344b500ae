"""The check site: the demo content plus a few short synthetic items, so that every index
page has a second page, built once with the real `mkdocs build --strict` (without -q, which would hide warnings)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from .tools import ROOT

PAGE_SIZE = 20
# The tests' reference time (2024-11-24), so that the demo's 2024 events read as in the tests.
DEFAULT_EPOCH = "1732406400"
SUMMARIES = [
    "各级生态环境志愿服务队伍深入社区、学校和牧区开展宣讲活动。",
    "志愿者们在黄河岸边开展植树和垃圾清理，倡导绿色低碳生活方式。",
    "青少年生态实践教育基地为学生提供自然教育和科普课程。",
    "草原、森林、河湖、沙漠的保护修复工作取得新进展。",
]


def _write(path: Path, meta: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")


def reference_time() -> datetime:
    """The moment the check site is built for; browsers are set to it, so that what pages
    count in the browser (the home page's countdown) agrees with what the build wrote."""
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)), timezone.utc)


def add_items(content: Path, count: int = PAGE_SIZE) -> None:
    """`count` campaigns of 2021, each with one event, one story and one article."""
    for n in range(count):
        summary = SUMMARIES[n % len(SUMMARIES)]
        day = f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        folder = content / f"check-campaign-{n:02d}"
        _write(folder / "index.zh.md", f"title: 第{n + 1}期宣传活动（示例）\nsummary: {summary}\nkind: other\n"
               f"year: 2021\nstart: {day}\n", summary)
        _write(folder / "events" / f"check-event-{n:02d}.zh.md",
               f"title: 第{n + 1}场宣讲活动（示例）\nsummary: {summary}\nstart: {day}\n"
               "venue:\n  name: 活动中心\n  city: 呼和浩特市\n", summary)
        _write(folder / "stories" / f"check-story-{n:02d}.zh.md",
               f"title: 第{n + 1}支志愿服务队（示例）\nsummary: {summary}\nsubject: 第{n + 1}志愿服务队\n"
               "subject_type: team\n", summary)
        _write(folder / "news" / f"check-article-{n:02d}.zh.md",
               f"title: 第{n + 1}篇工作动态（示例）\nsummary: {summary}\ndate: {day}\n", summary)


def build_check_site(work: Path) -> Path:
    """Copy the project into `work`, add the items, build; return the site folder."""
    project = work / "project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "assets", "campaigns"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    add_items(project / "campaigns")
    out = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=900)
    if result.returncode != 0 or "WARNING" in result.stderr:
        raise RuntimeError(f"building the check site failed:\n{result.stderr}")
    return out
