// Measures how digest-fetch behaves with 50 concurrent GETs against a strict digest server.
// Run: node test/atlas/measure-digest-fetch.mjs  (prints one JSON line per burst; see
// docs/digest-auth.md)
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import DigestClient from 'digest-fetch';

const md5 = (text) => createHash('md5').update(text).digest('hex');
const REALM = 'MMS Public API';
const NONCE = 'n1';
const stats = { requests: 0, unsigned: 0, ok: 0, replayed: 0, badUri: 0, badHash: 0 };
const seenNc = new Set();

const server = createServer((req, res) => {
  stats.requests += 1;
  const header = req.headers.authorization;
  const reject = () => {
    res.writeHead(401, {
      'www-authenticate':
        `Digest realm="${REALM}", nonce="${NONCE}", algorithm=MD5, qop="auth", stale=false`,
    });
    res.end('{}');
  };
  if (!header) {
    stats.unsigned += 1;
    return reject();
  }
  const p = Object.fromEntries(
    [...header.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]),
  );
  if (p.uri !== req.url) {
    stats.badUri += 1;
    return reject();
  }
  const ha1 = md5(`pub-test:${REALM}:priv-test`);
  const ha2 = md5(`GET:${p.uri}`);
  if (p.response !== md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`)) {
    stats.badHash += 1;
    return reject();
  }
  // A nonce count seen before is a replay: RFC 7616 lets a server reject it.
  if (seenNc.has(p.nc)) {
    stats.replayed += 1;
    return reject();
  }
  seenNc.add(p.nc);
  stats.ok += 1;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const client = new DigestClient('pub-test', 'priv-test');

/** Sends 50 concurrent GETs and returns the server counters for that burst. */
async function burst(label) {
  for (const key of Object.keys(stats)) stats[key] = 0;
  const statuses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      client.fetch(`${base}/api/atlas/v2/groups/p${i}?pageNum=1`).then((r) => r.status),
    ),
  );
  const succeeded = statuses.filter((s) => s === 200).length;
  console.log(JSON.stringify({ burst: label, callsSucceeded: succeeded, ...stats }));
}

// Cold: no nonce yet. Warm: the client already has a nonce from the cold burst.
await burst('cold');
await burst('warm');
server.closeAllConnections();
server.close();
