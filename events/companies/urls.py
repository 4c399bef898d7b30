from django.urls import path

from events.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_profile, name="profile"),
    path("new/", views.company_new, name="new"),
    path("you/", views.own_details, name="own-details"),
    path("invitations/", views.invite, name="invite"),
    path("invitations/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("join/<str:token>/", views.join, name="join"),
]
