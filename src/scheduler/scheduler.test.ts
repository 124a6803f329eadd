/**
 * Integration: the scheduler against the in-process API server. Three nodes made by the test,
 * pods bound across them with Scheduled events, a too-big pod reported Unschedulable (condition
 * and FailedScheduling event), then a bigger node added and the pod bound to it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { createClient } from '../client/client.ts';
import { realClock } from '../client/clock.ts';
import { newEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { EVENTS, NODES, PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { createScheduler } from './index.ts';

let srv: RunningAPIServer;
let client: Client;
const dir = mkdtempSync(join(tmpdir(), 'k8ts-sched-int-'));
const abort = new AbortController();
let running: Promise<void>;

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function addNode(name: string, cpu: string): Promise<void> {
  const nodes = client.resource<Node>(NODES);
  const created = await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
  const status = {
    capacity: { cpu, memory: '8Gi', pods: '110' }, allocatable: { cpu, memory: '8Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
  };
  await nodes.updateStatus({ ...created, status });
}

const podSpec = (name: string, cpu: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
});

const pods = () => client.resource<Pod>(PODS).namespace('default');
const eventsFor = async (name: string, reason: string) =>
  (await client.resource<Event>(EVENTS).namespace('default').list()).items.filter((e) => e.involvedObject.name === name && e.reason === reason);

before(async () => {
  srv = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  client = createClient(inProcessTransport(srv.api));
  for (const n of ['node-1', 'node-2', 'node-3']) await addNode(n, '2');
  const informers = new InformerFactory(client, {});
  const sched = createScheduler({ client, informers, clock: realClock, recorder: newEventRecorder(client, 'default-scheduler'), log: () => {} });
  informers.start(abort.signal);
  running = sched.run(abort.signal);
});

after(async () => {
  abort.abort();
  await running;
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

it('binds pods across the nodes and records Scheduled events', async () => {
  for (let i = 0; i < 6; i++) await pods().create(podSpec(`web-${i}`, '500m'));
  const bound = await eventually('6 bound pods', async () => {
    const l = (await pods().list()).items.filter((p) => p.metadata!.name!.startsWith('web-') && p.spec!.nodeName);
    return l.length === 6 ? l : undefined;
  });
  const perNode = new Map<string, number>();
  for (const p of bound) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
  assert.deepEqual([...perNode.values()].sort(), [2, 2, 2], 'least-allocated spreads evenly');
  const web0 = bound.find((p) => p.metadata!.name === 'web-0')!;
  const ev = await eventually('Scheduled event', async () => (await eventsFor('web-0', 'Scheduled'))[0]);
  assert.equal(ev.message, `Successfully assigned default/web-0 to ${web0.spec!.nodeName}`);
  assert.equal(ev.source?.component, 'default-scheduler');
  assert.equal(web0.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status, 'True');
});

it('reports a pod too big for every node, then schedules it on a bigger node', async () => {
  await pods().create(podSpec('big', '3'));
  const want = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
  const cond = await eventually('PodScheduled=False', async () =>
    (await pods().get('big')).status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False'));
  assert.equal(cond.reason, 'Unschedulable');
  assert.equal(cond.message, want);
  const ev = await eventually('FailedScheduling event', async () => (await eventsFor('big', 'FailedScheduling'))[0]);
  assert.equal(ev.type, 'Warning');
  assert.equal(ev.message, want);
  assert.equal(ev.source?.component, 'default-scheduler');

  await addNode('node-big', '8');
  const p = await eventually('big bound', async () => { const x = await pods().get('big'); return x.spec?.nodeName ? x : undefined; });
  assert.equal(p.spec!.nodeName, 'node-big');
});
