from django.contrib import admin

from events.matching.models import PriorityAnswer


@admin.register(PriorityAnswer)
class PriorityAnswerAdmin(admin.ModelAdmin):
    list_display = ["organization", "priority", "updated_at"]
    list_filter = ["priority__delegation__mission"]
    search_fields = ["organization__name", "offer", "references"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization", "priority__sector"]
