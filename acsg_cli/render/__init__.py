"""Rendering results for people and tools; `safety` makes record text inert in each destination."""
