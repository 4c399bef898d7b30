"""Text typed in a browser's text box reaches the product with the line breaks the API sends (LF).

HTML's form submission sends each line break of a textarea as CRLF: a helper typed a 500-character meeting
request with about twenty line breaks, the browser counted 500, and the page refused it, "at most 500 characters
(it has 519)", and threw the text away, while the API took the same text. A refused request now keeps what was
typed and whom it was for.
"""

import pytest

from events.meetings.models import MeetingRequest
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def typed(lines, width):
    return "\r\n".join("x" * width for _ in range(lines))


def test_a_message_as_long_as_allowed_with_line_breaks_is_taken_and_kept_with_lf(client, day):
    client.force_login(day.companies[0].user)
    message = typed(20, 24)  # 20 × 24 + 19 line breaks = 499 characters typed, 518 as sent
    assert len(message.replace("\r\n", "\n")) <= 500 < len(message)

    client.post(
        f"/meetings/ask/{day.company(0).pk}/", {"receiver": day.delegate(2).pk, "priority": "2", "message": message}
    )

    assert MeetingRequest.objects.get().message == message.replace("\r\n", "\n")


def test_a_refused_request_keeps_the_message_and_the_person_chosen(client, day):
    client.force_login(day.companies[0].user)
    message = "Our pitch:\r\n" + "y" * 520

    response = client.post(
        f"/meetings/ask/{day.company(0).pk}/", {"receiver": day.delegate(2).pk, "priority": "3", "message": message}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "at most 500 characters" in page
    assert "Our pitch:\n" + "y" * 520 in page
    assert f'<option value="{day.delegate(2).pk}" selected>' in page
    assert not MeetingRequest.objects.exists()
