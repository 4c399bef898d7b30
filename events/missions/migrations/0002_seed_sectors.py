from django.db import migrations

from events.missions.sector_taxonomy import SECTORS


def seed_sectors(apps, schema_editor):
    Sector = apps.get_model("missions", "Sector")
    for slug, name, name_fr in SECTORS:
        Sector.objects.update_or_create(slug=slug, defaults={"name": name, "name_fr": name_fr})


class Migration(migrations.Migration):
    dependencies = [("missions", "0001_initial")]

    operations = [migrations.RunPython(seed_sectors, migrations.RunPython.noop)]
