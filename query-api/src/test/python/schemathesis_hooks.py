"""Schemathesis hooks of the contract test, loaded through schemathesis.toml."""
from urllib.parse import quote

import schemathesis
from schemathesis.core.parameters import EncodedPath


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    # Schemathesis 4.32 unquotes a path parameter before quoting it, so a document id such as
    # "%C2%80" (created by a stateful POST) is sent as the character it escapes and names another
    # document (ST302 "created resource not found"). Send such values percent-encoded as written.
    for name, value in list((case.path_parameters or {}).items()):
        if isinstance(value, str) and "%" in value and not isinstance(value, EncodedPath):
            case.path_parameters[name] = EncodedPath(quote(value, safe=""))
