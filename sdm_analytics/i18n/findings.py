"""The findings written out for a briefing (the overview's key findings and the deck)."""

TEXT: dict[str, tuple[str, str]] = {
}
