"""lcspr: the action log for Local Child Safeguarding Practice Review recommendations."""

__version__ = "0.1.0"
