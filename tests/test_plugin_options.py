"""The plugin's options: each bad value stops `mkdocs build` and `campaign check` alike with
one line naming the option, never a traceback; both read the same values and defaults."""
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.cli.main import main as campaign
from build_tools.core.config import load_settings
from conftest import copy_project

PLUGIN_LINE = "      page_size: 20\n"
EN_LINE = "          tag: en\n"
# option -> (text replaced in mkdocs.yml, replacement)
BAD = {
    "page_size": [(PLUGIN_LINE, "      page_size: 0\n"), (PLUGIN_LINE, "      page_size: twenty\n")],
    "timezone": [("      timezone: Asia/Shanghai\n", "      timezone: Mars/Base\n")],
    "languages": [("      languages: [zh, en, mn]\n", "      languages: []\n"),
                  ("      languages: [zh, en, mn]\n", "      languages: [zh, en, mn, zh]\n"),
                  ("      languages: [zh, en, mn]\n", "      languages: [zh, en, ../mn]\n")],
    # A language with no CLDR locale of its own or in its options: they are where it is fixed.
    "language_options": [("      languages: [zh, en, mn]\n", "      languages: [zh, en, mn, qq]\n"),
                         (EN_LINE, EN_LINE + "          locale: xx_NOWHERE\n"),
                         (EN_LINE, EN_LINE + "          writing_mode: sideways\n"),
                         ("      language_options:\n", "      language_options:\n        fr: French\n")],
    "embed_hosts": [(PLUGIN_LINE, PLUGIN_LINE + "      embed_hosts: [\"https://player.example.org/\"]\n")],
    "content_dir": [("      content_dir: campaigns\n", "      content_dir: no-such-folder\n")],
    "share_cards": [(PLUGIN_LINE, PLUGIN_LINE + "      share_cards: sometimes\n")],
}
CASES = [(name, old, new) for name, changes in BAD.items() for old, new in changes]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("options") / "p", with_content=False)


def _config(project: Path, old: str, new: str) -> Path:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    path = project / f"mkdocs-{abs(hash(new))}.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _one_line_naming(output: str, name: str) -> None:
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if f"plugins.campaigns.{name}" in line]
    assert len(lines) == 1, output


@pytest.mark.parametrize("name,old,new", CASES, ids=[f"{c[0]}-{c[2].split(':', 1)[-1].strip()}" for c in CASES])
def test_a_bad_option_stops_mkdocs_build_with_one_line_naming_it(project, tmp_path, name, old, new):
    config = _config(project, old, new)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
                         cwd=project, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    _one_line_naming(run.stdout + run.stderr, name)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name,old,new", CASES, ids=[f"{c[0]}-{c[2].split(':', 1)[-1].strip()}" for c in CASES])
def test_a_bad_option_stops_campaign_check_with_one_line_naming_it(project, capsys, name, old, new):
    config = _config(project, old, new)
    assert campaign(["--config", str(config), "check"]) == 2
    out = capsys.readouterr()
    _one_line_naming(out.out + out.err, name)


def test_campaign_and_the_plugin_read_the_same_settings(project):
    """Options left out take the same defaults in both; given ones the same values."""
    from mkdocs.config import load_config

    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("  - campaigns:\n"):text.index("markdown_extensions:")]
    bare = _config(project, block, "  - campaigns:\n      page_size: 7\n\n")
    config = load_config(config_file=str(bare))
    plugin = config.plugins["campaigns"]
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    ours = plugin.state.settings
    theirs = load_settings(bare)
    assert ours == theirs
    assert (ours.page_size, ours.languages, ours.timezone, ours.language_options) == (7, ("zh", "en"), "Asia/Shanghai", {})


@pytest.mark.parametrize("text", [None, "site_name: [\n", "- a list\n", "plugins:\n  - campaigns: [page_size]\n"])
def test_an_unreadable_configuration_is_one_line_too(tmp_path, capsys, text):
    config = tmp_path / "mkdocs.yml"
    if text is not None:
        config.write_text(text, encoding="utf-8")
    assert campaign(["--config", str(config), "check"]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.err.count("\n") == 1 and out.err.startswith(str(config)), out.err
