"""What organisers write in several languages: a mission's title, summary and description, a session's
title and description (settings: MODELTRANSLATION_*, the fallback order)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from events.missions.models import Mission, Session


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


def in_every_language(*names) -> tuple[str, ...]:
    """The column of each of `names` per language: ("title_en", "title_fr", "title_ar") for "title"."""
    return tuple(f"{name}_{code}" for name in names for code in settings.MODELTRANSLATION_LANGUAGES)
