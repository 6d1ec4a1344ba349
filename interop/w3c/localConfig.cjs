// Read by vc-test-suite-implementations (it looks for localConfig.cjs at the project root):
// because implementations are listed here, the suites test ONLY these endpoints, never the
// public implementations on the internet. The harness (microcred/api/tests/test_w3c_suites.py)
// sets the addresses: Microcred's verifier under test and the independent issuer (issuer.mjs).
const verifier = process.env.MICROCRED_URL;
const issuer = process.env.ISSUER_URL;
const issuerDid = process.env.ISSUER_DID;
if(!verifier || !issuer || !issuerDid) {
  throw new Error('Set MICROCRED_URL, ISSUER_URL and ISSUER_DID (see localConfig.cjs).');
}

module.exports = {
  settings: {enableInteropTests: false, testAllImplementations: false},
  implementations: [{
    name: 'Microcred',
    implementation: 'Microcred verifier with a Digital Bazaar issuer',
    issuers: [{
      id: issuerDid,
      endpoint: `${issuer}/credentials/issue`,
      tags: ['vc2.0', 'eddsa-rdfc-2022']
    }, {
      id: issuerDid,
      endpoint: `${issuer}/status/credentials/issue`,
      tags: ['BitstringStatusList']
    }],
    verifiers: [{
      id: 'microcred',
      endpoint: `${verifier}/credentials/verify`,
      tags: ['vc2.0', 'eddsa-rdfc-2022', 'BitstringStatusList']
    }],
    vpVerifiers: [{
      id: 'microcred',
      endpoint: `${verifier}/presentations/verify`,
      tags: ['vc2.0']
    }]
  }]
};
