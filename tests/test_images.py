"""Content images as the public gets them: upright, without metadata, in a few widths,
refused with a clear message when broken, and made once through the cache."""
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from PIL import Image

from build_tools.core.config import load_settings
from build_tools.media.decode import ImageError, Spec, decode, inspect, process, widths_for
from build_tools.media.stage import cache_for
from build_tools.pipeline import build
from conftest import ROOT, copy_project, mkdocs_build
from htmlsite import parse
from imagefiles import (animated_gif, huge_png, metadata_markers, pdf_named_jpg, photo, transparent_png,
                        truncated_jpeg)

DEMO_PHOTO = "2024-ecological-literature-week/xilingol-grassland-photo"

CAMPAIGN = """---
title: 图片测试活动
summary: 用来检查图片处理的活动。
kind: other
year: 2024
start: 2024-06-05
cover: cover.jpg
cover_alt: 蓝天下的草原
---
正文第一段。

![草原上的志愿者](photo.jpg)

另见[原图下载](photo.jpg)和 ![](logo.png "标志")。
"""


def _project(root: Path, files: dict, campaign: str = CAMPAIGN) -> Path:
    copy_project(root, with_content=False)
    folder = root / "campaigns" / "image-test"
    folder.mkdir(parents=True)
    (folder / "index.zh.md").write_text(campaign, encoding="utf-8")
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data) if isinstance(data, bytes) else target.write_text(data, encoding="utf-8")
    return root


def _build(project: Path):
    return build(load_settings(project / "mkdocs.yml"))


def _published(result, stem: str) -> dict:
    return {o.path: Path(o.source).read_bytes() for o in result.outputs
            if o.path.startswith(f"media/image-test/{stem}.")}


def _width(path: str) -> int:
    return int(path.split(".")[-2])


# The acceptance photo: stored turned (EXIF orientation 6), in the demo content.

