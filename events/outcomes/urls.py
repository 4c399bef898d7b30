from django.urls import path

from events.outcomes import report_views, views

app_name = "outcomes"

urlpatterns = [
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path("manage/missions/<slug:slug>/outcomes/report.pdf", report_views.report_pdf, name="report-pdf"),
    path("manage/missions/<slug:slug>/outcomes/report.xlsx", report_views.report_xlsx, name="report-xlsx"),
]
