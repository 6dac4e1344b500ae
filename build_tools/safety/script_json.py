"""JSON inside an HTML <script> element (JSON-LD, data for scripts).

Inside <script> the browser does not decode entities and ends the element at the
first "</script", and "<!--" changes how it looks for that end. JSON escapes
(\\u003c) keep the data identical for a JSON parser and leave no "<", ">" or "&"
in the text; U+2028/U+2029 are escaped for the old JavaScript parsers that end a
string there. Use it for every value printed into a script:

    {{ data | script_json }}            in our templates (registered as a filter)
    script_json({"@type": "Event", ...})  in Python
"""
from __future__ import annotations

import json
from datetime import date, datetime

from markupsafe import Markup

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def script_json(obj) -> Markup:
    """obj as JSON that is safe as the whole content of a <script> element."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, allow_nan=False,
                      separators=(",", ":"), default=_default)
    return Markup(text.translate(_TABLE))


def _default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
