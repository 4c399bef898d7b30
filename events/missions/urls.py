from django.urls import path

from events.missions import views

app_name = "missions"
urlpatterns = [
    path("", views.home, name="home"),
    path("missions/<slug:slug>/", views.mission_detail, name="detail"),
    path("manage/missions/<slug:slug>/mail/", views.failed_mail, name="failed-mail"),
    path("manage/missions/<slug:slug>/mail/<int:pk>/retry/", views.retry_mail, name="retry-mail"),
]
