/**
 * The dashboard server against a real API server: the login token and session cookie, the
 * Host/Origin and write-header checks, the proxy (lists, writes, streamed watches, the API's
 * own refusals passed through) and the WebSocket gate.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { WebSocket } from 'ws';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { ensurePKI } from '../../src/apiserver/pki/index.ts';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/server/server.ts';

describe('dashboard server', () => {
  let c: TestCluster;
  let d: RunningDashboard;
  let cookie = '';
  const get = (path: string, headers: Record<string, string> = {}) => fetch(d.url + path, { headers: { cookie, ...headers }, redirect: 'manual' });

  before(async () => {
    c = await startTestCluster();
    const pki = await ensurePKI(c.dataDir);
    d = await startDashboard({ api: { server: c.url, ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem }, port: 0, token: 'secret-token', staticDir: '/nonexistent' });
  });
  after(async () => { await d?.close(); await c?.stop(); });

  it('refuses the API without a session, and a wrong token', async () => {
    assert.equal((await get('/api/v1/namespaces')).status, 401);
    const bad = await get('/?token=nope');
    assert.equal(bad.status, 302);
    assert.equal(bad.headers.get('location'), '/#/login?bad=1');
    assert.equal(bad.headers.get('set-cookie'), null);
    assert.equal((await fetch(`${d.url}/_dashboard/login`, { method: 'POST', body: JSON.stringify({ token: 'nope' }) })).status, 401);
  });

  it('trades the printed token for an HttpOnly cookie, then proxies as the user', async () => {
    assert.equal(d.loginURL, `${d.url}/?token=secret-token`);
    const r = await get('/?token=secret-token');
    assert.equal(r.status, 302);
    const set = r.headers.get('set-cookie') ?? '';
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Strict/);
    cookie = set.split(';')[0];
    const list = await get('/api/v1/namespaces');
    assert.equal(list.status, 200);
    assert.ok(((await list.json()) as { items: { metadata: { name: string } }[] }).items.some((n) => n.metadata.name === 'default'));
    // The login box path gives a working cookie too.
    const l = await fetch(`${d.url}/_dashboard/login`, { method: 'POST', body: JSON.stringify({ token: 'secret-token' }) });
    assert.equal(l.status, 200);
    assert.equal((await get('/api/v1/namespaces', { cookie: (l.headers.get('set-cookie') ?? '').split(';')[0] })).status, 200);
  });

  it('checks Host (DNS rebinding) and the write header (cross-site forms)', async () => {
    // fetch will not set Host; node:http will.
    const withHost = await new Promise<number>((resolve, reject) => {
      const u = new URL(d.url);
      httpGet({ host: u.hostname, port: u.port, path: '/api/v1/namespaces', headers: { cookie, host: `evil.example:${u.port}` } }, (r) => { r.resume(); resolve(r.statusCode ?? 0); }).on('error', reject);
    });
    assert.equal(withHost, 403);
    assert.equal((await get('/api/v1/namespaces', { origin: 'http://evil.example' })).status, 403);
    const body = JSON.stringify({ metadata: { name: 'dash-ns' } });
    assert.equal((await fetch(`${d.url}/api/v1/namespaces`, { method: 'POST', body, headers: { cookie, 'content-type': 'application/json' } })).status, 403);
    const ok = await fetch(`${d.url}/api/v1/namespaces`, { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', 'x-k8ts-dashboard': '1' } });
    assert.equal(ok.status, 201);
  });

  it('streams a watch through as events happen', async () => {
    const list = (await (await get('/api/v1/namespaces/default/configmaps')).json()) as { metadata: { resourceVersion: string } };
    const ctl = new AbortController();
    const res = await fetch(`${d.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`, { headers: { cookie }, signal: ctl.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await c.kubectl('1.33', ['create', 'configmap', 'watched', '--from-literal=a=b']);
    let seen = '';
    while (!seen.includes('"watched"')) seen += (await reader.read()).value ?? '';
    assert.match(seen, /"type":"ADDED"/);
    ctl.abort();
  });

  it('passes the API refusals through: a user the API does not know gets 401 from the API', async () => {
    const pki = await ensurePKI(c.dataDir);
    const anon = await startDashboard({ api: { server: c.url, ca: pki.caCertPem, token: 'not-a-valid-token' }, port: 0, token: 't' });
    try {
      const r = await fetch(`${anon.url}/?token=t`, { redirect: 'manual' });
      const ck = (r.headers.get('set-cookie') ?? '').split(';')[0];
      const api = await fetch(`${anon.url}/api/v1/namespaces`, { headers: { cookie: ck } });
      assert.equal(api.status, 401);
      assert.equal(((await api.json()) as { kind: string }).kind, 'Status');
    } finally { await anon.close(); }
  });

  it('opens exec WebSockets only with a session, and says the API answer otherwise', async () => {
    const url = `${d.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/nope/exec?command=sh&stdout=true`;
    const status = (headers: Record<string, string>) => new Promise<number>((resolve) => {
      const ws = new WebSocket(url, ['v5.channel.k8s.io'], { headers });
      ws.on('unexpected-response', (_q, r) => { resolve(r.statusCode ?? 0); ws.terminate(); });
      ws.on('open', () => { resolve(101); ws.close(); });
      ws.on('error', () => undefined);
    });
    assert.equal(await status({}), 401);
    // With a session the API itself answers: there is no such pod.
    assert.equal(await status({ cookie }), 404);
  });

  it('serves a page saying the app is not built when build/dashboard is missing', async () => {
    const r = await get('/');
    assert.equal(r.status, 503);
    assert.match(await r.text(), /not built/);
  });
});
