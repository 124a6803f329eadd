import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupUnhealthy, maxScaledDown, newRSNewReplicas, proportionalSizes, scaleDownForRollingUpdate } from './scaling.ts';
import { dep, rs } from './fixtures.test-helpers.ts';

test('newRSNewReplicas: one scale-up step', () => {
  const cases = [
    { name: '10 at 25%: old 10, new 0 → 3', d: dep(10), old: [10], newRS: 0, want: 3 },
    { name: 'no room left: old 10, new 3 → 3', d: dep(10), old: [10], newRS: 3, want: 3 },
    { name: 'old shrunk to 8: new 3 → 5', d: dep(10), old: [8], newRS: 3, want: 5 },
    { name: 'never past spec.replicas', d: dep(10), old: [0], newRS: 8, want: 10 },
    { name: 'surge 0: only after scale-down', d: dep(3, 0, 1), old: [2], newRS: 0, want: 1 },
    { name: 'recreate: all at once', d: dep(4, 0, 0, 'Recreate'), old: [0], newRS: 0, want: 4 },
  ];
  for (const c of cases) {
    const n = rs('new', c.newRS);
    const all = [...c.old.map((r, i) => rs(`old${i}`, r)), n];
    assert.equal(newRSNewReplicas(c.d, all, n), c.want, c.name);
  }
});

test('maxScaledDown: room above minAvailable less new unavailable', () => {
  const cases = [
    { name: '10 at 25%: old 10 + new 3 (0 ready) → 13-8-3', old: rs('o', 10), newRS: rs('n', 3, 0), want: 2 },
    { name: 'new ones ready → 13-8-0', old: rs('o', 10), newRS: rs('n', 3, 3), want: 5 },
    { name: 'at the floor', old: rs('o', 8), newRS: rs('n', 3, 0), want: 0 },
  ];
  for (const c of cases) assert.equal(maxScaledDown(dep(10), [c.old, c.newRS], c.newRS), c.want, c.name);
});

test('cleanupUnhealthy: unavailable old replicas go first, oldest RS first, up to the limit', () => {
  const cases = [
    { name: 'takes unhealthy ones', rss: [rs('a', 5, 3, { created: 1 }), rs('b', 4, 0, { created: 2 })], limit: 10, want: { a: 3, b: 0 } },
    { name: 'limited', rss: [rs('a', 5, 3, { created: 1 }), rs('b', 4, 0, { created: 2 })], limit: 3, want: { a: 3, b: 3 } },
    { name: 'healthy untouched', rss: [rs('a', 5, 5)], limit: 3, want: {} },
  ];
  for (const c of cases) assert.deepEqual(Object.fromEntries(cleanupUnhealthy(c.rss, c.limit)), c.want, c.name);
});

test('scaleDownForRollingUpdate: keep available ≥ replicas - maxUnavailable', () => {
  const cases = [
    { name: '10 at 25%: 10 available old + 0 new → 2 down', old: [rs('o', 10)], newRS: rs('n', 3, 0), want: { o: 8 } },
    { name: 'new 3 available → 5 down', old: [rs('o', 10)], newRS: rs('n', 3, 3), want: { o: 5 } },
    { name: 'oldest first', old: [rs('b', 2, 2, { created: 2 }), rs('a', 2, 2, { created: 1 })], newRS: rs('n', 7, 7), want: { a: 0, b: 1 } },
    { name: 'at the floor', old: [rs('o', 8)], newRS: rs('n', 3, 0), want: {} },
    { name: 'an old status not yet shrunk counts its spec: 5 (10 in status) + 6 → 3 down', old: [rs('o', 5, 10)], newRS: rs('n', 8, 6), want: { o: 2 } },
  ];
  for (const c of cases) {
    assert.deepEqual(Object.fromEntries(scaleDownForRollingUpdate(dep(10), [...c.old, c.newRS], c.old)), c.want, c.name);
  }
});

test('proportionalSizes: spec.replicas changed mid-rollout', () => {
  const cases = [
    { name: '10→15 (max 13→19): 8,5 → 12,7', d: dep(15), rss: [rs('old', 8, 8, { max: 13, created: 1 }), rs('new', 5, 0, { max: 13, created: 2 })], want: { old: 12, new: 7 }, op: 'up' },
    { name: '10→5 (max 13→7): 8,5 → 4,3', d: dep(5), rss: [rs('old', 8, 8, { max: 13, created: 1 }), rs('new', 5, 0, { max: 13, created: 2 })], want: { old: 4, new: 3 }, op: 'down' },
    { name: 'to 0: everything goes', d: dep(0), rss: [rs('old', 8, 8, { max: 13, created: 1 }), rs('new', 5, 0, { max: 13, created: 2 })], want: { old: 0, new: 0 }, op: 'down' },
    { name: 'leftover to the largest', d: dep(11, 1, 0), rss: [rs('a', 5, 5, { max: 11, created: 1 }), rs('b', 5, 5, { max: 11, created: 2 }), rs('c', 1, 1, { max: 11, created: 3 })], want: { a: 5, b: 6, c: 1 }, op: 'up' },
  ];
  for (const c of cases) {
    const r = proportionalSizes(c.d, c.rss);
    assert.deepEqual(Object.fromEntries(r.sizes), c.want, c.name);
    assert.equal(r.op, c.op, c.name);
  }
});