def test_demo_photo_is_published_upright_and_without_any_metadata(demo_site: Path):
    original = ROOT / "campaigns" / f"{DEMO_PHOTO}.jpg"
    with Image.open(original) as im:  # the demo keeps the turn, and nothing that identifies the camera or place
        assert dict(im.getexif()) == {0x0112: 6} and not im.getexif().get_ifd(0x8825)
        assert im.size == (800, 1200)
    committed = subprocess.run(["git", "show", f"HEAD:campaigns/{DEMO_PHOTO}.jpg"], cwd=ROOT, capture_output=True).stdout
    assert original.read_bytes() == committed  # the original is never modified
    published = sorted((demo_site / "media").glob(f"{DEMO_PHOTO}.*"))
    assert {p.suffix for p in published} == {".webp", ".jpg"} and len(published) >= 4
    assert not (demo_site / "media" / f"{DEMO_PHOTO}.jpg").exists()  # nor published as it is
    for path in published:
        data = path.read_bytes()
        assert metadata_markers(data) == [], path.name
        with Image.open(path) as im:
            assert im.width > im.height, path.name  # upright: the stored 800×1200 was a turned 1200×800
            assert not im.getexif() and not ({"exif", "xmp", "icc_profile", "comment"} & set(im.info)), path.name
            rgb = im.convert("RGB")
            top, bottom = rgb.getpixel((im.width // 2, 2)), rgb.getpixel((im.width // 2, im.height - 3))
            assert top[2] > top[1] and bottom[1] > bottom[2], path.name  # the sky is at the top


def test_demo_page_shows_the_photo_as_a_responsive_picture(demo_site: Path):
    page = parse(demo_site / "events" / "xilingol-writers-field-visit" / "index.html")
    picture = page.xpath("//figure[contains(@class,'cs-figure--cover')]/picture")[0]
    webp = picture.xpath(".//source[@type='image/webp']")[0]
    img = picture.xpath(".//img")[0]  # lxml nests it in <source>, which HTML 4 did not know
    widths = [int(part.split()[-1][:-1]) for part in webp.get("srcset").split(",")]
    assert widths == sorted(widths) and max(widths) <= 1200  # the photo is 1200 wide: never upscaled
    assert img.get("alt").startswith("示意图：锡林郭勒草原") and img.get("sizes") and webp.get("sizes")
    assert img.get("loading") == "eager"  # the cover is at the top of the page
    assert int(img.get("width")) * 2 == int(img.get("height")) * 3
    for url in [img.get("src")] + [p.split()[0] for p in img.get("srcset").split(",")]:
        assert (demo_site / "events" / "xilingol-writers-field-visit" / url).resolve().is_file(), url


# Broken files: one clear message each, naming the file and the page; nothing crashes.

def test_broken_images_fail_the_build_with_a_message_naming_each_file(tmp_path):
    campaign = CAMPAIGN.replace("cover: cover.jpg", "cover: huge.png").replace("](photo.jpg)", "](truncated.jpg)", 1)
    campaign = campaign.replace('![](logo.png "标志")', "![扫描件](scan.jpg)").replace("[原图下载](photo.jpg)", "[原图](photo.jpg)")
    project = _project(tmp_path / "p", {"huge.png": huge_png(), "truncated.jpg": truncated_jpeg(),
                                        "scan.jpg": pdf_named_jpg(), "photo.jpg": photo()}, campaign)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("campaigns/image-test/index.zh.md:")]
    by_file = {name: [line for line in lines if f"campaigns/image-test/{name}" in line]
               for name in ("huge.png", "truncated.jpg", "scan.jpg")}
    assert all(len(found) == 1 for found in by_file.values()), lines
    assert by_file["huge.png"][0].startswith("campaigns/image-test/index.zh.md:7: cover:")
    assert "太大" in by_file["huge.png"][0] and "400 百万像素" in by_file["huge.png"][0]
    assert "已损坏或不完整" in by_file["truncated.jpg"][0] and ": body:" in by_file["truncated.jpg"][0]
    assert "实际是 PDF" in by_file["scan.jpg"][0]
    assert not any("photo.jpg" in line for line in lines)  # the good image next to them is fine


def test_decoding_refuses_what_is_not_an_accepted_image():
    for data, code in ((huge_png(), "image_too_large"), (truncated_jpeg(), "image_corrupt"),
                       (pdf_named_jpg(), "image_not_image"), (b"", "image_not_image")):
        try:
            decode(data)
        except ImageError as exc:
            assert exc.code == code
        else:
            raise AssertionError(f"{code} not raised")


# What is published.

def test_widths_are_never_upscaled_and_formats_follow_transparency():
    spec = Spec()
    assert widths_for(3000, spec) == [480, 960, 1600]
    assert widths_for(1200, spec) == [480, 960, 1200]
    assert widths_for(300, spec) == [300]
    small = process(photo(300, 200), spec)
    assert {(v.width, v.format) for v in small.variants} == {(300, "webp"), (300, "jpeg")}
    clear = process(transparent_png(), spec)
    assert {v.format for v in clear.variants} == {"webp", "png"}
    with Image.open(BytesIO(next(v.data for v in clear.variants if v.format == "png"))) as im:
        assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0  # transparency kept in the fallback
    gif = process(animated_gif(), spec)
    for v in gif.variants:
        with Image.open(BytesIO(v.data)) as im:
            assert getattr(im, "n_frames", 1) == 1  # the first frame only
            r, g, b = im.convert("RGB").getpixel((5, 5))
            assert r > 180 and g < 50 and b < 50  # red: the first frame, not the green or blue ones


def test_the_same_image_gives_the_same_bytes():
    data = photo(1700, 1100, orientation=6, gps=True)
    assert process(data) == process(data)


def test_print_and_scanner_colour_modes_come_out_as_the_same_colours():
    cmyk, grey16 = BytesIO(), BytesIO()
    Image.new("CMYK", (400, 300), (200, 0, 0, 0)).save(cmyk, "JPEG")  # 78 % cyan, as printers send
    scan = Image.frombytes("I;16", (400, 300), b"\x00\x80" * 400 * 300)  # a 16-bit scan at half grey
    scan.save(grey16, "PNG")
    for data, expected in ((cmyk.getvalue(), (55, 255, 255)), (grey16.getvalue(), (128, 128, 128))):
        done = process(data)
        with Image.open(BytesIO(done.variants[1].data)) as im:
            got = im.convert("RGB").getpixel((10, 10))
        assert all(abs(a - b) <= 6 for a, b in zip(got, expected)), (got, expected)


def test_png_and_webp_photos_lose_their_metadata_too():
    for fmt in ("PNG", "WEBP"):
        done = process(photo(640, 480, orientation=6, gps=True, fmt=fmt))
        assert done.gps and (done.width, done.height) == (640, 480)
        for v in done.variants:
            assert metadata_markers(v.data) == [], (fmt, v.format)


def test_body_images_become_lazy_pictures_and_links_point_at_published_copies(tmp_path):
    project = _project(tmp_path / "p", {"cover.jpg": photo(2000, 1000), "photo.jpg": photo(1000, 750, gps=True),
                                        "logo.png": transparent_png()})
    result = _build(project)
    assert result.errors == []
    page = next(o for o in result.outputs if o.path == "campaigns/image-test.md").content.decode("utf-8")
    body = page.split("正文第一段。", 1)[1]
    assert body.count("<picture>") == 2 and body.count('loading="lazy"') == 2
    assert 'alt="草原上的志愿者"' in body and 'alt=""' in body  # an empty alt stays empty (decorative)
    photo_largest = max((p for p in _published(result, "photo") if p.endswith(".jpg")), key=_width)
    assert f"[原图下载](../media/image-test/{Path(photo_largest).name})" in body
    header = page.split("正文第一段。", 1)[0]
    assert 'loading="eager"' in header and "cover." in header
    published = [o.path for o in result.outputs if o.path.startswith("media/")]
    assert not any(p.endswith(("/cover.jpg", "/photo.jpg", "/logo.png")) for p in published)
    assert max(map(_width, _published(result, "photo"))) == 1000


def test_changing_an_image_invalidates_its_cache_entry(tmp_path, monkeypatch):
    # its own cache: a shared one (CI keeps it between runs) may already hold the new picture
    monkeypatch.setenv("CAMPAIGN_CACHE_DIR", str(tmp_path / "cache"))
    project = _project(tmp_path / "p", {"cover.jpg": photo(900, 600), "photo.jpg": photo(700, 500),
                                        "logo.png": transparent_png()})
    first = _build(project)
    before = _published(first, "cover")
    second = _build(project)  # nothing changed: everything from the cache, the same files
    assert second.media.cache_stats["miss"] == 0 and _published(second, "cover") == before
    # the same name, other pixels
    (project / "campaigns" / "image-test" / "cover.jpg").write_bytes(photo(600, 901))
    third = _build(project)
    after = _published(third, "cover")
    assert set(after).isdisjoint(before)  # new names: no browser or CDN keeps the old copy
    assert sorted(after.values()) != sorted(before.values())
    with Image.open(BytesIO(after[max((a for a in after if a.endswith(".jpg")), key=_width)])) as im:
        assert im.size == (600, 901)  # the new image, not the old one
    images_missed = third.media.cache_stats["miss"]
    assert images_missed >= 1
    assert _published(third, "photo") == _published(first, "photo")  # the others were not made again


def test_a_damaged_cache_entry_is_made_again_not_served(tmp_path):
    project = _project(tmp_path / "p", {"cover.jpg": photo(900, 600), "photo.jpg": photo(700, 500),
                                        "logo.png": transparent_png()})
    result = _build(project)
    first = _published(result, "cover")
    cached = [Path(o.source) for o in result.outputs if o.path in first and o.path.endswith(".webp")]
    assert cached and all(cache_for(result.site.settings).root in path.parents for path in cached)
    for path in cached:
        path.write_bytes(path.read_bytes()[:100])  # a build that stopped while writing, a full disk
    assert _published(_build(project), "cover") == first


def test_the_demo_content_carries_no_gps_position():
    photos = sorted(p for p in (ROOT / "campaigns").rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    assert photos
    for path in photos:
        assert inspect(path.read_bytes())[2] is False, path  # the check's GPS warning would be noise


def test_campaign_check_warns_about_gps_and_missing_alt_text(tmp_path):
    campaign = CAMPAIGN.replace("cover_alt: 蓝天下的草原\n", "")
    project = _project(tmp_path / "p", {"cover.jpg": photo(gps=True), "photo.jpg": photo(),
                                        "logo.png": transparent_png()}, campaign)
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "check"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr  # warnings do not fail the check
    lines = result.stdout.splitlines()
    assert any(line.startswith("campaigns/image-test/index.zh.md:7: cover: 警告: 图片 campaigns/image-test/cover.jpg 含有 GPS")
               for line in lines), lines
    missing_alt = [line for line in lines if "没有替代文字" in line]
    assert len(missing_alt) == 2, lines  # the cover, and the body image written ![](logo.png)
    assert any(": cover: " in line and "cover_alt" in line for line in missing_alt)
    assert any(": body: " in line and "logo.png" in line for line in missing_alt)
