"""Content images: safe decoding, then what the public gets (upright, sRGB, no metadata,
a few widths in WebP with a JPEG or PNG fallback). Pure functions; no cache, no paths.
"""
from __future__ import annotations

import hashlib
import json
import re
import warnings
from dataclasses import asdict, dataclass
from io import BytesIO

import PIL
from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError, features

# Only these decoders ever see a file: fewer parsers, fewer surprises.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")
# Bump when the processing below changes what is published: it is part of the cache key.
PIPELINE_VERSION = 2
# libwebp writes at most 16383 px a side (JPEG 65535; PNG has no such limit): a copy
# beyond it cannot be published at all. AVIF is not written.
WEBP_MAX_SIDE = 16383

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_MAGIC = [  # what a file that is not an image we accept really is, for the message
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP / Office"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"), (b"8BPS", "Photoshop PSD"), (b"\xd0\xcf\x11\xe0", "Office"),
    (b"<svg", "SVG"), (b"<?xml", "XML / SVG"), (b"<!DOCTYPE html", "HTML"), (b"<html", "HTML"),
]


@dataclass(frozen=True)
class Spec:
    """Everything that changes the published bytes; part of the cache key."""

    widths: tuple = (480, 960, 1600)
    webp_quality: int = 80
    jpeg_quality: int = 82

    def fingerprint(self) -> str:
        versions = {"pipeline": PIPELINE_VERSION, "pillow": PIL.__version__,
                    "webp": features.version("webp"), "jpeg": features.version("jpg"),
                    "zlib": features.version("zlib"), "lcms": features.version("littlecms2")}
        text = json.dumps({"spec": asdict(self), **versions}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


class ImageError(Exception):
    """A file that cannot be published as an image; code is a message code."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"
    data: bytes


@dataclass(frozen=True)
class Processed:
    width: int  # of the upright image
    height: int
    gps: bool  # the original carries a position
    fallback: str  # "jpeg" or "png"
    variants: tuple  # Variant, smallest first, WebP and fallback per width


def is_image_path(path: str) -> bool:
    return path.lower().endswith(EXTENSIONS)


def what_is(data: bytes) -> str:
    """A short name for what a file really is (for a message)."""
    head = data[:64].lstrip()
    for magic, name in _MAGIC:
        if head.startswith(magic) or head.lower().startswith(magic.lower()):
            return name
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftyphevc"):
        return "HEIC"
    if data[4:12] == b"ftypavif":
        return "AVIF"
    if not data:
        return "empty file"
    return "unknown"


def decode(data: bytes, need: int = 0, spec: Spec = Spec()) -> tuple[Image.Image, bool]:
    """The first frame of an accepted image, fully decoded; and whether it has GPS.

    Pillow's decompression-bomb warning (Image.MAX_IMAGE_PIXELS) is an error here, and so
    is a size whose published copies no encoder can write (`check_encodable`): both are
    decided from the header, before any pixel is decoded, for the check and the build alike.
    `need` lets JPEG decode at a reduced scale that still gives `need` pixels a side.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(BytesIO(data), formats=FORMATS)
        except UnidentifiedImageError:
            raise ImageError("image_not_image", actual=what_is(data)) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageError("image_too_large", size=_pixels(str(exc)), limit=_mp(Image.MAX_IMAGE_PIXELS)) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageError("image_corrupt", detail=_detail(exc)) from None
        try:
            check_encodable(*upright_size(im), spec)
            gps = has_gps(im)
            if im.format == "JPEG" and need:
                im.draft(im.mode if im.mode in ("RGB", "L") else None, (need, need))
            im.seek(0)
            im.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageError("image_too_large", size=_pixels(str(exc)), limit=_mp(Image.MAX_IMAGE_PIXELS)) from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, ZeroDivisionError) as exc:
            raise ImageError("image_corrupt", detail=_detail(exc)) from None
    return im, gps


