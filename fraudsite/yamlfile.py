"""Read YAML as a person means it, fast, and find the line of any key or item.

Loading uses libyaml's parser through PyYAML's C loader: a prefecture's
thousands of case files must not slow the build. On top of YAML 1.1 the loader
refuses what a person almost never means and YAML silently accepts:

- a key written twice in one mapping (YAML keeps the last one);
- a number with a leading zero (``012`` is read as the octal number 10);
- digits with colons (``23:37`` is read as the number 1417);
- a date that does not exist (``2021-02-30``), reported with its line;
- an anchor or an alias (``&a``, ``*a``): nobody writes them in this data, and
  nested aliases ("billion laughs") grow a few lines into gigabytes, so they
  are refused from the tokens, before anything is built.

Lines of other keys are worked out only when a validation error has to point a
contributor at one, by composing the same text again.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import SiteInputError

Path_ = tuple[Any, ...]
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


class YamlMistake(yaml.MarkedYAMLError):
    """A value YAML would accept but a person almost never means."""

    def __init__(self, node: yaml.Node, problem: str, fix: str):
        super().__init__(problem=problem, problem_mark=node.start_mark)
        self.fix = fix


class StrictLoader(_Base):  # type: ignore[valid-type,misc]  # libyaml's loader when installed
    pass


def _mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        # plain text keys (nearly all) are compared as written; others as YAML reads them
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) and key_node.tag.endswith(":str") \
            else loader.construct_object(key_node, deep=True)
        if key in seen:
            raise YamlMistake(key_node, f"'{key}' is written twice in the same block (first on line {seen[key]})",
                              "keep one of the two; YAML would silently use the last one")
        seen[key] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    return loader.construct_mapping(node, deep=True)


def _int(loader: StrictLoader, node: yaml.ScalarNode) -> int:
    text = node.value
    if LEADING_ZERO.match(text):
        raise YamlMistake(node, f"the number {text} has a leading zero (YAML would read it as {loader.construct_yaml_int(node)})",
                          "write it without the leading zero, or in quotes if it is not a number")
    if SEXAGESIMAL.match(text):
        raise YamlMistake(node, f"'{text}' would be read as the number {loader.construct_yaml_int(node)}",
                          "write a time of day inside a date, e.g. 2021-04-01T23:37:00, or put text in quotes")
    return loader.construct_yaml_int(node)


def _str(loader: StrictLoader, node: yaml.ScalarNode) -> str:
    if not node.style and LEADING_ZERO.match(node.value):  # unquoted 087: YAML keeps it as text
        raise YamlMistake(node, f"the number {node.value} has a leading zero",
                          "write it without the leading zero, or in quotes if it is not a number")
    return loader.construct_yaml_str(node)


def _float(loader: StrictLoader, node: yaml.ScalarNode) -> float:
    if SEXAGESIMAL.match(node.value):
        raise YamlMistake(node, f"'{node.value}' would be read as a number of seconds",
                          "put it in quotes, or write a date and time as 2021-04-01T23:37:00")
    return loader.construct_yaml_float(node)


def _timestamp(loader: StrictLoader, node: yaml.ScalarNode):
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as error:
        raise YamlMistake(node, f"'{node.value}' is not a real date ({error})",
                          "check the day and month; dates are written YYYY-MM-DD") from None


StrictLoader.add_constructor("tag:yaml.org,2002:map", _mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:int", _int)
StrictLoader.add_constructor("tag:yaml.org,2002:str", _str)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _float)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class LocatedData:
    """Plain Python data from a YAML file, plus ``line_of(path)``."""

    def __init__(self, file: str, data: Any, text: str):
        self.file, self.data, self.text = file, data, text
        self._lines: dict[Path_, int] | None = None

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known node on ``path`` (1-based)."""
        if self._lines is None:
            self._lines = _line_map(self.text)
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), 1)

    def quick_line(self, path: Path_) -> int | None:
        """The line of a key, found by reading the text (no second YAML parse): for the lines every
        figure of a case records, read for thousands of files. Falls back to ``line_of``."""
        if self._lines is not None or not all(isinstance(key, str) for key in path):
            return self.line_of(path)
        if getattr(self, "_text_lines", None) is None:
            self._text_lines = self.text.split("\n")
        start, indent = 0, -1
        for key in path:
            pattern = re.compile(rf"^( *){re.escape(key)} *:")
            for number in range(start, len(self._text_lines)):
                match = pattern.match(self._text_lines[number])
                if match and len(match.group(1)) > indent:
                    start, indent = number + 1, len(match.group(1))
                    break
            else:
                return self.line_of(path)
        return start

    def value_line(self, path: Path_) -> int | None:
        """The line of the value at ``path`` (where a multi-line value starts), else of its key."""
        if self._lines is None:
            self._lines = _line_map(self.text)
        return self._lines.get(tuple(path) + ("<value>",)) or self.line_of(path)


