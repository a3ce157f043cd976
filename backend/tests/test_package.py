"""The Lambda zip: bytecode for the target Python, only tracked files, the same bytes anywhere."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BACKEND_DIR

TOOLS_DIR = BACKEND_DIR / "tools"
REPOSITORY = BACKEND_DIR.parent
LOCAL_VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"
LOCAL_TAG = sys.implementation.cache_tag


def package(backend: Path, *options: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, str(backend / "tools" / "package_lambda.py"), *options],
        cwd=backend,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


def built(backend: Path, *options: str) -> tuple[Path, str]:
    completed = package(backend, *options)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    line = completed.stdout.strip().splitlines()[-1]
    return Path(line.split()[0]), line.split("sha256 ")[1]


@pytest.fixture(scope="module")
def clones(tmp_path_factory):
    """Two clones of this commit, at paths of different lengths, as two users would have."""
    paths = []
    for name in ("a", "a-much-longer-folder-name"):
        target = tmp_path_factory.mktemp(name) / "iris"
        subprocess.run(["git", "clone", "-q", str(REPOSITORY), str(target)], check=True)
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPOSITORY, capture_output=True, text=True
        ).stdout.strip()
        subprocess.run(["git", "checkout", "-q", head], cwd=target, check=True)
        paths.append(target / "backend")
    return paths


def test_two_clones_at_different_paths_build_the_same_zip(clones):
    first_zip, first = built(clones[0])
    (clones[1] / "src" / ".env").write_text("SECRET=never-ship-me\n")
    (clones[1] / "src" / "iris" / ".api.py.swp").write_bytes(b"\0swap")
    second_zip, second = built(clones[1])
    assert first_zip.name == second_zip.name == "lambda-python3.13-arm64.zip"
    assert first == second
    assert built(clones[0])[1] == first, "the same clone built again"
    names = zipfile.ZipFile(second_zip).namelist()
    assert ".env" not in names and "iris/.api.py.swp" not in names


def bytecode_of(module: str, tag: str = "cpython-313") -> str:
    folder, _, file = module.rpartition("/")
    return f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc".lstrip("/")


def test_every_module_ships_with_its_bytecode_for_the_target_python(clones):
    zip_path, _ = built(clones[0])
    names = set(zipfile.ZipFile(zip_path).namelist())
    modules = [name for name in names if name.endswith(".py")]
    assert {"lambda_handler.py", "iris/api.py", "flask/app.py", "mangum/adapter.py"} <= names
    missing = [name for name in modules if bytecode_of(name) not in names]
    assert missing == []
    assert not [name for name in names if name.startswith(("bin/", "tests/"))]


def test_the_bytecode_is_hash_based_and_names_the_lambda_task_root(tmp_path):
    zip_path, _ = built(
        BACKEND_DIR, "--python-version", LOCAL_VERSION, "--output", str(tmp_path / "local.zip")
    )
    archive = zipfile.ZipFile(zip_path)
    data = archive.read(f"iris/__pycache__/api.{LOCAL_TAG}.pyc")
    flags = int.from_bytes(data[4:8], "little")
    assert flags == 0b01, "hash-based and unchecked: Lambda never compares timestamps"
    code = marshal.loads(data[16:])
    assert code.co_filename == "/var/task/iris/api.py"


def test_the_architecture_is_in_the_name_and_the_printed_line(tmp_path):
    completed = package(
        BACKEND_DIR, "--architecture", "x86_64", "--build-dir", str(BACKEND_DIR / "build")
    )
    assert completed.returncode == 0, completed.stderr
    line = completed.stdout.strip().splitlines()[-1]
    assert line.split()[0].endswith("dist/lambda-python3.13-x86_64.zip")
    assert " python3.13 x86_64 " in line
    names = zipfile.ZipFile(line.split()[0]).namelist()
    assert any(name.endswith("cpython-313-x86_64-linux-gnu.so") for name in names)


def test_without_an_interpreter_for_the_target_it_stops_with_one_line():
    completed = package(BACKEND_DIR, env={"PYTHON_FOR_BYTECODE": "/no/such/python3.13"})
    assert completed.returncode != 0
    assert completed.stderr.strip().count("\n") == 0
    assert "needs a Python 3.13 interpreter" in completed.stderr
    assert "PYTHON_FOR_BYTECODE" in completed.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is what says which files ship")
def test_only_tracked_files_ship_from_this_checkout(tmp_path):
    stray = BACKEND_DIR / "src" / "stray-untracked-file.txt"
    stray.write_text("not for Lambda")
    try:
        zip_path, _ = built(
            BACKEND_DIR, "--python-version", LOCAL_VERSION, "--output", str(tmp_path / "z.zip")
        )
    finally:
        stray.unlink()
    assert "stray-untracked-file.txt" not in zipfile.ZipFile(zip_path).namelist()


@pytest.mark.parametrize(
    ("version", "line"),
    [
        (
            "3.10",
            "the backend needs Python 3.11 or later; Lambda's python3.10 runtime cannot run it",
        ),
        ("3.x", "the Python version is written as 3.13, say, not '3.x'"),
    ],
)
def test_a_python_the_backend_cannot_run_on_stops_it_with_one_line(version, line):
    completed = package(BACKEND_DIR, "--python-version", version)
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"package_lambda: {line}"


def test_a_failed_install_is_one_line_naming_pips_error(tmp_path):
    """pip offered no index and an empty folder of wheels: it finds nothing to install."""
    (tmp_path / "wheels").mkdir()
    completed = package(
        BACKEND_DIR,
        *("--python-version", LOCAL_VERSION, "--build-dir", str(tmp_path / "build")),
        *("--output", str(tmp_path / "lambda.zip")),
        env={"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(tmp_path / "wheels")},
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith("package_lambda: pip could not install -r ")
    assert completed.stderr.strip().count("\n") == 0
    assert "flask" in completed.stderr
    assert not (tmp_path / "lambda.zip").exists()
