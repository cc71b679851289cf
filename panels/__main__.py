"""``python -m panels``: see panels.cli."""
import sys

from .cli import main

sys.exit(main())