def _line_map(text: str) -> dict[Path_, int]:
    lines: dict[Path_, int] = {(): 1}

    def walk(node: yaml.Node, path: Path_) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                lines[child] = key.start_mark.line + 1
                lines[child + ("<value>",)] = value.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                lines[path + (index,)] = value.start_mark.line + 1
                walk(value, path + (index,))

    root = yaml.compose(text, Loader=StrictLoader)
    if root is not None:
        walk(root, ())
    return lines


def read_text(path: Path, name: str) -> str:
    """A text file as a contributor saved it, or a message saying how to save it right."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SiteInputError(name, None, "file", f"cannot be read ({error.strerror})",
                             "check that the file exists and that you may read it") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SiteInputError(name, 1, "encoding", "the file starts with a byte-order mark (BOM)",
                             "save it as UTF-8 without BOM (in most editors: Save with encoding → UTF-8)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        guess = " (it looks like GBK/GB18030, a common Chinese encoding)" if _decodes_as_gb(raw) else ""
        raise SiteInputError(name, line, "encoding", f"the file is not saved as UTF-8{guess}",
                             "open it and save it again with the encoding UTF-8") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decodes_as_gb(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
        return True
    except UnicodeDecodeError:
        return False


def load_yaml(path: Path, display_name: str | None = None) -> LocatedData:
    name = display_name or str(path)
    text = read_text(path, name)
    return parse_yaml(text, name)


_Scanner = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REPEATS = (yaml.AnchorToken, yaml.AliasToken)


def refuse_aliases(text: str, name: str, first_line: int = 1) -> None:
    """Stop at the first anchor or alias, from libyaml's tokens (nothing is composed or built yet)."""
    if "&" not in text and "*" not in text:  # no anchor or alias can be written without one
        return
    loader = _Scanner(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, _REPEATS):
                kind = "an anchor (&)" if isinstance(token, yaml.AnchorToken) else "an alias (*)"
                raise SiteInputError(name, first_line + token.start_mark.line, "YAML",
                                     f"{kind} '{token.value}': anchors and aliases are not used in this site's data",
                                     "write the value out in full where it is needed (an alias can make a few "
                                     "lines grow into gigabytes)")
    except yaml.YAMLError:
        return  # malformed YAML: the parser that follows says where, with its own message
    finally:
        loader.dispose()


def parse_yaml(text: str, name: str) -> LocatedData:
    refuse_aliases(text, name)
    try:
        data = yaml.load(text, Loader=StrictLoader)
    except YamlMistake as error:
        raise SiteInputError(name, error.problem_mark.line + 1, "YAML", error.problem, error.fix) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise SiteInputError(name, line, "YAML syntax", str(error.problem or error).strip(),
                             "fix the indentation or quoting on that line; text containing ': ' or quotes "
                             "must be wrapped in quotes") from None
    except yaml.YAMLError as error:
        raise SiteInputError(name, None, "YAML syntax", str(error).strip(),
                             "check that the file is valid YAML (indentation with spaces, no tabs)") from None
    return LocatedData(name, data, text)


def strings_under(data: Any, key: str, path: Path_ = ()):
    """(path, text) of every string value of ``key`` in nested data, e.g. every zh: of a file."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key and isinstance(value, str):
                yield path + (name,), value
            else:
                yield from strings_under(value, key, path + (name,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_under(value, key, path + (index,))
