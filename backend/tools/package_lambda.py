"""Build the Lambda deployment zip: tracked `backend/src` files and dependencies, as bytecode too.

    python tools/package_lambda.py [--python-version 3.13] [--architecture arm64|x86_64]

Writes `dist/lambda-python<version>-<architecture>.zip` and prints one line
with its path, Python version, architecture, size and sha256.

- **Only what git tracks** under `backend/src` ships, so a stray `.env` or an
  editor's swap file never does. Dependencies are installed for Lambda's
  Linux with pip's `--platform`, `--python-version` and `--only-binary=:all:`.
  The backend's own metadata (its name and version, from pyproject.toml's
  `[project]`) ships as an installed distribution's `.dist-info`, which is
  where the app reads its version on Lambda.
- **Bytecode for the target Python.** Lambda's task root is read-only, so a
  zip without bytecode compiles every module on every cold start. Every
  module is compiled by an interpreter of the target version (`python3.13` on
  `PATH`, a pyenv version, or `PYTHON_FOR_BYTECODE=/path`) into
  `__pycache__/*.cpython-3XX.pyc`, hash-based and unchecked: Python loads it
  without reading the source's timestamp, and the bytes do not depend on when
  the file was built. Code objects name `/var/task/...`, Lambda's task root,
  whatever folder the build ran in.
- **The same bytes anywhere.** Entries are sorted, with fixed times and modes;
  a dependency's `RECORD` lists only files that ship (the `bin/` scripts pip
  writes hold the build machine's paths), so two clones of one commit in
  different folders, on different days, give the same sha256.
"""

from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parent.parent
SRC_DIR = BACKEND_DIR / "src"
DEFAULT_PYTHON_VERSION = "3.13"
OLDEST_PYTHON_MINOR = 11
"""The backend runs on Python 3.11 and later, as the Makefile checks of the interpreter it uses."""
DEFAULT_ARCHITECTURE = "arm64"
TASK_ROOT = "/var/task"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644 << 16
SKIPPED_PARTS = {"__pycache__", "tests", "bin"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}
PLATFORMS = {
    "x86_64": ("manylinux2014_x86_64", "manylinux_2_28_x86_64"),
    "arm64": ("manylinux2014_aarch64", "manylinux_2_28_aarch64"),
}


class BuildError(Exception):
    """Something the build needs is missing; the message says what and how to supply it."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-version", default=DEFAULT_PYTHON_VERSION)
    parser.add_argument("--architecture", choices=sorted(PLATFORMS), default=DEFAULT_ARCHITECTURE)
    parser.add_argument("--output", type=Path, help="default: dist/lambda-python<v>-<arch>.zip")
    parser.add_argument("--build-dir", type=Path, default=BACKEND_DIR / "build")
    options = parser.parse_args(argv)
    output = options.output or default_output(options.python_version, options.architecture)
    try:
        check_python_version(options.python_version)
        interpreter = bytecode_interpreter(options.python_version)
        dependencies = install_dependencies(
            options.python_version, options.architecture, options.build_dir
        )
        build(output, interpreter, dependencies, options.build_dir)
    except BuildError as error:
        raise SystemExit(f"package_lambda: {error}") from None
    content = output.read_bytes()
    print(
        f"{output}  python{options.python_version} {options.architecture}  "
        f"{len(content)} bytes  sha256 {hashlib.sha256(content).hexdigest()}"
    )


def default_output(python_version: str, architecture: str) -> Path:
    return BACKEND_DIR / "dist" / f"lambda-python{python_version}-{architecture}.zip"


def check_python_version(python_version: str) -> None:
    """Refuse a target the backend cannot run on before pip is asked for it.

    pip would otherwise fail for an older Python by being unable to resolve the
    pinned dependencies, and say so in a dozen lines that never name the cause.
    """
    major, dot, minor = python_version.partition(".")
    if major != "3" or not dot or not minor.isdigit():
        raise BuildError(f"the Python version is written as 3.13, say, not {python_version!r}")
    if int(minor) < OLDEST_PYTHON_MINOR:
        raise BuildError(
            f"the backend needs Python 3.{OLDEST_PYTHON_MINOR} or later; "
            f"Lambda's python{python_version} runtime cannot run it"
        )


def bytecode_interpreter(python_version: str) -> str:
    """An interpreter of `python_version`, to compile the bytecode the zip ships.

    `PYTHON_FOR_BYTECODE` wins; then this interpreter if it is that version,
    `python3.X` on `PATH`, and pyenv's versions. Each is asked its version,
    since a pyenv shim answers for any name but runs only the active version.
    """
    named = os.environ.get("PYTHON_FOR_BYTECODE")
    candidates = [named] if named else [sys.executable, shutil.which(f"python{python_version}")]
    if not named:
        pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
        pattern = os.path.join(pyenv_root, "versions", f"{python_version}.*", "bin", "python3")
        candidates += sorted(glob.glob(pattern), reverse=True)
    for candidate in candidates:
        if candidate and _version_of(candidate) == python_version:
            return candidate
    raise BuildError(
        f"needs a Python {python_version} interpreter to compile the zip's bytecode; "
        f"put python{python_version} on PATH, install it with pyenv, "
        f"or set PYTHON_FOR_BYTECODE=/path/to/python{python_version}"
    )


def _version_of(interpreter: str) -> str | None:
    try:
        completed = subprocess.run(
            [interpreter, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except OSError:
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None


def install_dependencies(python_version: str, architecture: str, build_dir: Path) -> Path:
    """Install requirements.txt for Lambda's platform, once per set of inputs.

    The folder is named by a digest of everything that decides its contents, so
    a changed requirement gets a fresh install and an unchanged one none.
    """
    inputs = hashlib.sha256()
    for name in ("requirements.txt", "constraints.txt"):
        inputs.update((BACKEND_DIR / name).read_bytes())
    inputs.update(f"{python_version} {architecture}".encode())
    platforms = [option for tag in PLATFORMS[architecture] for option in ("--platform", tag)]
    return install_once(
        build_dir / f"lambda-dependencies-{inputs.hexdigest()[:16]}",
        "--no-compile",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        python_version,
        *platforms,
        "-r",
        str(BACKEND_DIR / "requirements.txt"),
    )


def install_once(target: Path, *pip_arguments: str) -> Path:
    """`pip install --target` into `target` unless it is already there, pinned by constraints.txt.

    The install lands in a staging folder first, so an interrupted one is never
    mistaken for a finished one.
    """
    if not target.is_dir():
        staging = target.with_suffix(".partial")
        shutil.rmtree(staging, ignore_errors=True)
        wanted = " ".join(pip_arguments[-2:])
        print(f"package_lambda: installing {wanted} into {target.name}", flush=True)
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(staging),
                "-c",
                str(BACKEND_DIR / "constraints.txt"),
                *pip_arguments,
            ],
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"pip could not install {wanted}: {_pip_error(completed.stderr)}")
        staging.rename(target)
    return target


def _pip_error(output: str) -> str:
    """pip's first error line, which names the cause; its last says only how to get help."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line.removeprefix("ERROR: ") for line in lines if line.startswith("ERROR: ")]
    return (errors or lines or ["no message"])[0]


