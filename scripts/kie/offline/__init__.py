"""offline layer."""
