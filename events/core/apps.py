from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "events.core"

    def ready(self):
        from events.core import checks  # noqa: F401 - registers the system checks
