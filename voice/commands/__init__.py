"""Sub-commands of ``aftercare``.

Each module names itself (``NAME``), describes itself (``HELP``), adds its arguments
(``add_arguments(parser)``) and runs (``run(args) -> int``). Add a module here to add
a command; the CLI needs no other change.
"""

COMMANDS: tuple[str, ...] = (
    "models",
    "questions",
    "interpret",
)
