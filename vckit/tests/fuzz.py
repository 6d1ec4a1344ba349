"""How many random examples the differential property tests try (issue #15).

Every run of the suite (`make test`, CI) tries a fixed sample: a fifth of the full count, with
examples derived from each test's own source (Hypothesis' `derandomize`), so the same documents
and graphs are checked every time and a failure reproduces on any machine. A fuzzing run looks
for new counterexamples: `VCKIT_FUZZ=N` tries N times the full count with fresh random examples
(`VCKIT_FUZZ=1` is what every run did before; run it after touching vckit.canon, fastrdf or rdfc,
and in a nightly job). The fixed sample does not replay Hypothesis' example database, so a
counterexample a fuzzing run finds becomes a test of its own (or an `@example`) with the fix.
docs/benchmarks.md, "Test suite speed", has the figures.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import settings

SAMPLE_FRACTION = 5


def fuzz_scale() -> int:
    """0 for the fixed sample; N for a random run of N times the full count."""
    value = os.environ.get("VCKIT_FUZZ", "").strip()
    if not value:
        return 0
    try:
        scale = int(value)
    except ValueError:
        raise ValueError(f"VCKIT_FUZZ must be a whole number, not {value!r}") from None
    return max(scale, 0)


def fuzz_settings(full_examples: int, *, sample: int | None = None, **kwargs: Any) -> settings:
    """Settings for a property test whose thorough run tries `full_examples` examples.

    `sample` overrides the size of the fixed sample for tests cheap enough to keep it whole.
    """
    scale = fuzz_scale()
    if scale:
        return settings(max_examples=full_examples * scale, deadline=None, **kwargs)
    return settings(
        max_examples=sample or max(full_examples // SAMPLE_FRACTION, 10),
        deadline=None,
        derandomize=True,
        **kwargs,
    )
