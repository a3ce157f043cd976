"""Serving a WSGI app on AWS Lambda through Mangum, exactly, for every HTTP event source.

`sources` holds one class per event source for Mangum's `custom_handlers`
hook; `bridge` is asgiref's `WsgiToAsgi` subclassed for Lambda; `responses`
has what the sources share in laying out a response; `cycle` is Mangum
running the bridge without an event loop. `lambda_handler.make_handler` puts
them together.
"""

from lambda_adapter.bridge import LambdaWsgiToAsgi
from lambda_adapter.cycle import ErrorWriter, LambdaMangum, NotAnHttpEvent, plain_error

__all__ = ["ErrorWriter", "LambdaMangum", "LambdaWsgiToAsgi", "NotAnHttpEvent", "plain_error"]
