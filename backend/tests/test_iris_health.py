"""`/api/iris/health` tells the truth about the model, without asking it.

With `IRIS_ANALYZER=llm`, `agent_ready` and `agent_error` say what the model
endpoint did on the last analysis that called it, as the IRIS team's own
backend reported its agent; a health check never calls the endpoint itself.
"""

from __future__ import annotations

import json

from model_servers import ScriptedServer, completion, status

from iris import create_app

SOURCE = "import json\n\n\ndef load(path):\n    return json.load(open(path))\n"
ANSWER = {
    "file_intent": "JSON file loading",
    "responsibility_blocks": [
        {"label": "JSON file loading", "description": "Reads a file.", "ranges": [[1, 5]]}
    ],
}


class Switchable:
    """A scripted model server whose answer the test changes between requests."""

    def __init__(self) -> None:
        self.answer = completion(json.dumps(ANSWER))

    def __call__(self, handler, server) -> None:
        self.answer(handler, server)


def analyze(client, source: str = SOURCE) -> dict:
    response = client.post(
        "/api/iris/analyze", json={"filename": "a.py", "language": "python", "source_code": source}
    )
    assert response.status_code == 200
    return response.get_json()


def health(client) -> dict:
    response = client.get("/api/iris/health")
    assert response.status_code == 200
    return response.get_json()


def test_the_builtin_analyzer_is_always_ready():
    client = create_app({}).test_client()
    assert health(client) == {"status": "ok", "agent_ready": True, "agent_error": False}
    analyze(client)
    assert health(client) == {"status": "ok", "agent_ready": True, "agent_error": False}


def test_health_follows_what_the_model_endpoint_last_did_and_never_calls_it():
    script = Switchable()
    with ScriptedServer(script) as server:
        client = create_app(
            {"IRIS_ANALYZER": "llm", "IRIS_LLM_BASE_URL": server.base_url}
        ).test_client()
        assert health(client) == {"status": "ok", "agent_ready": True, "agent_error": False}

        script.answer = status(500)
        assert "fallback_reason" in analyze(client)["metadata"]
        failed = health(client)
        assert failed["status"] == "ok" and failed["agent_ready"] is False
        assert failed["agent_error"].startswith("the model server answered HTTP 500")

        script.answer = completion("this is no JSON at all")
        assert "fallback_reason" in analyze(client, SOURCE + "# another file\n")["metadata"]
        assert health(client)["agent_ready"] is True, "the endpoint answered; the answer was poor"

        script.answer = status(401)
        analyze(client, SOURCE + "# a third file\n")
        refused = health(client)
        assert refused["agent_error"] == "the model server refused the request with HTTP 401"

        script.answer = completion(json.dumps(ANSWER))
        assert analyze(client, SOURCE + "# a fourth\n")["metadata"]["analyzer"] == "llm"
        assert health(client) == {"status": "ok", "agent_ready": True, "agent_error": False}

        asked = len(server.requests)
        for _ in range(5):
            health(client)
        assert len(server.requests) == asked
