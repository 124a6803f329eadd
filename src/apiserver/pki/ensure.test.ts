import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ensurePKI } from './ensure.ts';
import { verifyClientCert } from './client-identity.ts';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'k8ts-pki-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

// How long this takes is measured in bench/, not asserted here (a timed test fails on a loaded machine).
test('first call makes CA, serving and admin certificates and a token', async (t) => {
  const dir = await tempDir(t);
  const pki = await ensurePKI(dir, { hosts: ['api.example.test', '192.0.2.7'] });
  assert.deepEqual(pki.generated, ['ca', 'apiserver', 'admin', 'token']);

  const ca = new X509Certificate(pki.caCertPem);
  assert.equal(ca.subject, 'CN=k8ts-ca');
  assert.equal(ca.ca, true);
  const server = new X509Certificate(pki.serverCertPem);
  assert.ok(server.verify(ca.publicKey));
  const san = server.subjectAltName ?? '';
  const want = ['DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc',
    `DNS:${os.hostname().toLowerCase()}`, 'DNS:api.example.test', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:192.0.2.7'];
  for (const w of want) assert.ok(san.split(', ').includes(w), `${w} missing from ${san}`);
  assert.ok(server.checkIP('192.0.2.7'));

  const admin = new X509Certificate(pki.adminCertPem);
  assert.equal(admin.subject, 'CN=k8ts-admin\nO=system:masters');
  assert.deepEqual(admin.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  assert.match(pki.adminToken, /^[0-9a-f]{64}$/);
  assert.match(pki.serverKeyPem, /^-----BEGIN PRIVATE KEY-----/);

  for (const f of [pki.caCertFile, pki.caKeyFile, pki.serverCertFile, pki.serverKeyFile, pki.adminCertFile, pki.adminKeyFile, pki.tokenFile]) {
    assert.equal((await fs.stat(f)).mode & 0o777, 0o600, f);
  }
});

test('second call reuses everything; a new host name renews only the serving certificate', async (t) => {
  const dir = await tempDir(t);
  const first = await ensurePKI(dir);
  const again = await ensurePKI(dir);
  assert.deepEqual(again.generated, []);
  assert.equal(again.caCertPem, first.caCertPem);
  assert.equal(again.serverCertPem, first.serverCertPem);
  assert.equal(again.adminKeyPem, first.adminKeyPem);
  assert.equal(again.adminToken, first.adminToken);

  const wider = await ensurePKI(dir, { hosts: ['new-name.example.test'] });
  assert.deepEqual(wider.generated, ['apiserver']);
  assert.equal(wider.caCertPem, first.caCertPem);
  assert.ok(new X509Certificate(wider.serverCertPem).checkHost('new-name.example.test'));
  assert.ok(new X509Certificate(wider.serverCertPem).verify(new X509Certificate(first.caCertPem).publicKey));
});

test('a missing CA key remakes the CA and every certificate it signed', async (t) => {
  const dir = await tempDir(t);
  const first = await ensurePKI(dir);
  await fs.rm(first.caKeyFile);
  const again = await ensurePKI(dir);
  assert.deepEqual(again.generated, ['ca', 'apiserver', 'admin']);
  assert.notEqual(again.caCertPem, first.caCertPem);
  assert.equal(again.adminToken, first.adminToken);
});

test('an https server with the serving cert authenticates the admin client certificate', async (t) => {
  const dir = await tempDir(t);
  const pki = await ensurePKI(dir);
  const server = https.createServer({
    cert: pki.serverCertPem, key: pki.serverKeyPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: false,
  }, (req, res) => {
    const sock = req.socket as TLSSocket;
    res.end(JSON.stringify({ authorized: sock.authorized, who: sock.authorized ? verifyClientCert(sock.getPeerCertificate()) : null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;

  const get = (opts: https.RequestOptions) => new Promise<string>((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, path: '/', ca: pki.caCertPem, agent: false, ...opts }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
  // servername "localhost" also exercises the DNS SAN; the client verifies the server against the CA.
  assert.deepEqual(JSON.parse(await get({ cert: pki.adminCertPem, key: pki.adminKeyPem, servername: 'localhost' })),
    { authorized: true, who: { user: 'k8ts-admin', groups: ['system:masters'] } });
  assert.deepEqual(JSON.parse(await get({})), { authorized: false, who: null });
});

test('verifyClientCert reads CN and every O', () => {
  const cases = [
    { name: 'one group', input: { CN: 'alice', O: 'dev' }, want: { user: 'alice', groups: ['dev'] } },
    { name: 'several groups', input: { CN: 'bob', O: ['a', 'b'] }, want: { user: 'bob', groups: ['a', 'b'] } },
    { name: 'no groups', input: { CN: 'carol' }, want: { user: 'carol', groups: [] } },
    { name: 'no CN', input: { O: 'x' }, want: undefined },
  ];
  for (const c of cases) {
    const peer = { subject: c.input } as unknown as Parameters<typeof verifyClientCert>[0];
    assert.deepEqual(verifyClientCert(peer), c.want, c.name);
  }
  assert.equal(verifyClientCert({} as Parameters<typeof verifyClientCert>[0]), undefined);
});
