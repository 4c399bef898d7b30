from django.urls import path

from events.certificates import manage_views, views

app_name = "certificates"
urlpatterns = [
    path("verify/<slug:public_id>/", views.verify, name="verify"),
    path("verify/<slug:public_id>/certificate.json", views.certificate_json, name="json"),
    path("verify/<slug:public_id>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path(".well-known/certificate-keys.json", views.keys, name="keys"),
    path("manage/missions/<slug:slug>/certificates/", manage_views.mission_certificates, name="mission"),
    path("manage/certificate-definitions/<int:pk>/issue/", manage_views.issue, name="issue"),
    path("manage/certificate-definitions/<int:pk>/attendance/", manage_views.mark, name="mark"),
    path("manage/certificates/<int:pk>/revoke/", manage_views.revoke, name="revoke"),
]
