"""Image files for tests, made here: phone photos with EXIF, broken files, a pixel bomb."""
from __future__ import annotations

import struct
import zlib
from io import BytesIO

from PIL import Image, ImageDraw

GPS_IFD = 0x8825


def photo(width: int = 800, height: int = 600, orientation: int = 1, gps: bool = False, fmt: str = "JPEG",
          mode: str = "RGB") -> bytes:
    """A picture whose upright top is blue and bottom green, stored turned as the camera
    would for the orientation given, with the EXIF a phone writes."""
    upright = Image.new("RGB", (width, height), (40, 110, 200))
    ImageDraw.Draw(upright).rectangle((0, height // 2, width, height), fill=(40, 150, 60))
    stored = upright.transpose(Image.Transpose.ROTATE_90) if orientation == 6 else upright  # 6: turn right to view
    if mode != "RGB":
        stored = stored.convert(mode)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (43.0, 55.0, 48.0), 3: "E", 4: (116.0, 4.0, 12.0)}
    buf = BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    options = {"exif": exif.tobytes()}
    if fmt == "JPEG":
        options["comment"] = b"taken at home"
        options["xmp"] = xmp
    stored.save(buf, fmt, **options)
    return buf.getvalue()


def truncated_jpeg() -> bytes:
    data = photo(1200, 900)
    return data[: len(data) // 2]


def pdf_named_jpg() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def huge_png(side: int = 20_000) -> bytes:
    """A valid side×side black-and-white PNG of a few tens of kilobytes (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def animated_gif() -> bytes:
    frames = [Image.new("P", (120, 80), i) for i in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 200, 30, 30, 30, 200, 30, 30, 30, 200] + [0] * 756)
    buf = BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buf.getvalue()


def transparent_png(width: int = 300, height: int = 200) -> bytes:
    im = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse((20, 20, width - 20, height - 20), fill=(27, 110, 79, 255))
    buf = BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def metadata_markers(data: bytes) -> list[str]:
    """Metadata a published file must not carry, found by searching its bytes."""
    markers = {b"Exif\x00": "EXIF", b"GPS": "GPS", b"<x:xmpmeta": "XMP", b"http://ns.adobe.com/xap": "XMP",
               b"PhoneMaker": "camera maker", b"taken at home": "comment", b"ICC_PROFILE": "ICC", b"iCCP": "ICC"}
    return [name for marker, name in markers.items() if marker in data]
