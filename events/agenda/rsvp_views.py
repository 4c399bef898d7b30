"""Answering an invitation from its email: the link shows the question, a button records the answer.

The link alone changes nothing: mail scanners and link previews open links, and must not answer.
"""

from django.http import Http404
from django.shortcuts import render

from events.agenda import rsvp


def answer(request, token):
    link = rsvp.read_rsvp(token)
    if link is None:
        raise Http404
    recorded = False
    if request.method == "POST" and link.current:
        link = rsvp.Rsvp(rsvp.record_answer(link), link.answer, link.sequence)
        recorded = True
    return render(request, "agenda/rsvp.html", {"link": link, "invitation": link.invitation, "recorded": recorded})
