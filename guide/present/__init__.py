"""Presentation: the entry view every surface shows (view.py) and the chat payload (payload.py)."""
