from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from events.accounts.views import email as account_email
from events.accounts.views import set_language

urlpatterns = [
    path("admin/", admin.site.urls),
    # Ours first: allauth's email page, which asks before an address becomes the primary one.
    path("accounts/email/", account_email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    # Ours first: it also remembers a signed-in person's choice as the language of their mail.
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, which the Content-Security-Policy allows.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("company/", include("events.companies.urls")),
    path("", include("events.registrations.urls")),
    path("", include("events.matching.urls")),
    path("", include("events.meetings.urls")),
    path("", include("events.agenda.urls")),
    path("", include("events.checkin.urls")),
    path("", include("events.certificates.urls")),
    path("", include("events.outcomes.urls")),
    path("", include("events.missions.urls")),
    path("", include("events.notifications.urls")),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
