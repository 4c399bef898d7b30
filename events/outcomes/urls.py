from django.urls import path

from events.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("feedback/<str:token>/", views.feedback, name="feedback"),
]
