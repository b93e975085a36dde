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
    import gc

    from argmap.lsp import serve
    from argmap.lsp.server import create_server  # noqa: F401 - imported before the freeze

    # This process is the server's alone and lives as long as the editor: what is loaded by now
    # (argmap, pygls, lsprotocol) stays, so the collector need not walk it after every analysis,
    # and young collections can wait for more garbage (about 10% off each analysis of a big map).
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    serve()
    return EXIT_OK
