from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo stories and `manage.py load_demo`.

    It uses every other app (missions, registrations, meetings...), so it sits above them all and nothing
    imports it. It has no models, so the admin never shows it.
    """

    name = "events.demo"
    label = "demo"
