"""The deployment files deploy what an operator expects: the template, and the container image.

The SAM template passes cfn-lint, and is turned into CloudFormation by AWS's
own SAM translator, as `sam deploy` does; the tests then read the resources
CloudFormation would make for given parameter values (conditions decided,
`!If` chosen). The Dockerfile cannot be built here (no Docker engine), so its
tests check what a build depends on: that it copies the zip `make package`
writes, for the Python the function runs, lets it into the build context, and
starts the handler the template names.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BACKEND_DIR
from package_lambda import default_output

from iris.config import DEFAULT_METRICS_NAMESPACE, DEFAULT_SERVICE, Settings
from iris.metrics import METRICS

TEMPLATE = BACKEND_DIR / "template.yaml"
NO_VALUE = object()


def test_sam_template_passes_cfn_lint():
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(TEMPLATE)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def sam_template() -> dict:
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(TEMPLATE.read_text())


def deployed(monkeypatch, **parameters: object) -> dict[str, dict]:
    """The resources CloudFormation makes from the translated template with `parameters`.

    `CodeUri` becomes an S3 address, as `sam package` makes it before the
    translator sees it.
    """
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:
        def load(self) -> dict:
            return {}

    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    template = sam_template()
    template["Resources"]["IrisFunction"]["Properties"]["CodeUri"] = "s3://bucket/iris.zip"
    translated = transform(template, {}, NoManagedPolicies())
    values = {
        name: str(parameters.get(name, spec.get("Default", "")))
        for name, spec in template["Parameters"].items()
    }
    conditions: dict[str, bool] = {}
    for name, condition in translated.get("Conditions", {}).items():
        conditions[name] = resolved(condition, values, conditions)
    return resolved(translated["Resources"], values, conditions)


def resolved(node: object, parameters: dict[str, str], conditions: dict[str, bool]) -> object:
    """`node` with parameters put in and `Fn::If`, `Fn::Equals`, `Fn::Not` decided."""
    if isinstance(node, dict) and len(node) == 1:
        ((function, argument),) = node.items()
        if function == "Ref" and argument == "AWS::NoValue":
            return NO_VALUE
        if function == "Ref" and argument in parameters:
            return parameters[argument]
        if function == "Fn::If":
            condition, when_true, when_false = argument
            chosen = when_true if conditions[condition] else when_false
            return resolved(chosen, parameters, conditions)
        if function == "Fn::Equals":
            left, right = (str(resolved(side, parameters, conditions)) for side in argument)
            return left == right
        if function == "Fn::Not":
            return not resolved(argument[0], parameters, conditions)
    if isinstance(node, dict):
        pairs = ((key, resolved(value, parameters, conditions)) for key, value in node.items())
        return {key: value for key, value in pairs if value is not NO_VALUE}
    if isinstance(node, list):
        return [resolved(item, parameters, conditions) for item in node]
    return node


def of_type(resources: dict[str, dict], kind: str) -> list[dict]:
    return [resource["Properties"] for resource in resources.values() if resource["Type"] == kind]


@pytest.mark.parametrize(("rate", "burst"), [(None, None), (2, 5), (500, 1000)])
def test_the_http_api_throttles_every_route_at_the_parameters(monkeypatch, rate, burst):
    given = {"ThrottlingRateLimit": rate, "ThrottlingBurstLimit": burst} if rate else {}
    (stage,) = of_type(deployed(monkeypatch, **given), "AWS::ApiGatewayV2::Stage")
    settings = stage["DefaultRouteSettings"]
    parameters = sam_template()["Parameters"]
    expected_rate = rate or parameters["ThrottlingRateLimit"]["Default"]
    expected_burst = burst or parameters["ThrottlingBurstLimit"]["Default"]
    assert float(settings["ThrottlingRateLimit"]) == expected_rate
    assert int(settings["ThrottlingBurstLimit"]) == expected_burst


def test_the_default_throttle_lets_a_team_read_code_and_stops_a_flood():
    parameters = sam_template()["Parameters"]
    rate = parameters["ThrottlingRateLimit"]["Default"]
    burst = parameters["ThrottlingBurstLimit"]["Default"]
    assert 5 <= rate <= 100, "a file opened per second by several readers, not thousands"
    assert burst >= rate, "a burst below the rate would throttle steady traffic"


@pytest.mark.parametrize(("given", "reserved"), [(None, None), (5, 5), (0, 0)])
def test_reserved_concurrency_is_reserved_only_when_asked(monkeypatch, given, reserved):
    parameters = {} if given is None else {"ReservedConcurrency": given}
    (function,) = of_type(deployed(monkeypatch, **parameters), "AWS::Lambda::Function")
    if reserved is None:
        assert "ReservedConcurrentExecutions" not in function, (
            "by default the function stays in the shared pool: an account with the new-account "
            "limit of 10 cannot reserve any, and the deploy would fail"
        )
    else:
        assert int(function["ReservedConcurrentExecutions"]) == reserved


def test_the_alarm_is_there_without_a_topic_and_tells_the_topic_when_given(monkeypatch):
    """Decided: the alarm always exists, so its state shows in the console from day one;
    it notifies only a topic that is given, on failing and on recovering."""
    (silent,) = of_type(deployed(monkeypatch), "AWS::CloudWatch::Alarm")
    assert "AlarmActions" not in silent and "OKActions" not in silent
    topic = "arn:aws:sns:eu-west-1:123456789012:iris-alerts"
    (telling,) = of_type(deployed(monkeypatch, AlarmTopicArn=topic), "AWS::CloudWatch::Alarm")
    assert telling["AlarmActions"] == telling["OKActions"] == [topic]


def test_the_alarm_watches_this_functions_errors_and_throttles_and_its_5xx_answers(monkeypatch):
    (alarm,) = of_type(deployed(monkeypatch), "AWS::CloudWatch::Alarm")
    watched = {
        query["MetricStat"]["Metric"]["MetricName"]: query["MetricStat"]["Metric"]
        for query in alarm["Metrics"]
        if "MetricStat" in query
    }
    assert set(watched) == {"Errors", "Throttles", "Requests5xx"}
    for name in ("Errors", "Throttles"):
        assert watched[name]["Namespace"] == "AWS/Lambda"
        assert watched[name]["Dimensions"] == [
            {"Name": "FunctionName", "Value": {"Ref": "IrisFunction"}}
        ]
    ours = watched["Requests5xx"]
    assert "Requests5xx" in METRICS
    assert ours["Namespace"] == DEFAULT_METRICS_NAMESPACE
    assert ours["Dimensions"] == [{"Name": "service", "Value": DEFAULT_SERVICE}]
    (expression,) = [query for query in alarm["Metrics"] if query.get("ReturnData", True)]
    ids = {query["Id"] for query in alarm["Metrics"] if "MetricStat" in query}
    assert set(re.findall(r"[a-z][a-z0-9_]*", expression["Expression"].lower())) - {"fill"} == ids


def test_the_function_logs_json_at_a_level_the_app_reads_with_metrics_on(monkeypatch):
    (function,) = of_type(deployed(monkeypatch, LogLevel="WARN"), "AWS::Lambda::Function")
    logging_config = function["LoggingConfig"]
    assert logging_config["LogFormat"] == "JSON" and logging_config["ApplicationLogLevel"] == "WARN"
    assert logging_config["LogGroup"] == {"Ref": "IrisLogGroup"}
    variables = function["Environment"]["Variables"]
    for level in sam_template()["Parameters"]["LogLevel"]["AllowedValues"]:
        lambda_sets = {"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": level}
        settings = Settings.from_environ({**variables, **lambda_sets})
        assert settings.log_format == "json"
        assert settings.metrics_namespace == DEFAULT_METRICS_NAMESPACE


def test_the_log_group_keeps_the_log_for_a_while_not_forever(monkeypatch):
    (group,) = of_type(deployed(monkeypatch), "AWS::Logs::LogGroup")
    assert 7 <= int(group["RetentionInDays"]) <= 365


def test_every_environment_variable_the_template_sets_is_one_the_app_reads():
    config = (BACKEND_DIR / "src" / "iris" / "config.py").read_text()
    variables = sam_template()["Resources"]["IrisFunction"]["Properties"]["Environment"]
    for name in variables["Variables"]:
        assert f'"{name}"' in config, f"{name} is set by the template but read nowhere"


def test_package_and_template_default_to_the_same_architecture_and_zip():
    makefile = (BACKEND_DIR / "Makefile").read_text()
    defaults = dict(line.split(" ?= ") for line in makefile.splitlines() if " ?= " in line)
    template = sam_template()
    assert template["Parameters"]["Architecture"]["Default"] == defaults["ARCH"]
    zip_name = f"dist/lambda-python{defaults['PYTHON_VERSION']}-{defaults['ARCH']}.zip"
    assert template["Resources"]["IrisFunction"]["Properties"]["CodeUri"] == zip_name


def test_secrets_are_hidden_parameters_that_default_to_nothing():
    parameters = sam_template()["Parameters"]
    for name in ("ApiKeys", "LlmApiKey"):
        assert parameters[name]["NoEcho"] is True
        assert parameters[name]["Default"] == ""


def test_the_templates_model_settings_are_read_by_the_app_with_room_for_the_fallback():
    template = sam_template()
    parameters = template["Parameters"]
    function = template["Resources"]["IrisFunction"]["Properties"]
    variables = function["Environment"]["Variables"]
    defaults = {name: str(parameters[value["Ref"]]["Default"]) for name, value in variables.items()}
    assert Settings.from_environ(defaults).model is None
    model = Settings.from_environ({**defaults, "IRIS_ANALYZER": "llm", "IRIS_LLM_API_KEY": "k"})
    assert model.model is not None and model.model.model == "gpt-5-nano"
    timeout_ms = parameters[variables["IRIS_LLM_TIMEOUT_MS"]["Ref"]]
    assert timeout_ms["MaxValue"] + 2000 <= function["Timeout"] * 1000, "room for the builtin"


# The container image


def dockerfile() -> dict[str, str]:
    """The Dockerfile's instructions, continuation lines joined; the last of each kind wins."""
    text = (BACKEND_DIR / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    return {line.split()[0]: line.split(None, 1)[1] for line in lines}


def build_context_holds(path: str) -> bool:
    """Whether `docker build` sends `path` (relative to backend/), by `.dockerignore`'s rules."""
    included = True
    for rule in (BACKEND_DIR / ".dockerignore").read_text().splitlines():
        rule = rule.strip()
        if not rule or rule.startswith("#"):
            continue
        pattern = rule.removeprefix("!")
        parts = path.split("/")
        prefixes = ["/".join(parts[: count + 1]) for count in range(len(parts))]
        if any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes):
            included = rule.startswith("!")
    return included


