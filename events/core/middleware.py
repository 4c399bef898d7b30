"""Middleware of the whole site."""

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class FormLineBreaksMiddleware:
    """Form text reaches views with LF line breaks, as the API's JSON brings it.

    HTML's form submission sends each line break of a textarea as CRLF (the HTML standard's "constructing the
    entry list", which normalises every newline to CRLF): a 500-character message with twenty line breaks, as the
    browser counted it, was refused as 519 by its field's max_length, and stored with CRs the API never sends.
    A lone CR (an old Mac's) is a line break too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            posted = request.POST
            if any("\r" in value for _, values in posted.lists() for value in values):
                normalised = posted.copy()
                for key, values in posted.lists():
                    normalised.setlist(key, [value.replace("\r\n", "\n").replace("\r", "\n") for value in values])
                normalised._mutable = False
                request.POST = normalised
        return self.get_response(request)
