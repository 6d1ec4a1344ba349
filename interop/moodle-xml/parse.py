"""Read a Moodle XML file (path in argv[1]) with moodle-xml-parser, installed in ./site, and
print what it read as JSON. Exit 1 when it reports a question it could not read: the library
prints such errors and goes on, and a judge must not."""

import contextlib
import io
import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "site"))

from moodle_xml_parser.parser import parse_file  # after the path: it lives in ./site

printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    parsed = parse_file(sys.argv[1])
if printed.getvalue().strip():
    sys.exit(printed.getvalue())
json.dump({kind: [asdict(question) for question in questions]
           for kind, questions in parsed.items()}, sys.stdout, ensure_ascii=False)
