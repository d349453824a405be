"""Sub-commands of ``aftercare``.

Each module names itself (``NAME``), describes itself (``HELP``), adds its arguments
(``add_arguments(parser)``) and runs (``run(args) -> int``). Add a module here to add
a command; the CLI needs no other change.
"""

COMMANDS: tuple[str, ...] = (
    "check",
    "history",
    "record",
    "models",
    "transcribe",
    "say",
    "doctor",
    "questions",
    "interpret",
    "evaluate",
    "export",
    "satellite",
)
