"""Status and stocktaking reports: one result model per report, computed once, and renderers
that lay it out as a table, Markdown, HTML, JSON or CSV (`acsg report ...`).

- `timetravel`: the registry now, as of a date, or as committed at a git revision;
- `model`: the stocktaking figures (SR, FS 2, FS 5); `status`: the status rows (FS 3, FS 5);
- `layout`: sections, tables and charts built from a model; `render`: the formats.
"""
