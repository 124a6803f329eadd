import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { deletionCost, getPodsToDelete, POD_DELETION_COST } from './pods-to-delete.ts';

const NOW = Date.UTC(2025, 0, 1, 12);
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface P { name: string; node?: string; phase?: string; ready?: number; restarts?: number; created?: number; cost?: string; uid?: string }
function pod(p: P): Pod {
  return {
    metadata: {
      name: p.name, namespace: 'ns', uid: p.uid ?? `uid-${p.name}`, creationTimestamp: ago(p.created ?? 3_600_000),
      ...(p.cost !== undefined ? { annotations: { [POD_DELETION_COST]: p.cost } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(p.node ? { nodeName: p.node } : {}) },
    status: {
      phase: p.phase ?? 'Running',
      conditions: p.ready !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(p.ready) }] : [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'c', restartCount: p.restarts ?? 0, ready: p.ready !== undefined, image: 'i', imageID: '' }],
    },
  };
}

const H = 3_600_000;
const cases: { name: string; pods: P[]; related?: P[]; diff: number; want: string[] }[] = [
  { name: 'unassigned before assigned', pods: [{ name: 'a', node: 'n1' }, { name: 'b' }], diff: 1, want: ['b'] },
  { name: 'Pending < Unknown < Running', pods: [{ name: 'run', node: 'n', phase: 'Running' }, { name: 'unk', node: 'n', phase: 'Unknown' }, { name: 'pend', node: 'n', phase: 'Pending' }], diff: 2, want: ['pend', 'unk'] },
  { name: 'not ready before ready', pods: [{ name: 'r', node: 'n', ready: H }, { name: 'nr', node: 'n' }], diff: 1, want: ['nr'] },
  { name: 'lower deletion cost first', pods: [{ name: 'hi', node: 'n', ready: H, cost: '10' }, { name: 'lo', node: 'n', ready: H, cost: '-5' }, { name: 'none', node: 'n', ready: H }], diff: 2, want: ['lo', 'none'] },
  {
    name: 'more pods of the owner on the node first',
    pods: [{ name: 'n1-a', node: 'n1', ready: H }, { name: 'n2-a', node: 'n2', ready: H }],
    related: [{ name: 'n1-a', node: 'n1' }, { name: 'n2-a', node: 'n2' }, { name: 'n2-b', node: 'n2' }, { name: 'n2-c', node: 'n2', phase: 'Succeeded' }],
    diff: 1, want: ['n2-a'],
  },
  { name: 'ready more recently first (different log buckets)', pods: [{ name: 'old', node: 'n', ready: 10 * H }, { name: 'new', node: 'n', ready: 60_000 }], diff: 1, want: ['new'] },
  { name: 'same log bucket of ready time: by uid', pods: [{ name: 'x', node: 'n', ready: 1000 * 61, uid: 'b' }, { name: 'y', node: 'n', ready: 1000 * 62, uid: 'a' }], diff: 1, want: ['y'] },
  { name: 'more restarts first', pods: [{ name: 'calm', node: 'n', ready: H, restarts: 1 }, { name: 'crashy', node: 'n', ready: H, restarts: 7 }], diff: 1, want: ['crashy'] },
  { name: 'newer before older', pods: [{ name: 'old', node: 'n', created: 48 * H }, { name: 'new', node: 'n', created: 60_000 }], diff: 1, want: ['new'] },
  { name: 'diff ≥ pods: all of them', pods: [{ name: 'a' }, { name: 'b' }], diff: 3, want: ['a', 'b'] },
  {
    name: 'earlier criteria win over later ones',
    pods: [{ name: 'assigned-pending', node: 'n', phase: 'Pending', restarts: 9 }, { name: 'unassigned-running', phase: 'Running', created: 48 * H }],
    diff: 1, want: ['unassigned-running'],
  },
];

describe('getPodsToDelete', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = getPodsToDelete(c.pods.map(pod), (c.related ?? []).map(pod), c.diff, NOW).map((p) => p.metadata!.name);
      assert.deepEqual(got, c.want);
    });
  }
});

describe('deletionCost', () => {
  const table = [
    { input: '100', want: 100 }, { input: '-7', want: -7 }, { input: 'abc', want: 0 }, { input: ' 5', want: 0 },
    { input: '2147483648', want: 0 }, { input: undefined, want: 0 },
  ];
  for (const t of table) {
    it(`${JSON.stringify(t.input)} → ${t.want}`, () => {
      const annotations: Record<string, string> = t.input === undefined ? {} : { [POD_DELETION_COST]: t.input };
      const p: Pod = { metadata: { annotations } };
      assert.equal(deletionCost(p), t.want);
    });
  }
});
