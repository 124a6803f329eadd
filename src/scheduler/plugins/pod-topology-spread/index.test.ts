import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLabelSelector } from '../../../api/selectors/labels.ts';
import { SchedulerCache } from '../../cache.ts';
import { info, node, pod } from '../../testing.ts';
import { SKIP } from '../../types.ts';
import { newScorePlugin } from './index.ts';

const sel = parseLabelSelector('app=web');
const plugin = newScorePlugin((p) => (p.labels.app === 'web' ? sel : undefined));

function scoresFor(c: SchedulerCache, names: string[]): number[] {
  const p = info(pod('new', { labels: { app: 'web' } }));
  const nodes = names.map((n) => c.node(n)!);
  const s = plugin.preScore!(p, nodes, c);
  assert.notEqual(s, SKIP);
  const scores = new Float64Array(nodes.map((n) => plugin.score(s as never, p, n)));
  plugin.normalize!(s as never, scores, nodes.length);
  return [...scores];
}

test('PodTopologySpread default constraints spread a ReplicaSet over hosts', () => {
  const cases = [
    { name: 'empty cluster: all equal', pods: {}, want: [100, 100, 100] },
    // weight log(3 + 2) ≈ 1.61: raw a = round(2·1.61 + 2) = 5, b = round(1.61 + 2) = 4, c = 2;
    // normalised 100·(5 + 2 − s)/5.
    { name: 'fewer is better', pods: { a: 2, b: 1 }, want: [40, 60, 100] },
  ];
  for (const tc of cases) {
    const c = new SchedulerCache();
    for (const n of ['a', 'b', 'c']) c.upsertNode(node(n));
    let i = 0;
    for (const [n, k] of Object.entries(tc.pods)) for (let j = 0; j < k; j++) c.assume(info(pod(`w${i++}`, { labels: { app: 'web' } })), n);
    c.assume(info(pod('other', { labels: { app: 'db' } })), 'c');
    assert.deepEqual(scoresFor(c, ['a', 'b', 'c']), tc.want, tc.name);
  }
});

test('PodTopologySpread counts zones too, and skips pods without owners', () => {
  const c = new SchedulerCache();
  c.upsertNode(node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }));
  c.upsertNode(node('b', { labels: { 'topology.kubernetes.io/zone': 'z1' } }));
  c.upsertNode(node('c', { labels: { 'topology.kubernetes.io/zone': 'z2' } }));
  c.assume(info(pod('w1', { labels: { app: 'web' } })), 'a');
  const [a, b, cc] = scoresFor(c, ['a', 'b', 'c']);
  assert.ok(cc > b && b > a, `zone z2 is emptier: ${[a, b, cc]}`);
  assert.equal(plugin.preScore!(info(pod('x', { labels: { app: 'x' } })), [], c), SKIP);
});