def build(output: Path, interpreter: str, dependencies: Path, build_dir: Path) -> None:
    """Stage the files, compile them with `interpreter`, and zip the staged tree."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lambda-stage-", dir=build_dir) as staging_dir:
        staging = Path(staging_dir)
        for relative in tracked_files(SRC_DIR):
            _copy(SRC_DIR / relative, staging / relative)
        name, metadata = project_metadata(BACKEND_DIR / "pyproject.toml")
        _write(staging / name / "METADATA", metadata)
        for relative in files(dependencies):
            if relative.name == "RECORD":
                _write(staging / relative, shipped_record((dependencies / relative).read_text()))
            else:
                _copy(dependencies / relative, staging / relative)
        compile_bytecode(interpreter, staging)
        write_zip(output, staging)


def project_metadata(pyproject: Path) -> tuple[str, str]:
    """The backend's `.dist-info` folder name and its core metadata, from `[project]`."""
    with pyproject.open("rb") as file:
        project = tomllib.load(file)["project"]
    folder = f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    metadata = (
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
        f"Summary: {project['description']}\nRequires-Python: {project['requires-python']}\n"
    )
    return folder, metadata


def tracked_files(root: Path) -> list[Path]:
    """The files git tracks under `root`, relative to it; every file outside a checkout."""
    completed = subprocess.run(
        ["git", "ls-files", "-z", "--", "."],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        print("package_lambda: not a git checkout, so every file under src/ ships", file=sys.stderr)
        return list(files(root))
    return [
        Path(name)
        for name in completed.stdout.split("\0")
        if name and (root / name).is_file() and not _skipped(Path(name))
    ]


def shipped_record(record: str) -> str:
    """A dependency's RECORD without the files that do not ship.

    pip lists the scripts it wrote under `bin/` (outside the package, as
    `../../bin/flask`), whose first line names the build machine's Python:
    their hashes would make the zip differ from one folder to the next.
    """
    rows = [
        row
        for row in csv.reader(io.StringIO(record))
        if row and not row[0].startswith("..") and not _skipped(Path(row[0]))
    ]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()


def compile_bytecode(interpreter: str, root: Path) -> None:
    """Compile every module under `root`, naming `/var/task/...` in the code objects.

    One process compiles them all, in compileall's sorted order. Parallel
    workers (`-j`) made builds differ: marshal marks an object for reuse by
    its reference count, which depends on what the same process compiled
    before, so with files shared out differently from run to run, some builds
    on Python 3.13 wrote a different `werkzeug/routing/map.pyc`.
    """
    completed = subprocess.run(
        [
            interpreter,
            "-m",
            "compileall",
            "-q",
            "--invalidation-mode",
            "unchecked-hash",
            "-s",
            str(root),
            "-p",
            TASK_ROOT,
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise BuildError(f"compiling the bytecode failed:\n{completed.stdout}{completed.stderr}")


def files(root: Path) -> Iterator[Path]:
    """Files under `root` that belong in the zip: no caches, tests or scripts."""
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and not _skipped(relative):
            yield relative


def _skipped(relative: Path) -> bool:
    return bool(SKIPPED_PARTS & set(relative.parts)) or relative.suffix in SKIPPED_SUFFIXES


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def write_zip(output: Path, root: Path) -> None:
    """Every file under `root`, in name order with one time and mode: the bytes never vary."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_suffix(".partial")
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    with zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = FILE_MODE
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (root / name).read_bytes(), compresslevel=9)
    staging.replace(output)


if __name__ == "__main__":
    main()
