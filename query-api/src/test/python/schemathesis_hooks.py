"""Schemathesis hooks of the contract test, loaded through schemathesis.toml."""
import re

import schemathesis

_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


@schemathesis.hook
def filter_body(ctx, body):
    # Schemathesis 4.32 cannot send a path parameter holding a literal "%XX" faithfully: a stateful
    # link hands GET /documents/{id} the id with "%" kept as is, and the request builder unquotes
    # it first, so it asks for another document and reports ST302 "created resource not found".
    # Such ids are not generated here; the server's round trip of them is tested by
    # ReadYourWritesIntegrationTest.
    if isinstance(body, dict) and isinstance(body.get("id"), str):
        return _ESCAPE.search(body["id"]) is None
    return True
