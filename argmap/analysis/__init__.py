"""The analysis: a map's text read once into everything the commands, views and editors show.

``loading`` reads a map file, follows its includes and reads its articles (the library's only file
reads); ``checks`` are the consistency checks, each a pure function of a loaded map;
``semantics`` (with ``solver``) evaluates which claims stand; ``policy`` selects and silences
findings; ``report`` writes findings as text or JSON. ``analysis`` assembles the stages in one
place: ``analyze`` is the single entry point that every command, page and editor goes through.

Imports ``argmap.language`` and ``argmap.model`` below it; never the API, views or commands.
"""
