"""`campaign new`: files an editor can publish as they are, named in readable pinyin."""
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.cli import scaffold
from build_tools.content.load import load_tree
from build_tools.pipeline import check
from build_tools.core.settings import Settings
from build_tools.cli.slugs import propose
from build_tools.content.strict_yaml import parse_mapping
from conftest import ROOT, copy_project, mkdocs_build
from htmlsite import parse

CAMPAIGN = "2024-ecological-literature-week"


def _campaign(*args, cwd, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "build_tools.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, **kwargs)


def _small_project(root: Path) -> Settings:
    copy_project(root, with_content=False)
    camp = root / "campaigns" / "test-forum"
    camp.mkdir(parents=True)
    (camp / "index.zh.md").write_text(
        "---\ntitle: 测试论坛\nsummary: 用于测试。\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n", encoding="utf-8")
    return Settings(root=root, content_dir=root / "campaigns")


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    parsed = parse_mapping(text.split("---\n")[1])
    assert parsed.issues == []
    return parsed.data


@pytest.mark.parametrize("title, slug", [
    ("生态文学周", "shengtai-wenxue-zhou"),
    ("《孩子的心愿》环保音乐专辑", "haizi-de-xinyuan-huanbao-yinyue-zhuanji"),
    ("Hello World 世界环境日", "hello-world-shijie-huanjing-ri"),
    ("绿水青山守护者", "lvshuiqingshan-shouhuzhe"),
    ("！！！", ""),
])
def test_slug_is_the_title_in_pinyin(title, slug):
    assert propose(title) == slug


def test_long_titles_give_slugs_cut_at_a_word():
    slug = propose("内蒙古自治区生态环境厅关于开展2024年全国生态日系列宣传活动的通知补充说明和附件")
    assert len(slug) <= 40 and not slug.endswith("-")
    assert slug.startswith("neimengguzizhiqu-shengtaihuanjing")
    # The title of the issue: 48 characters in full, which broke across lines on posters.
    assert propose("守护冬季草原的牧民志愿者巴音") == "shouhu-dongji-caoyuan-de-mumin"
    assert propose("a" * 50) == "a" * 40  # one long word: cut at the limit


def test_new_event_in_a_demo_campaign_builds_and_is_listed(tmp_path):
    """The acceptance path: options only, no terminal, no edit afterwards."""
    project = copy_project(tmp_path / "p")
    made = _campaign("new", "event", "--campaign", CAMPAIGN, "--title", "生态文学周闭幕式",
                     "--summary", "闭幕式在锡林浩特举行，颁发优秀作品奖。", "--start", "2024-08-12 15:00",
                     "--end", "2024-08-12 17:00", "--venue-city", "锡林郭勒盟", cwd=project)
    assert made.returncode == 0, made.stderr
    path = project / "campaigns" / CAMPAIGN / "events" / "shengtai-wenxue-zhou-bimushi.zh.md"
    assert made.stdout.startswith(f"已创建 campaigns/{CAMPAIGN}/events/shengtai-wenxue-zhou-bimushi.zh.md")
    text = path.read_text(encoding="utf-8")
    # every field of an event is there, each after a comment in Chinese
    data = _front(path)
    assert set(data) == set(scaffold.MODELS["event"].model_fields)
    assert data["title"] == "生态文学周闭幕式"
    assert data["start"].isoformat() == "2024-08-12T15:00:00+08:00"  # the site's offset, written out
    assert data["venue"] == {"city": "锡林郭勒盟"}
    assert "# 开始时间：" in text and "# 状态：" in text and "cancelled（已取消）" in text
    checked = _campaign("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    out = tmp_path / "site"
    built = mkdocs_build(project, out)
    assert built.returncode == 0, built.stderr
    page = parse(out / "events" / "shengtai-wenxue-zhou-bimushi" / "index.html")
    assert page.xpath("//h1")[0].text_content() == "生态文学周闭幕式"
    index = parse(out / "events" / "index.html")
    assert "生态文学周闭幕式" in [a.text_content().strip() for a in index.xpath("//li[contains(@class,'cs-card')]//a")]
    campaign_page = parse(out / "campaigns" / CAMPAIGN / "index.html")
    assert "生态文学周闭幕式" in campaign_page.xpath("string(//h2[@id='cs-event']/following-sibling::*[1])")
    # and on the calendar: the month grid on its day, the agenda, and the calendar feed
    month = parse(out / "calendar" / "2024-08" / "index.html")
    day = month.xpath("//table[@class='cs-cal-grid']//td[time/@datetime='2024-08-12']")[0]
    assert "生态文学周闭幕式" in [a.text_content() for a in day.xpath(".//li/a")]
    assert "生态文学周闭幕式" in parse(out / "calendar" / "index.html").xpath("string(//article)")
    assert "SUMMARY:生态文学周闭幕式" in (out / "calendar" / "events.ics").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind, values", [
    ("campaign", {"title": "2025年六五环境日", "summary": "摘要。", "kind": "environment-day", "start": "2025-06-05"}),
    ("event", {"title": "植树活动", "summary": "摘要。", "start": "2024-06-05"}),
    ("story", {"title": "草原上的守护者", "summary": "摘要。", "subject": "某护林员", "subject_type": "person"}),
    ("article", {"title": "活动综述", "summary": "摘要。", "date": "2024-06-06"}),
])
def test_every_kind_is_created_where_it_belongs_and_passes_the_check(tmp_path, kind, values):
    settings = _small_project(tmp_path)
    request = scaffold.Request(kind, values, campaign=None if kind == "campaign" else "test-forum")
    path = scaffold.run(settings, request, ask=None, out=io.StringIO())
    expected = {
        "campaign": "campaigns/2025-liuwu-huanjing-ri/index.zh.md",
        "event": "campaigns/test-forum/events/zhishu-huodong.zh.md",
        "story": "campaigns/test-forum/stories/caoyuan-shang-de-shouhuzhe.zh.md",
        "article": "campaigns/test-forum/news/huodong-zongshu.zh.md",
    }[kind]
    assert settings.rel(path) == expected
    assert check(settings) == []  # not even a warning
    assert set(_front(path)) == set(scaffold.MODELS[kind].model_fields)
    if kind == "campaign":
        assert _front(path)["year"] == 2025  # from the start date


