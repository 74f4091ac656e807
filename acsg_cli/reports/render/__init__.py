"""Report drawing helpers: the HTML page (`html`, `charts`), Markdown (`text`), JSON and CSV
(`data`). The renderers themselves are registered in `acsg_cli.render.registry`."""
