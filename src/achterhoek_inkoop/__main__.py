"""``python -m achterhoek_inkoop``: the same command line as ``achterhoek-inkoop``."""

import sys

from ._cli import main

sys.exit(main())
