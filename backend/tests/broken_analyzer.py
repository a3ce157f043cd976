"""An analyzer that always fails: the tests' way to raise an exception inside analysis."""

ANALYZER = "broken"
VERSION = "0"


def outline(lines: list[str], language: str, budget: object) -> None:
    raise RuntimeError("the analyzer broke")
