/**
 * Scheduler micro-benchmark (not a test, no server): the pure algorithm and cache placing
 * pods of one ReplicaSet-like group onto fake nodes, assuming each as the scheduler does.
 *
 *   node bench/scheduler.ts [--nodes 5000] [--pods 10000]
 */
import { parseArgs } from 'node:util';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { parseLabelSelector } from '../src/api/selectors/labels.ts';
import { deepFreeze } from '../src/client/freeze.ts';
import { Algorithm } from '../src/scheduler/algorithm.ts';
import { SchedulerCache } from '../src/scheduler/cache.ts';
import { newPodInfo } from '../src/scheduler/pod-info.ts';
import { defaultProfile } from '../src/scheduler/profile.ts';

const { values: args } = parseArgs({ options: { nodes: { type: 'string', default: '5000' }, pods: { type: 'string', default: '10000' } } });
const NODES = Number(args.nodes);
const PODS = Number(args.pods);

let seed = 42;
const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

const cache = new SchedulerCache();
for (let i = 0; i < NODES; i++) {
  const name = `node-${i}`;
  cache.upsertNode(deepFreeze<Node>({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: i % 50 === 0 ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' } },
  }));
}
const sel = parseLabelSelector('app=web,pod-template-hash=abc');
const algo = new Algorithm(defaultProfile((p) => (p.labels.app === 'web' ? sel : undefined)), rand);
const pods = Array.from({ length: PODS }, (_, i) => deepFreeze<Pod>({
  metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web', 'pod-template-hash': 'abc' } },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
}));

const t0 = performance.now();
let placed = 0;
for (const p of pods) {
  const info = newPodInfo(p);
  const d = algo.schedule(info, cache);
  if (d.ok) { cache.assume(info, d.node); placed++; }
}
const s = (performance.now() - t0) / 1000;
console.log(`${NODES} nodes, ${PODS} pods: ${placed} placed in ${s.toFixed(2)} s = ${Math.round(PODS / s)} pods/s`);
