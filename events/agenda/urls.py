from django.urls import path

from events.agenda import rsvp_views, views

app_name = "agenda"
urlpatterns = [
    path("agenda/", views.agenda, name="page"),
    path("agenda/feed/", views.rotate_feed, name="rotate"),
    path("agenda/feed/off/", views.revoke_feed, name="revoke"),
    path("agenda/feed/<str:token>.ics", views.feed, name="feed"),
    path("agenda/items/<str:key>.ics", views.item_download, name="item"),
    path("agenda/answer/<str:token>/", rsvp_views.answer, name="rsvp"),
    path("missions/<slug:slug>/programme.ics", views.programme_feed, name="programme"),
]
