"""Messages for mistakes made on a Chinese keyboard: plain Chinese, the editor's line, a fix."""
import re

import pytest

from build_tools.content.date_forms import suggest
from build_tools.content.strict_yaml import parse_mapping
from golden_cases import load_cases, read_case

# Words of PyYAML and pydantic, and Python's empty values, that an editor cannot act on.
PARSER_WORDS = re.compile(r"\b(null|None|could not|found character|expected <|while scanning|mapping values)\b")


def test_no_chinese_message_of_the_corpus_speaks_parser_english():
    cases = [read_case(path) for path in load_cases()]
    assert len([c for c in cases if c["expected"]["zh"].strip()]) >= 30
    for case in cases:
        for line in case["expected"]["zh"].splitlines():
            message = line.split(": ", 1)[1]
            assert not PARSER_WORDS.search(message), line
            assert re.match(r"^campaigns/\S+\.(md|yml):\d+: ", line), line  # every message names file and line


@pytest.mark.parametrize("written, fixed", [
    ("2026/12/2", "2026-12-02"),
    ("2026年12月2日", "2026-12-02"),
    ("2026.12.2", "2026-12-02"),
    ("２０２６－１２－０２", "2026-12-02"),
    ("12月2日", "YYYY-12-02"),  # no year written: none is guessed
    ("2026年12月2日 下午3点", "2026-12-02T15:00:00"),
    ("2026/12/2 晚上8点半", "2026-12-02T20:30:00"),
    ("2026年12月2日 中午12点", "2026-12-02T12:00:00"),
    ("2026年2月30日", None),  # no such day: nothing to suggest
    ("2026-12-02 25:00", None),
    ("冬至", None),
])
def test_dates_written_the_chinese_way_are_shown_rewritten(written, fixed):
    assert suggest(written) == fixed


@pytest.mark.parametrize("text, line, code", [
    ("title: 讲座\nsummary： 简介\nstart: 2026-12-02\n", 2, "yaml_fullwidth_colon"),
    ("title: 讲座\nvenue:\n\tname: 会场\n", 3, "yaml_tab"),
    ("title: 讲座\nsummary:简介\nstart: 2026-12-02\n", 2, "yaml_colon_space"),
    ('title: "讲座\nsummary: 简介\n', 1, "yaml_unclosed_quote"),
])
def test_a_yaml_slip_is_named_on_its_own_line(text, line, code):
    [issue] = parse_mapping(text).issues
    assert (issue.line, issue.code) == (line, code)


def test_a_colon_inside_a_quoted_value_or_a_url_is_not_a_slip():
    parsed = parse_mapping('title: "论坛：主题"\nsummary: 时间：下午\nregistration: https://example.org/a\n')
    assert parsed.issues == [] and parsed.data["summary"] == "时间：下午"