@pytest.mark.parametrize("architecture", ["arm64", "x86_64"])
def test_the_image_copies_the_zip_make_package_builds_for_its_python(architecture):
    instructions = dockerfile()
    python = re.fullmatch(r"public\.ecr\.aws/lambda/python:(\d+\.\d+)", instructions["FROM"])
    assert python, "AWS's own Lambda base image for Python"
    source, _ = instructions["COPY"].split()
    zip_path = default_output(python[1], architecture).relative_to(BACKEND_DIR)
    assert source.replace("${ARCH}", architecture) == str(zip_path)
    assert build_context_holds(str(zip_path))
    assert not build_context_holds("src/lambda_handler.py"), "the image holds the zip alone"


def test_the_images_python_is_the_functions_and_the_zips():
    makefile = (BACKEND_DIR / "Makefile").read_text()
    zip_python = re.search(r"^PYTHON_VERSION \?= (\S+)$", makefile, re.MULTILINE)[1]
    image_python = dockerfile()["FROM"].rsplit(":", 1)[1]
    runtime = sam_template()["Resources"]["IrisFunction"]["Properties"]["Runtime"]
    assert image_python == zip_python == runtime.removeprefix("python")
    assert dockerfile()["ARG"] == f"ARCH={sam_template()['Parameters']['Architecture']['Default']}"


def test_the_image_starts_the_handler_the_template_names_and_it_exists():
    import lambda_handler

    command = yaml.safe_load(dockerfile()["CMD"])
    handler = sam_template()["Resources"]["IrisFunction"]["Properties"]["Handler"]
    assert command == [handler]
    module, attribute = handler.rsplit(".", 1)
    assert module == lambda_handler.__name__ and callable(getattr(lambda_handler, attribute))
    extract = dockerfile()["RUN"]
    assert "${LAMBDA_TASK_ROOT}" in extract, "the base image runs the code in its task root"
