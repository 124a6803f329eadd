/**
 * API semantics a controller or client relies on, checked over HTTPS against a real
 * server: pagination, watch resumption and 410 after compaction, bookmarks, finalizers
 * and deletionTimestamp, generation, status/spec separation, immutable fields,
 * generateName, deletecollection, dryRun and preconditions.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { httpsClient } from '../https-client.ts';
import { ensurePKI, type PKI } from '../../src/apiserver/pki/index.ts';

let c: TestCluster;
let pki: PKI;
let api: ReturnType<typeof httpsClient>;
before(async () => { c = await startTestCluster(); pki = await ensurePKI(c.dataDir); api = httpsClient(c.url, pki); });
after(async () => { api?.close(); await c?.stop(); });

const CM = '/api/v1/namespaces/default/configmaps';
const DEP = '/apis/apps/v1/namespaces/default/deployments';
const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { a: '1' } });
const deployment = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
});

/** Opens a watch and collects its events line by line. */
function openWatch(path: string) {
  const events: { type: string; object: any }[] = [];
  let ended = false;
  let wake = () => {};
  const u = new URL(c.url);
  const req = request({ host: u.hostname, port: u.port, path, ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem }, (res) => {
    let buf = '';
    res.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { events.push(JSON.parse(buf.slice(0, i))); buf = buf.slice(i + 1); }
      wake();
    });
    res.on('end', () => { ended = true; wake(); });
  });
  req.end();
  return {
    events,
    get ended() { return ended; },
    async until(pred: () => boolean, ms = 10_000) {
      const t0 = Date.now();
      while (!pred()) {
        if (Date.now() - t0 > ms) throw new Error(`timed out; events: ${JSON.stringify(events.map((e) => [e.type, e.object?.metadata?.name]))}`);
        await new Promise<void>((r) => { wake = r; setTimeout(r, 200).unref(); });
      }
    },
    close() { req.destroy(); },
  };
}

