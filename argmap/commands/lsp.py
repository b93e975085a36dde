"""``argmap lsp``: the language server for editors, over standard input and output."""

from __future__ import annotations

import argparse

from argmap.errors import EXIT_OK, MissingDependencyError

HELP = "run the language server for editors (LSP over stdin/stdout; needs argmap[lsp])"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``lsp``."""
    # Some clients add --stdio to every server they start; it is the only transport anyway.
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")


def run(args: argparse.Namespace) -> int:
    """Serve until the client says ``exit``."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            "`argmap lsp` needs the language server packages: pip install 'argmap[lsp]'",
            hint="pip install 'argmap[lsp]' installs pygls and lsprotocol beside argmap",
        ) from None
    from argmap.lsp import serve

    serve()
    return EXIT_OK
