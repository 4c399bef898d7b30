from django.urls import path

from events.checkin import views

app_name = "checkin"
urlpatterns = [
    path("manage/sessions/<int:pk>/door/", views.door, name="door"),
    path("manage/sessions/<int:pk>/arrivals.csv", views.arrivals_csv, name="arrivals-csv"),
]
