/**
 * Loaded into a child luoshi with `node --import`: the name resolver of a network where Redis's
 * host name goes away — compose's `redis` once its container stops, where the lookup waits on a
 * resolver that does not answer. Like the fake Lark platform, it stands in for the world outside
 * luoshi, not for luoshi's code.
 *
 * `LUOSHI_TEST_STALLED_HOST` resolves to 127.0.0.1 until the file `gone` appears in
 * `LUOSHI_TEST_STALL_DIR`; from then on its lookups hold a thread of libuv's pool, as a real
 * getaddrinfo does (an open of the FIFO `stall`, which nobody writes), and the file `stalled`
 * says one is waiting.
 */
import dns from 'node:dns';
import { existsSync, open, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const host = process.env.LUOSHI_TEST_STALLED_HOST;
const dir = process.env.LUOSHI_TEST_STALL_DIR ?? '';
const lookup = dns.lookup;

dns.lookup = function stalledLookup(hostname, ...rest) {
  if (hostname !== host) return lookup.call(this, hostname, ...rest);
  if (!existsSync(join(dir, 'gone'))) return lookup.call(this, '127.0.0.1', ...rest);
  const callback = rest[rest.length - 1];
  writeFileSync(join(dir, 'stalled'), '');
  open(join(dir, 'stall'), 'r', () => {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      hostname,
    });
    callback(err);
  });
  return {};
};
