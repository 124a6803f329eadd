/**
 * Scheduler micro-benchmark (not a test, no server): the pure algorithm and cache placing
 * pods onto fake nodes, assuming each as the scheduler does. Prints pods/s of the
 * scheduling work alone (PodInfo, schedule, assume).
 *
 *   node bench/scheduler.ts [--nodes 5000] [--pods 90000] [--groups 90] [--garbage-mb 1500]
 *   node bench/scheduler.ts --small [--nodes 5000] [--pods 10000]
 *
 * Default ("scattered"): shaped like the whole-cluster run (bench/scale.ts), where the
 * scheduler shares one big heap with the API server, controllers and simulated nodes, so the
 * NodeInfos and everything hanging off them end up far apart. To get there it keeps
 * `--garbage-mb` of unrelated pod-like objects, allocated in between node creation, node
 * status and pods (the API server's objects, events, watch caches ...); nodes are simulated ones (4 cpu, 8Gi, 110 pods, well-known labels, no taints); pods come
 * from `--groups` Deployments, with the two NoExecute tolerations the API server adds.
 *
 * `--small`: the earlier case: one ReplicaSet, 8-cpu nodes (every 50th tainted), small heap.
 */
import { parseArgs } from 'node:util';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { parseLabelSelector, type Selector } from '../src/api/selectors/labels.ts';
import { deepFreeze } from '../src/client/freeze.ts';
import { Algorithm } from '../src/scheduler/algorithm.ts';
import { SchedulerCache } from '../src/scheduler/cache.ts';
import { newPodInfo } from '../src/scheduler/pod-info.ts';
import { defaultProfile } from '../src/scheduler/profile.ts';

const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '5000' }, pods: { type: 'string' }, groups: { type: 'string', default: '90' },
    'garbage-mb': { type: 'string', default: '1500' }, small: { type: 'boolean', default: false },
  },
});
const SMALL = args.small;
const NODES = Number(args.nodes);
const PODS = Number(args.pods ?? (SMALL ? '10000' : '90000'));
const GROUPS = SMALL ? 1 : Number(args.groups);
const GARBAGE_MB = SMALL ? 0 : Number(args['garbage-mb']);

let seed = 42;
const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

// ---- heap scattering: unrelated, retained objects shaped like API objects (~1.3 KB each)
const garbage: unknown[] = [];
let garbageBytes = 0;
const GARBAGE_OBJ_BYTES = 1300;
function litter(bytes: number): void {
  for (let end = garbageBytes + bytes; garbageBytes < end; garbageBytes += GARBAGE_OBJ_BYTES) {
    const i = garbage.length;
    garbage.push({
      metadata: { name: `obj-${i}`, namespace: 'ns', uid: `u-${i}-${rand(1e9)}`, resourceVersion: String(i),
        labels: { app: `a${i % 97}`, tier: 'x' }, annotations: { note: `n${i}`.repeat(8) } },
      spec: { containers: [{ name: 'c', image: `img:${i % 13}`, args: [String(i), 'a', 'b'] }], list: [i, i + 1, i + 2] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', t: new Date(i).toISOString() }] },
    });
  }
}
const garbagePerNode = (GARBAGE_MB * 2 ** 20) / 2 / Math.max(1, NODES);
const garbagePerPod = (GARBAGE_MB * 2 ** 20) / 2 / Math.max(1, PODS);

// ---- nodes
const hostnameLabels = (name: string) => ({
  'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
  'node.kubernetes.io/instance-type': 'k8ts-sim', 'k8ts.io/simulated': 'true',
});
function nodeObject(i: number, beat: number): Node {
  const name = `node-${i}`;
  if (SMALL) {
    return {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
      spec: i % 50 === 0 ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
      status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' } },
    };
  }
  const resources = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    metadata: { name, labels: hostnameLabels(name), resourceVersion: String(beat) },
    spec: {},
    status: {
      capacity: { ...resources }, allocatable: { ...resources },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: new Date(beat * 1000).toISOString() }],
    },
  };
}

const cache = new SchedulerCache();
if (SMALL) for (let i = 0; i < NODES; i++) cache.upsertNode(deepFreeze(nodeObject(i, 0)));
else {
  // A simulated node registers without status, then posts it (a relevant change for the scheduler).
  for (let i = 0; i < NODES; i++) {
    cache.upsertNode(deepFreeze<Node>({ ...nodeObject(i, 0), status: {} }));
    litter(garbagePerNode / 2);
  }
  for (let i = 0; i < NODES; i++) {
    cache.upsertNode(deepFreeze(nodeObject(i, 1)));
    litter(garbagePerNode / 2);
  }
}

// ---- pods: `GROUPS` ReplicaSets, each with its own selector
const hashOf = (g: number) => (g * 2654435761 >>> 0).toString(36).slice(0, 10);
const appOf = (g: number) => (SMALL ? 'web' : `scale-${String(g).padStart(3, '0')}`);
const selectors = new Map<string, Selector>();
for (let g = 0; g < GROUPS; g++) selectors.set(appOf(g), parseLabelSelector(`app=${appOf(g)},pod-template-hash=${hashOf(g)}`));
const algo = new Algorithm(defaultProfile((p) => selectors.get(p.labels.app)), rand);

// The API server's defaulting adds these to every pod (DefaultTolerationSeconds admission).
const TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
function podObject(i: number): Pod {
  const g = Math.trunc(i / 50) % GROUPS; // the ReplicaSet controller creates pods in bursts
  const requests = SMALL ? { cpu: '100m', memory: '128Mi' } : { cpu: '50m', memory: '64Mi' };
  return {
    metadata: { name: `${appOf(g)}-${hashOf(g)}-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: appOf(g), 'pod-template-hash': hashOf(g) } },
    spec: {
      containers: [{ name: 'c', image: 'nginx', resources: { requests } }],
      ...(SMALL ? {} : { tolerations: TOLERATIONS, schedulerName: 'default-scheduler', restartPolicy: 'Always' }),
    },
  };
}

let busy = 0;
let placed = 0;
for (let i = 0; i < PODS; i++) {
  const p = deepFreeze(podObject(i));
  litter(garbagePerPod);
  const t = performance.now();
  const info = newPodInfo(p);
  const d = algo.schedule(info, cache);
  if (d.ok) { cache.assume(info, d.node); placed++; }
  busy += performance.now() - t;
}
const s = busy / 1000;
const heap = process.memoryUsage().heapUsed / 2 ** 20;
console.log(`${SMALL ? 'small' : 'scattered'}: ${NODES} nodes, ${PODS} pods, ${GROUPS} groups, heap ${Math.round(heap)} MiB: ` +
  `${placed} placed in ${s.toFixed(2)} s = ${Math.round(PODS / s)} pods/s (${((busy * 1000) / PODS).toFixed(0)} µs/pod)`);
