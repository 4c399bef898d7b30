"""The project's URLs plus a bare view, served by bench_feeds only: production has no benchmark route."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The least Django can do for a request: the yardstick the feed is measured against."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
