"""The bundle's entry point: the `kite` command (the window without arguments or with a link,
the command line with them). PyInstaller starts here; `wallet.cli.main` does the rest."""

import sys

from wallet.cli import main

if __name__ == "__main__":
    sys.exit(main())
