from django.urls import path

from events.matching import views

app_name = "matching"

urlpatterns = [
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/<int:pk>/answer/", views.answer, name="answer"),
]
