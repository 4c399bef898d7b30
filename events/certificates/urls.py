from django.urls import path

from events.certificates import views

app_name = "certificates"
urlpatterns = [
    path("verify/<slug:public_id>/", views.verify, name="verify"),
    path("verify/<slug:public_id>/certificate.json", views.certificate_json, name="json"),
    path("verify/<slug:public_id>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path(".well-known/certificate-keys.json", views.keys, name="keys"),
]
