"""Uploaded logos are untrusted files: checked by their content, capped, and re-encoded from pixels.

Re-encoding keeps nothing of the upload but its pixels (no metadata, no trailing payload, no script
that a browser could run), and the size cap and pixel cap come first so that a hostile file cannot
make the server decode a huge image.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000
LARGEST_SIDE = 512
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip().lower()
    return text.startswith(b"<?xml") or text.startswith(b"<svg") or b"<svg" in text[:1024]


def clean_logo(upload) -> ContentFile:
    """Return the upload as a re-encoded PNG of at most 512×512 pixels, or raise a field error."""
    if upload.size > MAX_BYTES:
        raise ValidationError({"logo": _("The logo is larger than 2 MB; send a smaller image.")})
    data = upload.read()
    if _looks_like_svg(data[:2048]):
        raise ValidationError({"logo": _("SVG logos are not accepted; send a PNG, JPEG, GIF or WebP image.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError({"logo": _("Send a PNG, JPEG, GIF or WebP image.")})
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError({"logo": _("The image has too many pixels; send a smaller one.")})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            pixels = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            {"logo": _("This file is not an image we can read; send a PNG, JPEG, GIF or WebP.")}
        ) from None
    pixels.thumbnail((LARGEST_SIDE, LARGEST_SIDE))
    output = io.BytesIO()
    pixels.save(output, format="PNG", optimize=True)
    return ContentFile(output.getvalue(), name="logo.png")
