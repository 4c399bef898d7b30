from django.urls import path

from events.registrations import views

app_name = "registrations"
urlpatterns = [
    path("missions/<slug:slug>/register/", views.register, name="register"),
    path("registrations/", views.my_registrations, name="mine"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/attendees/<int:pk>/substitute/", views.substitute, name="substitute"),
    path("manage/sessions/<int:pk>/registrations/", views.manage, name="manage"),
    path("manage/sessions/<int:pk>/registrations/bulk/", views.bulk, name="bulk"),
    path("manage/sessions/<int:pk>/capacity/", views.capacity, name="capacity"),
    path("manage/attendees/<int:pk>/email/", views.attendee_email, name="attendee-email"),
]
