"""Fetching and reading websites. Pure Python: nothing here imports Django."""
