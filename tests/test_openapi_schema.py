"""The OpenAPI schema is complete and typed: drf-spectacular generates and validates it without one warning."""

import re

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("openapi") / "schema.yaml"

    # --fail-on-warn raises on any warning or error, including a view left out of the schema.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))

    return yaml.safe_load(path.read_text())


def path_parameters(schema):
    for operations in schema["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    yield parameter


def test_schema_session_registrations_paths_present(schema):
    paths = {path for path in schema["paths"] if path.startswith("/api/v1/session-registrations/")}

    assert paths == {
        "/api/v1/session-registrations/{id}/",
        "/api/v1/session-registrations/{id}/capacity/",
        "/api/v1/session-registrations/{id}/export/",
    }


def test_schema_session_registrations_bodies_described(schema):
    headline = schema["paths"]["/api/v1/session-registrations/{id}/"]["get"]["responses"]["200"]
    capacity = schema["paths"]["/api/v1/session-registrations/{id}/capacity/"]["post"]
    export = schema["paths"]["/api/v1/session-registrations/{id}/export/"]["get"]["responses"]["200"]

    assert headline["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/SessionHeadline"}
    assert capacity["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Capacity"}
    assert set(export["content"]) == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_schema_id_path_parameters_integer(schema):
    types = {(parameter["name"], parameter["schema"]["type"]) for parameter in path_parameters(schema)}

    assert types == {
        ("id", "integer"),
        ("period_id", "integer"),
        ("print_id", "integer"),
        ("public_id", "string"),
        ("slug", "string"),
    }


def test_schema_two_question_serializers_two_components(schema):
    components = schema["components"]["schemas"]

    session_questions = components["Session"]["properties"]["questions"]["items"]["$ref"]

    assert session_questions == "#/components/schemas/SessionQuestion"
    assert components["Question"]["properties"]["session"]["type"] == "integer"


def test_schema_enum_names_chosen_not_hashed(schema):
    names = schema["components"]["schemas"]

    assert [name for name in names if re.search(r"[0-9][0-9a-f]{0,2}Enum$", name)] == []
    assert {"OrganizationKindEnum", "RegistrationStatusEnum"} <= set(names)
