from tests.support.fixtures import fake_relay, relay_backend  # noqa: F401 - fixtures for this folder
