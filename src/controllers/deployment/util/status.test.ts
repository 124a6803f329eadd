import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateStatus, deploymentProgressing, deploymentTimedOut, newCondition, setCondition } from './status.ts';
import { dep, rs } from './fixtures.test-helpers.ts';

const t0 = new Date(Date.UTC(2025, 0, 1));
const later = (s: number) => new Date(t0.getTime() + s * 1000);

test('calculateStatus: counts and Available', () => {
  const cases = [
    { name: 'mid rollout', rss: [rs('o', 8, 8), rs('n', 3, 1)], want: { replicas: 11, updated: 3, available: 9, unavailable: 2, availableCond: 'True' } },
    { name: 'below the floor', rss: [rs('o', 5, 5), rs('n', 3, 2)], want: { replicas: 8, updated: 3, available: 7, unavailable: 1, availableCond: 'False' } },
  ];
  for (const c of cases) {
    const s = calculateStatus(c.rss, c.rss[1], dep(10), t0);
    const got = { replicas: s.replicas, updated: s.updatedReplicas, available: s.availableReplicas, unavailable: s.unavailableReplicas, availableCond: s.conditions?.find((x) => x.type === 'Available')?.status };
    assert.deepEqual(got, c.want, c.name);
  }
});

test('setCondition keeps times when nothing changes, and lastTransitionTime when only the reason does', () => {
  const s = { conditions: [newCondition('Progressing', 'True', 'A', 'a', t0)] };
  setCondition(s, newCondition('Progressing', 'True', 'A', 'again', later(5)));
  assert.equal(s.conditions[0].message, 'a');
  setCondition(s, newCondition('Progressing', 'True', 'B', 'b', later(5)));
  assert.deepEqual([s.conditions[0].reason, s.conditions[0].lastTransitionTime, s.conditions[0].lastUpdateTime], ['B', '2025-01-01T00:00:00Z', '2025-01-01T00:00:05Z']);
  setCondition(s, newCondition('Progressing', 'False', 'C', 'c', later(9)));
  assert.equal(s.conditions[0].lastTransitionTime, '2025-01-01T00:00:09Z');
});

test('deploymentProgressing and deploymentTimedOut', () => {
  const d = dep(3);
  d.spec!.progressDeadlineSeconds = 60;
  d.status = { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 };
  const cases = [
    { name: 'more updated', s: { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 }, want: true },
    { name: 'fewer old', s: { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }, want: true },
    { name: 'nothing moved', s: { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }, want: false },
  ];
  for (const c of cases) assert.equal(deploymentProgressing(d, c.s), c.want, c.name);
  const s = { conditions: [newCondition('Progressing', 'True', 'ReplicaSetUpdated', '', t0)] };
  assert.equal(deploymentTimedOut(d, s, later(60)), false);
  assert.equal(deploymentTimedOut(d, s, later(61)), true);
  const done = { conditions: [newCondition('Progressing', 'True', 'NewReplicaSetAvailable', '', t0)] };
  assert.equal(deploymentTimedOut(d, done, later(600)), false);
});
