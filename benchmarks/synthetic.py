"""Synthetic but realistic bilingual content, for scaling tests and the benchmark.

Text is drawn from the seed-like sentences below, so that pages have the length and
the character mix of real Chinese campaign pages. Output is deterministic for a seed.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

SENTENCES_ZH = [
    "内蒙古是我国北方面积最大、种类最全的生态功能区。",
    "各级生态环境志愿服务队伍深入社区、学校和牧区开展宣讲活动。",
    "活动邀请区内外文学名家访企业、看矿山、入大漠、观河湖。",
    "志愿者们在黄河岸边开展植树和垃圾清理，倡导绿色低碳生活方式。",
    "青少年生态实践教育基地为学生提供自然教育和科普课程。",
    "论坛围绕生态保护与绿色发展，共商生态保护之道，共谋绿色发展之策。",
    "通过“双微”平台开设专栏，广泛组织干部群众谈认识、谈体会。",
    "草原、森林、河湖、沙漠的保护修复工作取得新进展。",
]
SENTENCES_EN = [
    "Inner Mongolia is the largest and most diverse ecological functional zone in northern China.",
    "Volunteer teams at every level give talks in communities, schools and pastoral areas.",
    "Writers visited enterprises, mines, deserts, rivers and lakes across the region.",
    "Volunteers planted trees along the Yellow River and promoted green, low-carbon living.",
]
CITIES = ["呼和浩特市", "包头市", "鄂尔多斯市", "锡林郭勒盟", "呼伦贝尔市", "赤峰市", "通辽市", "乌兰察布市"]


def _paragraphs(rng: random.Random, pool: list[str], count: int, per: int) -> str:
    return "\n\n".join("".join(rng.choice(pool) for _ in range(per)) for _ in range(count))


def write_items(content_dir: Path, n: int, seed: int = 1, image: bytes | None = None) -> dict:
    """Write about n items (campaigns, events, stories, articles) with English translations.

    Returns the count per kind. Every tenth campaign folder gets the given image as cover.
    """
    rng = random.Random(seed)
    counts = {"campaign": 0, "event": 0, "story": 0, "article": 0}
    per_campaign = 10
    campaigns = max(1, n // per_campaign)
    start = date(2020, 1, 6)
    for c in range(campaigns):
        slug = f"synthetic-campaign-{c:05d}"
        folder = content_dir / slug
        day = start + timedelta(days=7 * c)
        cover = ""
        if image is not None and c % 10 == 0:
            (folder).mkdir(parents=True, exist_ok=True)
            (folder / "cover.jpg").write_bytes(image)
            cover = "cover: cover.jpg\ncover_alt: 示意图\n"
        _write(folder / "index.zh.md",
               f"title: 第{c}期生态环境宣传活动\nsummary: {rng.choice(SENTENCES_ZH)}\nkind: other\n"
               f"year: {day.year}\nstart: {day.isoformat()}\nend: {(day + timedelta(days=2)).isoformat()}\n"
               f"organizers: [内蒙古自治区生态环境厅]\n{cover}",
               _paragraphs(rng, SENTENCES_ZH, 4, 3))
        _write(folder / "index.en.md", f"title: Campaign {c}\nsummary: {rng.choice(SENTENCES_EN)}\n",
               _paragraphs(rng, SENTENCES_EN, 3, 2))
        counts["campaign"] += 1
        for i in range(per_campaign - 1):
            kind = ("event", "story", "article")[i % 3]
            item = f"s{c:05d}-{i}"
            folder_kind = {"event": "events", "story": "stories", "article": "news"}[kind]
            path = folder / folder_kind / f"{item}.zh.md"
            if kind == "event":
                meta = (f"title: 第{c}期活动之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\n"
                        f"start: {(day + timedelta(days=i % 3)).isoformat()}\n"
                        f"venue:\n  name: 活动中心\n  city: {rng.choice(CITIES)}\n")
            elif kind == "story":
                meta = (f"title: 第{c}期志愿服务故事之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\n"
                        f"subject: 第{c}志愿服务队\nsubject_type: team\nregion: {rng.choice(CITIES)}\n")
            else:
                meta = (f"title: 第{c}期新闻之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\n"
                        f"date: {(day + timedelta(days=3)).isoformat()}\nsource: 内蒙古自治区生态环境厅\n")
            _write(path, meta, _paragraphs(rng, SENTENCES_ZH, 5, 4))
            _write(path.with_name(f"{item}.en.md"), f"title: Item {c}-{i}\nsummary: {rng.choice(SENTENCES_EN)}\n",
                   _paragraphs(rng, SENTENCES_EN, 4, 3))
            counts[kind] += 1
    return counts


def _write(path: Path, front_matter: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter}---\n\n{body}\n", encoding="utf-8")
