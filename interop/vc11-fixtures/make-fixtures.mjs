// Signs the VC 1.1 / Ed25519Signature2020 / StatusList2021 / did:jwk / presentation fixtures in
// vckit/tests/vectors/independent/ with the Digital Bazaar libraries (the stack Open edX and the
// DCC Learner Credential Wallet use), so vckit is judged against credentials it did not make.
// Run: node make-fixtures.mjs   (deterministic: fixed seeds and dates, offline contexts).
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalbazaar/ed25519-verification-key-2020';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {createCredential, createList} from '@digitalbazaar/vc-status-list';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'vckit', 'contexts');
const out = join(here, '..', '..', 'vckit', 'tests', 'vectors', 'independent');
mkdirSync(out, {recursive: true});

const contexts = new Map();
for(const entry of JSON.parse(readFileSync(join(contextsDir, 'index.json'))).contexts) {
  contexts.set(entry.url, JSON.parse(readFileSync(join(contextsDir, entry.file))));
}
const documents = new Map(contexts);
const documentLoader = async url => {
  const document = documents.get(url) ?? documents.get(url.split('#')[0]);
  if(!document) {
    throw new Error(`${url} is not available offline`);
  }
  return {contextUrl: null, documentUrl: url, document};
};

const seed = byte => new Uint8Array(32).fill(byte);
const ED2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const SL2021 = 'https://w3id.org/vc/status-list/2021/v1';
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

// --- VC 1.1 issuer with an Ed25519VerificationKey2020 did:key (as Open edX / DCC use) ---
const key2020 = await Ed25519VerificationKey2020.generate({seed: seed(7)});
const issuer = `did:key:${key2020.fingerprint()}`;
key2020.controller = issuer;
key2020.id = `${issuer}#${key2020.fingerprint()}`;
const didDocument = {
  '@context': ['https://www.w3.org/ns/did/v1', ED2020],
  id: issuer,
  verificationMethod: [key2020.export({publicKey: true, includeContext: false})],
  assertionMethod: [key2020.id],
  authentication: [key2020.id]
};
documents.set(issuer, didDocument);
documents.set(key2020.id, {'@context': ED2020, ...key2020.export({publicKey: true})});
const suite2020 = date => new Ed25519Signature2020({key: key2020, date});

async function issue2020(credential, date = '2025-01-10T09:00:00Z') {
  return vc.issue({credential, suite: suite2020(date), documentLoader});
}

const base = 'https://issuer.example/status';
const statusLists = {};
for(const [purpose, setIndex] of [['revocation', 3], ['suspension', 4]]) {
  for(const set of [false, true]) {
    const list = await createList({length: 131072});
    if(set) {
      list.setStatus(setIndex, true);
    }
    const unsigned = await createCredential({id: `${base}/${purpose}`, list, statusPurpose: purpose});
    unsigned.issuer = issuer;
    unsigned.issuanceDate = '2025-01-01T00:00:00Z';
    statusLists[`status-${purpose}-${set ? 'set' : 'clear'}`] = await issue2020(unsigned);
  }
}

const dcc = {
  '@context': [VC_V1, ED2020, 'https://w3id.org/dcc/v1', SL2021],
  id: 'urn:uuid:7a3e8f2c-34c1-4c5a-9d3e-0c6a1f0b1a11',
  type: ['VerifiableCredential', 'Assertion'],
  issuer: {id: issuer, name: 'Example University', url: 'https://issuer.example'},
  issuanceDate: '2025-01-10T09:00:00Z',
  expirationDate: '2035-01-10T09:00:00Z',
  credentialStatus: [
    {
      id: `${base}/revocation#3`, type: 'StatusList2021Entry', statusPurpose: 'revocation',
      statusListIndex: '3', statusListCredential: `${base}/revocation`
    },
    {
      id: `${base}/suspension#4`, type: 'StatusList2021Entry', statusPurpose: 'suspension',
      statusListIndex: '4', statusListCredential: `${base}/suspension`
    }
  ],
  credentialSubject: {
    id: 'did:example:learner',
    name: 'Ana Learner',
    hasCredential: {
      type: ['EducationalOccupationalCredential'],
      name: 'Digital skills for everyday life',
      description: 'Completed the course and its assessments.'
    }
  }
};
const expired = {
  ...structuredClone(dcc), id: 'urn:uuid:7a3e8f2c-34c1-4c5a-9d3e-0c6a1f0b1a12',
  issuanceDate: '2019-01-10T09:00:00Z', expirationDate: '2020-01-10T09:00:00Z'
};
delete expired.credentialStatus;
const fixtures = {
  ...statusLists,
  'vc11-ed25519-2020-status2021': await issue2020(dcc),
  'vc11-ed25519-2020-expired': await issue2020(expired, '2019-01-10T09:00:00Z')
};

// --- did:jwk issuer (Ed25519 OKP key), eddsa-rdfc-2022 ---
async function multikey(byte, idOf) {
  const key = await Ed25519Multikey.generate({seed: seed(byte)});
  const {controller, id} = idOf(key);
  key.controller = controller;
  key.id = id;
  const signer = key.signer();
  signer.id = id;
  return {key, signer};
}
const okp = await Ed25519Multikey.generate({seed: seed(9)});
const jwk = await Ed25519Multikey.toJwk({keyPair: okp});
const didJwk = 'did:jwk:' + Buffer.from(JSON.stringify(jwk)).toString('base64url');
const {signer: jwkSigner} = await multikey(9, () => ({controller: didJwk, id: `${didJwk}#0`}));
fixtures['vc20-did-jwk'] = await vc.issue({
  credential: {
    '@context': [VC_V2], id: 'urn:uuid:0b5f7c56-1b8f-4b0e-9a55-6e6b9e4e2a01',
    type: ['VerifiableCredential'], issuer: didJwk, validFrom: '2025-01-10T09:00:00Z',
    credentialSubject: {id: 'did:example:learner', name: 'Ana Learner'}
  },
  suite: new DataIntegrityProof({signer: jwkSigner, cryptosuite: eddsaRdfc2022, date: '2025-01-10T09:00:00Z'}),
  documentLoader
});

// --- a presentation by a did:key holder, with challenge and domain ---
const {signer: holderSigner, key: holderKey} = await multikey(11, key => {
  const did = `did:key:${key.publicKeyMultibase}`;
  return {controller: did, id: `${did}#${key.publicKeyMultibase}`};
});
const holder = holderKey.controller;
const holderSuite = () => new DataIntegrityProof(
  {signer: holderSigner, cryptosuite: eddsaRdfc2022, date: '2025-02-01T10:00:00Z'});
const selfIssued = await vc.issue({
  credential: {
    '@context': [VC_V2], id: 'urn:uuid:0b5f7c56-1b8f-4b0e-9a55-6e6b9e4e2a02',
    type: ['VerifiableCredential'], issuer: holder,
    credentialSubject: {id: holder, name: 'Ana Learner'}
  },
  suite: holderSuite(), documentLoader
});
fixtures['vp20-did-key'] = await vc.signPresentation({
  presentation: {
    '@context': [VC_V2], type: ['VerifiablePresentation'], holder,
    verifiableCredential: [selfIssued]
  },
  suite: holderSuite(), challenge: 'c-4f1e2d', domain: 'verifier.example', documentLoader
});

for(const [name, document] of Object.entries(fixtures)) {
  writeFileSync(join(out, `${name}.json`), JSON.stringify(document, null, 2) + '\n');
}
writeFileSync(join(out, 'did-key-ed25519-2020.json'), JSON.stringify(didDocument, null, 2) + '\n');
console.log(Object.keys(fixtures).join('\n'));