def test_questions_are_asked_in_chinese_and_asked_again_after_a_mistake(tmp_path):
    settings = _small_project(tmp_path)
    answers = iter(["1", "种树 #2: 春季", "", "摘要：植树。", "2024/04/01", "2024-04-01", "2024-03-01", "",
                    "", "呼和浩特市", "index", ""])
    asked = []

    def ask(prompt):
        asked.append(prompt)
        return next(answers)

    out = io.StringIO()
    path = scaffold.run(settings, scaffold.Request("event", {}), ask=ask, out=out)
    shown = out.getvalue()
    assert asked[0] == "请输入编号或文件夹名："
    assert asked[1] == "标题：" and asked[4] == "开始时间："
    assert "这一项必须填写。" in shown  # the empty summary
    assert '这里写的是 "2024/04/01"，应写成 2024-04-01' in shown  # the editor's answer, rewritten
    assert "结束（2024-03-01）早于开始（2024-04-01）" in shown
    assert "文件名“index”是网站保留的名字，请换一个" in shown
    data = _front(path)
    assert data["title"] == "种树 #2: 春季"  # quoted in the file, read back unchanged
    assert data["summary"] == "摘要：植树。"
    assert "end" in data and data["end"] is None
    assert data["venue"] == {"city": "呼和浩特市"}
    assert settings.rel(path) == "campaigns/test-forum/events/zhongshu-2-chunji.zh.md"
    assert check(settings) == []


@pytest.mark.parametrize("title", ["no", "- 列表", "[方括号]", "a: b", "\"引号\" 与 '单引号'", "10:30", "@开头", "!标签"])
def test_titles_that_yaml_would_misread_are_written_so_they_read_back_unchanged(tmp_path, title):
    settings = _small_project(tmp_path)
    request = scaffold.Request("article", {"title": title, "summary": "摘要", "date": "2024-06-06"}, "test-forum", slug="a")
    path = scaffold.run(settings, request, out=io.StringIO())
    assert _front(path)["title"] == title
    assert check(settings) == []


