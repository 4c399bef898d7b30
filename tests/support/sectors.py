"""The sectors the migrations seed, seeded again after a transactional test flushed them."""

from events.missions.models import Sector
from events.missions.sector_taxonomy import SECTORS


def seed_sectors() -> None:
    """As the data migration leaves them; one query when they are all there."""
    if Sector.objects.count() != len(SECTORS):
        for slug, name, name_fr in SECTORS:
            Sector.objects.get_or_create(slug=slug, defaults={"name": name, "name_fr": name_fr})
