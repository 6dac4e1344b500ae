"""Synthetic but realistic bilingual content, for scaling tests and the benchmark.

Text is drawn from the seed-like sentences below, so that pages have the length and
the character mix of real Chinese campaign pages. Output is deterministic for a seed.

`realistic=True` gives the benchmark's content: bodies of the length the department's
pages have (events about 500 Chinese characters, articles about 1,000, stories about
1,300, with section headings), a photo for every event and a portrait for every story.
"""
from __future__ import annotations

import io
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
# More sentences in the register of the source documents, used for realistic lengths.
MORE_ZH = [
    "坚持保护优先，全面落实基本草原保护、草畜平衡、禁牧休牧等制度。",
    "加快推进“三北”工程建设，提高黄河、嫩江、西辽河等流域森林植被覆盖度。",
    "到2035年，草原综合植被盖度稳定在45%以上，草原多样性显著增加。",
    "全区已组建四级生态环境志愿服务队伍152支，注册志愿者3.1万余人。",
    "各地累计开展志愿服务活动3300余场次，宣讲2850余场。",
    "自治区生态环境厅联合教育、共青团等部门建设青少年生态环境教育实践基地106个。",
    "活动现场设置了垃圾分类互动游戏、环保知识问答和旧物改造展示区。",
    "参加培训的学员表示，课程内容贴近实际，对做好基层生态环境工作很有帮助。",
    "志愿者向过往群众发放宣传手册，讲解节约用水、绿色出行等生活小常识。",
    "专家结合浑善达克、科尔沁沙地治理实践，介绍了防沙治沙的经验做法。",
    "黄河在内蒙古境内流经843公里，是沿岸各族群众的生命之河。",
    "生态文学作品展集中展示了一批反映北疆生态之美的优秀作品。",
    "作家们走进锡林郭勒草原，实地感受生态保护修复带来的变化。",
    "下一步，将持续完善志愿服务招募、培训、记录和激励机制。",
    "与会代表围绕生态文明思想的实践要求进行了深入交流和研讨。",
    "少年儿童生态环境保护主题音乐专辑在网络平台播放量超过380万次。",
    "本次活动由自治区生态环境厅主办，各盟市生态环境局协办。",
    "社区居民纷纷表示，要从身边小事做起，争做美丽中国建设的行动者。",
    "讲解员带领大家参观了湿地保护展厅，介绍了候鸟迁徙和栖息地保护情况。",
    "活动期间，各盟市同步开展了形式多样的宣传教育活动。",
    "报告会邀请基层一线的生态环境保护工作者讲述亲身经历。",
    "通过线上线下相结合的方式，进一步扩大了活动的覆盖面和影响力。",
    "牧民群众积极参与草原巡护，守护家乡的绿水青山。",
    "学校将生态文明教育纳入课堂教学和校园文化建设。",
]
HEADINGS_ZH = ["活动概况", "主要做法", "工作成效", "群众反响", "下一步安排", "背景介绍", "典型经验"]
SENTENCES_EN = [
    "Inner Mongolia is the largest and most diverse ecological functional zone in northern China.",
    "Volunteer teams at every level give talks in communities, schools and pastoral areas.",
    "Writers visited enterprises, mines, deserts, rivers and lakes across the region.",
    "Volunteers planted trees along the Yellow River and promoted green, low-carbon living.",
]
MORE_EN = [
    "The region has 152 volunteer teams at four levels and more than 31,000 registered volunteers.",
    "Grassland vegetation cover is to stay above 45 percent by 2035.",
    "The Yellow River flows 843 kilometres through Inner Mongolia.",
    "Participants said the course was practical and close to their daily work.",
    "Volunteers handed out leaflets on saving water and travelling green.",
    "Experts described how the Hunshandake and Horqin sandlands were brought under control.",
    "The exhibition brought together literary works on the beauty of the northern frontier.",
    "Residents said they would start with small things in their own lives.",
]
HEADINGS_EN = ["Overview", "What was done", "Results", "Response", "Next steps", "Background"]
CITIES = ["呼和浩特市", "包头市", "鄂尔多斯市", "锡林郭勒盟", "呼伦贝尔市", "赤峰市", "通辽市", "乌兰察布市"]
# Chinese characters per body, by kind, for realistic content (about the department's own pages).
BODY_CHARS = {"campaign": 600, "event": 500, "story": 1300, "article": 1000}


