import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.d.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { NODE_NAME_INDEX, nodeNameIndex } from './cache.ts';
import { createClient } from './client.ts';
import { FakeClock } from './clock.ts';
import { SharedInformer } from './informer.ts';
import { InformerFactory } from './informer-factory.ts';
import { CONFIGMAPS, PODS } from './resources.ts';
import { EventRecorder, GatedTransport } from './testing.ts';

let server: RunningAPIServer;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-informer-'));
  server = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
});
after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data });

describe('informer on the in-process API server', () => {
  it('syncs, reports add/update/delete, freezes objects and indexes them', async () => {
    const client = createClient(inProcessTransport(server.api));
    const cms = client.resource<ConfigMap>(CONFIGMAPS).namespace('default');
    await cms.create(cm('one', { a: '1' }, { app: 'web' }));
    await cms.create(cm('two', {}, { app: 'db' }));
    const factory = new InformerFactory(client);
    const inf = factory.informerFor<ConfigMap>(CONFIGMAPS, { namespace: 'default', indexers: { app: (o) => [o.metadata?.labels?.app ?? ''] } });
    assert.equal(factory.informerFor<ConfigMap>(CONFIGMAPS, { namespace: 'default' }), inf, 'one informer per key');
    const rec = new EventRecorder<ConfigMap>();
    inf.addEventHandler(rec);
    const ac = new AbortController();
    factory.start(ac.signal);
    assert.equal(await factory.waitForSync(ac.signal), true);
    assert.deepEqual(rec.events.map((e) => `${e.type} ${e.name} ${e.initial}`).sort(), ['add one true', 'add two true']);

    await cms.create(cm('three', {}, { app: 'web' }));
    await cms.patch('one', 'application/merge-patch+json', { data: { a: '2' } });
    await cms.delete('two');
    await rec.waitFor((e) => e.type === 'delete' && e.name === 'two');
    assert.deepEqual(rec.events.slice(2).map((e) => `${e.type} ${e.name}`), ['add three', 'update one', 'delete two']);
    assert.equal(rec.events[2].initial, false);

    const one = inf.lister.namespace('default').get('one')!;
    assert.equal(one.data?.a, '2');
    assert.equal(one.kind, 'ConfigMap');
    assert.throws(() => { (one.data as Record<string, string>).a = 'x'; }, TypeError);
    assert.throws(() => { (one.metadata!.labels as Record<string, string>).app = 'x'; }, TypeError);
    assert.deepEqual(inf.lister.byIndex('app', 'web').map((o) => o.metadata!.name).sort(), ['one', 'three']);
    assert.deepEqual(inf.lister.list('app=web').map((o) => o.metadata!.name).sort(), ['one', 'three']);
    assert.equal(inf.lister.get('default/two'), undefined);

    const late = new EventRecorder<ConfigMap>();
    inf.addEventHandler(late);
    assert.deepEqual(late.events.map((e) => `${e.type} ${e.name} ${e.initial}`).sort(), ['add one true', 'add three true']);
    ac.abort();
    await factory.stopped();
  });

  it('relists after 410 Gone and reports deletes missed meanwhile as tombstones', async () => {
    const gated = new GatedTransport(inProcessTransport(server.api));
    const writer = createClient(inProcessTransport(server.api)).resource<ConfigMap>(CONFIGMAPS).namespace('kube-public');
    await writer.create(cm('keep', { v: '1' }));
    await writer.create(cm('gone'));
    const inf = new SharedInformer<ConfigMap>({ client: createClient(gated).resource<ConfigMap>(CONFIGMAPS).namespace('kube-public') });
    const rec = new EventRecorder<ConfigMap>();
    inf.addEventHandler(rec);
    const ac = new AbortController();
    const run = inf.run(ac.signal);
    await inf.waitForSync();
    assert.equal(gated.lists, 1);
    await gated.opened(1);

    const waiting = gated.hold();
    gated.current!.close();
    await waiting;
    // While the informer is not watching: a delete, an update, then compaction past its revision.
    await writer.delete('gone');
    await writer.patch('keep', 'application/merge-patch+json', { data: { v: '2' } });
    await server.store.compact(await server.store.currentRevision());
    gated.release();

    await rec.waitFor((e) => e.type === 'delete' && e.name === 'gone');
    assert.deepEqual(rec.events.find((e) => e.type === 'delete'), { type: 'delete', name: 'gone', unknownFinalState: true });
    assert.equal(gated.lists, 2, 'relisted once');
    assert.equal(inf.lister.namespace('kube-public').get('keep')!.data?.v, '2');
    assert.ok(rec.events.some((e) => e.type === 'update' && e.name === 'keep'));
    ac.abort();
    await run;
  });

  it('re-watches from its resourceVersion when a watch times out, and relists if that was compacted', async () => {
    const clock = new FakeClock();
    const gated = new GatedTransport(inProcessTransport(server.api, undefined, { clock }));
    const client = createClient(gated);
    const inf = new SharedInformer<Pod>({
      client: client.resource<Pod>(PODS).namespace('default'), watchTimeoutSeconds: 30, clock,
      indexers: { [NODE_NAME_INDEX]: nodeNameIndex },
    });
    const rec = new EventRecorder<Pod>();
    inf.addEventHandler(rec);
    const ac = new AbortController();
    const run = inf.run(ac.signal);
    await inf.waitForSync();
    const pods = client.resource<Pod>(PODS).namespace('default');
    const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await pods.create(pod('p1'));
    await rec.waitFor((e) => e.name === 'p1');

    // 1. A plain timeout: the watch is re-opened from the last revision, no relist.
    let reopened = gated.hold();
    clock.step(30_000);
    await reopened;
    gated.release();
    await pods.create(pod('p2'));
    await rec.waitFor((e) => e.name === 'p2');
    assert.equal(gated.lists, 1);

    // 2. Writes elsewhere, compaction, timeout: the re-watch gets 410 and the informer relists.
    await client.resource<ConfigMap>(CONFIGMAPS).namespace('kube-system').create(cm('elsewhere'));
    await server.store.compact(await server.store.currentRevision());
    reopened = gated.hold();
    clock.step(30_000);
    await reopened;
    gated.release();
    await rec.waitFor((e) => e.type === 'update' && e.name === 'p1');
    assert.equal(gated.lists, 2);

    await pods.create(pod('p3'));
    await rec.waitFor((e) => e.name === 'p3');
    await client.resource<Pod>(PODS).namespace('default').bind('p3', { target: { name: 'node-a' } });
    await rec.waitFor((e) => e.type === 'update' && e.name === 'p3');
    assert.deepEqual(inf.lister.byIndex(NODE_NAME_INDEX, 'node-a').map((p) => p.metadata!.name), ['p3']);
    assert.deepEqual(inf.lister.byIndex(NODE_NAME_INDEX, '').map((p) => p.metadata!.name).sort(), ['p1', 'p2']);
    ac.abort();
    await run;
  });

  it('replays the cache to onUpdate on each resync period of the clock', async () => {
    const clock = new FakeClock();
    const client = createClient(inProcessTransport(server.api, undefined, { clock }));
    await client.resource<ConfigMap>(CONFIGMAPS).namespace('kube-node-lease').create(cm('r1'));
    const inf = new SharedInformer<ConfigMap>({ client: client.resource<ConfigMap>(CONFIGMAPS).namespace('kube-node-lease'), clock, resyncMs: 10_000 });
    const rec = new EventRecorder<ConfigMap>();
    inf.addEventHandler(rec);
    const ac = new AbortController();
    const run = inf.run(ac.signal);
    await inf.waitForSync();
    clock.step(9_999);
    assert.equal(rec.events.filter((e) => e.type === 'update').length, 0);
    clock.step(1);
    clock.step(10_000);
    assert.deepEqual(rec.events.filter((e) => e.type === 'update').map((e) => e.name), ['r1', 'r1']);
    ac.abort();
    await run;
  });
});
