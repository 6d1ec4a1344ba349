// An independent test wallet: takes an OpenID4VCI credential offer from the server under test
// with the OpenWallet Foundation's client (@openid4vc/openid4vci), and verifies the SD-JWT VC it
// receives with @sd-jwt/sd-jwt-vc and jose: the issuer's signature through its x5c chain up to
// the trust anchor it is given (as a wallet's trust list would), the disclosures, a key-binding
// presentation, the Type Metadata at the vct and the Token Status List. Nothing comes from
// Microcred's code.
//
//   node wallet.mjs receive <offer URI> <trust anchor PEM> [tx code]  -> JSON report on stdout
//   node wallet.mjs recheck <SD-JWT VC file> <trust anchor PEM>       -> JSON report (status)
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';

import { clientAuthenticationAnonymous } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import * as jose from 'jose';

const [mode, input, anchorPath, txCode] = process.argv.slice(2);
const anchor = new crypto.X509Certificate(readFileSync(anchorPath));

function derToPem(base64) {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
}

// HAIP / SD-JWT VC: the chain in x5c must lead to a trust anchor, and the leaf must name the
// issuer (iss) among its subject alternative names.
function issuerKeyFromChain(header, payload) {
  if (!Array.isArray(header.x5c) || header.x5c.length === 0) throw new Error('no x5c chain');
  const chain = header.x5c.map((der) => new crypto.X509Certificate(Buffer.from(der, 'base64')));
  for (let i = 0; i < chain.length - 1; i += 1) {
    if (!chain[i].verify(chain[i + 1].publicKey)) throw new Error(`x5c[${i}] is not signed by x5c[${i + 1}]`);
  }
  const last = chain[chain.length - 1];
  if (!(last.fingerprint256 === anchor.fingerprint256 || last.verify(anchor.publicKey))) {
    throw new Error('the x5c chain does not lead to the trust anchor');
  }
  const now = new Date();
  for (const certificate of chain) {
    if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) < now) {
      throw new Error('a certificate of the chain is not valid now');
    }
  }
  if (payload && payload.iss) {
    const names = (chain[0].subjectAltName || '').split(', ');
    const host = new URL(payload.iss).hostname;
    if (!names.includes(`URI:${payload.iss}`) && !names.includes(`DNS:${host}`)) {
      throw new Error(`the leaf certificate does not name the issuer ${payload.iss}`);
    }
  }
  return jose.importX509(derToPem(header.x5c[0]), header.alg);
}

async function verifyWithChain(data, signature) {
  const [encodedHeader, encodedPayload] = data.split('.');
  const header = JSON.parse(Buffer.from(encodedHeader, 'base64url'));
  const payload = JSON.parse(Buffer.from(encodedPayload, 'base64url'));
  const key = await issuerKeyFromChain(header, payload.vct ? payload : null);
  await jose.compactVerify(`${data}.${signature}`, key);
  return true;
}

async function verifyKeyBinding(data, signature, payload) {
  const key = await jose.importJWK(payload.cnf.jwk, 'ES256');
  await jose.compactVerify(`${data}.${signature}`, key);
  return true;
}

const holder = await jose.generateKeyPair('ES256', { extractable: true });
const holderJwk = await jose.exportJWK(holder.publicKey);

const sdjwt = new SDJwtVcInstance({
  hasher: digest,
  saltGenerator: generateSalt,
  verifier: verifyWithChain,
  kbVerifier: verifyKeyBinding,
  kbSignAlg: 'ES256',
  kbSigner: async (data) => {
    const signature = crypto.sign('sha256', Buffer.from(data), { key: holder.privateKey, dsaEncoding: 'ieee-p1363' });
    return signature.toString('base64url');
  },
  loadTypeMetadataFormat: true,
});

const callbacks = {
  fetch,
  hash: (data, alg) => crypto.createHash(alg.replace('-', '')).update(data).digest(),
  generateRandom: (length) => crypto.randomBytes(length),
  clientAuthentication: clientAuthenticationAnonymous(),
  signJwt: async (signer, { header, payload }) => {
    const jwt = await new jose.SignJWT(payload).setProtectedHeader(header).sign(holder.privateKey);
    return { jwt, signerJwk: signer.publicJwk };
  },
};

async function receive(offerUri) {
  const client = new Openid4vciClient({ callbacks });
  const offer = await client.resolveCredentialOffer(offerUri);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const [configurationId] = offer.credential_configuration_ids;
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer, issuerMetadata, txCode,
  });
  const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata });
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata, credentialConfigurationId: configurationId, nonce,
    signer: { method: 'jwk', alg: 'ES256', publicJwk: holderJwk },
  });
  const { credentialResponse } = await client.retrieveCredentials({
    issuerMetadata, accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: configurationId, proofs: { jwt: [jwt] },
  });
  const credential = credentialResponse.credentials[0].credential;

  const issued = await sdjwt.verify(credential);
  // What a wallet shows a verifier: every disclosure, bound to its key for this audience.
  const kbNonce = crypto.randomBytes(16).toString('base64url');
  const presentation = await sdjwt.present(credential, undefined, {
    kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: 'https://verifier.example', nonce: kbNonce } },
  });
  const presented = await sdjwt.verify(presentation, { keyBindingNonce: kbNonce });
  const configuration = issuerMetadata.credentialIssuer.credential_configurations_supported[configurationId];
  return {
    credential,
    configurationId,
    format: configuration.format,
    issuerDisplayLocales: (issuerMetadata.credentialIssuer.display || []).map((d) => d.locale),
    header: { typ: issued.header.typ, alg: issued.header.alg, chain: issued.header.x5c.length },
    claims: issued.payload,
    holderKeyBound: issued.payload.cnf.jwk.x === holderJwk.x,
    keyBinding: presented.kb ? { aud: presented.kb.payload.aud, nonce: presented.kb.payload.nonce === kbNonce } : null,
    typeMetadata: {
      vct: issued.typeMetadata.mergedTypeMetadata.vct,
      displayLocales: issued.typeMetadata.mergedTypeMetadata.display.map((d) => d.locale),
      claims: issued.typeMetadata.mergedTypeMetadata.claims.length,
    },
    status: 'valid',
  };
}

async function recheck(path) {
  try {
    await sdjwt.verify(readFileSync(path, 'utf8'));
    return { status: 'valid' };
  } catch (error) {
    return { status: /status/i.test(error.message) ? 'invalid' : 'error', error: error.message };
  }
}

try {
  const report = mode === 'receive' ? await receive(input) : await recheck(input);
  process.stdout.write(JSON.stringify(report));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: `${error.name}: ${error.message}`, details: error.errorResponse ?? error.response?.status ?? null }));
  process.exitCode = 2;
}
