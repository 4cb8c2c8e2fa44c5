"""vanphong: e-office and operations information system for Party-committee offices."""

__version__ = "0.1.0"
