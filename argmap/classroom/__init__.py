"""Classroom outputs: a step-by-step reveal, worksheets with an answer key, feedback on a
student's map against the teacher's, and a self-contained interactive HTML page.

The pure parts (``compare``, the step order, the worksheet options) need no Graphviz; the
functions that draw call the renderer in ``argmap.diagram`` and its layout engine.
"""

from __future__ import annotations
