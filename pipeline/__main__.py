"""``python -m pipeline`` runs the ``newsclaims`` command line."""

import sys

from .cli import main

sys.exit(main())
