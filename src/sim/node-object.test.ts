import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeCondition } from 'kubernetes-types/core/v1.d.ts';
import { planSimNodes } from './create.ts';
import { rfc3339Micro } from '../api/meta.ts';
import { conditionsUpdate, healthyConditions, simNodeObject, simNodeStatus } from './node-object.ts';
import { nextSlot, spreadOffset } from './node-sync.ts';

test('simNodeObject and simNodeStatus', () => {
  const n = simNodeObject('sim-1');
  assert.deepEqual(n.metadata?.labels, {
    'kubernetes.io/hostname': 'sim-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/instance-type': 'k8ts-sim', 'k8ts.io/simulated': 'true',
  });
  const s = simNodeStatus('sim-1', '172.30.0.2', { cpu: '8', memory: '16Gi', pods: '50', ephemeralStorage: '10Gi' }, '2025-01-01T00:00:00Z');
  assert.deepEqual(s.capacity, { cpu: '8', memory: '16Gi', pods: '50', 'ephemeral-storage': '10Gi' });
  assert.deepEqual(s.allocatable, s.capacity);
  assert.deepEqual(s.addresses, [{ type: 'InternalIP', address: '172.30.0.2' }, { type: 'Hostname', address: 'sim-1' }]);
  assert.equal(s.nodeInfo?.kubeletVersion, 'v1.33.0-k8ts-sim');
  assert.equal(s.nodeInfo?.containerRuntimeVersion, 'sim://1');
  assert.equal(s.nodeInfo?.architecture, 'amd64');
  assert.equal(s.nodeInfo?.operatingSystem, 'linux');
  assert.match(s.nodeInfo!.systemUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  assert.notEqual(s.nodeInfo!.systemUUID, simNodeStatus('sim-2', '172.30.0.3', { cpu: '1', memory: '1', pods: '1', ephemeralStorage: '1' }, '').nodeInfo!.systemUUID);
  assert.deepEqual(s.conditions?.map((c) => [c.type, c.status, c.reason]), [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'], ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID'], ['Ready', 'True', 'KubeletReady'],
  ]);
});

test('conditionsUpdate', () => {
  const t0 = '2025-01-01T00:00:00Z';
  const now = new Date('2025-01-01T00:00:30Z');
  const healthy = healthyConditions(t0);
  const unknown = healthy.map((c): NodeCondition => c.type === 'Ready'
    ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', lastTransitionTime: '2025-01-01T00:00:20Z' } : c);
  const cases = [
    { name: 'fresh: nothing', input: { cur: healthy, max: 60_000 }, want: undefined },
    { name: 'old heartbeat: all re-posted, transition times kept', input: { cur: healthy, max: 10_000 },
      want: healthyConditions('2025-01-01T00:00:30Z', () => t0) },
    { name: 'Ready made Unknown by someone else: back to True with a new transition time', input: { cur: unknown, max: 60_000 },
      want: healthyConditions('2025-01-01T00:00:30Z', (t) => (t === 'Ready' ? '2025-01-01T00:00:30Z' : t0)) },
    { name: 'none yet', input: { cur: undefined, max: 60_000 }, want: healthyConditions('2025-01-01T00:00:30Z') },
  ];
  for (const c of cases) assert.deepEqual(conditionsUpdate(c.input.cur, now, c.input.max), c.want, c.name);
});

test('planSimNodes', () => {
  const node = (name: string, ip?: string) => ({ metadata: { name }, status: ip ? { addresses: [{ type: 'InternalIP', address: ip }] } : {} });
  const cases = [
    { name: 'empty cluster', input: { existing: [], count: 2, prefix: 'sim-' },
      want: [{ name: 'sim-1', internalIP: '172.30.0.2' }, { name: 'sim-2', internalIP: '172.30.0.3' }] },
    { name: 'fills gaps in names and addresses', input: { existing: [node('sim-1', '172.30.0.2'), node('sim-3', '172.30.0.4'), node('host')], count: 2, prefix: 'sim-' },
      want: [{ name: 'sim-2', internalIP: '172.30.0.3' }, { name: 'sim-4', internalIP: '172.30.0.5' }] },
    { name: 'by name', input: { existing: [node('sim-1', '172.30.0.2')], count: 1, prefix: 'sim-', name: 'edge' },
      want: [{ name: 'edge', internalIP: '172.30.0.3' }] },
    { name: 'other prefix', input: { existing: [], count: 1, prefix: 'big-' }, want: [{ name: 'big-1', internalIP: '172.30.0.2' }] },
  ];
  for (const c of cases) assert.deepEqual(planSimNodes(c.input.existing, c.input), c.want, c.name);
  assert.throws(() => planSimNodes([], { count: 2, prefix: 'x', name: 'y' }), /only be given for one node/);
});

test('spreadOffset and rfc3339Micro', () => {
  const offs = ['sim-1', 'sim-2', 'sim-3', 'sim-4'].map((n) => spreadOffset(n, 10_000));
  assert.ok(offs.every((o) => o >= 0 && o < 10_000));
  assert.equal(new Set(offs).size, 4);
  assert.equal(spreadOffset('sim-1', 10_000), offs[0]);
  const slots = [
    { name: 'before the slot in this period', input: [1_000_003_000, 10_000, 7_000], want: 1_000_007_000 },
    { name: 'after it: next period', input: [1_000_008_000, 10_000, 7_000], want: 1_000_017_000 },
    { name: 'exactly on it: a full interval on', input: [1_000_007_000, 10_000, 7_000], want: 1_000_017_000 },
  ];
  for (const c of slots) assert.equal(nextSlot(c.input[0], c.input[1], c.input[2]), c.want, c.name);
  assert.equal(rfc3339Micro(new Date('2025-01-01T00:00:01.234Z')), '2025-01-01T00:00:01.234000Z');
});
