from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "events.core"

    def ready(self):
        from django.db.backends.signals import connection_created

        from events.core import checks  # noqa: F401 - registers the system checks
        from events.core.database import unicode_lower_on_sqlite

        connection_created.connect(unicode_lower_on_sqlite, dispatch_uid="core.unicode_lower_on_sqlite")
