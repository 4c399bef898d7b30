from django.urls import path

from events.notifications import views

app_name = "notifications"
urlpatterns = [
    path("hooks/sendgrid/events/", views.sendgrid_events, name="sendgrid-events"),
]
