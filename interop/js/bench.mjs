// Throughput of the JavaScript reference stack: sign and verify `count` credentials, `runs`
// times; prints {"sign": [credentials/s per run], "verify": [...]} (process start excluded).
// Input as sign.mjs plus "count" and "runs"; credentials[0] is the template (its id varies).
import {
  issueCredential, makeDocumentLoader, readInput, signSuite, verifyCredential
} from './lib.mjs';

const input = readInput(process.argv[2]);
const documentLoader = makeDocumentLoader(input.documents || []);
const template = input.credentials[0];
const credentials = Array.from({length: input.count}, (_, i) => ({
  ...structuredClone(template),
  id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
}));
const result = {sign: [], verify: []};
// Warm-up: context processing caches, JIT.
for(const credential of credentials.slice(0, 20)) {
  const suite = await signSuite(input.key, input.created);
  const signed = await issueCredential(structuredClone(credential), {
    suite, documentLoader, now: input.created
  });
  await verifyCredential(signed, {documentLoader, now: input.now});
}
for(let run = 0; run < input.runs; run++) {
  const signed = [];
  let start = process.hrtime.bigint();
  for(const credential of credentials) {
    const suite = await signSuite(input.key, input.created);
    signed.push(await issueCredential(structuredClone(credential), {
      suite, documentLoader, now: input.created
    }));
  }
  result.sign.push(input.count / (Number(process.hrtime.bigint() - start) / 1e9));
  start = process.hrtime.bigint();
  for(const credential of signed) {
    const {verified, errors} = await verifyCredential(credential, {documentLoader, now: input.now});
    if(!verified) {
      throw new Error(`benchmark credential did not verify: ${errors.join('; ')}`);
    }
  }
  result.verify.push(input.count / (Number(process.hrtime.bigint() - start) / 1e9));
}
process.stdout.write(JSON.stringify(result) + '\n');
