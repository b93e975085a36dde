"""The ``.arg`` language: text to typed map and back.

``syntax`` loads the Lark grammar and turns parse failures into diagnostics; ``fastparse`` is the
measured fast path for well-formed statements, held equal to Lark by differential tests; ``build``
turns a parse tree into the model; ``names`` resolves ids across the merged map; ``printer`` and
``formatting`` write a map (or a file with its comments) back as canonical text; ``builder`` builds
maps in Python with the same rules.

Imports only ``argmap.model`` (and ``argmap.errors``) below it.
"""