def test_an_existing_file_or_slug_is_never_overwritten(tmp_path):
    settings = _small_project(tmp_path)
    values = {"title": "植树活动", "summary": "摘要。", "start": "2024-06-05"}
    first = scaffold.run(settings, scaffold.Request("event", values, "test-forum"), out=io.StringIO())
    first.write_text(first.read_text(encoding="utf-8") + "编辑写的正文\n", encoding="utf-8")
    with pytest.raises(scaffold.Refused, match="zhishu-huodong 已被另一个活动使用"):
        scaffold.run(settings, scaffold.Request("event", values, "test-forum"), out=io.StringIO())
    assert first.read_text(encoding="utf-8").endswith("编辑写的正文\n")
    # the same slug in another campaign would give the same URL: refused as well
    other = tmp_path / "campaigns" / "other"
    other.mkdir()
    (other / "index.zh.md").write_text((tmp_path / "campaigns/test-forum/index.zh.md").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(scaffold.Refused, match="网址会重复"):
        scaffold.run(settings, scaffold.Request("event", values, "other"), out=io.StringIO())


def test_without_a_terminal_missing_values_are_named_and_nothing_is_written(tmp_path):
    _small_project(tmp_path)
    before = sorted(p for p in (tmp_path / "campaigns").rglob("*"))
    result = _campaign("new", "event", "--campaign", "test-forum", "--title", "植树活动", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "没有创建文件：缺少 --summary（摘要）、--start（开始时间）"
    wrong = _campaign("new", "story", "--campaign", "test-forum", "--title", "x", "--summary", "y",
                      "--subject", "z", "--subject-type", "human", cwd=tmp_path)
    assert wrong.returncode == 1
    assert "“human”不是可选值；可选值为：person, team, project" in wrong.stderr
    nowhere = _campaign("new", "article", "--campaign", "no-such-campaign", "--title", "t", "--summary", "s", cwd=tmp_path)
    assert "找不到活动 no-such-campaign" in nowhere.stderr
    assert sorted(p for p in (tmp_path / "campaigns").rglob("*")) == before


def test_the_created_comments_and_fields_cover_every_field_of_every_kind():
    for kind, model in scaffold.MODELS.items():
        text = scaffold.render(kind, {"title": "t", "summary": "s"})
        for name in model.model_fields:
            assert f"\n{name}:" in text, (kind, name)
        comments = [line for line in text.splitlines() if line.startswith("# ")]
        assert len(comments) >= len(model.model_fields)


def _in_a_terminal(args, answers, cwd):
    """Run `campaign` with a pseudo-terminal as stdin/stdout; answer each prompt in turn."""
    import pty
    import select
    import time

    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "build_tools.cli", *args], cwd=cwd, env=env,
                            stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    shown, pending = b"", list(answers)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 4096)
                except OSError:  # the program has ended and closed the terminal
                    break
                if not data:
                    break
                shown += data
                if shown.rstrip().endswith("：".encode()) and pending:
                    os.write(master, (pending.pop(0) + "\n").encode())
            elif proc.poll() is not None:
                break
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return proc.returncode, shown.decode("utf-8", "replace").replace("\r\n", "\n")


def test_at_a_terminal_it_asks_in_chinese_for_what_the_options_leave_out(tmp_path):
    _small_project(tmp_path)
    code, shown = _in_a_terminal(["new", "article", "--campaign", "test-forum"],
                                 ["植树节活动报道", "呼和浩特市民参加义务植树。", "", ""], tmp_path)
    assert code == 0, shown
    assert "新建新闻：请按提示输入" in shown and "标题：" in shown and "发布日期 [2024-11-24]：" in shown
    assert "文件名（网址的一部分，只用小写字母、数字和连字符） [zhishujie-huodong-baodao]：" in shown
    data = _front(tmp_path / "campaigns" / "test-forum" / "news" / "zhishujie-huodong-baodao.zh.md")
    assert (data["title"], str(data["date"])) == ("植树节活动报道", "2024-11-24")
    # everything required given as options: nothing is asked, even at a terminal
    code, shown = _in_a_terminal(["new", "article", "--campaign", "test-forum", "--title", "第二篇报道",
                                  "--summary", "摘要。", "--date", "2024-03-12"], [], tmp_path)
    assert code == 0, shown
    assert "：\n" not in shown.split("已创建")[0] and "请按提示输入" not in shown
    assert (tmp_path / "campaigns" / "test-forum" / "news" / "dierpian-baodao.zh.md").is_file()
