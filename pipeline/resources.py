"""Where the packaged data lives: the configuration, the lexicon and the model.

They travel inside the package (``configs/`` and ``models/`` beside the
modules; in a source checkout these are symlinks to the top-level folders), so
an installed ``newsclaims`` finds them from any working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# The package folder on disk (site-packages/newsclaims, or pipeline/ in a checkout).
PACKAGE_ROOT = Path(str(resources.files("newsclaims")))
DEFAULT_CONFIG_PATH = PACKAGE_ROOT / "configs" / "default.toml"
DEFAULT_LEXICON_PATH = PACKAGE_ROOT / "configs" / "lexicon.toml"


def packaged_path(relative: str | Path) -> Path:
    """A path the configuration names: absolute paths as given, relative ones
    inside the package (``models/category_logreg`` is the shipped model)."""
    path = Path(relative)
    return path if path.is_absolute() else PACKAGE_ROOT / path
