// Verify credentials with one independent verifier, against a live issuing server.
//   node verify-live.mjs <stack> <server-origin> [input.json | -]
// <stack> is "digitalbazaar" or "verifier-core" (see live.mjs); the input is a JSON array of
// credentials. Only <server-origin> can be reached. Output on stdout: a JSON array with one
// {"verified", "signature", "status", "errors"} per credential, in order.
import {readFileSync} from 'node:fs';

import {STACKS, reachOnly} from './live.mjs';

const [stack, origin, path] = process.argv.slice(2);
if(!STACKS[stack] || !origin) {
  process.stderr.write(
    `usage: node verify-live.mjs <${Object.keys(STACKS).join('|')}> <https://host:port> ` +
    '[credentials.json]\n');
  process.exit(2);
}
// The libraries log to the console (verifier-core prints schema fetch failures there): keep
// stdout for the results alone.
console.log = console.info = (...args) => console.error(...args);

reachOnly(origin);
const verify = STACKS[stack]();
const credentials = JSON.parse(readFileSync(path && path !== '-' ? path : 0, 'utf8'));
const results = [];
for(const credential of credentials) {
  try {
    results.push(await verify(credential));
  } catch(error) {
    results.push({verified: false, signature: 'invalid', status: 'error',
      errors: [`verifier crashed: ${error.stack || error}`]});
  }
}
process.stdout.write(JSON.stringify(results) + '\n');
