"""A copy of the demo site with events that calendars find hard: a timed event (one
written in UTC), cancelled and postponed events, text full of iCalendar separators,
and a title that tries to end a script element."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import copy_project

LONG_CHINESE = "内蒙古自治区呼和浩特市赛罕区" + "生态环境宣传教育志愿服务活动中心" * 8 + "多功能报告厅"
TRICKY_TITLE = "座谈会, 逗号; 分号 \\ 反斜杠\n第二行：" + "生态文学与草原保护" * 6
TRICKY_VENUE = "会议室, A座; 3层 \\ 东侧"
SCRIPT_TITLE = "</script><script>alert(1)</script><!-- 标题"


def _yaml_double(text: str) -> str:
    """A YAML double-quoted scalar: backslashes, quotes and line breaks escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


CAMPAIGN = """---
title: 日历测试活动
summary: 用来检查日历的活动。
kind: forum
year: 2024
start: 2024-09-01
end: 2024-09-30
---
"""
EVENTS = {
    "evening-talk": """---
title: 夜间座谈会
summary: 晚上七点半开始。
start: 2024-09-03T19:30:00+08:00
end: 2024-09-03T21:00:00+08:00
venue:
  name: 内蒙古党校
  city: 呼和浩特市
---
""",
    "utc-written-talk": """---
title: 按世界时填写的讲座
summary: 时间按 UTC 填写。
start: 2024-09-04T01:00:00+00:00
end: 2024-09-04T02:30:00+00:00
---
""",
    "cancelled-meeting": """---
title: 取消的会议
summary: 这场会议取消了。
start: 2024-09-10
status: cancelled
---
""",
    "postponed-forum": """---
title: 延期的论坛
summary: 这场论坛延期了。
start: 2024-09-12
end: 2024-09-13
status: postponed
---
""",
    "tricky-text": f"""---
title: {_yaml_double(TRICKY_TITLE)}
summary: 摘要里也有逗号, 分号; 和反斜杠 \\
start: 2024-09-20
venue:
  name: {_yaml_double(TRICKY_VENUE)}
  address: {LONG_CHINESE}
---
""",
    "script-title": f"""---
title: '{SCRIPT_TITLE}'
summary: 标题想结束 script 元素。
start: 2024-09-25
---
""",
}


def make_calendar_project(root: Path) -> Path:
    copy_project(root)
    camp = root / "campaigns" / "calendar-test"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    for slug, text in EVENTS.items():
        (camp / "events" / f"{slug}.zh.md").write_text(text, encoding="utf-8")
    return root


SHANGHAI = ZoneInfo("Asia/Shanghai")


def site_times(text: str) -> tuple[datetime, datetime]:
    """The start and end an event page shows ("2024年9月3日 19:30–21:00"), as moments."""
    found = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})–(\d{2}):(\d{2})", text)
    assert found, text
    y, mo, d, h1, m1, h2, m2 = map(int, found.groups())
    return datetime(y, mo, d, h1, m1, tzinfo=SHANGHAI), datetime(y, mo, d, h2, m2, tzinfo=SHANGHAI)
