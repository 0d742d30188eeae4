"""The data-quality checks: labels, hints and trust notes."""

TEXT: dict[str, tuple[str, str]] = {
}
