"""An analyzer that always fails: the tests' way to raise an exception inside analysis."""

ANALYZER = "broken"
VERSION = "0"


def analyze(source: str, language: str) -> None:
    raise RuntimeError("the analyzer broke")
