"""``python main.py`` starts dlviz from a source checkout (same as ``dlviz``)."""

import sys

from dlviz.cli import main

if __name__ == "__main__":
    sys.exit(main())
