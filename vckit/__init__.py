"""vckit: the framework-free credential core of Microcred.

Builds EU micro-credentials as W3C Verifiable Credentials 2.0 in the 1EdTech Open Badges 3.0
shape (``vckit.ob3``), secures them with Data Integrity ``eddsa-rdfc-2022`` (``vckit.proof``),
publishes revocation with Bitstring Status Lists (``vckit.status_list``), identifies issuers
with did:key / did:web (``vckit.did``) and verifies credentials from anyone (``vckit.verify``).

It imports neither Django nor the platform, and never uses the network: JSON-LD contexts are
bundled (``vckit.documents``) and DID documents / status lists come from injected functions.
"""

__version__ = "0.1.0"
