"""The typed errors every layer raises.

Each decoder and each command raises one subclass of `KiteError` with a message a person can
read. `InputError` marks bad input from the user (exit code 2 on the CLI); anything else is
an operational failure (exit code 1). Messages never contain secrets.
"""


class KiteError(Exception):
    """Base class of every error Kite raises on purpose."""

    exit_code = 1


class InputError(KiteError):
    """The user (or a peer, or a server) handed us something malformed or unacceptable."""

    exit_code = 2
