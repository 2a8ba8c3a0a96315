"""The house rules of ARCHITECTURE.md, checked on the package's imports.

Every ``import`` and ``from ... import`` in ``pipeline/`` (the ``newsclaims``
package) is read with ``ast``, including imports inside functions, so a lazy
import cannot slip past a rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "pipeline"

# Modules every layer may lean on: records and errors at the base, settings,
# the lexicon, the document layout helpers, the packaged resources and the
# spaCy helpers (tree walks, speed-ups) that hold no stage logic.
SHARED = ("records", "errors", "settings", "lexicon", "layout", "resources", "spacy_ext")
BASE = ("records", "errors", "settings")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["newsclaims", *parts])


def _imports(path: Path) -> set[str]:
    """The ``newsclaims`` modules ``path`` imports (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "newsclaims")
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import (use absolute newsclaims.* imports)"
            if node.module and node.module.split(".")[0] == "newsclaims":
                found.add(node.module)
                # "from newsclaims.stages import parse" imports the submodule too.
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in sorted(PACKAGE_DIR.rglob("*.py"))}


MODULES = _modules()
KNOWN = set(MODULES)


def _real(imported: set[str]) -> set[str]:
    """Imported names that are modules of the package (drops imported functions)."""
    return {name for name in imported if name in KNOWN}


def _room(module: str) -> str:
    """'newsclaims.stages.classify.side' -> 'stages.classify'; 'newsclaims.records' -> 'records'."""
    parts = module.split(".")[1:]
    if not parts:
        return ""
    if parts[0] == "stages" and len(parts) > 1:
        return f"stages.{parts[1]}"
    return parts[0]


def _under(module: str, room: str) -> bool:
    return _room(module) == room or (room == "spacy_ext" and _room(module) == "spacy_ext")


def test_architecture_reads_every_module() -> None:
    assert "newsclaims.extractor" in MODULES and "newsclaims.records" in MODULES
    assert any(name.startswith("newsclaims.stages.") for name in MODULES)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _room(m) in BASE))
def test_rule1_base_modules_import_nothing_from_the_package(module: str) -> None:
    assert _real(MODULES[module]) == set(), f"{module} imports {sorted(_real(MODULES[module]))}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _room(m).startswith("stages.")))
def test_rule2_a_stage_imports_shared_modules_and_its_own_room_only(module: str) -> None:
    own = _room(module)
    allowed_rooms = set(SHARED) | {own}
    if own == "stages.candidates":
        allowed_rooms.add("stages.numbers")  # the one exception: candidates read numbers
    bad = sorted(name for name in _real(MODULES[module]) if _room(name) not in allowed_rooms and name != "newsclaims.stages")
    assert not bad, f"{module} imports {bad}"


def test_rule3_only_the_extractor_composes_stages() -> None:
    for module, imported in MODULES.items():
        if module == "newsclaims.extractor" or _room(module).startswith("stages."):
            continue
        stages = {_room(name) for name in _real(imported) if _room(name).startswith("stages.")}
        if module.startswith("newsclaims.runners") or module == "newsclaims.cli":
            assert not stages, f"{module} reaches into stages {sorted(stages)}: go through the extractor"
        else:
            assert len(stages) <= 1, f"{module} composes stages {sorted(stages)}: only extractor.py knows the order"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _room(m) == "runners"))
def test_rule4_runners_use_the_extractor_records_and_io(module: str) -> None:
    allowed = {"runners", "extractor", "records", "io", "errors", "settings", "config", "resources", "budget"}
    bad = sorted(name for name in _real(MODULES[module]) if _room(name) not in allowed)
    assert not bad, f"{module} imports {bad}"


def test_rule5_nothing_imports_the_cli() -> None:
    importers = sorted(m for m, imported in MODULES.items() if "newsclaims.cli" in imported and m != "newsclaims.__main__")
    assert importers == []


def test_rule5_the_cli_calls_the_library_not_its_internals() -> None:
    allowed = {"config", "errors", "settings", "runners", "evaluation", "train", "resources", "io"}
    bad = sorted(name for name in _real(MODULES["newsclaims.cli"]) if _room(name) not in allowed)
    assert not bad, f"cli imports {bad}"
