"""The deployment files are valid: the SAM template passes cfn-lint, the Dockerfile is plain."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import BACKEND_DIR


def test_sam_template_passes_cfn_lint():
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(BACKEND_DIR / "template.yaml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _tags_as_text() -> type[yaml.SafeLoader]:
    """A YAML loader that reads CloudFormation's `!Ref` and `!Sub` as plain text."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, tag, node: f"!{tag} {node.value}")
    return Loader


def test_sam_template_serves_the_zip_behind_an_http_api():
    template = yaml.load((BACKEND_DIR / "template.yaml").read_text(), Loader=_tags_as_text())
    function = template["Resources"]["IrisFunction"]["Properties"]
    assert function["CodeUri"] == "dist/lambda-python3.13-arm64.zip"
    assert function["Architectures"] == ["!Ref Architecture"]
    assert function["Handler"] == "lambda_handler.handler"
    assert function["Runtime"] == "python3.13"
    assert function["MemorySize"] and function["Timeout"]
    event = function["Events"]["AllRoutes"]
    assert event["Type"] == "HttpApi"
    assert event["Properties"]["PayloadFormatVersion"] == "2.0"
    assert "Path" not in event["Properties"]
    assert "ApiUrl" in template["Outputs"]
    for value in function["Environment"]["Variables"].values():
        assert value.startswith("!Ref "), "environment values come from parameters"


def test_dockerfile_ships_the_packaged_zip_on_the_lambda_base_image():
    lines = [
        line.strip()
        for line in Path(BACKEND_DIR / "Dockerfile").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "FROM public.ecr.aws/lambda/python:3.13"
    assert "COPY dist/lambda-python3.13-${ARCH}.zip /tmp/lambda.zip" in lines
    assert lines[-1] == 'CMD ["lambda_handler.handler"]'
    context = (BACKEND_DIR / ".dockerignore").read_text().split()
    assert context[context.index("*") + 1 :] == ["!dist/lambda-python3.13-*.zip"]


def test_package_and_template_default_to_the_same_architecture_and_zip():
    makefile = (BACKEND_DIR / "Makefile").read_text()
    defaults = dict(line.split(" ?= ") for line in makefile.splitlines() if " ?= " in line)
    template = yaml.load((BACKEND_DIR / "template.yaml").read_text(), Loader=_tags_as_text())
    assert template["Parameters"]["Architecture"]["Default"] == defaults["ARCH"]
    zip_name = f"dist/lambda-python{defaults['PYTHON_VERSION']}-{defaults['ARCH']}.zip"
    assert template["Resources"]["IrisFunction"]["Properties"]["CodeUri"] == zip_name


def test_sam_template_takes_api_keys_as_a_hidden_parameter():
    template = (BACKEND_DIR / "template.yaml").read_text()
    parameters = yaml.load(template, Loader=_tags_as_text())["Parameters"]
    assert parameters["ApiKeys"]["NoEcho"] is True
    assert parameters["ApiKeys"]["Default"] == ""


def test_the_templates_model_settings_are_read_by_the_app_and_the_key_is_never_echoed():
    from iris.config import Settings

    template = yaml.load((BACKEND_DIR / "template.yaml").read_text(), Loader=_tags_as_text())
    parameters = template["Parameters"]
    variables = template["Resources"]["IrisFunction"]["Properties"]["Environment"]["Variables"]
    assert parameters[variables["IRIS_LLM_API_KEY"].removeprefix("!Ref ")]["NoEcho"] is True
    defaults = {
        name: str(parameters[value.removeprefix("!Ref ")]["Default"])
        for name, value in variables.items()
    }
    assert Settings.from_environ(defaults).model is None
    model = Settings.from_environ({**defaults, "IRIS_ANALYZER": "llm", "IRIS_LLM_API_KEY": "k"})
    assert model.model is not None and model.model.model == "gpt-5-nano"
    timeout_ms = parameters[variables["IRIS_LLM_TIMEOUT_MS"].removeprefix("!Ref ")]
    function_timeout_ms = template["Resources"]["IrisFunction"]["Properties"]["Timeout"] * 1000
    assert timeout_ms["MaxValue"] + 2000 <= function_timeout_ms, "room for the builtin fallback"
