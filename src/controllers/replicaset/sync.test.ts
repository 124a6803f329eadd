/**
 * Reconcile tests against the real API server in-process: each test calls `sync(key)`
 * directly, waits for the informers to catch up, and asserts on the pods, status and
 * events that resulted. Time is a FakeClock; names come from fakeNames().
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Namespace, Pod } from 'kubernetes-types/core/v1.d.ts';
import { forbidden } from '../../api/errors.ts';
import { startAPIServer, type RunningAPIServer } from '../../apiserver/server.ts';
import { inProcessTransport } from '../../apiserver/rest/in-process.ts';
import { createClient } from '../../client/client.ts';
import { FakeClock } from '../../client/clock.ts';
import { FakeEventRecorder } from '../../client/events.ts';
import { InformerFactory } from '../../client/informer-factory.ts';
import { fakeNames } from '../../client/names.ts';
import { NAMESPACES, PODS, REPLICASETS } from '../../client/resources.ts';
import type { Transport, TransportRequest } from '../../client/transport.ts';
import type { Client } from '../../client/types.ts';
import { DEFAULT_CONTROLLER_OPTIONS } from '../context.ts';
import { ReplicaSetController } from './controller.ts';

/** Fails pod creates once `failAfter` of them have succeeded, as a quota would. */
class FailingCreates implements Transport {
  readonly inner: Transport;
  failAfter = Infinity;
  creates = 0;
  constructor(inner: Transport) { this.inner = inner; }
  request(r: TransportRequest) {
    if (r.verb === 'create' && r.resource.plural === 'pods' && !r.subresource && ++this.creates > this.failAfter) {
      return Promise.reject(forbidden('pods "x" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=3, limited: pods=3'));
    }
    return this.inner.request(r);
  }
  watch(r: TransportRequest) { return this.inner.watch(r); }
}

async function until(what: string, pred: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

let srv: RunningAPIServer;
let dataDir: string;
let n = 0;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rs-'));
  srv = await startAPIServer({ dataDir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
});
after(async () => { await srv.close(); rmSync(dataDir, { recursive: true, force: true }); });

interface Env {
  ns: string; client: Client; ctrl: ReplicaSetController; clock: FakeClock; events: FakeEventRecorder; transport: FailingCreates;
  rs(name: string, replicas: number, extra?: Partial<ReplicaSet['spec']>): Promise<ReplicaSet>;
  /** sync, then wait until the informer has seen what it did. */
  sync(name: string): Promise<unknown>;
  pods(): Promise<Pod[]>;
  getRS(name: string): Promise<ReplicaSet>;
  stop(): Promise<void>;
}

async function env(): Promise<Env> {
  const ns = `t${++n}`;
  const transport = new FailingCreates(inProcessTransport(srv.api));
  const client = createClient(transport);
  await client.resource<Namespace>(NAMESPACES).create({ metadata: { name: ns } });
  const clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000);
  const events = new FakeEventRecorder();
  const informers = new InformerFactory(client, { clock });
  const ctrl = new ReplicaSetController({
    client, transport, informers, clock, names: fakeNames(), recorder: () => events, log: () => {}, options: DEFAULT_CONTROLLER_OPTIONS,
  });
  const ac = new AbortController();
  informers.start(ac.signal);
  await informers.waitForSync(ac.signal);
  const rsClient = client.resource<ReplicaSet>(REPLICASETS).namespace(ns);
  const podClient = client.resource<Pod>(PODS).namespace(ns);
  const cached = (name: string) => ctrl.deps.rsLister.namespace(ns).get(name);
  return {
    ns, client, ctrl, clock, events, transport,
    async rs(name, replicas, extra = {}) {
      const made = await rsClient.create({
        metadata: { name },
        spec: {
          replicas, selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
          ...extra,
        },
      });
      // At least as new as the create: a running controller may already have written its status.
      await until('rs in cache', () => Number(cached(name)?.metadata?.resourceVersion ?? 0) >= Number(made.metadata!.resourceVersion));
      return made;
    },
    async sync(name) {
      // Start from what the server has: the cache must hold the latest ReplicaSet and pods.
      const latest = await rsClient.get(name);
      await until('rs current in cache', () => cached(name)?.metadata?.resourceVersion === latest.metadata!.resourceVersion);
      const podsNow = (await podClient.list()).items;
      await until('pods current in cache', () => ctrl.deps.podLister.namespace(ns).list().length === podsNow.length
        && podsNow.every((p) => ctrl.deps.podLister.namespace(ns).get(p.metadata!.name!)?.metadata?.resourceVersion === p.metadata!.resourceVersion));
      let result: unknown;
      try { result = await ctrl.sync(`${ns}/${name}`); } catch (e) { result = e; }
      await until('expectations met', () => ctrl.expectations.satisfied(`${ns}/${name}`));
      return result;
    },
    async pods() { return (await podClient.list()).items.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!)); },
    getRS: (name) => rsClient.get(name),
    async stop() { ac.abort(); await informers.stopped(); },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata!.name);

