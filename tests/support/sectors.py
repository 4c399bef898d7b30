"""The sectors the migrations seed, seeded again after a transactional test flushed them."""

from events.missions.models import Sector
from events.missions.sector_taxonomy import ARABIC_NAMES, SECTORS


def seed_sectors() -> None:
    """As the data migrations leave them (0002 seeds them, 0012 names them in Arabic); one query when they are
    all there. Without the Arabic names, a test reading a sector in Arabic failed whenever a transactional test
    had run before it in the same process."""
    if Sector.objects.count() != len(SECTORS):
        for slug, name, name_fr in SECTORS:
            Sector.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_fr": name_fr, "name_ar": ARABIC_NAMES.get(slug, "")}
            )
