// Shared set-up for the JavaScript reference stack (Digital Bazaar): an offline document
// loader serving the SAME context files as vckit (vckit/contexts/index.json) plus the DID /
// controller documents given by the caller, and the eddsa-rdfc-2022 suite.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'vckit', 'contexts');
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

function loadContexts() {
  const index = JSON.parse(readFileSync(join(contextsDir, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const entry of index.contexts) {
    contexts.set(entry.url, JSON.parse(readFileSync(join(contextsDir, entry.file), 'utf8')));
  }
  return contexts;
}

const CONTEXTS = loadContexts();

// did:key documents are derived from the key itself (did:key spec 3.1.2).
function didKeyDocument(did) {
  const multibase = did.slice('did:key:'.length);
  const id = `${did}#${multibase}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1],
    id: did,
    verificationMethod: [{id, type: 'Multikey', controller: did, publicKeyMultibase: multibase}],
    assertionMethod: [id]
  };
}

export function makeDocumentLoader(controllerDocuments = []) {
  const documents = new Map(CONTEXTS);
  const addController = doc => {
    documents.set(doc.id, doc);
    for(const method of doc.verificationMethod || []) {
      documents.set(method.id, {'@context': MULTIKEY_V1, ...method});
    }
  };
  controllerDocuments.forEach(addController);
  return async url => {
    if(!documents.has(url) && url.startsWith('did:key:')) {
      addController(didKeyDocument(url.split('#')[0]));
    }
    const document = documents.get(url);
    if(!document) {
      throw new Error(`Document ${url} is not available offline.`);
    }
    return {contextUrl: null, documentUrl: url, document};
  };
}

export function verifySuite() {
  return new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
}

export async function signSuite(key, date) {
  const keyPair = await Ed25519Multikey.from({
    '@context': MULTIKEY_V1,
    type: 'Multikey',
    id: key.id,
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase
  });
  return new DataIntegrityProof({
    signer: keyPair.signer(), date, cryptosuite: eddsaRdfc2022CryptoSuite
  });
}

// Revocation is checked by vckit's own tests; here the proof and the dates are what we test.
const checkStatus = async () => ({verified: true});

export async function verifyCredential(credential, {documentLoader, now}) {
  const result = await vc.verifyCredential({
    credential, suite: verifySuite(), documentLoader, checkStatus, now
  });
  const errors = [];
  if(result.error) {
    const list = result.error.errors || [result.error];
    for(const error of list) {
      errors.push(String(error.message || error));
    }
  }
  return {verified: result.verified === true, errors};
}

export async function issueCredential(credential, {suite, documentLoader, now}) {
  return vc.issue({credential, suite, documentLoader, now});
}

export function readInput(path) {
  const text = path && path !== '-' ? readFileSync(path, 'utf8') : readFileSync(0, 'utf8');
  return JSON.parse(text);
}
