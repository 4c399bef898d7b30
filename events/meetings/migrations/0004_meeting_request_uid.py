import uuid

from django.db import migrations, models


def keep_the_uids_calendars_hold(apps, schema_editor):
    """Each request takes the uid its meeting already carries in calendars (its latest one), else a new one."""
    MeetingRequest = apps.get_model("meetings", "MeetingRequest")
    Meeting = apps.get_model("meetings", "Meeting")
    for request in MeetingRequest.objects.all():
        meeting = Meeting.objects.filter(request=request).order_by("-version__number", "-pk").first()
        request.uid = meeting.uid if meeting else uuid.uuid4()
        request.save(update_fields=["uid"])
        Meeting.objects.filter(request=request).update(uid=request.uid)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_single_line_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingrequest",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(keep_the_uids_calendars_hold, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meetingrequest",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
