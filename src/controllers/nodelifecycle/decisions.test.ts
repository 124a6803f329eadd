import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.d.ts';
import { isStale, unknownConditions } from './health.ts';
import { desiredTaints, reconcileTaints } from './taints.ts';
import { evictionFor, type Eviction } from './tolerations.ts';
import { tolerates as toleratesTaint } from '../../scheduler/util/taints.ts';
import { gcReason } from './podgc.ts';

const T0 = Date.UTC(2025, 0, 1);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const node = (ready?: string, heartbeat?: number, extra: Partial<Node> = {}): Node => ({
  metadata: { name: 'n1', creationTimestamp: at(-1000) },
  ...extra,
  status: { conditions: ready ? [{ type: 'Ready', status: ready, lastHeartbeatTime: heartbeat === undefined ? undefined : at(heartbeat) }] : [], ...extra.status },
});
const lease = (renew: number): Lease => ({ metadata: { name: 'n1' }, spec: { renewTime: at(renew), leaseDurationSeconds: 40 } });

describe('isStale', () => {
  const cases: { name: string; node: Node; lease?: Lease; now: number; since?: number; want: boolean }[] = [
    { name: 'fresh lease, old heartbeat', node: node('True', 0), lease: lease(100), now: 120, want: false },
    { name: 'old lease, fresh heartbeat', node: node('True', 100), lease: lease(0), now: 120, want: false },
    { name: 'both older than the grace period', node: node('True', 10), lease: lease(30), now: 71, want: true },
    { name: 'exactly at the grace period is not stale', node: node('True', 10), lease: lease(30), now: 70, want: false },
    { name: 'no lease, no heartbeat: creation counts', node: node(), now: 0, since: -5000, want: true },
    { name: 'controller just started: grace from its start', node: node('True', 0), lease: lease(0), now: 100, since: 90, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(isStale(c.node, c.lease, T0 + c.now * 1000, 40_000, T0 + (c.since ?? -5000) * 1000), c.want));
});

describe('unknownConditions', () => {
  it('sets every monitored condition Unknown, adding missing ones, once', () => {
    const got = unknownConditions(node('True', 0).status!.conditions, T0 + 60_000)!;
    assert.deepEqual(got.map((c) => [c.type, c.status, c.reason]), [
      ['Ready', 'Unknown', 'NodeStatusUnknown'], ['MemoryPressure', 'Unknown', 'NodeStatusNeverUpdated'],
      ['DiskPressure', 'Unknown', 'NodeStatusNeverUpdated'], ['PIDPressure', 'Unknown', 'NodeStatusNeverUpdated']]);
    assert.equal(got[0].message, 'Kubelet stopped posting node status.');
    assert.equal(got[0].lastHeartbeatTime, at(0), 'heartbeat kept');
    assert.equal(unknownConditions(got, T0 + 70_000), undefined, 'nothing to write the second time');
  });
});

describe('desiredTaints + reconcileTaints', () => {
  const ur = (effect: string, timeAdded?: string): Taint => ({ key: 'node.kubernetes.io/unreachable', effect, ...(timeAdded ? { timeAdded } : {}) });
  const nr = (effect: string): Taint => ({ key: 'node.kubernetes.io/not-ready', effect });
  const mine: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const cases: { name: string; node: Node; want: Taint[] | undefined }[] = [
    { name: 'Ready: nothing to do', node: node('True', 0), want: undefined },
    { name: 'Unknown: unreachable both effects, NoExecute stamped', node: node('Unknown', 0), want: [ur('NoSchedule'), ur('NoExecute', at(50).replace('.000', ''))] },
    { name: 'False: not-ready replaces unreachable, others kept', node: node('False', 0, { spec: { taints: [mine, ur('NoExecute', at(1))] } }), want: [mine, nr('NoSchedule'), { ...nr('NoExecute'), timeAdded: at(50).replace('.000', '') }] },
    { name: 'Ready again: controller taints removed', node: node('True', 0, { spec: { taints: [ur('NoSchedule'), ur('NoExecute', at(1)), mine] } }), want: [mine] },
    { name: 'still Unknown: timeAdded kept, no write', node: node('Unknown', 0, { spec: { taints: [ur('NoSchedule'), ur('NoExecute', at(1))] } }), want: undefined },
    { name: 'memory pressure and cordon', node: node('True', 0, { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'True' }] } }),
      want: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(reconcileTaints(c.node.spec?.taints, desiredTaints(c.node), T0 + 50_000)?.taints, c.want));
});

