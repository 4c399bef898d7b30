from django.urls import path

from events.outcomes import dashboard_views, report_views, views

app_name = "outcomes"

urlpatterns = [
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path("leads/", views.my_leads, name="my-leads"),
    path("manage/missions/<slug:slug>/outcomes/", dashboard_views.dashboard, name="dashboard"),
    path("manage/missions/<slug:slug>/outcomes/leads/", dashboard_views.leads, name="leads"),
    path("manage/missions/<slug:slug>/outcomes/funding/", dashboard_views.funding, name="funding"),
    path("manage/missions/<slug:slug>/outcomes/waves/", dashboard_views.waves, name="waves"),
    path(
        "manage/missions/<slug:slug>/outcomes/waves/<int:pk>/cancel/", dashboard_views.cancel_wave, name="cancel-wave"
    ),
    path("manage/missions/<slug:slug>/outcomes/report.pdf", report_views.report_pdf, name="report-pdf"),
    path("manage/missions/<slug:slug>/outcomes/report.xlsx", report_views.report_xlsx, name="report-xlsx"),
]
