"""Structured assessment: item banks, exam draws and grading (pure functions, no database)."""
