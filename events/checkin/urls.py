from django.urls import path

from events.checkin import badge_views, staff_views, views

app_name = "checkin"
urlpatterns = [
    path("manage/sessions/<int:pk>/door/", views.door, name="door"),
    path("manage/sessions/<int:pk>/arrivals.csv", views.arrivals_csv, name="arrivals-csv"),
    path("manage/missions/<slug:slug>/badges/", badge_views.mission_badge_prints, name="mission-badges"),
    path("manage/missions/<slug:slug>/badges/prepare/", badge_views.prepare_badges, name="prepare-badges"),
    path(
        "manage/missions/<slug:slug>/badges/<int:pk>/status/",
        badge_views.badge_print_status,
        name="badge-print-status",
    ),
    path("manage/missions/<slug:slug>/badges/<int:pk>/pdf/", badge_views.badge_print_pdf, name="badge-print-pdf"),
    path("manage/missions/<slug:slug>/check-in-staff/", staff_views.check_in_staff, name="staff"),
    path(
        "manage/missions/<slug:slug>/check-in-staff/<int:pk>/remove/",
        staff_views.remove_check_in_staff,
        name="remove-staff",
    ),
    path("badges/<slug:slug>/", badge_views.own_badge_pdf, name="own-badge"),
]
