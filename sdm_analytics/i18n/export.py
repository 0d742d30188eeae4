"""What every export says about itself (the Keterangan sheet, a chart's footer)."""

TEXT: dict[str, tuple[str, str]] = {
}
