"""Rebuilds the browser editor's screenshots of EDITING.md and EDITING.en.md: a copy of the
demo in a git repository, its preview build, Decap's local server in git mode (its saves are
branches, as on GitHub they are pull requests), and Debian's Chromium.
Run after scripts/setup --test: .venv/bin/python editing/cms-screenshots.py"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from site_checks.browser import Guard, launch, new_context  # noqa: E402
from site_checks.server import serve  # noqa: E402

CAMPAIGN = "2024-ecological-literature-week"
PORT = int(os.environ.get("CMS_PORT", "8398"))


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)


def _save(page, name: str, clip=None) -> None:
    raw = Path(tempfile.mkstemp(suffix=".png")[1])
    page.screenshot(path=str(raw), clip=clip)
    image = Image.open(raw).convert("RGB")
    image = image.resize((image.width * 2 // 3, image.height * 2 // 3), Image.LANCZOS)
    # a palette of 48 colours keeps each image small, as editing/screenshots.sh does
    image.quantize(48).save(ROOT / "editing" / f"{name}.png", optimize=True)
    raw.unlink()


def main() -> None:
    work = Path(tempfile.mkdtemp())
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "assets", "campaigns"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / ".gitignore").write_text("node_modules\nsite/\n.cache/\n", encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "demo")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1722556800"}
    subprocess.run([str(ROOT / ".venv" / "bin" / "campaign"), "build", "--mode", "preview", "-d", str(project / "site")],
                   cwd=project, env=env, check=True, capture_output=True)
    server = subprocess.Popen(["node", str(ROOT / "node_modules" / "decap-server" / "dist" / "index.js")],
                              env={**os.environ, "PORT": str(PORT), "BIND_HOST": "127.0.0.1", "MODE": "git",
                                   "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "error"})
    photo = work / "zhiShu.jpg"
    Image.new("RGB", (1200, 800), (70, 130, 80)).save(photo, quality=80)
    pw, browser = launch()
    try:
        time.sleep(2)
        with serve(project / "site") as base:
            guard = Guard()
            context = new_context(browser, base, viewport={"width": 1280, "height": 800}, guard=guard,
                                  timezone_id="Asia/Shanghai")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/admin/?port={PORT}")
            page.get_by_role("button", name="登录").click()
            page.goto(f"{base}/admin/?port={PORT}#/collections/events/new")
            page.get_by_text("正在使用ZH撰写").wait_for()
            choose = page.locator('input[id^="campaign-field"]').first
            choose.click()
            choose.press_sequentially("生态文学周", delay=50)
            page.get_by_role("option", name="2024年内蒙古生态文学周 2024").click()
            page.locator('input[id^="file_slug-field"]').first.fill("shengtai-wenxue-zhou-bimushi")
            page.locator('input[id^="title-field"]').nth(0).fill("生态文学周闭幕式")
            page.locator('textarea[id^="summary-field"]').nth(0).fill("闭幕式在锡林浩特举行，颁发优秀生态文学作品奖。")
            page.locator('input[id^="title-field"]').nth(1).fill("Closing of the Ecological Literature Week")
            page.locator('textarea[id^="summary-field"]').nth(1).fill("The closing ceremony in Xilinhot awards the prizes.")
            page.mouse.move(0, 0)
            _save(page, "cms-event")
            page.get_by_role("button", name="选择图片").first.click()
            page.locator("input[type=file]").set_input_files(str(photo))
            time.sleep(1.5)
            _save(page, "cms-photo")
            page.get_by_role("button", name="选用已选中项目").click()
            page.locator('input[id^="cover_alt-field"]').first.fill("作家代表在闭幕式上发言")
            page.locator('input[id^="start-field"]').first.fill("2024-08-12T15:00")
            page.locator('input[id^="name-field"]').first.fill("锡林郭勒盟文化中心")
            page.locator('input[id^="name-field"]').nth(1).fill("Xilingol League Cultural Centre")
            page.locator('input[id^="start-field"]').first.scroll_into_view_if_needed()
            page.mouse.move(0, 0)
            _save(page, "cms-english")
            page.get_by_role("button", name="保存", exact=True).click()
            page.get_by_text("状态: 草稿").wait_for()
            time.sleep(1)
            page.get_by_text("状态: 草稿").click()
            page.get_by_text("审核中", exact=True).wait_for()
            _save(page, "cms-review", clip={"x": 0, "y": 0, "width": 1280, "height": 400})
            assert guard.blocked == [], guard.blocked
            context.close()
    finally:
        browser.close()
        pw.stop()
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
