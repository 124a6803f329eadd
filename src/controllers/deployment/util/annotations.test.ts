import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSaturated, setNewReplicaSetAnnotations } from './annotations.ts';
import { dep, rs } from './fixtures.test-helpers.ts';

test('setNewReplicaSetAnnotations: revisions, history, copied annotations', () => {
  const cases = [
    { name: 'new RS gets revision, replicas annotations and change-cause', rev: undefined, history: undefined, newRevision: 1, exists: false,
      want: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13', 'kubernetes.io/change-cause': 'v1' }, changed: true },
    { name: 'same revision: nothing changes', rev: 3, history: undefined, newRevision: 3, exists: true,
      want: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'v1' }, changed: false },
    { name: 'undo: old revision kept in history', rev: 1, history: undefined, newRevision: 3, exists: true,
      want: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1', 'kubernetes.io/change-cause': 'v1' }, changed: true },
    { name: 'undo again: history appended', rev: 3, history: '1', newRevision: 5, exists: true,
      want: { 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '1,3', 'kubernetes.io/change-cause': 'v1' }, changed: true },
  ];
  for (const c of cases) {
    const d = dep(10);
    d.metadata!.annotations = { 'kubernetes.io/change-cause': 'v1', 'deployment.kubernetes.io/revision': '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const r = rs('web-x', 0, 0, { revision: c.rev });
    if (c.exists) r.metadata!.annotations!['kubernetes.io/change-cause'] = 'v1';
    if (c.history) r.metadata!.annotations!['deployment.kubernetes.io/revision-history'] = c.history;
    assert.equal(setNewReplicaSetAnnotations(d, r, c.newRevision, c.exists), c.changed, c.name);
    assert.deepEqual(r.metadata!.annotations, c.want, c.name);
  }
});

test('isSaturated', () => {
  const cases = [
    { name: 'all there and available', r: rs('n', 3, 3, { desired: 3 }), want: true },
    { name: 'not all available', r: rs('n', 3, 2, { desired: 3 }), want: false },
    { name: 'sized for another spec.replicas', r: rs('n', 3, 3, { desired: 4 }), want: false },
    { name: 'no annotation', r: rs('n', 3, 3), want: false },
  ];
  for (const c of cases) assert.equal(isSaturated(dep(3), c.r), c.want, c.name);
});
