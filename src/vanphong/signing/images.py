"""Demo signature and seal images (Pillow). Pure Python, no Django.

A real office scans the leader's handwritten signature and the agency's seal; the demo and the
tests need look-alikes: a blue handwritten-looking signature and a red round seal with the
agency's name around it, both transparent PNGs (DOMAIN.md §6). The same name always gives the
same picture (the strokes come from a generator seeded with the name).
"""

from __future__ import annotations

import hashlib
import io
import math
import random
import unicodedata

from PIL import Image, ImageChops, ImageDraw, ImageFont

from vanphong.signing.fonts import font_file

SIGNATURE_BLUE = (16, 42, 168)
SEAL_RED = (218, 30, 40)
SUPERSAMPLE = 3  # draw large, then shrink: smooth edges without an anti-aliasing library


def _rng(*parts: str) -> random.Random:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - not for secrets


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _stroke(
    draw: ImageDraw.ImageDraw,
    points: list[tuple[float, float]],
    *,
    width: float,
    color: tuple[int, int, int],
    rng: random.Random,
) -> None:
    """A pen stroke through ``points``, thicker in the middle, like ink under pressure."""
    count = len(points)
    previous: tuple[float, float] | None = None
    for index, (x, y) in enumerate(points):
        pressure = 0.45 + 0.55 * math.sin(math.pi * (index + 1) / (count + 1))
        radius = max(1.0, width * pressure * (0.9 + 0.2 * rng.random()) / 2)
        if previous is not None:
            draw.line((previous, (x, y)), fill=(*color, 255), width=round(2 * radius))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*color, 255))
        previous = (x, y)


def signature_png(
    name: str,
    *,
    width: int = 480,
    height: int = 200,
    color: tuple[int, int, int] = SIGNATURE_BLUE,
) -> bytes:
    """A blue, handwritten-looking signature for ``name`` on a transparent background."""
    rng = _rng("signature", unicodedata.normalize("NFC", name))
    scale = SUPERSAMPLE
    w, h = width * scale, height * scale
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    pen = 5.2 * scale

    # A capital: one tall loop leaning right.
    x0, base = w * 0.12, h * 0.62
    capital = [
        (
            x0 + w * 0.05 * math.sin(t) + t * w * 0.012,
            base - h * 0.42 * (0.5 - 0.5 * math.cos(t)) + h * 0.04 * math.sin(2 * t),
        )
        for t in (i * 2 * math.pi / 220 for i in range(221))
    ]
    _stroke(draw, capital, width=pen, color=color, rng=rng)

    # Running hand: a trochoid whose letters vary: tall loops (l, h), small loops (e) and
    # arches without a loop (n, m), each with its own width and slant.
    letters = 5 + rng.randrange(3)
    x, points = x0 + w * 0.07, []
    for letter in range(letters):
        loop_h = h * rng.choice((0.16, 0.22, 0.38))
        loop_w = w * (0.07 + 0.04 * rng.random())
        back = rng.choice((0.12, 0.3, 0.55))  # below ~0.16 the pen never turns back: an arch
        slant = 0.2 + 0.15 * rng.random()
        for i in range(80):
            t = (letter + i / 80) * 2 * math.pi
            lift = loop_h * (0.5 - 0.5 * math.cos(t))
            points.append(
                (x + loop_w * (i / 80) - loop_w * back * math.sin(t) + slant * lift, base - lift)
            )
        x += loop_w
    _stroke(draw, points, width=pen * 0.8, color=color, rng=rng)

    # The flourish: back under the name, rising at the end.
    end = points[-1]
    flourish = []
    for i in range(160):
        t = i / 159
        flourish.append(
            (
                end[0] + (x0 - end[0] + w * 0.05) * t,
                base + h * 0.12 * math.sin(math.pi * t) + h * 0.05 * t,
            )
        )
    _stroke(draw, flourish, width=pen * 0.7, color=color, rng=rng)

    image = image.reduce(scale)  # a box filter: as smooth as Lanczos at an integer factor
    ink = image.getchannel("A").getbbox()
    if ink is not None:  # keep a thin margin around the ink, no more
        pad = max(2, height // 40)
        left, top, right, bottom = ink
        image = image.crop(
            (
                max(0, left - pad),
                max(0, top - pad),
                min(width, right + pad),
                min(height, bottom + pad),
            )
        )
    return _png(image)


def _glyph(char: str, font: ImageFont.FreeTypeFont, color: tuple[int, int, int]) -> Image.Image:
    left, _top, right, _bottom = font.getbbox(char, anchor="ls")
    ascent, descent = font.getmetrics()
    size = (max(1, int(right - left) + 4), ascent + descent + 4)
    glyph = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(glyph).text(
        (2 - left, 2 + ascent), char, font=font, fill=(*color, 255), anchor="ls"
    )
    return glyph


def _text_on_circle(
    image: Image.Image,
    text: str,
    *,
    font: ImageFont.FreeTypeFont,
    radius: float,
    color: tuple[int, int, int],
    top: bool,
    spread: float,
) -> None:
    """Write ``text`` along a circle: over the top reading clockwise, or under the bottom."""
    cx, cy = image.width / 2, image.height / 2
    advances = [font.getlength(ch) for ch in text]
    # Spread the letters over ``spread`` radians at most; letter-space them if short.
    natural = sum(advances) / radius
    gap = max(0.0, (spread - natural) / max(1, len(text) - 1)) if natural < spread * 0.75 else 0.0
    gap = min(gap, 0.08)
    total = natural + gap * (len(text) - 1)
    angle = -math.pi / 2 - total / 2 if top else math.pi / 2 + total / 2
    for char, advance in zip(text, advances, strict=True):
        step = advance / radius
        middle = angle + (step / 2 if top else -step / 2)
        if char.strip():
            glyph = _glyph(char, font, color)
            if top:
                rotated = glyph.rotate(
                    -math.degrees(middle) - 90, resample=Image.Resampling.BICUBIC, expand=True
                )
                r = radius - font.getmetrics()[0] * 0.35
            else:
                rotated = glyph.rotate(
                    -math.degrees(middle) + 90, resample=Image.Resampling.BICUBIC, expand=True
                )
                r = radius + font.getmetrics()[0] * 0.35
            x = cx + r * math.cos(middle) - rotated.width / 2
            y = cy + r * math.sin(middle) - rotated.height / 2
            image.alpha_composite(rotated, (round(x), round(y)))
        angle += (step + gap) if top else -(step + gap)


def _star(
    draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, color: tuple[int, int, int]
) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        theta = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(theta), cy + radius * math.sin(theta)))
    draw.polygon(points, fill=(*color, 255))


