import datetime as dt

import pytest
from django.contrib import admin

from events.missions.forms import SessionForm
from tests.factories import SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_model_has_a_working_admin_list_with_search_and_filters(superuser_client):
    SessionFactory()

    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        response = superuser_client.get(url, {"q": "a"} if model_admin.search_fields else {})
        assert response.status_code == 200, url


def test_session_form_reads_times_in_the_stops_zone():
    stop = StopFactory(time_zone="America/Los_Angeles")

    form = SessionForm(
        data={
            "stop": stop.pk,
            "kind": "site_visit",
            "title": "Amazon",
            "starts_at": "2027-02-16T10:00",
            "ends_at": "2027-02-16T12:00",
            "registration_mode": "none",
            "audience": "delegation",
        }
    )

    assert form.is_valid(), form.errors
    session = form.save()
    assert session.starts_at == dt.datetime(2027, 2, 16, 18, 0, tzinfo=dt.UTC)


def test_session_form_names_the_field_of_a_session_outside_its_stop():
    stop = StopFactory()

    form = SessionForm(
        data={
            "stop": stop.pk,
            "kind": "site_visit",
            "title": "IBM",
            "starts_at": "2027-03-01T10:00",
            "ends_at": "2027-03-01T12:00",
            "registration_mode": "none",
            "audience": "delegation",
        }
    )

    assert form.is_valid() is False
    assert set(form.errors) == {"starts_at", "ends_at"}
