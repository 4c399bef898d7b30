"""Into the scheduler (issue 16): a request between a company and a delegate carries the company's match
to the priorities the delegate owns, and the scheduler's weight counts it after the priority."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_request_to_a_priority_owner_carries_the_match_and_weighs_it_after_the_priority(day):
    matched = day.accepted(0, 0, priority=2)
    unmatched = day.accepted(1, 0, priority=2)
    no_priority = day.accepted(0, 1, priority=2)

    assert matched.match_score > unmatched.match_score >= 0
    assert no_priority.match_score is None
    assert matched.weight == 2 + matched.match_score / 100
    assert no_priority.weight == 2
    # A better match wins among requests of one priority, never over a higher priority.
    higher = day.accepted(1, 1, priority=3)
    assert higher.weight > matched.weight > unmatched.weight
