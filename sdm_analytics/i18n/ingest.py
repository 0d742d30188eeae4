"""What an import tells its user: reasons a row is refused, file errors, the report's labels."""

TEXT: dict[str, tuple[str, str]] = {
}
