// Verify credentials with the JavaScript reference stack.
// Input (file argument or stdin): {"documents": [controller/DID documents], "credentials": [...],
//   "now": "2026-12-01T00:00:00Z"}. Output: a JSON array of {"verified", "errors"}.
import {makeDocumentLoader, readInput, verifyCredential} from './lib.mjs';

const input = readInput(process.argv[2]);
const documentLoader = makeDocumentLoader(input.documents || []);
const results = [];
for(const credential of input.credentials) {
  results.push(await verifyCredential(credential, {documentLoader, now: input.now}));
}
process.stdout.write(JSON.stringify(results) + '\n');
