// Sign credentials with the JavaScript reference stack.
// Input: {"key": {"id", "controller", "publicKeyMultibase", "secretKeyMultibase"},
//   "documents": [...], "credentials": [...], "created": "2026-11-24T10:00:00Z"}.
// Output: a JSON array of signed credentials.
import {issueCredential, makeDocumentLoader, readInput, signSuite} from './lib.mjs';

const input = readInput(process.argv[2]);
const documentLoader = makeDocumentLoader(input.documents || []);
const signed = [];
for(const credential of input.credentials) {
  const suite = await signSuite(input.key, input.created);
  signed.push(await issueCredential(structuredClone(credential), {
    suite, documentLoader, now: input.created
  }));
}
process.stdout.write(JSON.stringify(signed) + '\n');
