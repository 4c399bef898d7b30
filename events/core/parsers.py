"""The API's body parsers. A module of its own: DRF imports it while defining APIView (DEFAULT_PARSER_CLASSES),
so it must not import rest_framework.views itself, as events.core.api does."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    """Every request body of this API is a JSON object: a list or a bare value is a 400 here, not a crash later."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_('The body must be a JSON object, e.g. {"field": value}.'))
        return data
