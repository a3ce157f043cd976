"""Build the Lambda deployment zip: `backend/src` at the root, runtime dependencies beside it.

Dependencies are installed for Lambda's Linux, not this machine, with pip's
`--platform`, `--python-version`, `--only-binary=:all:` and `--target`. The zip
is reproducible: entries sorted, timestamps and permissions fixed, so the same
tree always gives the same sha256.

    python tools/package_lambda.py [--python-version 3.13] [--architecture x86_64|arm64]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parent.parent
SRC_DIR = BACKEND_DIR / "src"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644 << 16
SKIPPED_PARTS = {"__pycache__", "tests", "bin"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}
PLATFORMS = {
    "x86_64": ("manylinux2014_x86_64", "manylinux_2_28_x86_64"),
    "arm64": ("manylinux2014_aarch64", "manylinux_2_28_aarch64"),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-version", default="3.13")
    parser.add_argument("--architecture", choices=sorted(PLATFORMS), default="x86_64")
    parser.add_argument("--output", type=Path, default=BACKEND_DIR / "dist" / "lambda.zip")
    parser.add_argument("--build-dir", type=Path, default=BACKEND_DIR / "build")
    options = parser.parse_args(argv)
    dependencies = install_dependencies(
        options.python_version, options.architecture, options.build_dir
    )
    write_zip(
        options.output,
        [(SRC_DIR, path) for path in files(SRC_DIR)]
        + [(dependencies, path) for path in files(dependencies)],
    )
    content = options.output.read_bytes()
    print(f"{options.output}  {len(content)} bytes  sha256 {hashlib.sha256(content).hexdigest()}")


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
        subprocess.run(
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
            check=True,
        )
        staging.rename(target)
    return target


def files(root: Path) -> Iterator[Path]:
    """Files under `root` that belong in the zip: no caches, tests or scripts."""
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if (
            path.is_file()
            and not SKIPPED_PARTS & set(relative.parts)
            and path.suffix not in SKIPPED_SUFFIXES
        ):
            yield relative


def write_zip(output: Path, entries: list[tuple[Path, Path]]) -> None:
    """Entries in name order, each with the same time and mode, so the bytes never vary."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_suffix(".partial")
    with zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for root, relative in sorted(entries, key=lambda entry: entry[1].as_posix()):
            info = zipfile.ZipInfo(relative.as_posix(), date_time=FIXED_TIME)
            info.external_attr = FILE_MODE
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (root / relative).read_bytes(), compresslevel=9)
    staging.replace(output)


if __name__ == "__main__":
    main()
