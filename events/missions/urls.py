from django.urls import path

from events.missions import views

app_name = "missions"
urlpatterns = [
    path("", views.home, name="home"),
    path("missions/<slug:slug>/", views.mission_detail, name="detail"),
]
