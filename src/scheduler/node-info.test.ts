import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Taint } from 'kubernetes-types/core/v1.d.ts';
import { SchedulerCache } from './cache.ts';
import { NodeInfo } from './node-info.ts';
import { info, node, pod } from './testing.ts';

/** The flat fields the hot loops read. */
const flat = (n: NodeInfo) => ({
  podCount: n.podCount, allowedPods: n.allowedPods,
  allocMilliCPU: n.allocMilliCPU, allocMemory: n.allocMemory, allocEphemeralStorage: n.allocEphemeralStorage,
  reqMilliCPU: n.reqMilliCPU, reqMemory: n.reqMemory, reqEphemeralStorage: n.reqEphemeralStorage,
  nonZeroMilliCPU: n.nonZeroMilliCPU, nonZeroMemory: n.nonZeroMemory,
  hasHardTaints: n.hasHardTaints, hasPreferTaints: n.hasPreferTaints, hasHostnameLabel: n.hasHostnameLabel, zone: n.zone,
});

/** What the flat fields must equal: the same facts read from the objects they copy. */
const derived = (n: NodeInfo) => ({
  podCount: n.pods.size, allowedPods: n.allowedPods,
  allocMilliCPU: n.allocatable.milliCPU, allocMemory: n.allocatable.memory, allocEphemeralStorage: n.allocatable.ephemeralStorage,
  reqMilliCPU: n.requested.milliCPU, reqMemory: n.requested.memory, reqEphemeralStorage: n.requested.ephemeralStorage,
  nonZeroMilliCPU: n.nonZeroRequested.milliCPU, nonZeroMemory: n.nonZeroRequested.memory,
  hasHardTaints: n.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
  hasPreferTaints: n.taints.some((t) => t.effect === 'PreferNoSchedule'),
  hasHostnameLabel: 'kubernetes.io/hostname' in n.labels, zone: n.labels['topology.kubernetes.io/zone'],
});

const Gi = 2 ** 30;
const Mi = 2 ** 20;
const taint = (effect: Taint['effect']): Taint => ({ key: 'k', effect });
type Step = (c: SchedulerCache) => void;
const assume = (name: string, cpu?: string, memory?: string): Step => (c) => c.assume(info(pod(name, { cpu, memory })), 'n');
const bound = (name: string, cpu?: string): Step => (c) =>
  c.upsertPod(pod(name, { cpu, spec: { nodeName: 'n', containers: [{ name: 'c', image: 'i', resources: { requests: cpu ? { cpu } : {} } }] } }));