def upright_size(im: Image.Image) -> tuple[int, int]:
    """(width, height) once EXIF orientation is applied, from the header alone."""
    width, height = im.size
    try:
        turned = im.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8)  # a quarter turn
    except Exception:  # an unreadable EXIF block: publishable() keeps the pixels as stored
        turned = False
    return (height, width) if turned else (width, height)


def check_encodable(width: int, height: int, spec: Spec) -> None:
    """Refuse an image some published copy of which (one per width of `widths_for`, never
    upscaled) would be longer on a side than WebP allows. Cropping or splitting it is the
    editor's choice: a resize that fitted it would publish a different picture."""
    for w in widths_for(width, spec):
        h = max(1, round(height * w / width))
        if max(w, h) > WEBP_MAX_SIDE:
            raise ImageError("image_side_too_long", width=width, height=height, limit=WEBP_MAX_SIDE)


def has_gps(im: Image.Image) -> bool:
    try:
        gps = im.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:  # a broken EXIF block is dropped anyway; it just cannot tell
        gps = {}
    xmp = im.info.get("xmp") or b""
    xmp = xmp.encode("utf-8", "replace") if isinstance(xmp, str) else xmp
    return bool(gps) or b"GPSLatitude" in xmp


def publishable(im: Image.Image) -> Image.Image:
    """Upright, sRGB, RGB or RGBA, and nothing else: no EXIF, XMP, ICC or comments."""
    try:
        im = ImageOps.exif_transpose(im)
    except Exception:  # an unreadable orientation tag: keep the pixels as stored
        pass
    icc = im.info.get("icc_profile")
    alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    if im.mode.startswith("I"):  # 16-bit grey: scale to 8 bits (a plain convert clips to white)
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if im.mode not in ("RGB", "RGBA", "L", "CMYK"):
        im = im.convert("RGBA" if alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc))
            out_mode = "RGBA" if im.mode == "RGBA" else "RGB"
            im = ImageCms.profileToProfile(im, source, _SRGB, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels are read as sRGB
    if im.mode not in ("RGB", "RGBA"):
        im = im.convert("RGB")
    if im.mode == "RGBA" and im.getextrema()[3][0] == 255:
        im = im.convert("RGB")  # an alpha channel that hides nothing
    clean = Image.new(im.mode, im.size)
    clean.paste(im)  # a new image: no info, no EXIF, no palette leftovers
    return clean


def widths_for(width: int, spec: Spec) -> list[int]:
    """The configured widths below the image's own; its own width if it is not larger. Never upscaled."""
    chosen = {w for w in spec.widths if w < width}
    if width <= max(spec.widths):
        chosen.add(width)
    return sorted(chosen)


def process(data: bytes, spec: Spec = Spec()) -> Processed:
    im, gps = decode(data, need=max(spec.widths), spec=spec)
    im = publishable(im)
    width, height = im.size
    fallback = "png" if im.mode == "RGBA" else "jpeg"
    variants = []
    for w in widths_for(width, spec):
        h = max(1, round(height * w / width))
        scaled = im if w == width else im.resize((w, h), Image.LANCZOS, reducing_gap=3.0)
        variants.append(Variant(w, h, "webp", _encode(scaled, "webp", spec)))
        variants.append(Variant(w, h, fallback, _encode(scaled, fallback, spec)))
    return Processed(width, height, gps, fallback, tuple(variants))


def inspect(data: bytes, spec: Spec = Spec()) -> tuple[int, int, bool]:
    """Decode fully (to find truncation) without publishing: (width, height, gps)."""
    im, gps = decode(data, spec=spec)
    return (*upright_size(im), gps)


def _encode(im: Image.Image, fmt: str, spec: Spec) -> bytes:
    buf = BytesIO()
    if fmt == "webp":
        im.save(buf, "WEBP", quality=spec.webp_quality, method=4, exact=False)
    elif fmt == "jpeg":
        im.save(buf, "JPEG", quality=spec.jpeg_quality, optimize=True, progressive=True)
    else:
        im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _detail(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "…"


def _pixels(message: str) -> str:
    found = re.search(r"\((\d+) pixels\)", message)
    return f"{_mp(int(found.group(1)))}" if found else "?"


def _mp(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}"
