from tests.support.fixtures import fake_sendgrid, sendgrid_backend  # noqa: F401 - fixtures for this folder
