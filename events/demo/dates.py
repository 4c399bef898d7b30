"""When the demo missions take place: rules relative to today, so agendas and reminders stay live."""

import datetime as dt

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def first_day(rule, today: dt.date) -> dt.date:
    """The first day of a mission from its rule: a fixed day of the year, or a weekday some weeks ahead."""
    if "month_day" in rule:
        month, day = rule["month_day"]
        return next_month_day(today, month, day, min_days_ahead=rule.get("min_days_ahead", 0))
    return weekday_on_or_after(today + dt.timedelta(weeks=rule["weeks_ahead"]), rule["weekday"])


def next_month_day(today: dt.date, month: int, day: int, *, min_days_ahead: int) -> dt.date:
    earliest = today + dt.timedelta(days=min_days_ahead)
    candidate = dt.date(earliest.year, month, day)
    return candidate if candidate >= earliest else dt.date(earliest.year + 1, month, day)


def weekday_on_or_after(day: dt.date, weekday: str) -> dt.date:
    return day + dt.timedelta(days=(WEEKDAYS.index(weekday) - day.weekday()) % 7)


def nth_day(first: dt.date, number: int) -> dt.date:
    """Day `number` of a mission that starts on `first`, counting the first day as day 1."""
    return first + dt.timedelta(days=number - 1)
