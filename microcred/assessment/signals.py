"""The one signal of the assessment app: a higher app (credentials) listens to it."""

from django.dispatch import Signal

# Sent after the transaction that marked a passed attempt commits; argument: attempt_id.
assessment_passed = Signal()
