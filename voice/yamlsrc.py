"""Read YAML keeping line numbers, so a broken intents/ file is reported as
``file:line: what is wrong`` (yaml.compose keeps each node's start mark)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from voice.errors import ProtocolError

_BOOLS = {"true": True, "false": False, "yes": True, "no": False}


@dataclass(frozen=True)
class Source:
    """One YAML file; ``name`` is how errors refer to it."""

    name: str

    def fail(self, node: Node | None, message: str) -> NoReturn:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        raise ProtocolError(f"{self.name}{line}: {message}")

    def mapping(self, node: Node, what: str, required: tuple[str, ...] = (),
                allowed: tuple[str, ...] | None = None) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{what} must be a mapping of names to values")
        out: dict[str, Node] = {}
        for key, value in node.value:
            name = self.string(key, f"a key in {what}")
            if name in out:
                self.fail(key, f"{what} has '{name}' twice")
            if allowed is not None and name not in allowed:
                self.fail(key, f"{what} has unknown field '{name}'")
            out[name] = value
        for name in required:
            if name not in out:
                self.fail(node, f"{what} is missing '{name}'")
        return out

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.fail(node, f"{what} must be a list")
        return list(node.value)

    def string(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null") or not str(
                node.value).strip():
            self.fail(node, f"{what} must be non-empty text")
        return str(node.value).strip()

    def strings(self, node: Node, what: str) -> list[str]:
        """A list of texts; an entry that is itself a list (a YAML alias such as
        ``[*relief_works, rest helps]``) adds its texts, so shared phrase families can
        be extended per question."""
        out: list[str] = []
        for item in self.sequence(node, what):
            if isinstance(item, SequenceNode):
                out.extend(self.strings(item, what))
            else:
                out.append(self.string(item, f"each entry of {what}"))
        return out

    def boolean(self, node: Node, what: str) -> bool:
        value = str(node.value).lower() if isinstance(node, ScalarNode) else None
        if value not in _BOOLS:
            self.fail(node, f"{what} must be true or false")
        return _BOOLS[value]

    def number(self, node: Node, what: str) -> float:
        try:
            if not isinstance(node, ScalarNode):
                raise ValueError
            return float(node.value)
        except ValueError:
            self.fail(node, f"{what} must be a number")

    def integer(self, node: Node, what: str) -> int:
        value = self.number(node, what)
        if value != int(value):
            self.fail(node, f"{what} must be a whole number")
        return int(value)


def compose(path: Path, name: str) -> tuple[Source, Node]:
    """Parse ``path`` into a node tree; syntax errors become ``name:line: ...``."""
    source = Source(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProtocolError(f"{name}: file is missing") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ProtocolError(f"{name}: cannot be read ({err})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ProtocolError(f"{name}{line}: invalid YAML: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise ProtocolError(f"{name}: invalid YAML: {err}") from None
    if node is None:
        raise ProtocolError(f"{name}:1: file is empty")
    return source, node
