"""What `POST /api/iris/analyze` takes, and how it refuses the rest, through Flask's test client."""

from __future__ import annotations

import pytest
from conftest import UNSUPPORTED_COBOL, analyze_payload, without_request_id

from iris.analysis import AnalysisService


def test_analyze_python_file(client):
    response = client.post("/api/iris/analyze", json=analyze_payload())
    assert response.status_code == 200
    body = response.json
    assert body["success"] is True
    assert body["file_intent"] == "Greets people by name."
    assert body["responsibility_blocks"] == [
        {
            "label": "Greeting logic",
            "description": (
                "Greets the name and runs the program when the file is executed as a script."
            ),
            "ranges": [[3, 11]],
        },
    ]
    metadata = body["metadata"]
    assert metadata["language"] == "python"
    assert metadata["line_count"] == 11
    assert metadata["filename"] == "greet.py"
    assert metadata["analyzer"] == "iris-python"
    assert metadata["parsed_cleanly"] is True


def test_analyze_accepts_optional_metadata_object(client):
    payload = analyze_payload(metadata={"source": "vscode", "path": "src/greet.py"})
    assert client.post("/api/iris/analyze", json=payload).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("filename", ...),
        ("filename", ""),
        ("filename", None),
        ("language", ...),
        ("language", ""),
        ("language", None),
        ("source_code", ...),
        ("source_code", None),
    ],
)
def test_analyze_missing_or_empty_field(client, field, value):
    response = client.post("/api/iris/analyze", json=analyze_payload(**{field: value}))
    assert response.status_code == 400
    assert without_request_id(response.json) == {
        "success": False,
        "error": f"Missing required field: {field}",
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"filename": 7}, "Field 'filename' must be a string, not a number"),
        ({"language": ["python"]}, "Field 'language' must be a string, not an array"),
        ({"source_code": {"text": "x"}}, "Field 'source_code' must be a string, not an object"),
        ({"source_code": True}, "Field 'source_code' must be a string, not a boolean"),
        ({"metadata": "vscode"}, "Field 'metadata' must be an object, not a string"),
        (
            {"language": "cobol"},
            UNSUPPORTED_COBOL,
        ),
    ],
)
def test_analyze_wrong_types_and_languages(client, changes, message):
    response = client.post("/api/iris/analyze", json=analyze_payload(**changes))
    assert response.status_code == 400
    assert without_request_id(response.json) == {"success": False, "error": message}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "Request body is not valid JSON"),
        (b"{not json", "Request body is not valid JSON"),
        (b"\xff\xfe\xfa", "Request body is not valid JSON"),
        (b"[1, 2]", "Request body must be a JSON object, not an array"),
        (b'"text"', "Request body must be a JSON object, not a string"),
        (b"null", "Request body must be a JSON object, not null"),
    ],
)
def test_analyze_body_that_is_not_a_json_object(client, body, message):
    response = client.post(
        "/api/iris/analyze", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert without_request_id(response.json) == {"success": False, "error": message}


def load_missing_module():
    from iris.analysis import no_such_module  # type: ignore[attr-defined]

    return no_such_module


def test_analyzer_that_cannot_load_answers_503(app, client):
    app.extensions["iris.analysis"] = AnalysisService({"python": load_missing_module})
    response = client.post("/api/iris/analyze", json=analyze_payload())
    assert response.status_code == 503
    assert response.json["success"] is False
    assert "python analyzer cannot be loaded" in response.json["error"]
