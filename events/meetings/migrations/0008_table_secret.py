"""Each table gets its own random secret for its QR code.

In three steps: a callable default in AddField is called once, so every existing table would get the same
value and the unique constraint could not be added; the existing rows are given distinct secrets first.
"""

import base64
import secrets

from django.db import migrations, models

import events.meetings.models.grid


def give_each_table_a_secret(apps, schema_editor):
    Table = apps.get_model("meetings", "Table")
    for table in Table.objects.filter(secret__isnull=True).only("pk").iterator():
        Table.objects.filter(pk=table.pk).update(secret=base64.b32encode(secrets.token_bytes(20)).decode())


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_meeting_outcomes"),
    ]

    operations = [
        migrations.AddField(
            model_name="table",
            name="secret",
            field=models.CharField(editable=False, max_length=40, null=True, verbose_name="secret"),
        ),
        migrations.RunPython(give_each_table_a_secret, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="table",
            name="secret",
            field=models.CharField(
                default=events.meetings.models.grid.new_table_secret,
                editable=False,
                max_length=40,
                unique=True,
                verbose_name="secret",
            ),
        ),
    ]
