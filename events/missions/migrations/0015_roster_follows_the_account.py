"""A delegate's roster address is their account's (receivers.roster_follows_the_account): rows whose account
moved to another address before the roster followed it are brought up to date, so that an organiser reads the
address in use."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def follow_the_accounts(apps, schema_editor):
    Delegate = apps.get_model("missions", "Delegate")
    User = apps.get_model("accounts", "User")
    behind = Delegate.objects.filter(user__isnull=False).exclude(email__iexact=F("user__email"))
    behind.update(email=Subquery(User.objects.filter(pk=OuterRef("user_id")).values("email")[:1]))


class Migration(migrations.Migration):
    dependencies = [("missions", "0014_constraint_messages"), ("accounts", "0004_constraint_messages")]

    operations = [migrations.RunPython(follow_the_accounts, migrations.RunPython.noop)]
