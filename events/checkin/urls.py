from django.urls import path

from events.checkin import badge_views, staff_views, views

app_name = "checkin"
urlpatterns = [
    path("manage/sessions/<int:pk>/door/", views.door, name="door"),
    path("manage/sessions/<int:pk>/arrivals.csv", views.arrivals_csv, name="arrivals-csv"),
    path("manage/missions/<slug:slug>/badges/", badge_views.mission_badges_pdf, name="mission-badges"),
    path("manage/missions/<slug:slug>/check-in-staff/", staff_views.check_in_staff, name="staff"),
    path(
        "manage/missions/<slug:slug>/check-in-staff/<int:pk>/remove/",
        staff_views.remove_check_in_staff,
        name="remove-staff",
    ),
    path("badges/<slug:slug>/", badge_views.own_badge_pdf, name="own-badge"),
]
