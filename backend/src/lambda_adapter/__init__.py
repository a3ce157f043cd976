"""Serving a WSGI app on AWS Lambda through Mangum, exactly, for every HTTP event source.

`sources` holds one class per event source for Mangum's `custom_handlers`
hook; `bridge` is asgiref's `WsgiToAsgi` subclassed for Lambda; `responses`
lays the app's answer out for each source; `cycle` runs Mangum's HTTP cycle
for the bridge without an event loop. `lambda_handler.make_handler` puts them
together.
"""

from lambda_adapter.bridge import ErrorAnswer, LambdaWsgiToAsgi, plain_error
from lambda_adapter.cycle import LambdaMangum
from lambda_adapter.responses import TEXT_MIME_TYPES
from lambda_adapter.sources import EVENT_SOURCES, NotAnHttpEvent

__all__ = [
    "EVENT_SOURCES",
    "TEXT_MIME_TYPES",
    "ErrorAnswer",
    "LambdaMangum",
    "LambdaWsgiToAsgi",
    "NotAnHttpEvent",
    "plain_error",
]
