"""A match's life: the state machine, consent, status moves, progress updates and briefs (FS 3, FS
5)."""
