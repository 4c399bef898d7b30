from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "events.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from events.certificates import receivers  # noqa: F401 - connects to what the apps below announce
