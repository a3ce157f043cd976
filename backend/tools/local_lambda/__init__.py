"""A local stand-in for AWS Lambda and API Gateway: see __main__.py."""
