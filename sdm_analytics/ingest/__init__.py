"""The import pipeline: read a file, check every row against the data contract, then commit or refuse.

`prepare` reads and checks without writing (a `Plan` with a `FilePlan` per file, rejected rows and
their reasons); `commit` writes a plan in one transaction. Inside:

- `readers`: CSV/XLSX/JSON bytes to a raw table (encoding, delimiter, header row), within the size and row
  limits (`inputs`: the file, the raw table and the limits; `workbook`: XLSX, zip bombs refused unopened);
- `forms`: Google Forms exports (wide questionnaires, checkbox answers) to long rows;
- `validate` with `parse.sql` and `row_rules`: normalising codes, dates and numbers, row-level checks;
- `plan`: kind detection, column mapping and the plan itself; `report`: what the user is told (the first
  rejected rows, the count of the rest); `rejects`: every rejected row kept on disk and the rejects file;
- `apart`: prepare and commit in a process of their own (the Data page), the plan passed between;
- `templates`: the XLSX import templates; `messages`: the reasons and labels an import reports, looked up
  in the text catalogue (i18n/ingest.py).
"""

from .apart import commit_at, prepare_at, run_apart
from .plan import FilePlan, Plan, commit, kind_of_name, prepare, resolve_kind
from .rejects import take_over
from .report import more_rejected, rejects_bytes, rejects_csv, report_lines, summary, write_rejects
from .templates import template_names, template_xlsx

__all__ = ["Plan", "FilePlan", "prepare", "commit", "prepare_at", "commit_at", "run_apart", "take_over", "resolve_kind", "kind_of_name", "report_lines", "rejects_csv",
           "rejects_bytes", "more_rejected", "summary", "write_rejects", "template_names", "template_xlsx"]
