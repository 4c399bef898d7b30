import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organiser(db):
    """A member of an agency's staff who may create missions."""
    from django.contrib.auth.models import Permission

    user = UserFactory(email="organiser@agency.example")
    user.user_permissions.add(Permission.objects.get(codename="add_mission"))
    return user
