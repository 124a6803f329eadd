import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { ConfigMap } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../api/errors.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { servePort } from '../apiserver/rest/port-server.ts';
import { createClient } from './client.ts';
import { portTransport } from './port-transport.ts';
import { CONFIGMAPS } from './resources.ts';
import type { WatchEvent } from './transport.ts';

let server: RunningAPIServer;
let dir: string;
let ch: MessageChannel;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-port-'));
  server = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  ch = new MessageChannel();
  servePort(ch.port1, inProcessTransport(server.api, undefined, { userAgent: 'port-test/1.0' }));
});
after(async () => { ch.port1.close(); ch.port2.close(); await server.close(); rmSync(dir, { recursive: true, force: true }); });

test('a client over a MessagePort writes, reads, fails and watches as an in-process one does', async () => {
  const cms = createClient(portTransport(ch.port2)).resource<ConfigMap>(CONFIGMAPS).namespace('default');
  const w = await cms.watch({ resourceVersion: (await cms.list()).metadata.resourceVersion });
  const made = await cms.create({ metadata: { name: 'a', labels: { x: '1' } }, data: { k: 'v' } });
  assert.equal(made.metadata?.managedFields?.[0].manager, 'port-test', 'the server side names the field manager');
  await cms.patch('a', 'application/merge-patch+json', { data: { k: 'w' } });
  await assert.rejects(cms.get('missing'), (e) => isNotFound(e));
  await assert.rejects(cms.update({ ...made, data: { k: 'stale' } }), (e) => isConflict(e));
  assert.deepEqual((await cms.list({ labelSelector: 'x=1' })).items.map((c) => c.data?.k), ['w']);
  await cms.delete('a');

  const seen: string[] = [];
  for await (const ev of w as AsyncIterable<WatchEvent<ConfigMap>>) {
    seen.push(`${ev.type} ${ev.object.data?.k} ${ev.object.metadata?.resourceVersion ? 'rv' : 'no-rv'}`);
    if (ev.type === 'DELETED') break;
  }
  w.close();
  assert.deepEqual(seen, ['ADDED v rv', 'MODIFIED w rv', 'DELETED w rv']);
});

test('calls made in one turn cross together, in order; a body that cannot be cloned fails only its own call', async () => {
  const batches: number[] = [];
  const count = (m: unknown) => { if (Array.isArray(m)) batches.push(m.length); };
  ch.port1.on('message', count);
  try {
    const cms = createClient(portTransport(ch.port2)).resource<ConfigMap>(CONFIGMAPS).namespace('default');
    const names = Array.from({ length: 20 }, (_, i) => `batch-${i}`);
    const bad = assert.rejects(cms.create({ metadata: { name: 'bad' }, data: { k: (() => 'v') as unknown as string } }), /could not be cloned/);
    const made = await Promise.all(names.map((name) => cms.create({ metadata: { name } })));
    await bad;
    assert.deepEqual(made.map((c) => c.metadata?.name), names);
    // Created in the order they were called: resourceVersions rise with the names.
    const rvs = made.map((c) => Number(c.metadata?.resourceVersion));
    assert.deepEqual(rvs, [...rvs].sort((a, b) => a - b));
    assert.ok(batches.includes(20), `the 20 good creates crossed as one message: ${JSON.stringify(batches)}`);
    await assert.rejects(cms.get('bad'), (e) => isNotFound(e));
  } finally {
    ch.port1.off('message', count);
  }
});

test('a watch that omits managedFields gets events without them; others keep them', async () => {
  const cms = createClient(portTransport(ch.port2)).resource<ConfigMap>(CONFIGMAPS).namespace('default');
  const rv = (await cms.list()).metadata.resourceVersion;
  const [lean, full] = await Promise.all([cms.watch({ resourceVersion: rv, omitManagedFields: true }), cms.watch({ resourceVersion: rv })]);
  await cms.create({ metadata: { name: 'mf', labels: { x: '1' } }, data: { k: 'v' } });
  const first = async (w: typeof lean) => { for await (const ev of w as AsyncIterable<WatchEvent<ConfigMap>>) { w.close(); return ev.object; } };
  const [a, b] = await Promise.all([first(lean), first(full)]);
  assert.equal(a?.metadata?.managedFields, undefined);
  assert.deepEqual(a?.metadata?.labels, { x: '1' });
  assert.equal(a?.metadata?.resourceVersion, b?.metadata?.resourceVersion);
  assert.equal(b?.metadata?.managedFields?.[0].manager, 'port-test');
  await cms.delete('mf');
});

test('a port transport for components that never read managedFields gets write results without them', async () => {
  const lean = createClient(portTransport(ch.port2, { omitManagedFields: true })).resource<ConfigMap>(CONFIGMAPS).namespace('default');
  const made = await lean.create({ metadata: { name: 'lean' }, data: { k: 'v' } });
  assert.equal(made.metadata?.managedFields, undefined);
  assert.equal(made.data?.k, 'v');
  // The server still tracks them, and an update without them keeps the stored ones.
  await lean.update({ ...made, data: { k: 'w' } });
  const full = await createClient(portTransport(ch.port2)).resource<ConfigMap>(CONFIGMAPS).namespace('default').get('lean');
  assert.equal(full.metadata?.managedFields?.[0].manager, 'port-test');
  assert.equal(full.data?.k, 'w');
  await lean.delete('lean');
});

test('a write whose result is discarded crosses back without a body; it still fails as any write', async () => {
  const replies: unknown[] = [];
  const note = (m: unknown) => { for (const r of Array.isArray(m) ? m : [m]) replies.push(r); };
  ch.port2.on('message', note);
  try {
    const cms = createClient(portTransport(ch.port2)).resource<ConfigMap>(CONFIGMAPS).namespace('default');
    assert.equal(await cms.create({ metadata: { name: 'quiet' }, data: { k: 'v' } }, { discardResult: true }), undefined);
    assert.equal(await cms.patch('quiet', 'application/merge-patch+json', { data: { k: 'w' } }, { discardResult: true }), undefined);
    const res = replies.filter((r): r is { res: object } => typeof r === 'object' && r !== null && 'res' in r).map((r) => r.res);
    assert.deepEqual(res.map((r) => ['json' in r, 'body' in r && (r as { body: unknown }).body !== undefined]), [[false, false], [false, false]]);
    assert.equal((await cms.get('quiet')).data?.k, 'w', 'the writes happened');
    await assert.rejects(cms.create({ metadata: { name: 'quiet' } }, { discardResult: true }), /already exists/);
    await cms.delete('quiet');
  } finally { ch.port2.off('message', note); }
});
