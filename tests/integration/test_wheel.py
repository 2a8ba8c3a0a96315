"""The wheel: built from the work tree, installed (not editable) into a fresh
virtualenv, and run from a directory that is not the checkout.

This is the test of the issue "an installable newsclaims package": the
configuration, the lexicon and the model must travel inside the wheel and be
found through ``importlib.resources``, so ``newsclaims extract``, ``python -m
newsclaims`` and ``import newsclaims`` work with no source tree in sight.

The wheel is built from a copy of the work tree (so no ``build/`` or
``*.egg-info`` lands in the repository). To avoid downloading spaCy and the
rest again, the fresh virtualenv sees the project virtualenv's dependencies
through one ``.pth`` line. A path line in a ``.pth`` file only appends that
folder to ``sys.path``; the ``.pth`` files inside it (among them the editable
install's finder, which maps ``newsclaims`` to ``pipeline/``) are not run, and
the fresh site-packages comes first: the test checks that ``newsclaims``
resolves to the installed copy, not to the checkout.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "pipeline"  # installed as the package ``newsclaims``
SEED = next((REPO / "corpus").glob("001_*.txt"))
# Data files the installed package must carry (paths inside the wheel).
PACKAGED_DATA = (
    "newsclaims/py.typed",
    "newsclaims/configs/default.toml",
    "newsclaims/configs/lexicon.toml",
    "newsclaims/models/category_logreg/model.skops",
    "newsclaims/models/category_logreg/meta.json",
)
# Work-tree entries the build does not need (top level), and junk at any level.
_SKIP_TOP = {".git", ".venv", "build", "dist", "out", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}
_SKIP_ANY = ("__pycache__", "*.egg-info", "*.pyc")
TIMEOUT = 600


def _ignore(folder: str, names: list[str]) -> set[str]:
    skipped = set(shutil.ignore_patterns(*_SKIP_ANY)(folder, names))
    if Path(folder) == REPO:
        skipped |= _SKIP_TOP & set(names)
    return skipped


def _clean_env() -> dict[str, str]:
    """The environment of a user's shell: nothing pointing at the checkout or this virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}}
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(args: Sequence[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert result.returncode == 0, f"{' '.join(map(str, args))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def _can_build_without_isolation() -> bool:
    """This interpreter has the build backend the project asks for, and bdist_wheel.

    Then the wheel builds offline; otherwise pip builds it in an isolated
    environment and fetches the backend from the configured index.
    """
    from packaging.requirements import Requirement

    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    for line in requires:
        requirement = Requirement(line)
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            return False
        if not requirement.specifier.contains(installed, prereleases=True):
            return False
    from packaging.version import Version

    setuptools_has_bdist_wheel = Version(importlib.metadata.version("setuptools")) >= Version("70.1")
    return setuptools_has_bdist_wheel or importlib.util.find_spec("wheel") is not None


def _junk(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name in {"build", "dist"} or p.name.endswith(".egg-info")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    junk_before = _junk(REPO)
    source = tmp / "source"
    shutil.copytree(REPO, source, symlinks=True, ignore=_ignore)
    dist = tmp / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, source]
    if _can_build_without_isolation():
        command.insert(4, "--no-build-isolation")
    _run(command, cwd=tmp)
    assert _junk(REPO) == junk_before  # the build left nothing in the work tree
    [built] = dist.glob("newsclaims-*.whl")
    return built


def _source_modules() -> list[str]:
    """Every module of the source folder, as its path inside the wheel.

    ``configs`` and ``models`` are symlinks to the top-level data folders (not
    code), so the walk does not follow them.
    """
    modules = []
    for folder, dirs, files in os.walk(SOURCE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not (Path(folder) / d).is_symlink())
        relative = Path(folder).relative_to(SOURCE)
        modules += [(Path("newsclaims") / relative / name).as_posix() for name in sorted(files) if name.endswith(".py")]
    return modules


def test_wheel_holds_every_module_and_the_packaged_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        missing = [name for name in [*_source_modules(), *PACKAGED_DATA] if name not in names]
        assert missing == [], f"not in the wheel (is the subpackage in [tool.setuptools] packages?): {missing}"
        # Every subpackage ships its __init__ (no folder left to namespace-package luck).
        packages = {Path(n).parent.as_posix() for n in _source_modules()}
        assert all(f"{p}/__init__.py" in names for p in packages), sorted(packages)
        # The data are the files themselves, not the symlinks or stale copies.
        for name in PACKAGED_DATA[1:]:
            shipped = hashlib.sha256(archive.read(name)).hexdigest()
            here = hashlib.sha256((SOURCE / Path(name).relative_to("newsclaims")).read_bytes()).hexdigest()
            assert shipped == here, name
        assert not [n for n in names if n.startswith(("tests/", "corpus/", "pipeline/", "benchmarks/"))]


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed (not editable); returns its python."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / "bin" / "python"
    # The wheel goes in before the .pth exists, so pip sees only the fresh
    # environment (never the editable install of the project virtualenv).
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel],
         cwd=venv.parent)
    site_packages = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              cwd=venv.parent).stdout.strip())
    dependencies = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site_packages / "zz_newsclaims_test_dependencies.pth").write_text("".join(f"{p}\n" for p in dependencies))
    return python


