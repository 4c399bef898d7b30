import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import RepresentativeFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded logos go to a throwaway folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def representative(db):
    return RepresentativeFactory(organization__name="Lone Star Cloud", user__email="ana@lonestar.example")


@pytest.fixture
def rival(db):
    return RepresentativeFactory(organization__name="Rival Systems", user__email="bo@rival.example")


def image_upload(format="PNG", size=(800, 400), name=None, extra=b"", **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=format, **save_options)
    return SimpleUploadedFile(name or f"logo.{format.lower()}", buffer.getvalue() + extra)
