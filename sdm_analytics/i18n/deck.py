"""The briefing deck (PPTX/PDF): slide titles, notes, method text."""

TEXT: dict[str, tuple[str, str]] = {
}