def test_wheel_installed_package_is_the_installed_copy(fresh: Path, tmp_path: Path) -> None:
    probe = (
        "import json, sys, newsclaims, newsclaims.resources as r;"
        "print(json.dumps({'file': newsclaims.__file__, 'root': str(r.PACKAGE_ROOT),"
        " 'config': r.DEFAULT_CONFIG_PATH.is_file(), 'lexicon': r.DEFAULT_LEXICON_PATH.is_file(),"
        " 'finders': [m for m in sys.modules if 'editable' in m]}))"
    )
    found = json.loads(_run([fresh, "-c", probe], cwd=tmp_path).stdout)
    site_packages = fresh.parent.parent.resolve()
    assert Path(found["file"]).resolve().is_relative_to(site_packages), found
    assert not Path(found["file"]).resolve().is_relative_to(REPO), found
    assert Path(found["root"]).resolve().is_relative_to(site_packages), found
    assert found["config"] and found["lexicon"], found
    assert found["finders"] == [], found  # the editable install's finder never ran


def test_wheel_public_api_and_module_entry_point(fresh: Path, tmp_path: Path) -> None:
    printed = _run([fresh, "-c", "import newsclaims; print(newsclaims.__version__, newsclaims.Extractor)"], cwd=tmp_path)
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert printed.stdout.split()[0] == version
    assert "newsclaims.extractor.Extractor" in printed.stdout
    usage = _run([fresh, "-m", "newsclaims", "--help"], cwd=tmp_path).stdout
    assert "extract" in usage and "usage:" in usage


def test_wheel_command_extracts_the_seed_from_another_directory(fresh: Path, tmp_path: Path, extractor) -> None:  # type: ignore[no-untyped-def]
    from newsclaims.io.readers import iter_documents

    work = tmp_path / "elsewhere"
    work.mkdir()
    seed = work / SEED.name
    shutil.copy(SEED, seed)
    _run([fresh.parent / "newsclaims", "extract", seed.name, "-o", "claims.jsonl", "--errors", "errors.jsonl",
          "--no-progress"], cwd=work)
    claims = [json.loads(line) for line in (work / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (work / "errors.jsonl").read_text(encoding="utf-8") == ""
    may = [c for c in claims if c["surface"] == "38,940"]
    assert may, "the seed's 38,940 (Russian losses in May) was not extracted"
    assert (may[0]["value"], may[0]["category"], may[0]["side"]) == (38940.0, "total", "Russia")
    # The installed package gives exactly the claims of the checkout.
    expected = [c.to_dict() for r in extractor.extract_many(iter_documents([seed], max_bytes=10_000_000)) for c in r.claims]
    assert len(expected) > 5
    assert claims == json.loads(json.dumps(expected))
