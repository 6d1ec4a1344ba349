// Reads a GIFT file on stdin and prints what gift-pegjs (an independent PEG grammar of Moodle's
// GIFT format) makes of it, as JSON; a syntax error is printed as {"error": ..., "line": ...}.
import { parse } from "gift-pegjs";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
try {
  process.stdout.write(JSON.stringify({ questions: parse(input) }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message, line: error.location?.start.line }));
}
