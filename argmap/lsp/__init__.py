"""``argmap lsp``: a Language Server Protocol server for ``.arg`` maps (pygls + lsprotocol).

The server is a thin layer over :func:`argmap.analyze`: each open map is analysed with the
other open buffers standing in for the files on disk, and every feature reads the
``Analysis`` (findings for diagnostics, the index of ids for navigation, the evaluation for
hover). It never writes a file; edits go back to the client as ``TextEdit``/``WorkspaceEdit``.

Modules: ``server`` (the pygls server and its handlers), ``workspace`` (open buffers, their
analyses and which file includes which), ``positions`` (spans ↔ LSP ranges, paths ↔ URIs),
and one module per feature family: ``diagnostics``, ``navigation``, ``completion``,
``outline`` (symbols, folding, formatting) and ``actions`` (code actions).
"""

from __future__ import annotations

__all__ = ["serve"]


def serve() -> None:
    """Run the server over standard input and output until the client says ``exit``."""
    from argmap.lsp.server import create_server

    create_server().start_io()
