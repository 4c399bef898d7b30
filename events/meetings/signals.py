"""What the meetings app asks of the apps built on it, without importing them (DESIGN.md, "Layout").

`rsvp_answers_wanted` is a question, not an announcement: the organiser's board (selectors.board)
sends it while it reads, and the agenda, which sends the calendar invitations and records the
answers to them, replies from `events/agenda/receivers.py`.

Arguments (keywords):
    uids: the calendar UIDs of published meetings (`Meeting.uid`, the same as their request's `uid`),
        as strings.

Each receiver returns {uid: {email: answer}}: for each of those meetings it has sent an invitation
for, the lower-cased address of each person invited (a cancelled invitation left out) and their
answer, an iTIP PARTSTAT: ACCEPTED, DECLINED or NEEDS-ACTION (no answer yet). A meeting nobody was
invited to may be left out. The board asks once for all its meetings: a receiver answers in a fixed
number of queries, whatever the number of UIDs. With no receiver connected, the board shows no answers.
"""

from django.dispatch import Signal

from events.meetings.models import Meeting

rsvp_answers_wanted = Signal()

ACCEPTED = "ACCEPTED"
DECLINED = "DECLINED"
NEEDS_ACTION = "NEEDS-ACTION"


def rsvp_answers(uids) -> dict[str, dict[str, str]] | None:
    """{uid: {email: answer}} from whoever answers `rsvp_answers_wanted`; None when nobody does."""
    responses = rsvp_answers_wanted.send(sender=Meeting, uids=sorted({str(uid) for uid in uids}))
    if not responses:
        return None
    answers: dict[str, dict[str, str]] = {}
    for _receiver, response in responses:
        for uid, people in (response or {}).items():
            answers.setdefault(uid, {}).update(people)
    return answers
