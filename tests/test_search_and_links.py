"""Our search indexes (every language, Chinese cut into words and the cuts remembered) and
the files published from the build cache by hard links, never written through."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File

from benchmarks.synthetic import write_items
from build_tools.adapter import segments as segments_module
from build_tools.adapter.files import CachedFile, unlink_shared
from build_tools.adapter.search_index import IndexedPage, build_index, index_files
from build_tools.adapter.segments import Segments
from build_tools.core.settings import Settings
from conftest import copy_project

SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；]+")  # Material's for Chinese
EVENT = "campaigns/synthetic-campaign-00000/events/s00000-0.zh.md"


def _words(doc: dict) -> set:
    return {w for w in SEPARATOR.split(doc["title"] + " " + doc["text"]) if w}


def test_a_chinese_word_inside_a_sentence_is_found_and_its_cut_is_remembered(tmp_path, monkeypatch):
    settings = Settings(root=tmp_path, content_dir=tmp_path / "campaigns")
    monkeypatch.setenv("CAMPAIGN_CACHE_DIR", str(tmp_path / "cache"))
    page = IndexedPage("events/x/", "活动", '<h1 id="x">活动</h1><p>自治区举办生态文学周，作家走进草原。</p>'
                       '<h2 id="more">报名方式</h2><p>志愿者在社区报名。</p>')
    first = Segments(settings, [])
    index = json.loads(build_index({"lang": ["zh"]}, [page], first))
    assert [d["location"] for d in index["docs"]] == ["events/x/", "events/x/#more"]
    # Material's worker splits at the zero-width spaces: 生态 and 文学 are words of their own.
    assert {"生态", "文学", "草原"} <= _words(index["docs"][0]) and "社区" in _words(index["docs"][1])
    assert first.save(partial=False) is not None

    # The next build reads the cuts from the cache: jieba is not asked again.
    monkeypatch.setattr(segments_module, "cut", lambda text: pytest.fail(f"segmented again: {text}"))
    again = Segments(settings, [])
    assert build_index({"lang": ["zh"]}, [page], again) == json.dumps(index, ensure_ascii=False, separators=(",", ":"),
                                                                       sort_keys=True).encode("utf-8")
    assert again.save(partial=False) is None  # nothing new: the file is not written again
    # Another dictionary is another cache: its cuts are made anew.
    assert Segments(settings, [["user_dict.txt", 10, 1]]).path != again.path


def test_a_cached_file_is_linked_and_no_later_write_reaches_the_cache(tmp_path):
    entry = tmp_path / "cache" / "posters" / "a.png"
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"poster one")
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    # What File.generated reads of MkDocs' configuration.
    config = SimpleNamespace(site_dir=str(site), use_directory_urls=True, plugins=SimpleNamespace(_current_plugin="campaigns"))

    cached = CachedFile.generated(config, "posters/a.png", abs_src_path=str(entry))
    cached.copy_file()
    published = site / "posters" / "a.png"
    assert published.read_bytes() == b"poster one" and published.samefile(entry)
    assert not cached.is_modified()  # a --dirty build leaves it

    # The entry changes its name (another poster); the site's name is linked anew.
    other = entry.with_name("b.png")
    other.write_bytes(b"poster two")
    CachedFile.generated(config, "posters/a.png", abs_src_path=str(other)).copy_file(dirty=True)
    assert published.read_bytes() == b"poster two" and entry.read_bytes() == b"poster one"

    # A --dirty build that puts another file at that name: MkDocs writes into what it
    # finds there, so the link is removed first.
    (docs / "posters").mkdir()
    (docs / "posters" / "a.png").write_bytes(b"hand-made")
    plain = File("posters/a.png", str(docs), str(site), True)
    unlink_shared([plain])
    plain.copy_file()
    assert published.read_bytes() == b"hand-made"
    assert (entry.read_bytes(), other.read_bytes()) == (b"poster one", b"poster two")


def _build(project: Path, site: Path, cache: Path, *flags) -> None:
    env = {**os.environ, "CAMPAIGN_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site), *flags]
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr


def _files(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_with_the_cache_is_the_build_without_it_and_a_rebuild_leaves_the_cache_alone(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    write_items(project / "campaigns", 3)
    cache = tmp_path / "cache"
    _build(project, tmp_path / "cold", cache)
    entries = _files(cache)
    assert any(name.startswith("search/segments-") for name in entries)
    site = tmp_path / "warm"
    _build(project, site, cache, "--dirty")
    assert _files(site) == _files(tmp_path / "cold")
    assert _files(cache).items() >= {k: v for k, v in entries.items() if not k.startswith("generated/")}.items()
    card = site / "assets/cards/events/s00000-0.jpg"
    assert card.stat().st_nlink > 1  # linked from the cache, not copied

    # An edit changes the event's share card, published under the same name: a --dirty
    # rebuild links the new card there, and the old entry keeps its bytes.
    before = card.read_bytes()
    text = (project / EVENT).read_text("utf-8")
    (project / EVENT).write_text(text.replace("title: 第0期活动之0\n", "title: 改过标题的活动\n"), encoding="utf-8")
    _build(project, site, cache, "--dirty")
    assert card.read_bytes() != before
    assert {k: v for k, v in _files(cache).items() if k in entries and not k.startswith(("generated/", "search/"))} \
        == {k: v for k, v in entries.items() if not k.startswith(("generated/", "search/"))}
    # The Chinese index is ours, and finds the edited title's words.
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert any({"改", "过", "标题"} & _words(d) and d["location"] == "events/s00000-0/" for d in index["docs"])


def test_a_cut_in_the_cache_file_that_changes_the_text_is_not_used(tmp_path, monkeypatch):
    settings = Settings(root=tmp_path, content_dir=tmp_path / "campaigns")
    monkeypatch.setenv("CAMPAIGN_CACHE_DIR", str(tmp_path / "cache"))
    first = Segments(settings, [])
    text = "作家走进草原"
    first(text)
    path = first.save(partial=False)
    data = json.loads(path.read_text("utf-8"))
    key = next(iter(data))
    data[key] = '<img src=x onerror="alert(1)">'
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Segments(settings, [])(text).replace("\u200b", "") == text


def test_a_serve_rebuild_indexes_the_edited_page_anew_and_the_others_as_before(tmp_path):
    settings = Settings(root=tmp_path, content_dir=tmp_path / "campaigns")
    kept = IndexedPage("events/a/", "Forum", '<h1 id="a">Forum</h1><p>Grassland walk.</p>')
    edited = IndexedPage("events/b/", "Talk", '<h1 id="b">Talk</h1><p>Before the edit.</p>')
    pages = {"zh": {p.url: p for p in (kept, edited)}}
    memo = {}
    first = index_files(settings, pages, {"lang": ["en"]}, memo=memo)
    assert set(memo) == {kept, edited}
    edited = IndexedPage("events/b/", "Talk", '<h1 id="b">Talk</h1><p>After the edit.</p>')
    pages["zh"]["events/b/"] = edited
    again = index_files(settings, pages, {"lang": ["en"]}, memo=memo)
    fresh = index_files(settings, pages, {"lang": ["en"]})
    assert again == fresh != first and b"After the edit." in again["search/search_index.json"]
    assert set(memo) == {kept, edited}  # the old version of the edited page is forgotten
