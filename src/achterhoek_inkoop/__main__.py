"""``python -m achterhoek_inkoop``: the same command line as ``achterhoek-inkoop``."""

import sys

from .cli._main import main

sys.exit(main())
