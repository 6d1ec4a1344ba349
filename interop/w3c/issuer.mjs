// An independent VC API issuer for the W3C test suites: the Digital Bazaar reference stack
// (@digitalbazaar/vc, Data Integrity eddsa-rdfc-2022), never Microcred's own issuer, so the
// suites judge only Microcred's verifier. It listens on 127.0.0.1 and serves:
//   POST /credentials/issue             signs the credential it is given (VC API)
//   POST /status/credentials/issue      the same, with a Bitstring Status List entry added
//   GET  /status-lists/revocation       the signed BitstringStatusListCredential (nothing set)
// On start it prints one JSON line {"url", "did"} so the harness knows where it is and which
// issuer id the suites must put in credentials.
import {createHash} from 'node:crypto';
import http from 'node:http';
import {gzip} from 'pako';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
// A fixed test key, so runs are reproducible; it signs nothing but test-suite data.
const seed = createHash('sha256').update('microcred w3c test-suite issuer').digest();
const keyPair = await Ed25519Multikey.generate({seed});
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
keyPair.controller = did;

// The examples context is a single @vocab (as published at its URL); everything else comes
// from the contexts bundled with @digitalbazaar/vc.
async function documentLoader(url) {
  if(url === EXAMPLES_V2) {
    return {contextUrl: null, documentUrl: url, document: {
      '@context': {'@vocab': 'https://www.w3.org/ns/credentials/examples#'}
    }};
  }
  return vc.defaultDocumentLoader(url);
}

function suite() {
  return new DataIntegrityProof({
    signer: keyPair.signer(), cryptosuite: eddsaRdfc2022CryptoSuite
  });
}

async function sign(credential) {
  return vc.issue({credential, suite: suite(), documentLoader});
}

// 131,072 bits, all zero (Bitstring Status List 1.0, section 2.2: at least 16 KB).
const encodedList = 'u' + Buffer.from(gzip(new Uint8Array(16384))).toString('base64url');
let baseUrl;
let statusListCredential;
let nextIndex = 7;

async function statusList() {
  if(!statusListCredential) {
    const id = `${baseUrl}/status-lists/revocation`;
    statusListCredential = await sign({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: did,
      validFrom: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      credentialSubject: {
        id: `${id}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList
      }
    });
  }
  return statusListCredential;
}

function withStatus(credential) {
  const list = `${baseUrl}/status-lists/revocation`;
  const index = String(nextIndex++);
  return {...credential, credentialStatus: {
    id: `${list}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: index,
    statusListCredential: list
  }};
}

function reply(response, status, body) {
  const data = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data)
  });
  response.end(data);
}

async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function handle(request, response) {
  if(request.method === 'GET' && request.url === '/status-lists/revocation') {
    return reply(response, 200, await statusList());
  }
  const routes = {'/credentials/issue': false, '/status/credentials/issue': true};
  if(request.method !== 'POST' || !(request.url in routes)) {
    return reply(response, 404, {message: 'not found'});
  }
  let body;
  try {
    body = await readJson(request);
  } catch(e) {
    return reply(response, 400, {message: 'invalid JSON'});
  }
  let credential = body?.credential;
  if(!credential || typeof credential !== 'object') {
    return reply(response, 400, {message: '"credential" is required'});
  }
  if(routes[request.url]) {
    credential = withStatus(credential);
  }
  try {
    // The bare credential: the suites' plain-http client does not unwrap {verifiableCredential}.
    return reply(response, 201, await sign(credential));
  } catch(e) {
    // The reference stack refused the credential: invalid input, as the VC API says.
    return reply(response, 400, {message: e.message});
  }
}

const server = http.createServer((request, response) => {
  handle(request, response).catch(e => reply(response, 500, {message: e.message}));
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(JSON.stringify({url: baseUrl, did}) + '\n');
});
