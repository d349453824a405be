"""Offline voice check-in after a lumbar puncture: hear, understand, triage, speak."""

__version__ = "0.1.0"
