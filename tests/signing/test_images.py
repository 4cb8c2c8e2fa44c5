"""Demo signature and seal images: transparent, the right colour, the same for the same name."""

from __future__ import annotations

import io

from PIL import Image

from vanphong.signing import images


def _ink(png: bytes) -> tuple[Image.Image, list[tuple[int, int, int]]]:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    rgba = image.convert("RGBA")
    inked = [(r, g, b) for r, g, b, a in rgba.get_flattened_data() if a > 200]
    return rgba, inked


def test_signature_is_blue_ink_on_a_transparent_background():
    image, ink = _ink(images.signature_png("Nguyễn Văn An"))
    assert image.getpixel((0, 0))[3] == 0
    assert len(ink) > 500
    assert all(b > r and b > g for r, g, b in ink)


def test_seal_is_red_and_round():
    image, ink = _ink(images.seal_png("Quận ủy Ba Đình", place="Hà Nội"))
    assert image.width == image.height
    assert image.getpixel((0, 0))[3] == 0  # corners outside the circle
    assert (
        image.getpixel((image.width // 2, 3))[3] > 0 or image.getpixel((image.width // 2, 8))[3] > 0
    )  # the ring at the top
    assert all(r > 150 and g < 110 and b < 110 for r, g, b in ink)


def test_images_are_deterministic_per_name():
    assert images.signature_png("Lê Hoàng Cường") == images.signature_png("Lê Hoàng Cường")
    assert images.signature_png("Lê Hoàng Cường") != images.signature_png("Phạm Minh Đức")
    assert images.seal_png("Thành ủy Hà Nội") == images.seal_png("Thành ủy Hà Nội")