def seal_png(
    agency_name: str,
    *,
    place: str = "",
    size: int = 480,
    color: tuple[int, int, int] = SEAL_RED,
) -> bytes:
    """A red round seal with ``agency_name`` around the top and ``place`` under the star."""
    name = unicodedata.normalize("NFC", agency_name).upper()
    rng = _rng("seal", name, place)
    scale = SUPERSAMPLE
    s = size * scale
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = s / 2
    outer = s * 0.485
    ring = s * 0.024
    draw.ellipse(
        (c - outer, c - outer, c + outer, c + outer), outline=(*color, 255), width=round(ring)
    )
    inner = s * 0.33
    draw.ellipse(
        (c - inner, c - inner, c + inner, c + inner),
        outline=(*color, 255),
        width=round(ring * 0.45),
    )
    text_radius = (outer - ring + inner) / 2
    font_size = round(s * 0.085) if len(name) <= 22 else round(s * 0.085 * 22 / len(name))
    font = ImageFont.truetype(str(font_file("sans-bold")), max(font_size, round(s * 0.05)))
    _text_on_circle(
        image, name, font=font, radius=text_radius, color=color, top=True, spread=math.pi * 1.25
    )
    _star(draw, c, c - s * 0.03, s * 0.14, color)
    if place:
        small = ImageFont.truetype(str(font_file("sans-bold")), round(s * 0.06))
        label = unicodedata.normalize("NFC", place).upper()
        draw.text((c, c + s * 0.17), label, font=small, fill=(*color, 255), anchor="mm")
    # Ink is never even: thin it in speckles so the seal looks stamped, not printed.
    speckles = Image.new("L", image.size, 255)
    speckle_draw = ImageDraw.Draw(speckles)
    for _ in range(900):
        x, y, r = rng.uniform(0, s), rng.uniform(0, s), rng.uniform(1, 3.5) * scale
        speckle_draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(40, 160))
    image.putalpha(ImageChops.multiply(image.getchannel("A"), speckles))
    image = image.reduce(scale)
    return _png(image)