describe('toleratesTaint', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoExecute' };
  const cases: { name: string; t: Toleration; want: boolean }[] = [
    { name: 'Exists, any key and effect', t: { operator: 'Exists' }, want: true },
    { name: 'Exists on the key', t: { key: 'k', operator: 'Exists' }, want: true },
    { name: 'Equal value', t: { key: 'k', operator: 'Equal', value: 'v' }, want: true },
    { name: 'default operator is Equal', t: { key: 'k', value: 'w' }, want: false },
    { name: 'other effect', t: { key: 'k', operator: 'Exists', effect: 'NoSchedule' }, want: false },
    { name: 'other key', t: { key: 'x', operator: 'Exists' }, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(toleratesTaint(c.t, taint), c.want));
});

describe('evictionFor', () => {
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(0) };
  const pod = (tolerations: Toleration[]): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });
  const tol = (s?: number): Toleration => ({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', ...(s === undefined ? {} : { tolerationSeconds: s }) });
  const cases: { name: string; pod: Pod; taints: Taint[]; now: number; want: Eviction }[] = [
    { name: 'no NoExecute taint', pod: pod([]), taints: [{ key: 'a', effect: 'NoSchedule' }], now: 0, want: { kind: 'never' } },
    { name: 'not tolerated', pod: pod([]), taints: [unreachable], now: 0, want: { kind: 'now' } },
    { name: 'tolerated forever', pod: pod([tol()]), taints: [unreachable], now: 999, want: { kind: 'never' } },
    { name: 'tolerated 5 s from timeAdded', pod: pod([tol(5)]), taints: [unreachable], now: 2, want: { kind: 'at', at: T0 + 5000 } },
    { name: 'time is up', pod: pod([tol(5)]), taints: [unreachable], now: 5, want: { kind: 'now' } },
    { name: 'negative seconds mean now', pod: pod([tol(-3)]), taints: [unreachable], now: 0, want: { kind: 'now' } },
    { name: 'smallest of the matching ones', pod: pod([tol(300), { operator: 'Exists', key: 'x', tolerationSeconds: 10 }]),
      taints: [unreachable, { key: 'x', effect: 'NoExecute', timeAdded: at(0) }], now: 0, want: { kind: 'at', at: T0 + 10_000 } },
    { name: 'one of two taints not tolerated', pod: pod([tol(300)]), taints: [unreachable, { key: 'x', effect: 'NoExecute' }], now: 0, want: { kind: 'now' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(evictionFor(c.pod, c.taints, T0 + c.now * 1000), c.want));
});

describe('gcReason', () => {
  const pod = (nodeName?: string, deletion?: number): Pod => ({ metadata: { name: 'p', ...(deletion === undefined ? {} : { deletionTimestamp: at(deletion) }) }, spec: { containers: [], nodeName } });
  const cases: { name: string; pod: Pod; node?: Node; want: string | undefined }[] = [
    { name: 'unscheduled', pod: pod(), want: undefined },
    { name: 'node gone', pod: pod('n1'), want: 'orphaned' },
    { name: 'running on a Ready node', pod: pod('n1'), node: node('True'), want: undefined },
    { name: 'terminating on a Ready node: its kubelet finishes it', pod: pod('n1', 0), node: node('True'), want: undefined },
    { name: 'terminating, deadline passed, node Unknown: may still run there', pod: pod('n1', 0), node: node('Unknown'), want: undefined },
    { name: 'terminating, deadline passed, node out of service', pod: pod('n1', 0), node: { ...node('Unknown'), spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] } }, want: 'terminating-on-out-of-service-node' },
    { name: 'terminating, deadline not yet', pod: pod('n1', 30), node: node('Unknown'), want: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(gcReason(c.pod, c.node, T0 + 10_000), c.want));
});
