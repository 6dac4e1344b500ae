"""Building small sites with the real `mkdocs build --strict`, and reading the HTML."""
import subprocess
import sys
from pathlib import Path

from benchmarks.synthetic import write_items
from conftest import ROOT, copy_project, mkdocs_build
from htmlsite import parse, reachable

CAMPAIGN = """---
title: 测试活动 <b>&"引号"
summary: 摘要 <script>alert(1)</script>
kind: forum
year: 2024
start: 2024-06-05
---
活动正文。见 [相关新闻](news/report.zh.md)。
"""
EVENT = """---
title: 第{n}场活动
summary: 第{n}场活动的摘要。
start: 2024-06-{day:02d}
venue:
  name: 会议中心
  city: 呼和浩特市
status: {status}
---
活动介绍。
"""
ARTICLE = """---
title: 新闻报道
summary: 报道摘要。
date: 2024-06-06
---
正文 ![示意图](../photo.png)
"""


def _tiny_site(root: Path, events: int = 25) -> Path:
    copy_project(root, with_content=False)
    camp = root / "campaigns" / "test-forum"
    (camp / "events").mkdir(parents=True)
    (camp / "news").mkdir()
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    for n in range(1, events + 1):
        status = "cancelled" if n == 3 else "scheduled"
        (camp / "events" / f"event-{n}.zh.md").write_text(EVENT.format(n=n, day=n, status=status), encoding="utf-8")
    (camp / "news" / "report.zh.md").write_text(ARTICLE, encoding="utf-8")
    (camp / "photo.png").write_bytes(_png())
    return root


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 80)).save(buf, "PNG")
    return buf.getvalue()


def test_tiny_site_builds_strict_with_generated_pages(tmp_path):
    project = _tiny_site(tmp_path / "p")
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    # nothing is written into docs/ or campaigns/
    docs = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*") if p.is_file())
    assert docs == ["about.md", "contact.md", "en/about.md", "en/contact.md", "en/index.md", "index.md", "mn/index.md"]
    camp = parse(out / "campaigns" / "test-forum" / "index.html")
    # the title is shown as text, escaped, in the page and in <title> and the meta description
    assert camp.xpath("//h1")[0].text_content() == '测试活动 <b>&"引号"'
    assert camp.xpath("//title")[0].text_content().startswith('测试活动 <b>&"引号"')
    assert camp.xpath("//meta[@name='description']/@content") == ["摘要 <script>alert(1)</script>"]
    assert camp.xpath("//article//script") == []
    # the body's link to another content file points at its generated page
    assert "../../news/report/" in camp.xpath("//article//a/@href")
    # the article's image is published and linked
    article = parse(out / "news" / "report" / "index.html")
    src = article.xpath("//article//img/@src")[0]
    assert (out / "news" / "report" / src).resolve().is_file()
    # the campaign lists its programme in time order, with the cancelled mark
    titles = [a.text_content() for a in camp.xpath("//h2[@id='cs-event']/following-sibling::*[1]//a[@class='cs-card__link']")]
    assert titles[:3] == ["第1场活动", "第2场活动", "第3场活动"]
    assert "已取消" in camp.xpath("string(//h2[@id='cs-event']/following-sibling::*[1])")


def test_index_pages_paginate_and_navigation_does_not_grow(tmp_path):
    project = _tiny_site(tmp_path / "p", events=25)
    out = tmp_path / "site"
    assert mkdocs_build(project, out).returncode == 0
    first = parse(out / "events" / "index.html")
    second = parse(out / "events" / "page" / "2" / "index.html")
    assert len(first.xpath("//li[contains(@class,'cs-card')]")) == 20
    assert len(second.xpath("//li[contains(@class,'cs-card')]")) == 5
    assert "page/2/" in first.xpath("//nav[@class='cs-pagination']//a/@href")
    # every event is reachable from the home page through the navigation and index pages
    pages = reachable(out)
    assert all(out / "events" / f"event-{n}" / "index.html" in pages for n in range(1, 26))
    nav = first.xpath("//nav[contains(@class,'md-nav--primary')]//a")
    assert len(nav) < 20


def test_item_page_size_does_not_grow_with_the_number_of_items(tmp_path):
    """The acceptance measure: an item page's HTML with 1,000 more items stays within 10 %."""
    page = Path("events/ecological-literature-week-2024/index.html")
    small = copy_project(tmp_path / "small")
    large = copy_project(tmp_path / "large")
    write_items(large / "campaigns", 1000)
    sizes = []
    for project in (small, large):
        # Posters do not change pages; 300 A4 posters would only make this test slow.
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("page_size: 20", "page_size: 20\n      posters: false"), encoding="utf-8")
        out = project / "site"
        result = mkdocs_build(project, out)
        assert result.returncode == 0, result.stderr
        sizes.append((out / page).stat().st_size)
    assert abs(sizes[1] - sizes[0]) <= 0.10 * sizes[0], sizes


def test_a_file_with_several_mistakes_fails_the_build_listing_each_once(tmp_path):
    project = _tiny_site(tmp_path / "p", events=1)
    bad = project / "campaigns" / "test-forum" / "events" / "bad.zh.md"
    bad.write_text("---\ntitle: no\nsumary: x\nstart: 2024-06-05\nend: 2024-06-01\ntime: 10:30\n---\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    lines = [l for l in result.stderr.splitlines() if l.startswith("campaigns/test-forum/events/bad.zh.md:")]
    fields = [l.split(":")[2].strip() for l in lines]
    assert sorted(fields) == sorted(["title", "sumary", "summary", "end", "time"])
    assert len(lines) == len(set(lines))


def _campaign(*args, cwd):
    return subprocess.run([sys.executable, "-m", "build_tools.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_campaign_check_summarises_valid_content_and_fails_on_mistakes(tmp_path):
    project = _tiny_site(tmp_path / "p", events=2)
    ok = _campaign("check", cwd=project)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip() == "内容检查通过：1 个宣传活动，2 个活动，0 个故事，1 篇新闻；译文 0 篇。"
    (project / "campaigns" / "test-forum" / "events" / "event-1.zh.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    bad = _campaign("check", cwd=project)
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        "campaigns/test-forum/events/event-1.zh.md:1: start: 缺少必填字段 start",
        "campaigns/test-forum/events/event-1.zh.md:1: summary: 缺少必填字段 summary",
    ]
