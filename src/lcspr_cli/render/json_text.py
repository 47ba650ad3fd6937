"""JSON as lcspr prints it: indented by two spaces, with text as it is (not \\u-escaped)."""

from __future__ import annotations


def dumps(value: object) -> str:
    """The text of `json.dumps(value, indent=2, ensure_ascii=False)`, made by msgspec: the
    standard library writes indented JSON in pure Python, some 10 times slower, which is
    most of a large report's JSON output time. (Only a float could be written
    differently, as the same number: lcspr's JSON has none.)"""
    import msgspec  # imported here: a check printing text needs none of it

    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode()
