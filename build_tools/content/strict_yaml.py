"""Strict YAML for editors' front matter.

PyYAML follows YAML 1.1: `time: 10:30` becomes 630, `title: no` becomes False and a
repeated key silently wins. We compose the node tree (safe loader only), walk it to
catch those traps with their line numbers, refuse aliases and custom tags, and only
then build the Python values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..safety.text import clean as clean_text
from .yaml_hints import SYNTAX_CODES, explain, value_hints

try:  # the C loader is several times faster; both give the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16  # mappings and lists inside each other; real fields need 3

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_BOOL_WORDS = {"true", "false"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass
class YamlIssue:
    line: int  # 1-based, within the YAML text
    field: str
    code: str
    params: dict = field(default_factory=dict)
    severity: str = "error"  # or "warning": the value is kept, and the editor is told


@dataclass
class Parsed:
    data: dict  # a list for parse_list
    lines: dict  # dotted field path -> 1-based line within the YAML text
    issues: list

    @property
    def readable(self) -> bool:
        """False when the text as a whole could not be read, so fields mean nothing."""
        return not any(i.code in FATAL for i in self.issues)


FATAL = {"yaml_not_mapping", "yaml_not_list", "front_matter_too_large", "front_matter_too_deep", *SYNTAX_CODES}


def parse_mapping(text: str) -> Parsed:
    """Parse YAML text that must be a mapping; never raises for bad input."""
    return _parse(text, yaml.MappingNode, "yaml_not_mapping")


def parse_list(text: str) -> Parsed:
    """Parse YAML text that must be a list (observances.yml); never raises for bad input."""
    return _parse(text, yaml.SequenceNode, "yaml_not_list")


def _parse(text: str, node_type, wrong_code: str) -> Parsed:
    empty = {} if node_type is yaml.MappingNode else []
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return Parsed(empty, {}, [YamlIssue(1, "", "front_matter_too_large", {"size": size, "limit": MAX_BYTES})])
    deep = _too_deep(text)
    if deep is not None:
        return Parsed(empty, {}, [YamlIssue(deep, "", "front_matter_too_deep", {"limit": MAX_DEPTH})])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        context = exc.context_mark.line + 1 if exc.context_mark else None
        where, code, params = explain(text, exc.problem or "", line, context)
        if code == "yaml_syntax":
            params = {"line": line, "column": column, "detail": exc.problem or str(exc)}
        return Parsed(empty, {}, [YamlIssue(where, "", code, params)])
    except yaml.YAMLError as exc:
        return Parsed(empty, {}, [YamlIssue(1, "", "yaml_syntax", {"line": 1, "column": 1, "detail": str(exc)})])
    finally:
        loader.dispose()
    if node is None:
        return Parsed(empty, {}, [])
    if not isinstance(node, node_type):
        return Parsed(empty, {}, [YamlIssue(node.start_mark.line + 1, "", wrong_code)])
    walker = _Walker(_Loader(""))
    data = walker.value(node, "")
    return Parsed(data, walker.lines, walker.issues)


def _too_deep(text: str):
    """The line of the first collection nested deeper than MAX_DEPTH, from the parser's
    events (flat, no recursion): libyaml's composer recurses in C and crashes the process
    at some ten thousand levels, and the walker below recurses in Python."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:  # reported with its line by the composer
        return None
    return None


class _Walker:
    def __init__(self, loader):
        self.constructor = loader
        self.lines: dict[str, int] = {}
        self.issues: list[YamlIssue] = []
        self.seen: set[int] = set()
        self.in_flow_list = False  # a scalar of `[a, b]`, where a full-width comma joins two items

    def value(self, node, path: str):
        # An alias is the same node object reached twice: refuse it before any
        # expansion, so that an alias bomb costs nothing.
        if id(node) in self.seen:
            self._issue(node, path, "yaml_alias")
            return None
        self.seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self._issue(node, path, "yaml_tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                child_path = f"{path}.{i}" if path else str(i)
                self.lines.setdefault(child_path, child.start_mark.line + 1)
                self.in_flow_list = bool(node.flow_style)
                items.append(self.value(child, child_path))
                self.in_flow_list = False
            return items
        return self._scalar(node, path)

    def _mapping(self, node, path: str) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._issue(key_node, path, "yaml_key_type")
                continue
            key, _ = clean_text(key_node.value)
            if key[:1] in ("\u3000", "\u00a0"):  # read as part of the key, not as indentation
                self._issue(key_node, path, "yaml_wide_indent")
                key = key.lstrip("\u3000\u00a0 ")
            child = f"{path}.{key}" if path else key
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.issues.append(YamlIssue(line, child, "yaml_duplicate_key", {"key": child, "first": first_line[key]}))
                continue
            first_line[key] = line
            self.lines[child] = line
            result[key] = self.value(value_node, child)
        return result

    def _scalar(self, node, path: str):
        value = node.value
        if not node.style:  # plain scalars (None or '' by loader) are where YAML 1.1 guesses types
            if node.tag.endswith((":int", ":float")) and ":" in value and _SEXAGESIMAL.match(value):
                number = self.constructor.construct_object(node)
                self._issue(node, path, "yaml_sexagesimal", value=value, number=number)
                return value
            if node.tag.endswith(":bool") and value.lower() not in _BOOL_WORDS:
                boolean = self.constructor.construct_object(node)
                self._issue(node, path, "yaml_bool", value=value, boolean=str(boolean).lower())
                return value
        try:
            value = self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if node.tag.endswith(":timestamp"):
                self._issue(node, path, "invalid_date", got=value)
            else:
                self._issue(node, path, "invalid_value", detail=str(exc).splitlines()[0])
            return value
        if isinstance(value, str):
            # Escapes ("\u202e", "\x0b", "\r\n") make characters the file text did not show.
            value, text_issues = clean_text(value)
            for issue in text_issues:
                self._issue(node, path, issue.code, char=issue.char)
            for code, params in value_hints(value, path, self.in_flow_list):
                self.issues.append(YamlIssue(node.start_mark.line + 1, path, code, params, "warning"))
        return value

    def _issue(self, node, path: str, code: str, **params):
        self.issues.append(YamlIssue(node.start_mark.line + 1, path, code, params))
