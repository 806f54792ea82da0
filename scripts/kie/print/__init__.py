"""print layer."""
