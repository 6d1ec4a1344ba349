"""vckit is framework-free: importing all of it must not load Django or the platform."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import vckit, vckit.canon, vckit.did, vckit.documents, vckit.fastrdf, vckit.model
import vckit.ob3, vckit.proof, vckit.status_list, vckit.verify
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'microcred'))
print(','.join(loaded))
"""


def test_importing_vckit_loads_neither_django_nor_microcred() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
