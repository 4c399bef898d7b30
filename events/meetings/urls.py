from django.urls import path

from events.meetings import coverage_views, views

app_name = "meetings"
urlpatterns = [
    path("manage/sessions/<int:pk>/board/", views.board, name="board"),
    path("manage/sessions/<int:pk>/meetings/", views.set_up, name="set-up"),
    path("manage/sessions/<int:pk>/suggestions/", views.suggest, name="suggest"),
    path("meetings/suggestions/<int:pk>/answer/", views.answer_suggestion, name="suggestion-answer"),
    path("manage/missions/<slug:slug>/priorities/", coverage_views.priorities, name="priorities"),
    path("manage/sessions/<int:pk>/table-cards.pdf", views.table_cards, name="table-cards"),
    path("meetings/", views.my_meetings, name="mine"),
    path("meetings/ask/<int:participant_pk>/", views.ask, name="ask"),
    path("meetings/<int:pk>/held/", views.held, name="held"),
    path("manage/meetings/<int:pk>/no-show/", views.no_show, name="no-show"),
    path("meetings/requests/<int:pk>/answer/", views.answer, name="answer"),
    path("meetings/answer/<str:token>/", views.answer_link, name="answer-link"),
]
