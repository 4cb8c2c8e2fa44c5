"""Fonts with Vietnamese letters for signature stamps and issue fields. Pure Python, no Django.

pyHanko writes a TrueType font's glyph widths into the PDF as they are in the font, but PDF
reads them as thousandths of the font size: a font of 2048 units per em (DejaVu) then comes out
letter-spaced and clipped. Each font is therefore cut down to the Latin and Vietnamese letters
and rescaled to 1000 units per em once per process, in memory, with fontTools. Text must be
NFC: the layout tables that would place combining marks are left out.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pyhanko.pdf_utils.font import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

from vanphong.signing.errors import Refused

if TYPE_CHECKING:
    from pyhanko.pdf_utils.writer import BasePdfFileWriter

Style = Literal["sans", "sans-bold", "serif", "serif-bold"]

# Debian's fonts-dejavu-core (also what WeasyPrint uses here); the first file found wins.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
FONT_FILES: dict[Style, str] = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
}

# Basic Latin, Latin-1, Latin Extended-A/B (ơ ư đ), combining marks, Latin Extended Additional
# (the precomposed Vietnamese letters ạ ả ấ … ỹ), and typographic punctuation.
UNICODE_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x300, 0x36F),
    (0x1EA0, 0x1EF9),
    (0x2010, 0x2027),
    (0x2030, 0x203A),
    (0x20AB, 0x20AB),
)
UNITS_PER_EM = 1000


def font_file(style: Style) -> Path:
    """The font file for ``style``; Refused("font_missing") when none is installed."""
    name = FONT_FILES[style]
    for folder in FONT_DIRS:
        path = folder / name
        if path.is_file():
            return path
    raise Refused(
        "font_missing",
        f"{name} not found in {', '.join(map(str, FONT_DIRS))} (apt-get install fonts-dejavu-core)",
        font=name,
    )


@functools.cache
def font_bytes(style: Style) -> bytes:
    """``style``'s font cut to Latin and Vietnamese letters, at 1000 units per em."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(font_file(style)))
    options = subset.Options()
    # Text is NFC, and every Vietnamese letter has a precomposed glyph: no mark positioning is
    # needed, and without the layout tables each stamp embeds its subset several times faster.
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern"]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(
        unicodes=[cp for first, last in UNICODE_RANGES for cp in range(first, last + 1)]
    )
    subsetter.subset(font)
    if font["head"].unitsPerEm != UNITS_PER_EM:
        scale_upem(font, UNITS_PER_EM)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


class FontFactory(FontEngineFactory):
    """pyHanko's font engines for one of our fonts at one size."""

    def __init__(self, style: Style, size: int) -> None:
        self.style = style
        self.size = size

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: Any = None
    ) -> GlyphAccumulator:
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(font_bytes(self.style)),
            font_size=self.size,
            bcp47_lang_code="vi",
            obj_stream=obj_stream,
        )
