"""KIE generator: sourced anti-trafficking content → multilingual offline static site."""

__version__ = "0.1.0"
