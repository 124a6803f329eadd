// HTTP upgrades through the API server: refused ones get a Status, exec goes to the kubelet
// (whose 501 comes back untouched), pods/proxy reaches a pod server over HTTP and WebSocket-style upgrades.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:tls';
import { startFixture } from './fixture.ts';

/** Sends one upgrade request over TLS; resolves with everything read once `done(text)` holds or the socket ends. */
function upgrade(port: number, ca: string, path: string, client?: { cert: string; key: string }, after?: { send: string; done: (t: string) => boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, ca, ...client }, () => {
      s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    });
    let text = '';
    let sent = false;
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      text += d;
      if (after && !sent && text.includes('\r\n\r\n')) { sent = true; s.write(after.send); }
      if (after?.done(text)) { s.destroy(); resolve(text); }
    });
    s.on('end', () => resolve(text));
    s.on('error', reject);
  });
}

const statusLine = (t: string) => t.split('\r\n')[0];
const body = (t: string) => JSON.parse(t.slice(t.indexOf('\r\n\r\n') + 4)) as { code: number; message: string };

test('upgrades and pods/proxy', async () => {
  const f = await startFixture({ podAddressAllowed: () => true });
  // A "pod" server on loopback: answers HTTP and echoes after an upgrade.
  const pod = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Auth-Seen': String(req.headers.authorization ?? 'none') });
    res.end(`${req.method} ${req.url}`);
  });
  pod.on('upgrade', (req, socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Path: ${req.url}\r\n\r\n`);
    socket.on('data', (d) => socket.write(`echo:${d}`));
  });
  await new Promise<void>((r) => pod.listen(0, '127.0.0.1', r));
  const podPort = (pod.address() as { port: number }).port;
  const port = Number(new URL(f.srv.url).port);
  const ca = f.pki.caCertPem;
  const admin = { cert: f.pki.adminCertPem, key: f.pki.adminKeyPem };
  try {
    await f.createPod({ metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } },
      { phase: 'Running', podIP: '127.0.0.1', containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] });

    const refused = [
      { name: 'no credentials', input: { path: '/api/v1/namespaces/default/pods/p/exec?command=ls', client: undefined }, want: { line: 'HTTP/1.1 401 Unauthorized', code: 401 } },
      { name: 'not a pod', input: { path: '/api/v1/namespaces/default', client: admin }, want: { line: 'HTTP/1.1 400 Bad Request', code: 400 } },
      { name: 'missing pod', input: { path: '/api/v1/namespaces/default/pods/nope/exec?command=ls', client: admin }, want: { line: 'HTTP/1.1 404 Not Found', code: 404 } },
      { name: 'unknown container', input: { path: '/api/v1/namespaces/default/pods/p/exec?container=x&command=ls', client: admin }, want: { line: 'HTTP/1.1 400 Bad Request', code: 400 } },
    ];
    for (const c of refused) {
      const t = await upgrade(port, ca, c.input.path, c.input.client);
      assert.deepEqual({ line: statusLine(t), code: body(t).code }, c.want, c.name);
    }
    // exec is proxied to the kubelet with the API server's kubelet-client certificate; the kubelet reserves it (501).
    const ex = await upgrade(port, ca, '/api/v1/namespaces/default/pods/p/exec?command=ls&stdout=true', admin);
    assert.equal(statusLine(ex), 'HTTP/1.1 501 Not Implemented');
    assert.match(ex, /streaming is not implemented yet$/);

    // pods/proxy over plain HTTP: credentials are not passed on.
    const r = await fetchVia(f.srv.url, `/api/v1/namespaces/default/pods/p:${podPort}/proxy/hello/?x=1`, ca, f.pki.adminToken);
    assert.deepEqual(r, { status: 200, body: 'GET /hello/?x=1', auth: 'none' });
    // pods/proxy upgrade: the pod's 101 and its bytes come back.
    const up = await upgrade(port, ca, `/api/v1/namespaces/default/pods/p:${podPort}/proxy/ws`, admin, { send: 'hi', done: (t) => t.includes('echo:hi') });
    assert.equal(statusLine(up), 'HTTP/1.1 101 Switching Protocols');
    assert.match(up, /X-Path: \/ws\r\n/);
  } finally {
    pod.closeAllConnections();
    pod.close();
    await f.close();
  }
});

async function fetchVia(base: string, path: string, ca: string, token: string): Promise<{ status: number; body: string; auth: string }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { b += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body: b, auth: String(res.headers['x-auth-seen']) }));
    });
    req.on('error', reject);
    req.end();
  });
}
