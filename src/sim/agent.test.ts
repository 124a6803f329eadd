import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { isNotFound } from '../api/errors.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { createClient } from '../client/client.ts';
import { FakeClock } from '../client/clock.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { LEASES, NODES, PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { startSimulatedNodes } from './agent.ts';
import { createSimulatedNodes } from './create.ts';
import { ip4InCidr } from './ip-alloc.ts';
import { HEARTBEATS_ANNOTATION, SIMULATED_SELECTOR } from './labels.ts';

let srv: RunningAPIServer;
let dir: string;
let client: Client;
const clock = new FakeClock(Date.UTC(2026, 0, 1));
const stop = new AbortController();
let informers: InformerFactory;
let done: Promise<void>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-sim-'));
  srv = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  client = createClient(inProcessTransport(srv.api));
});
after(async () => {
  stop.abort();
  await done;
  await informers.stopped();
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls `pred` (real time, 5 s deadline), stepping the fake clock by `stepMs` between tries. */
async function eventually<T>(what: string, pred: () => Promise<T | undefined | false>, stepMs = 50): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    clock.step(stepMs);
    await new Promise((r) => setTimeout(r, 5));
  }
}
/** Lets in-flight requests finish; only for asserting that something does NOT happen. */
const settle = () => new Promise((r) => setTimeout(r, 50));

const nodes = () => client.resource<Node>(NODES);
const pods = () => client.resource<Pod>(PODS).namespace('default');
const leases = () => client.resource<Lease>(LEASES).namespace('kube-node-lease');
const renewTime = async (name: string) => (await leases().get(name).catch(() => undefined))?.spec?.renewTime;
const pod = (name: string, nodeName: string): Pod => ({ metadata: { name }, spec: { nodeName, containers: [{ name: 'app', image: 'nginx' }] } });

test('simulated nodes: leases, pods to Running, stop/start, graceful delete', async () => {
  const made = await createSimulatedNodes(client, { count: 2, clock });
  assert.deepEqual(made.map((n) => n.metadata?.name), ['sim-1', 'sim-2']);
  assert.equal(made[0].status?.capacity?.cpu, '4');
  await nodes().patch('sim-1', 'application/merge-patch+json', { spec: { podCIDR: '10.244.1.0/24' } });

  informers = new InformerFactory(client, { clock });
  const sim = startSimulatedNodes({ client, informers, clock, startDelayMs: 100, stopDelayMs: 100 });
  informers.start(stop.signal);
  done = sim.run(stop.signal);

  // 1. Both nodes get a lease at once.
  const first1 = await eventually('lease sim-1', () => renewTime('sim-1'));
  await eventually('lease sim-2', () => renewTime('sim-2'));
  const lease = await leases().get('sim-1');
  assert.equal(lease.spec?.holderIdentity, 'sim-1');
  assert.equal(lease.spec?.leaseDurationSeconds, 40);
  assert.equal(lease.metadata?.ownerReferences?.[0].uid, made[0].metadata?.uid);

  // 2. A pod bound to sim-1 goes Running with an address from its pod CIDR.
  await pods().create(pod('web', 'sim-1'));
  const running = await eventually('web Running', async () => { const p = await pods().get('web'); return p.status?.phase === 'Running' && p; });
  assert.ok(ip4InCidr(running.status!.podIP!, '10.244.1.0/24'), running.status!.podIP!);
  assert.notEqual(running.status!.podIP, '10.244.1.1');
  assert.equal(running.status?.hostIP, '172.30.0.2');
  assert.deepEqual(running.status?.podIPs, [{ ip: running.status!.podIP }]);
  assert.equal(running.status?.containerStatuses?.[0].ready, true);
  assert.equal(running.status?.containerStatuses?.[0].containerID, `sim://${running.metadata?.uid}-app`);
  assert.equal(running.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');

  // 3. Without a pod CIDR a pod waits; it runs once the CIDR is set.
  await pods().create(pod('api', 'sim-2'));
  clock.step(1000); await settle();
  assert.equal((await pods().get('api')).status?.phase, 'Pending');
  await nodes().patch('sim-2', 'application/merge-patch+json', { spec: { podCIDR: '10.244.2.0/24' } });
  const api = await eventually('api Running', async () => { const p = await pods().get('api'); return p.status?.phase === 'Running' && p; });
  assert.ok(ip4InCidr(api.status!.podIP!, '10.244.2.0/24'));

  // 4. Leases are renewed on the clock.
  const renewed = await eventually('sim-1 renewed', async () => { const t = await renewTime('sim-1'); return t !== first1 && t; }, 1000);
  assert.ok(Date.parse(renewed) > Date.parse(first1!));

  // 5. `node stop`: no more renewals, new pods stay Pending.
  await nodes().patch('sim-1', 'application/merge-patch+json', { metadata: { annotations: { [HEARTBEATS_ANNOTATION]: 'stopped' } } });
  const lister = informers.informerFor<Node>(NODES, { labelSelector: SIMULATED_SELECTOR }).lister;
  await eventually('agent sees the stop', async () => lister.get('sim-1')?.metadata?.annotations?.[HEARTBEATS_ANNOTATION] === 'stopped', 0);
  await settle();
  const frozen = await renewTime('sim-1');
  await pods().create(pod('late', 'sim-1'));
  for (let i = 0; i < 4; i++) { clock.step(10_000); await settle(); }
  assert.equal(await renewTime('sim-1'), frozen, 'no renewal while stopped');
  assert.equal((await pods().get('late')).status?.phase, 'Pending');
  assert.notEqual(await renewTime('sim-2'), undefined);

  // 6. `node start`: renewals resume at once and the waiting pod runs.
  await nodes().patch('sim-1', 'application/merge-patch+json', { metadata: { annotations: { [HEARTBEATS_ANNOTATION]: null } } });
  await eventually('sim-1 renews again', async () => (await renewTime('sim-1')) !== frozen);
  await eventually('late Running', async () => (await pods().get('late')).status?.phase === 'Running');

  // 7. A graceful delete is confirmed by the agent: the pod goes away.
  const del = await pods().delete('web') as Pod;
  assert.ok(del.metadata?.deletionTimestamp, 'graceful: still there, terminating');
  await eventually('web gone', async () => pods().get('web').then(() => false, (e) => isNotFound(e)));
});