def _paragraphs(rng: random.Random, pool: list[str], count: int, per: int) -> str:
    return "\n\n".join("".join(rng.choice(pool) for _ in range(per)) for _ in range(count))


def _long_body(rng: random.Random, pool: list[str], headings: list[str], chars: int) -> str:
    """About `chars` characters in paragraphs of three to five sentences, a heading every few."""
    parts, size, n = [], 0, 0
    target = int(chars * rng.uniform(0.7, 1.3))
    while size < target:
        if n and n % 3 == 0:
            parts.append(f"## {headings[(n // 3 - 1) % len(headings)]}")
        paragraph = "".join(rng.choice(pool) for _ in range(rng.randint(3, 5)))
        parts.append(paragraph)
        size += len(paragraph)
        n += 1
    return "\n\n".join(parts)


def photo(index: int, width: int = 1200, height: int = 800) -> bytes:
    """A distinct JPEG for every index, with the detail (and so the size) of a web photo."""
    from PIL import Image, ImageDraw

    rng = random.Random(index)
    base = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width // 4, height // 4), 30 + index % 20).resize((width, height))
    image = Image.merge("RGB", (base, noise, base.rotate(90 + index % 180).resize((width, height))))
    draw = ImageDraw.Draw(image)
    for _ in range(3):
        x, y = rng.randrange(width - 200), rng.randrange(height - 200)
        draw.ellipse((x, y, x + rng.randint(80, 200), y + rng.randint(80, 200)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def write_items(content_dir: Path, n: int, seed: int = 1, image: bytes | None = None,
                realistic: bool = False) -> dict:
    """Write about n items (campaigns, events, stories, articles) with English translations.

    Returns the count per kind. Every tenth campaign folder gets the given image as cover.
    With `realistic`, bodies have realistic lengths, every event has a photo of its own
    and every story a portrait (people's portraits with consent).
    """
    rng = random.Random(seed)
    counts = {"campaign": 0, "event": 0, "story": 0, "article": 0}
    pool_zh = SENTENCES_ZH + MORE_ZH if realistic else SENTENCES_ZH
    pool_en = SENTENCES_EN + MORE_EN if realistic else SENTENCES_EN
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
               _body(rng, "campaign", pool_zh, realistic, 4, 3))
        _write(folder / "index.en.md", f"title: Campaign {c}\nsummary: {rng.choice(SENTENCES_EN)}\n",
               _body_en(rng, "campaign", pool_en, realistic, 3, 2))
        counts["campaign"] += 1
        for i in range(per_campaign - 1):
            kind = ("event", "story", "article")[i % 3]
            item = f"s{c:05d}-{i}"
            folder_kind = {"event": "events", "story": "stories", "article": "news"}[kind]
            path = folder / folder_kind / f"{item}.zh.md"
            picture = ""
            if realistic and kind in ("event", "story"):
                (folder / folder_kind).mkdir(parents=True, exist_ok=True)
                (folder / folder_kind / f"{item}.jpg").write_bytes(photo(c * per_campaign + i))
            if kind == "event":
                if realistic:
                    picture = f"cover: {item}.jpg\ncover_alt: 活动现场照片\n"
                meta = (f"title: 第{c}期活动之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\n"
                        f"start: {(day + timedelta(days=i % 3)).isoformat()}\n"
                        f"venue:\n  name: 活动中心\n  city: {rng.choice(CITIES)}\n{picture}")
            elif kind == "story":
                person = realistic and i % 2 == 0
                if realistic:
                    picture = f"portrait: {item}.jpg\nportrait_alt: 志愿者在活动现场\n"
                    if person:
                        picture += "consent:\n  obtained: 2024-05-20\n  scope: 同意在本网站使用姓名与肖像\n"
                subject = f"示例志愿者{c}-{i}" if person else f"第{c}志愿服务队"
                meta = (f"title: 第{c}期志愿服务故事之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\n"
                        f"subject: {subject}\nsubject_type: {'person' if person else 'team'}\n"
                        f"region: {rng.choice(CITIES)}\n{picture}")
            else:
                meta = (f"title: 第{c}期新闻之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\n"
                        f"date: {(day + timedelta(days=3)).isoformat()}\nsource: 内蒙古自治区生态环境厅\n")
            body = _body(rng, kind, pool_zh, realistic, 5, 4)
            if realistic and i > 0:  # pages link to their campaign's first event, as real ones do
                body += f"\n\n详见[本期活动](../events/s{c:05d}-0.zh.md)。"
            _write(path, meta, body)
            _write(path.with_name(f"{item}.en.md"), f"title: Item {c}-{i}\nsummary: {rng.choice(SENTENCES_EN)}\n",
                   _body_en(rng, kind, pool_en, realistic, 4, 3))
            counts[kind] += 1
    return counts


def _body(rng, kind, pool, realistic, count, per) -> str:
    if realistic:
        return _long_body(rng, pool, HEADINGS_ZH, BODY_CHARS[kind])
    return _paragraphs(rng, pool, count, per)


def _body_en(rng, kind, pool, realistic, count, per) -> str:
    if realistic:  # an English translation is about three times as many characters
        return _long_body(rng, pool, HEADINGS_EN, BODY_CHARS[kind] * 3)
    return _paragraphs(rng, pool, count, per)


def _write(path: Path, front_matter: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter}---\n\n{body}\n", encoding="utf-8")


def write_events(content_dir: Path, n: int, campaigns: int = 10, chars: int = 1500, seed: int = 1) -> dict:
    """The build-cost scenario's content: n events in `campaigns` campaigns, each in Chinese
    and English, bodies of exactly `chars` characters of the seed text, no photos."""
    rng = random.Random(seed)
    start = date(2024, 3, 4)
    for c in range(campaigns):
        folder = content_dir / f"synthetic-campaign-{c:05d}"
        day = start + timedelta(days=14 * c)
        _write(folder / "index.zh.md",
               f"title: 第{c}期生态环境宣传活动\nsummary: {rng.choice(SENTENCES_ZH)}\nkind: other\n"
               f"year: {day.year}\nstart: {day.isoformat()}\nend: {(day + timedelta(days=6)).isoformat()}\n"
               "organizers: [内蒙古自治区生态环境厅]\n", _exact_body(rng, SENTENCES_ZH + MORE_ZH, HEADINGS_ZH, chars))
        _write(folder / "index.en.md", f"title: Campaign {c}\nsummary: {rng.choice(SENTENCES_EN)}\n",
               _exact_body(rng, SENTENCES_EN + MORE_EN, HEADINGS_EN, chars))
    for i in range(n):
        c = i % campaigns
        day = start + timedelta(days=14 * c + i // campaigns % 7)
        path = content_dir / f"synthetic-campaign-{c:05d}" / "events" / f"e{i:05d}.zh.md"
        _write(path, f"title: 第{c}期活动之{i}\nsummary: {rng.choice(SENTENCES_ZH)}\nstart: {day.isoformat()}\n"
               f"venue:\n  name: 活动中心\n  city: {rng.choice(CITIES)}\n",
               _exact_body(rng, SENTENCES_ZH + MORE_ZH, HEADINGS_ZH, chars))
        _write(path.with_name(f"e{i:05d}.en.md"), f"title: Event {c}-{i}\nsummary: {rng.choice(SENTENCES_EN)}\n",
               _exact_body(rng, SENTENCES_EN + MORE_EN, HEADINGS_EN, chars))
    return {"campaign": campaigns, "event": n}


def _exact_body(rng, pool: list[str], headings: list[str], chars: int) -> str:
    """Paragraphs of the seed sentences, a heading every three, cut at `chars` characters of text."""
    parts, size, n = [], 0, 0
    while size < chars:
        if n and n % 3 == 0:
            parts.append(f"## {headings[(n // 3 - 1) % len(headings)]}")
        paragraph = "".join(rng.choice(pool) for _ in range(rng.randint(3, 5)))[:chars - size]
        parts.append(paragraph)
        size += len(paragraph)
        n += 1
    return "\n\n".join(parts)
