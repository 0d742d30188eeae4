"""The command line: help, messages and usage errors."""

TEXT: dict[str, tuple[str, str]] = {
}
