/**
 * The API server's share of one pod's life (not a test): the four writes every pod of a
 * Deployment costs the API server in bench/scale.ts, timed one kind at a time, in process
 * (no HTTP, no port), against a real SQLite file:
 *
 * - `create`: the ReplicaSet controller's pod (owner reference, labels, requests);
 * - `event`: the scheduler's `Scheduled` event;
 * - `bind`: pods/binding to a node;
 * - `status`: the kubelet's strategic-merge patch of pods/status to Running.
 *
 * Each phase keeps --in-flight writes going (group commit shares a transaction between them,
 * as in the cluster) with one informer-like watch of pods and one of events (in process the
 * events are shared decoded objects, not the trimmed text the control-plane port sends).
 * Prints µs of wall time per write with the loop saturated, and the process's CPU per write
 * (all threads, the WAL checkpointer's too). It locates costs; on a machine whose speed
 * drifts, judge a change by whole-cluster runs side by side (docs/benchmarks.md).
 *
 *   node bench/pod-writes.ts [--pods 20000] [--in-flight 64] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Event, Pod } from 'kubernetes-types/core/v1.d.ts';
import { API } from '../src/apiserver/rest/api.ts';
import { inProcessTransport } from '../src/apiserver/rest/in-process.ts';
import { createClient } from '../src/client/client.ts';
import { EVENTS, NAMESPACES, PODS } from '../src/client/resources.ts';
import type { Client } from '../src/client/types.ts';
import { runningPodStatus } from '../src/sim/pod-status.ts';
import { openSqliteStore } from '../src/store/index.ts';

const { values: args } = parseArgs({ options: {
  pods: { type: 'string', default: '20000' },
  'in-flight': { type: 'string', default: '64' },
  rounds: { type: 'string', default: '3' },
} });
const PODS_N = Number(args.pods);
const IN_FLIGHT = Number(args['in-flight']);
const NS = 'bench';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-pod-writes-'));
const store = await openSqliteStore(join(dir, 'state.db'));
const api = new API({ store });
const as = (userAgent: string): Client => createClient(inProcessTransport(api, undefined, { userAgent }));
const rsController = as('kube-controller-manager/v1.33.0');
const scheduler = as('kube-scheduler/v1.33.0');
const kubelet = as('kubelet/v1.33.0');
await rsController.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });

// The control-plane thread's informers: each event crosses without managedFields.
const watched = { pods: 0, events: 0 };
for (const [res, k] of [[PODS, 'pods'], [EVENTS, 'events']] as const) {
  const w = await rsController.resource(res).namespace(NS).watch({ omitManagedFields: true });
  void (async () => { for await (const _ of w) watched[k]++; })();
}

async function inParallel(n: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { for (let i = next++; i < n; i = next++) await op(i); }));
}

const podName = (r: number, i: number) => `web-${r}-${i.toString(36)}`;
const pods = (c: Client) => c.resource<Pod>(PODS).namespace(NS);
const rsUid = '5f43349c-e01e-4b5c-8656-8253b0fe56bb';

const phases: Record<string, (r: number, i: number) => Promise<unknown>> = {
  create: (r, i) => pods(rsController).create({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: podName(r, i), namespace: NS, labels: { app: 'web', 'pod-template-hash': '5d4f8c7b9' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f8c7b9', uid: rsUid, controller: true, blockOwnerDeletion: true }] },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', resources: { requests: { cpu: '50m', memory: '64Mi' } } }] },
  }),
  event: (r, i) => scheduler.resource<Event>(EVENTS).namespace(NS).create({
    apiVersion: 'v1', kind: 'Event', metadata: { name: `${podName(r, i)}.18a0c0ffee${i.toString(16)}`, namespace: NS },
    involvedObject: { kind: 'Pod', apiVersion: 'v1', name: podName(r, i), namespace: NS }, reason: 'Scheduled',
    message: `Successfully assigned ${NS}/${podName(r, i)} to sim-${i % 5000}`, type: 'Normal', count: 1,
    firstTimestamp: new Date().toISOString(), lastTimestamp: new Date().toISOString(), source: { component: 'default-scheduler' },
    reportingComponent: 'default-scheduler', reportingInstance: '',
  }),
  bind: (r, i) => pods(scheduler).bind(podName(r, i), {
    apiVersion: 'v1', kind: 'Binding', metadata: { name: podName(r, i), namespace: NS }, target: { kind: 'Node', name: `sim-${i % 5000}`, apiVersion: 'v1' },
  }),
  status: (r, i) => {
    const now = new Date();
    const status = runningPodStatus(bound.get(podName(r, i))!, { podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostIP: '172.30.0.1', startTime: now, now });
    return pods(kubelet).patchStatus(podName(r, i), 'application/strategic-merge-patch+json', { status });
  },
};
/** The bound pods, as the kubelet's informer has them (read before the status phase, not timed). */
const bound = new Map<string, Pod>();

const rows: string[][] = [];
for (let r = 0; r < Number(args.rounds); r++) {
  for (const [name, op] of Object.entries(phases)) {
    if (name === 'status') for (const p of (await pods(kubelet).list()).items) bound.set(p.metadata!.name!, p);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await inParallel(PODS_N, (i) => op(r, i));
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    rows.push([`round ${r + 1}`, name, (wall * 1000 / PODS_N).toFixed(1), ((cpu.user + cpu.system) / PODS_N).toFixed(1)]);
  }
}
console.log('round    write   µs/write (wall)  µs CPU/write');
for (const r of rows) console.log(`${r[0].padEnd(9)}${r[1].padEnd(8)}${r[2].padStart(15)}${r[3].padStart(14)}`);
console.log(`watch events seen: pods ${watched.pods}, events ${watched.events}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
