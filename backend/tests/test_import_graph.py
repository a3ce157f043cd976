"""The imports in `src/` run one way: no module imports its own package or a package above it.

A package's `__init__` stands above its modules: `iris/__init__.py` builds the
app out of `iris.api`, `iris.pages` and the rest. A module that takes a name
back from it (`from iris import __version__` in `iris/pages.py`) is an arrow
running back up, and a cycle waiting for the day `__init__` imports that
module at its top. Naming a module through its package (`from iris.analysis
import naming`) is no such arrow: it imports the module, not the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import SRC_DIR


def module_files(root: Path) -> dict[str, Path]:
    """Every module under `root` by its dotted name; a package by its own name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """What the module `name` imports, anywhere in it: each a module or package of `modules`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in modules else base)
    return {target for target in targets if target in modules}


def upward_arrows(root: Path) -> list[tuple[str, str]]:
    """(module, package) for each module importing its own package or one above it."""
    modules = module_files(root)
    packages = {name for name, path in modules.items() if path.name == "__init__.py"}
    return sorted(
        (name, target)
        for name, path in modules.items()
        for target in imports_of(name, path, modules)
        if target in packages and (name == target or name.startswith(f"{target}."))
    )


def test_no_import_runs_back_up():
    assert upward_arrows(SRC_DIR) == []


def test_an_arrow_running_back_up_is_found(tmp_path):
    """The check itself, on a small tree: each kind of upward import, and what is not one."""
    files = {
        "app/__init__.py": "NAME = 'app'\n\ndef make():\n    from app.pages import pages\n",
        "app/pages.py": "from app import NAME, version\n",
        "app/version.py": "VERSION = '1'\n",
        "app/parts/__init__.py": "from app.parts import helper\n",
        "app/parts/helper.py": "from .. import VERSION\nfrom . import other\n",
        "app/parts/other.py": "def f():\n    import app.parts\n",
        "app/parts/fine.py": "from app.parts import helper\nfrom app import version\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert upward_arrows(tmp_path) == [
        ("app.pages", "app"),
        ("app.parts.helper", "app"),
        ("app.parts.other", "app.parts"),
    ]
