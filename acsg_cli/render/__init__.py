"""The rendering layer: every result the tool prints, in every format, goes through here.

- `safety`: makes record text inert in each destination (terminal, CSV, Markdown, HTML, JSON);
- `document`: titled sections of paragraphs, tables, lists and charts, built by the layouts of
  reports and briefs and drawn by the terminal, Markdown, HTML and PDF renderers;
- `registry`: the renderers, registered by name per result type, which feed each command's
  `--format` choices and the format an `--output` suffix asks for.
"""
