"""``python -m dlviz`` starts the app (same as the ``dlviz`` command)."""

import sys

from dlviz.cli import main

sys.exit(main())
