// Verifies presentations and credentials with the Digital Bazaar reference libraries, so vckit's
// signing (proof sets, presentations) is judged by an independent implementation.
// stdin: {"presentations": [{"presentation", "challenge", "domain"}], "credentials": [...]}
// stdout: {"presentations": [{"verified", "error"}], "credentials": [{"verified", "error"}]}
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'vckit', 'contexts');
const MULTIKEY = 'https://w3id.org/security/multikey/v1';
const documents = new Map();
for(const entry of JSON.parse(readFileSync(join(contextsDir, 'index.json'))).contexts) {
  documents.set(entry.url, JSON.parse(readFileSync(join(contextsDir, entry.file))));
}
// did:key documents (did:key 3.1.2) with the key listed for every relationship.
function didKey(url) {
  const did = url.split('#')[0];
  const multibase = did.slice('did:key:'.length);
  const method = {id: `${did}#${multibase}`, type: 'Multikey', controller: did,
    publicKeyMultibase: multibase};
  if(url.includes('#')) {
    return {'@context': MULTIKEY, ...method};
  }
  return {'@context': ['https://www.w3.org/ns/did/v1', MULTIKEY], id: did,
    verificationMethod: [method], assertionMethod: [method.id], authentication: [method.id]};
}
const documentLoader = async url => {
  const document = documents.get(url) ?? (url.startsWith('did:key:') ? didKey(url) : null);
  if(!document) {
    throw new Error(`${url} is not available offline`);
  }
  return {contextUrl: null, documentUrl: url, document};
};
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
const summary = result => ({
  verified: result.verified,
  error: result.verified ? null : String(result.error?.errors?.[0]?.message ?? result.error)
});

const input = JSON.parse(readFileSync(0, 'utf8'));
const output = {presentations: [], credentials: []};
for(const {presentation, challenge, domain} of input.presentations ?? []) {
  output.presentations.push(summary(await vc.verify(
    {presentation, challenge, domain, suite, documentLoader})));
}
for(const credential of input.credentials ?? []) {
  output.credentials.push(summary(await vc.verifyCredential({credential, suite, documentLoader})));
}
process.stdout.write(JSON.stringify(output) + '\n');
