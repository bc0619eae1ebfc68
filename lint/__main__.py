"""`python -m copydesk`."""

import sys

from copydesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