describe('lists', () => {
  it('pages with limit/continue over one snapshot', async () => {
    for (let i = 0; i < 7; i++) assert.equal((await api.call('POST', CM, cm(`page-${i}`, { set: 'page' }))).status, 201);
    const first = (await api.call('GET', `${CM}?labelSelector=set%3Dpage&limit=3`)).json();
    assert.equal(first.items.length, 3);
    assert.ok(first.metadata.continue);
    await api.call('POST', CM, cm('page-late', { set: 'page' })); // after the snapshot: not in later pages
    const names = first.items.map((i: any) => i.metadata.name);
    let cont = first.metadata.continue;
    while (cont) {
      const page = (await api.call('GET', `${CM}?labelSelector=set%3Dpage&limit=3&continue=${encodeURIComponent(cont)}`)).json();
      assert.equal(page.metadata.resourceVersion, first.metadata.resourceVersion);
      names.push(...page.items.map((i: any) => i.metadata.name));
      cont = page.metadata.continue;
    }
    assert.deepEqual(names, [0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
  });

  it('filters by label and field selectors, and rejects unsupported fields', async () => {
    const r = (await api.call('GET', `${CM}?labelSelector=set%20in%20(page),set!=other&fieldSelector=metadata.name%3Dpage-3`)).json();
    assert.deepEqual(r.items.map((i: any) => i.metadata.name), ['page-3']);
    const bad = await api.call('GET', `/api/v1/pods?fieldSelector=spec.bogus%3Dx`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json().message, 'field label not supported: spec.bogus');
  });
});

describe('watch', () => {
  it('resumes from a resourceVersion, reports selector transitions and ends at timeoutSeconds', async () => {
    const created = (await api.call('POST', CM, cm('w1', { watch: 'yes' }))).json();
    const w = openWatch(`${CM}?watch=true&labelSelector=watch%3Dyes&resourceVersion=${created.metadata.resourceVersion}&timeoutSeconds=2`);
    await api.call('PATCH', `${CM}/w1`, { data: { a: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
    await api.call('PATCH', `${CM}/w1`, { metadata: { labels: { watch: 'no' } } }, { 'Content-Type': 'application/merge-patch+json' });
    await api.call('PATCH', `${CM}/w1`, { metadata: { labels: { watch: 'yes' } } }, { 'Content-Type': 'application/merge-patch+json' });
    await api.call('DELETE', `${CM}/w1`);
    await w.until(() => w.events.length >= 4);
    assert.deepEqual(w.events.map((e) => e.type), ['MODIFIED', 'DELETED', 'ADDED', 'DELETED']);
    const rvs = w.events.map((e) => Number(e.object.metadata.resourceVersion));
    assert.deepEqual(rvs, [...rvs].sort((a, b) => a - b));
    await w.until(() => w.ended, 5000);
  });

  it('sends the current state first for resourceVersion 0', async () => {
    await api.call('POST', CM, cm('w2', { zero: 'yes' }));
    const w = openWatch(`${CM}?watch=true&labelSelector=zero%3Dyes&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=1`);
    await w.until(() => w.ended, 5000);
    assert.equal(w.events[0].type, 'ADDED');
    assert.equal(w.events[0].object.metadata.name, 'w2');
  });

  it('answers 410 Expired for a compacted resourceVersion', async () => {
    const rv = Number((await api.call('GET', CM)).json().metadata.resourceVersion);
    for (let i = 0; i < 3; i++) await api.call('POST', CM, cm(`compact-${i}`));
    await c.server.store.compact(await c.server.store.currentRevision());
    const w = openWatch(`${CM}?watch=true&resourceVersion=${rv}`);
    await w.until(() => w.ended);
    assert.equal(w.events[0].type, 'ERROR');
    assert.equal(w.events[0].object.code, 410);
    assert.equal(w.events[0].object.reason, 'Expired');
    const list = await api.call('GET', `${CM}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    assert.equal(list.status, 410);
  });
});

describe('writes', () => {
  it('bumps generation on spec changes only, and keeps status and spec apart', async () => {
    const d = (await api.call('POST', DEP, deployment('gen'))).json();
    assert.equal(d.metadata.generation, 1);
    const labelled = (await api.call('PATCH', `${DEP}/gen`, { metadata: { labels: { x: 'y' } } }, { 'Content-Type': 'application/merge-patch+json' })).json();
    assert.equal(labelled.metadata.generation, 1);
    const scaled = (await api.call('PATCH', `${DEP}/gen`, { spec: { replicas: 4 }, status: { replicas: 99 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
    assert.equal(scaled.metadata.generation, 2);
    assert.equal(scaled.status?.replicas, undefined, 'status is ignored on the main resource');
    const st = (await api.call('PATCH', `${DEP}/gen/status`, { spec: { replicas: 1 }, status: { replicas: 3, observedGeneration: 2 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
    assert.equal(st.spec.replicas, 4, 'spec is ignored on /status');
    assert.equal(st.status.replicas, 3);
    assert.equal(st.metadata.generation, 2);
  });

  it('refuses stale resourceVersions and changed immutable pod fields, in Kubernetes words', async () => {
    const p = (await api.call('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'imm' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })).json();
    const stale = await api.call('PUT', '/api/v1/namespaces/default/pods/imm', { ...p, metadata: { ...p.metadata, resourceVersion: '1' } });
    assert.equal(stale.status, 409);
    const changed = await api.call('PUT', '/api/v1/namespaces/default/pods/imm', { ...p, spec: { ...p.spec, restartPolicy: 'Never' } });
    assert.equal(changed.status, 422);
    assert.match(changed.json().message, /^Pod "imm" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
    const image = await api.call('PUT', '/api/v1/namespaces/default/pods/imm', { ...p, spec: { ...p.spec, containers: [{ ...p.spec.containers[0], image: 'busybox:2' }] } });
    assert.equal(image.status, 200);
  });

  it('names objects from generateName', async () => {
    const r = (await api.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } })).json();
    assert.match(r.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('gives a creator its fields and defaults, not what admission adds', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'owned' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    const r = await api.call('POST', '/api/v1/namespaces/default/pods?fieldManager=creator', pod);
    assert.equal(r.status, 201);
    const got = r.json();
    assert.equal(got.spec.tolerations?.length, 2, 'DefaultTolerationSeconds added its tolerations');
    const [entry] = got.metadata.managedFields;
    assert.equal(entry.manager, 'creator');
    const spec = entry.fieldsV1['f:spec'];
    assert.ok(spec['f:restartPolicy'] && spec['f:containers']['k:{"name":"c"}']['f:image'], 'sent and defaulted fields are the creator\'s');
    assert.equal(spec['f:tolerations'], undefined, 'the admission plugin\'s tolerations are nobody\'s');
    await api.call('DELETE', '/api/v1/namespaces/default/pods/owned?gracePeriodSeconds=0');
  });

  it('holds a deleted object while finalizers remain, then removes it', async () => {
    await api.call('POST', CM, { ...cm('fin'), metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
    const del = await api.call('DELETE', `${CM}/fin`);
    assert.equal(del.status, 200);
    const held = (await api.call('GET', `${CM}/fin`)).json();
    assert.ok(held.metadata.deletionTimestamp);
    const patch = await api.call('PATCH', `${CM}/fin`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(patch.status, 200);
    assert.equal((await api.call('GET', `${CM}/fin`)).status, 404);
  });

  it('foreground deletion adds the foregroundDeletion finalizer; preconditions guard deletes', async () => {
    await api.call('POST', DEP, deployment('fg'));
    const r = await api.call('DELETE', `${DEP}/fg`, { propagationPolicy: 'Foreground' });
    assert.deepEqual(r.json().metadata.finalizers, ['foregroundDeletion']);
    await api.call('POST', CM, cm('pre'));
    const wrong = await api.call('DELETE', `${CM}/pre`, { preconditions: { uid: 'not-the-uid' } });
    assert.equal(wrong.status, 409);
    assert.match(wrong.json().message, /Precondition failed: UID in precondition: not-the-uid/);
  });

  it('deletes collections by selector, and dry runs change nothing', async () => {
    for (const n of ['dc-1', 'dc-2']) await api.call('POST', CM, cm(n, { dc: 'yes' }));
    const dry = await api.call('DELETE', `${CM}?labelSelector=dc%3Dyes&dryRun=All`);
    assert.equal(dry.status, 200);
    assert.equal((await api.call('GET', `${CM}?labelSelector=dc%3Dyes`)).json().items.length, 2);
    assert.equal((await api.call('DELETE', `${CM}?labelSelector=dc%3Dyes`)).status, 200);
    assert.equal((await api.call('GET', `${CM}?labelSelector=dc%3Dyes`)).json().items.length, 0);
  });

  it('refuses to delete the namespaces a cluster needs', async () => {
    const r = await api.call('DELETE', '/api/v1/namespaces/default');
    assert.equal(r.status, 403);
    assert.equal(r.json().message, 'namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('refuses anonymous requests with a 401 Status but serves /version', async () => {
    const u = new URL(c.url);
    const get = (path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      request({ host: u.hostname, port: u.port, path, ca: pki.caCertPem }, (res) => {
        let b = ''; res.on('data', (d) => { b += d; }); res.on('end', () => resolve({ status: res.statusCode!, body: b }));
      }).on('error', reject).end();
    });
    const anon = await get('/api/v1/namespaces');
    assert.equal(anon.status, 401);
    assert.equal(JSON.parse(anon.body).kind, 'Status');
    const v = await get('/version');
    assert.equal(v.status, 200);
    assert.equal(JSON.parse(v.body).major, '1');
  });
});
