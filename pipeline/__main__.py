"""``python -m newsclaims`` runs the ``newsclaims`` command line."""

import sys

from newsclaims.cli import main

sys.exit(main())
