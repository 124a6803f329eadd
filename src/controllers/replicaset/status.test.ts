import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { FakeClock } from '../../client/clock.ts';
import { calculateStatus, REPLICA_FAILURE, statusUnchanged } from './status.ts';

const T0 = Date.UTC(2025, 0, 1, 12);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function rs(minReadySeconds: number, conditions?: ReplicaSet['status']): ReplicaSet {
  return {
    metadata: { name: 'web', namespace: 'ns', generation: 4 },
    spec: { replicas: 3, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
    status: { replicas: 0, ...conditions },
  };
}
/** readySince: ms since epoch when it turned Ready; undefined: not ready. */
function pod(labels: Record<string, string>, readySince?: number): Pod {
  return {
    metadata: { name: 'p', labels },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: readySince === undefined ? 'False' : 'True', ...(readySince ? { lastTransitionTime: iso(readySince) } : {}) }] },
  };
}
const full = { app: 'web', tier: 'fe' };

const cases: {
  name: string; minReady: number; pods: Pod[]; step: number; err?: Error; prior?: ReplicaSet['status'];
  want: { replicas: number; fullyLabeled: number; ready: number; available: number; requeueAfter?: number; failure?: string | null };
}[] = [
  { name: 'no pods', minReady: 0, pods: [], step: 0, want: { replicas: 0, fullyLabeled: 0, ready: 0, available: 0 } },
  {
    name: 'fully labeled counts pods with every template label', minReady: 0, step: 0,
    pods: [pod(full), pod({ app: 'web' }), pod({ ...full, extra: 'x' }, T0)],
    want: { replicas: 3, fullyLabeled: 2, ready: 1, available: 1 },
  },
  {
    name: 'ready but not yet for minReadySeconds: requeue for the rest', minReady: 10, step: 4000,
    pods: [pod(full, T0), pod(full, T0 - 20_000)],
    want: { replicas: 2, fullyLabeled: 2, ready: 2, available: 1, requeueAfter: 6001 },
  },
  {
    name: 'exactly minReadySeconds is not yet available (strictly after)', minReady: 10, step: 10_000,
    pods: [pod(full, T0)], want: { replicas: 1, fullyLabeled: 1, ready: 1, available: 0, requeueAfter: 1 },
  },
  {
    name: 'past minReadySeconds: available, no requeue', minReady: 10, step: 10_001,
    pods: [pod(full, T0)], want: { replicas: 1, fullyLabeled: 1, ready: 1, available: 1 },
  },
  {
    name: 'create error adds ReplicaFailure FailedCreate', minReady: 0, step: 0, err: new Error('exceeded quota'),
    pods: [pod(full)], want: { replicas: 1, fullyLabeled: 1, ready: 0, available: 0, failure: 'FailedCreate' },
  },
  {
    name: 'success removes ReplicaFailure', minReady: 0, step: 0,
    prior: { replicas: 1, conditions: [{ type: REPLICA_FAILURE, status: 'True', reason: 'FailedCreate', message: 'x' }] },
    pods: [pod(full)], want: { replicas: 1, fullyLabeled: 1, ready: 0, available: 0, failure: null },
  },
];

describe('calculateStatus', () => {
  for (const c of cases) {
    it(c.name, () => {
      const clock = new FakeClock(T0);
      clock.step(c.step);
      const got = calculateStatus(rs(c.minReady, c.prior), c.pods, c.err, clock.now().getTime());
      assert.equal(got.status.replicas, c.want.replicas);
      assert.equal(got.status.fullyLabeledReplicas, c.want.fullyLabeled);
      assert.equal(got.status.readyReplicas, c.want.ready);
      assert.equal(got.status.availableReplicas, c.want.available);
      assert.equal(got.status.observedGeneration, 4);
      assert.equal(got.requeueAfter, c.want.requeueAfter);
      const failure = got.status.conditions?.find((x) => x.type === REPLICA_FAILURE);
      if (c.want.failure === null) assert.equal(failure, undefined);
      if (c.want.failure) {
        assert.equal(failure?.reason, c.want.failure);
        assert.equal(failure?.message, c.err!.message);
        assert.equal(failure?.lastTransitionTime, iso(clock.now().getTime()));
      }
    });
  }

  it('keeps an existing ReplicaFailure condition as it was', () => {
    const prior = { replicas: 0, conditions: [{ type: REPLICA_FAILURE, status: 'True', reason: 'FailedCreate', message: 'old', lastTransitionTime: iso(T0) }] };
    const got = calculateStatus(rs(0, prior), [], new Error('new'), T0 + 60_000);
    assert.deepEqual(got.status.conditions, prior.conditions);
  });
});

describe('statusUnchanged', () => {
  const base = { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 3 };
  const table = [
    { name: 'same', next: { ...base }, want: true },
    { name: 'ready differs', next: { ...base, readyReplicas: 2 }, want: false },
    { name: 'generation differs', next: { ...base, observedGeneration: 4 }, want: false },
    { name: 'condition added', next: { ...base, conditions: [{ type: 'ReplicaFailure', status: 'True' }] }, want: false },
  ];
  for (const t of table) it(t.name, () => assert.equal(statusUnchanged(base, t.next), t.want));
});
