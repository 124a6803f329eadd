import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { equalIgnoreHash, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets } from './replica-sets.ts';
import { dep, rs } from './fixtures.test-helpers.ts';

const tpl = (image: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'web' }): PodTemplateSpec =>
  ({ metadata: { labels }, spec: { containers: [{ name: 'c', image, ...extra }] } });

test('equalIgnoreHash', () => {
  const cases = [
    { name: 'hash label ignored', a: tpl('x'), b: tpl('x', {}, { app: 'web', 'pod-template-hash': 'abc' }), want: true },
    { name: 'empty resources as kubectl undo sends them', a: tpl('x', { resources: {} }), b: tpl('x'), want: true },
    { name: 'image differs', a: tpl('x'), b: tpl('y'), want: false },
    { name: 'other label differs', a: tpl('x'), b: tpl('x', {}, { app: 'web', v: '2' }), want: false },
  ];
  for (const c of cases) assert.equal(equalIgnoreHash(c.a, c.b), c.want, c.name);
});

test('new and old ReplicaSets', () => {
  const d = dep(3);
  d.spec!.template = tpl('new');
  const withTpl = (r: ReturnType<typeof rs>, t: PodTemplateSpec) => ({ ...r, spec: { ...r.spec!, template: t } });
  const a = withTpl(rs('a', 2, 2, { created: 1 }), tpl('old'));
  const b = withTpl(rs('b', 0, 0, { created: 2 }), tpl('older'));
  const n1 = withTpl(rs('n1', 1, 1, { created: 3 }), tpl('new', {}, { app: 'web', 'pod-template-hash': 'n1' }));
  const n2 = withTpl(rs('n2', 1, 1, { created: 4 }), tpl('new'));
  assert.equal(findNewReplicaSet(d, [n2, a, n1, b])?.metadata?.name, 'n1', 'the oldest match wins');
  const { old, allOld } = findOldReplicaSets(d, [n2, a, n1, b]);
  assert.deepEqual([old.map((r) => r.metadata!.name), allOld.map((r) => r.metadata!.name)], [['n2', 'a'], ['n2', 'a', 'b']]);
  const cases = [
    { name: 'only one active', newRS: n1, olds: [b], want: 'n1' },
    { name: 'none active: the new one', newRS: withTpl(rs('z', 0), tpl('new')), olds: [b], want: 'z' },
    { name: 'none active, no new: newest old', newRS: undefined, olds: [withTpl(rs('c', 0, 0, { created: 9 }), tpl('c')), b], want: 'c' },
    { name: 'two active: none', newRS: n1, olds: [a], want: undefined },
  ];
  for (const c of cases) assert.equal(findActiveOrLatest(c.newRS, c.olds)?.metadata?.name, c.want, c.name);
});
