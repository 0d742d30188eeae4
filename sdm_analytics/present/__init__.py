"""Presentation without streamlit: charts, tables as shown, exports and the briefing deck.

- `source`: `Source`, the one place a chart or table fetches its figures (cached by the UI);
- `catalog`: the chart registry (CHARTS) — id, title, page, builder, and its CLI command;
- `charts`: plotly figure builders (they draw frames, they never fetch);
- `views`: tables as a user reads them (labels, formats, column names);
- `export`: PNG/SVG/PDF charts and XLSX/CSV tables with their description;
- `briefing`: the PPTX/PDF deck with its findings.
"""

from .catalog import CHARTS, build, chart_of, render
from .source import Source

__all__ = ["CHARTS", "build", "chart_of", "render", "Source"]