describe('ReplicaSet sync', () => {
  it('scales 0 → 3 → 1, with owner references, template labels, status and events', async () => {
    const e = await env();
    try {
      const made = await e.rs('web', 0);
      await e.sync('web');
      assert.deepEqual(await e.pods(), []);
      let rs = await e.getRS('web');
      assert.equal(rs.status?.replicas, 0);
      assert.equal(rs.status?.observedGeneration, 1);

      await e.client.resource<ReplicaSet>(REPLICASETS).namespace(e.ns).patch('web', 'application/merge-patch+json', { spec: { replicas: 3 } });
      await e.sync('web');
      const pods = await e.pods();
      assert.deepEqual(names(pods), ['web-bbbbb', 'web-bbbbc', 'web-bbbbd']);
      for (const p of pods) {
        assert.deepEqual(p.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: made.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
        assert.deepEqual(p.metadata?.labels, { app: 'web' });
        assert.equal(p.metadata?.generateName, 'web-');
        assert.equal(p.spec?.containers[0].image, 'nginx');
      }
      // The create sync counted the pods it had; the next one sees the three.
      await e.sync('web');
      rs = await e.getRS('web');
      assert.deepEqual([rs.status?.replicas, rs.status?.fullyLabeledReplicas, rs.status?.readyReplicas, rs.status?.availableReplicas, rs.status?.observedGeneration], [3, 3, 0, 0, 2]);
      assert.deepEqual(e.events.events.map((x) => `${x.reason} ${x.message}`),
        ['SuccessfulCreate Created pod: web-bbbbb', 'SuccessfulCreate Created pod: web-bbbbc', 'SuccessfulCreate Created pod: web-bbbbd']);

      await e.client.resource<ReplicaSet>(REPLICASETS).namespace(e.ns).patch('web', 'application/merge-patch+json', { spec: { replicas: 1 } });
      await e.sync('web');
      const left = await e.pods();
      assert.equal(left.length, 1);
      const deleted = e.events.events.filter((x) => x.reason === 'SuccessfulDelete').map((x) => x.message).sort();
      assert.deepEqual(deleted, names(pods).filter((x) => x !== left[0].metadata!.name).map((x) => `Deleted pod: ${x}`));
      await e.sync('web');
      assert.equal((await e.getRS('web')).status?.replicas, 1);
    } finally { await e.stop(); }
  });

  it('adopts a matching orphan instead of creating a pod', async () => {
    const e = await env();
    try {
      await e.client.resource<Pod>(PODS).namespace(e.ns).create({ metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      await e.client.resource<Pod>(PODS).namespace(e.ns).create({ metadata: { name: 'other', labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      const rs = await e.rs('web', 1);
      await e.sync('web');
      const pods = await e.pods();
      assert.deepEqual(names(pods), ['other', 'stray']);
      assert.equal(pods[1].metadata?.ownerReferences?.[0].uid, rs.metadata!.uid);
      assert.equal(pods[0].metadata?.ownerReferences, undefined);
      assert.equal((await e.getRS('web')).status?.replicas, 1);
    } finally { await e.stop(); }
  });

  it('releases a pod that stopped matching, keeping its other owners, and replaces it', async () => {
    const e = await env();
    try {
      await e.rs('web', 1);
      await e.sync('web');
      const podClient = e.client.resource<Pod>(PODS).namespace(e.ns);
      const [p] = await e.pods();
      const extra = { apiVersion: 'v1', kind: 'ConfigMap', name: 'keep', uid: '1234' };
      await podClient.patch(p.metadata!.name!, 'application/merge-patch+json', {
        metadata: { labels: { app: 'debug' }, ownerReferences: [...p.metadata!.ownerReferences!, extra] },
      });
      await e.sync('web');
      const released = await podClient.get(p.metadata!.name!);
      assert.deepEqual(released.metadata?.ownerReferences, [extra]);
      const owned = (await e.pods()).filter((x) => x.metadata?.labels?.app === 'web');
      assert.deepEqual(names(owned), ['web-bbbbc']);
    } finally { await e.stop(); }
  });

  it('replaces a deleted pod; ignores Succeeded and terminating ones', async () => {
    const e = await env();
    try {
      await e.rs('web', 2);
      await e.sync('web');
      const podClient = e.client.resource<Pod>(PODS).namespace(e.ns);
      await podClient.delete('web-bbbbb');
      await e.sync('web');
      assert.deepEqual(names(await e.pods()), ['web-bbbbc', 'web-bbbbd']);
      const done = await podClient.get('web-bbbbc');
      await podClient.updateStatus({ ...done, status: { phase: 'Succeeded' } });
      await e.sync('web');
      assert.deepEqual(names(await e.pods()), ['web-bbbbc', 'web-bbbbd', 'web-bbbbf']);
      // A scheduled pod is deleted gracefully: it stays, terminating, and no longer counts.
      await podClient.bind('web-bbbbd', { target: { kind: 'Node', name: 'n1' } });
      await podClient.delete('web-bbbbd');
      assert.ok((await podClient.get('web-bbbbd')).metadata?.deletionTimestamp);
      await e.sync('web');
      assert.deepEqual(names(await e.pods()), ['web-bbbbc', 'web-bbbbd', 'web-bbbbf', 'web-bbbbg']);
      await e.sync('web');
      assert.equal((await e.getRS('web')).status?.replicas, 2);
    } finally { await e.stop(); }
  });

  it('does not act again while creations are unobserved, until they expire', async () => {
    const e = await env();
    try {
      await e.rs('web', 2);
      e.ctrl.expectations.expectCreations(`${e.ns}/web`, 1); // as if a create were in flight
      await e.ctrl.sync(`${e.ns}/web`);
      assert.deepEqual(await e.pods(), []);
      e.clock.step(5 * 60_000 + 1);
      await e.sync('web');
      assert.equal((await e.pods()).length, 2);
    } finally { await e.stop(); }
  });

  it('slow start stops at the first failed batch and reports ReplicaFailure', async () => {
    const e = await env();
    try {
      e.transport.failAfter = 3;
      await e.rs('web', 10);
      const err = await e.sync('web');
      assert.match(String((err as Error).message), /exceeded quota/);
      assert.equal(e.transport.creates, 7, 'batches of 1, 2, then 4 (all failing), then stop');
      assert.deepEqual(names(await e.pods()), ['web-bbbbb', 'web-bbbbc', 'web-bbbbd']);
      const rs = await e.getRS('web');
      const cond = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
      assert.equal(cond?.reason, 'FailedCreate');
      assert.match(cond?.message ?? '', /exceeded quota/);
      assert.equal(e.events.events.filter((x) => x.reason === 'FailedCreate').length, 4);
      assert.ok(e.events.events.find((x) => x.reason === 'FailedCreate')!.message.startsWith('Error creating: pods "x" is forbidden'));
      // Skipped and failed creates are not waited for: the next sync tries again.
      assert.ok(e.ctrl.expectations.satisfied(`${e.ns}/web`));
      e.transport.failAfter = Infinity;
      await e.sync('web');
      await e.sync('web');
      const after = await e.getRS('web');
      assert.equal(after.status?.replicas, 10);
      assert.equal(after.status?.conditions, undefined, 'the failure condition is cleared');
    } finally { await e.stop(); }
  });

  it('counts a pod available only after minReadySeconds, and asks to be requeued', async () => {
    const e = await env();
    try {
      await e.rs('web', 1, { minReadySeconds: 30 });
      await e.sync('web');
      const podClient = e.client.resource<Pod>(PODS).namespace(e.ns);
      const p = await podClient.get('web-bbbbb');
      const since = e.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
      await podClient.updateStatus({ ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] } });
      e.clock.step(10_000);
      const r = await e.sync('web');
      assert.deepEqual(r, { requeueAfter: 20_001 });
      let rs = await e.getRS('web');
      assert.deepEqual([rs.status?.readyReplicas, rs.status?.availableReplicas], [1, 0]);
      e.clock.step(20_001);
      assert.equal(await e.sync('web'), undefined);
      rs = await e.getRS('web');
      assert.deepEqual([rs.status?.readyReplicas, rs.status?.availableReplicas], [1, 1]);
    } finally { await e.stop(); }
  });

  it('runs as a controller: watches drive it to the desired pods', async () => {
    const e = await env();
    const ac = new AbortController();
    const done = e.ctrl.run(ac.signal);
    try {
      await e.rs('api', 3);
      await until('3 pods and status', async () => (await e.pods()).length === 3 && (await e.getRS('api')).status?.replicas === 3);
      await e.client.resource<Pod>(PODS).namespace(e.ns).delete('api-bbbbc');
      await until('replacement', async () => names(await e.pods()).join() === 'api-bbbbb,api-bbbbd,api-bbbbf');
    } finally { ac.abort(); await done; await e.stop(); }
  });
});
