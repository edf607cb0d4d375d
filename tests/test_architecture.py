"""The layout shows the architecture, and the code keeps to it.

Dependencies run one way: the foundation modules (errors, argument checks,
files, labels, HTML tables, sources), then calendar -> record -> lifecycle ->
procedure -> exports -> cli. ``strategies`` sits on top and only uses the
public API. Every import is read with ``ast``, also those inside functions
and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import achterhoek_inkoop as ai

PACKAGE = Path(ai.__file__).resolve().parent
NAME = "achterhoek_inkoop"
#: The layers, lowest first; a module may import from its own layer and the ones below.
LAYERS = ("foundation", "calendar", "record", "lifecycle", "procedure", "eforms", "exports", "cli",
          "strategies")
#: Every module must stay about this small (STYLE: split before ~500 lines).
MAX_LINES = 520


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([NAME, *parts])


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    """The layer of a module of the package; the package itself and ``__main__`` are the door."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "door"
    return parts[1] if parts[1] in LAYERS else "foundation"


def imports(module: str, source: str) -> list[tuple[int, str]]:
    """Every module of the package that ``source`` (the text of ``module``) imports, with its line."""
    package = module if MODULES.get(module, Path()).name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == NAME]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != NAME:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub if sub in MODULES else target))
    return found


def violations(module: str, source: str) -> list[str]:
    """The imports of ``module`` against the direction of the layers."""
    own = layer(module)
    out = []
    for line, target in imports(module, source):
        theirs = layer(target)
        if theirs == "door":
            allowed = own == "strategies"
        elif own == "door":
            allowed = theirs != "strategies"
        else:
            allowed = LAYERS.index(theirs) <= LAYERS.index(own) and not (
                theirs in ("cli", "strategies") and own != theirs)
        if not allowed:
            out.append(f"{module}:{line} ({own}) imports {target} ({theirs})")
    return out


def test_every_module_belongs_to_a_layer() -> None:
    foundation = sorted(m for m in MODULES if layer(m) == "foundation")
    assert all(m.split(".")[1].startswith("_") for m in foundation), foundation
    assert {layer(m) for m in MODULES} == {"door", *LAYERS}


def test_dependencies_run_one_way() -> None:
    found = [v for module, path in MODULES.items() for v in violations(module, path.read_text())]
    assert found == []


@pytest.mark.parametrize(("module", "source"), [
    ("achterhoek_inkoop.calendar._periods", "from ..record import Event\n"),
    ("achterhoek_inkoop.lifecycle._timeline", "def f():\n    from ..procedure import Procedure\n"),
    ("achterhoek_inkoop.procedure._procedure",
     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..exports import status\n"),
    ("achterhoek_inkoop._files", "import achterhoek_inkoop.calendar\n"),
    ("achterhoek_inkoop.exports._ocds", "from .. import Procedure\n"),
    ("achterhoek_inkoop.exports._ocds", "from ..cli import main\n"),
    ("achterhoek_inkoop.procedure._procedure", "from .. import strategies\n"),
])
def test_an_import_against_the_direction_is_found(module: str, source: str) -> None:
    # The check itself: each of these would break the layering, wherever the import stands.
    assert violations(module, source) != []


@pytest.mark.parametrize("layer_name", ["exports", "strategies"])
def test_exports_and_strategies_use_only_the_public_api(layer_name: str) -> None:
    """No private module of another subpackage, and no private attribute of a library object."""
    found = []
    for module, path in MODULES.items():
        if layer(module) != layer_name:
            continue
        source = path.read_text()
        for line, target in imports(module, source):
            parts = target.split(".")
            private = [p for p in parts[2:] if p.startswith("_")]
            if len(parts) > 2 and parts[1] != layer_name and private:
                found.append(f"{module}:{line} imports the private {target}")
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                found.append(f"{module}:{node.lineno} reads the private attribute .{node.attr}")
    assert found == []


def test_every_subpackage_says_what_it_owns() -> None:
    for module, path in MODULES.items():
        if path.name == "__init__.py" and module != NAME:
            docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
            assert "Owns" in docstring or layer(module) == "strategies", module
            assert docstring, module


def test_every_module_is_small() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def package_diagram() -> str:
    """The Mermaid flowchart of the subpackages and the imports between them, read from the code."""
    edges = sorted({(layer(module), layer(target))
                    for module, path in MODULES.items() for _line, target in imports(module, path.read_text())
                    if "door" not in (layer(module), layer(target)) and layer(module) != layer(target)},
                   key=lambda edge: (-LAYERS.index(edge[0]), -LAYERS.index(edge[1])))
    return "\n".join(["flowchart TD", *(f"  {a} --> {b}" for a, b in edges)])


def test_the_readme_draws_the_packages_as_the_code_imports_them() -> None:
    readme = (PACKAGE.parents[1] / "README.md").read_text()
    start = readme.index("```mermaid\nflowchart TD")
    drawn = readme[start + len("```mermaid\n"): readme.index("```", start + 3)].strip()
    assert drawn == package_diagram(), f"paste this into the README:\n{package_diagram()}"