test('NodeInfo flat fields follow node updates and pod add/remove/assume/forget', () => {
  const cases: { name: string; steps: Step[]; want: Partial<ReturnType<typeof flat>> }[] = [
    {
      name: 'new node', steps: [],
      want: { podCount: 0, allowedPods: 110, allocMilliCPU: 4000, allocMemory: 8 * Gi, reqMilliCPU: 0, nonZeroMilliCPU: 0, hasHardTaints: false, hasPreferTaints: false, hasHostnameLabel: true, zone: undefined },
    },
    {
      name: 'assume two', steps: [assume('a', '1', '1Gi'), assume('b', '500m')],
      // b has no memory request: 0 requested, 200Mi non-zero
      want: { podCount: 2, reqMilliCPU: 1500, reqMemory: Gi, nonZeroMilliCPU: 1500, nonZeroMemory: Gi + 200 * Mi },
    },
    { name: 'forget one', steps: [assume('a', '1', '1Gi'), assume('b', '500m'), (c) => c.forget('default/a')], want: { podCount: 1, reqMilliCPU: 500, reqMemory: 0 } },
    { name: 'assume again replaces', steps: [assume('a', '1'), assume('a', '2')], want: { podCount: 1, reqMilliCPU: 2000 } },
    { name: 'confirm keeps one', steps: [assume('a', '1'), bound('a', '1')], want: { podCount: 1, reqMilliCPU: 1000 } },
    { name: 'forget after confirm is a no-op', steps: [assume('a', '1'), bound('a', '1'), (c) => c.forget('default/a')], want: { podCount: 1, reqMilliCPU: 1000 } },
    { name: 'remove', steps: [bound('a', '1'), bound('b'), (c) => c.removePod('default/a')], want: { podCount: 1, reqMilliCPU: 0, nonZeroMilliCPU: 100 } },
    {
      name: 'node update keeps requests, changes allocatable',
      steps: [assume('a', '1'), (c) => c.upsertNode(node('n', { cpu: '8', memory: '16Gi', pods: '10' }))],
      want: { podCount: 1, reqMilliCPU: 1000, allocMilliCPU: 8000, allocMemory: 16 * Gi, allowedPods: 10 },
    },
    { name: 'NoSchedule taint', steps: [(c) => c.upsertNode(node('n', { spec: { taints: [taint('NoSchedule')] } }))], want: { hasHardTaints: true, hasPreferTaints: false } },
    { name: 'NoExecute taint', steps: [(c) => c.upsertNode(node('n', { spec: { taints: [taint('NoExecute')] } }))], want: { hasHardTaints: true } },
    {
      name: 'PreferNoSchedule taint', steps: [(c) => c.upsertNode(node('n', { spec: { taints: [taint('PreferNoSchedule')] } }))],
      want: { hasHardTaints: false, hasPreferTaints: true },
    },
    {
      name: 'taints removed again',
      steps: [(c) => c.upsertNode(node('n', { spec: { taints: [taint('NoSchedule'), taint('PreferNoSchedule')] } })), (c) => c.upsertNode(node('n'))],
      want: { hasHardTaints: false, hasPreferTaints: false },
    },
    { name: 'zone label', steps: [(c) => c.upsertNode(node('n', { labels: { 'topology.kubernetes.io/zone': 'z1' } }))], want: { zone: 'z1', hasHostnameLabel: true } },
    {
      name: 'zone changes under pods', steps: [assume('a', '1'), (c) => c.upsertNode(node('n', { labels: { 'topology.kubernetes.io/zone': 'z2' } }))],
      want: { zone: 'z2', podCount: 1, reqMilliCPU: 1000 },
    },
  ];
  for (const tc of cases) {
    const c = new SchedulerCache();
    c.upsertNode(node('n'));
    for (const s of tc.steps) s(c);
    const ni = c.node('n')!;
    const got = flat(ni);
    assert.deepEqual(got, derived(ni), `${tc.name}: flat fields equal the objects`);
    for (const k of Object.keys(tc.want) as (keyof typeof got)[]) assert.equal(got[k], tc.want[k], `${tc.name}: ${k}`);
  }
});

test('NodeInfo on its own: pods before the Node object, then the Node', () => {
  const ni = new NodeInfo('ghost');
  const a = info(pod('a', { cpu: '1' }));
  const steps: { name: string; run: () => void; want: Partial<ReturnType<typeof flat>> }[] = [
    { name: 'pod first', run: () => ni.addPod(a), want: { podCount: 1, reqMilliCPU: 1000, allocMilliCPU: 0, allowedPods: 0, hasHostnameLabel: false } },
    { name: 'then node', run: () => ni.setNode(node('ghost')), want: { podCount: 1, reqMilliCPU: 1000, allocMilliCPU: 4000, allowedPods: 110, hasHostnameLabel: true } },
    { name: 'remove twice', run: () => { ni.removePod(a); ni.removePod(a); }, want: { podCount: 0, reqMilliCPU: 0, nonZeroMemory: 0 } },
  ];
  for (const st of steps) {
    st.run();
    const got = flat(ni);
    assert.deepEqual(got, derived(ni), st.name);
    for (const k of Object.keys(st.want) as (keyof typeof got)[]) assert.equal(got[k], st.want[k], `${st.name}: ${k}`);
  }
});
