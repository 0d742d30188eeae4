"""The XLSX import templates: sheet names, column notes, instructions."""

TEXT: dict[str, tuple[str, str]] = {
}
