import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Affinity } from 'kubernetes-types/core/v1.d.ts';
import { SchedulerCache } from '../../cache.ts';
import { info, node, pod } from '../../testing.ts';
import { SKIP } from '../../types.ts';
import { ERR_AFFINITY, ERR_ANTI_AFFINITY, ERR_EXISTING_ANTI_AFFINITY, filter, score } from './index.ts';

const term = (app: string, topologyKey = 'zone') => ({ labelSelector: { matchLabels: { app } }, topologyKey });

/** Nodes a, b in zone z1 and c in z2; a db pod on a. */
function cluster(extra: { name: string; node: string; labels: Record<string, string>; affinity?: Affinity }[] = []) {
  const c = new SchedulerCache();
  c.upsertNode(node('a', { labels: { zone: 'z1' } }));
  c.upsertNode(node('b', { labels: { zone: 'z1' } }));
  c.upsertNode(node('c', { labels: { zone: 'z2' } }));
  c.assume(info(pod('db', { labels: { app: 'db' } })), 'a');
  for (const e of extra) c.assume(info(pod(e.name, { labels: e.labels, spec: { affinity: e.affinity } })), e.node);
  return c;
}

function run(c: SchedulerCache, affinity: Affinity | undefined, labels: Record<string, string> = { app: 'web' }) {
  const p = info(pod('new', { labels, spec: { affinity } }));
  const s = filter.preFilter!(p, c);
  return ['a', 'b', 'c'].map((n) => (s === SKIP ? undefined : filter.filter(s, p, c.node(n)!)?.reasons[0]));
}

test('InterPodAffinity filter', () => {
  const cases = [
    { name: 'nothing to check', c: cluster(), aff: undefined, want: [undefined, undefined, undefined] },
    { name: 'affinity by zone', c: cluster(), aff: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } }, want: [undefined, undefined, ERR_AFFINITY] },
    { name: 'affinity by host', c: cluster(), aff: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', 'kubernetes.io/hostname')] } }, want: [undefined, ERR_AFFINITY, ERR_AFFINITY] },
    { name: 'affinity to nothing', c: cluster(), aff: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } }, want: [ERR_AFFINITY, ERR_AFFINITY, ERR_AFFINITY] },
    { name: 'anti-affinity by zone', c: cluster(), aff: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } }, want: [ERR_ANTI_AFFINITY, ERR_ANTI_AFFINITY, undefined] },
    {
      name: 'existing pod repels', aff: undefined, want: [undefined, undefined, ERR_EXISTING_ANTI_AFFINITY],
      c: cluster([{ name: 'x', node: 'c', labels: { app: 'x' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } }]),
    },
    { name: 'other namespace ignored', c: cluster(), aff: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('db'), namespaces: ['other'] }] } }, want: [ERR_AFFINITY, ERR_AFFINITY, ERR_AFFINITY] },
  ];
  for (const tc of cases) assert.deepEqual(run(tc.c, tc.aff), tc.want, tc.name);
  // The first pod of a self-affine group may go anywhere with the topology key.
  assert.deepEqual(run(cluster(), { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } }), [undefined, undefined, undefined]);
});

test('InterPodAffinity score', () => {
  const c = cluster();
  const p = info(pod('new', { labels: { app: 'web' }, spec: { affinity: {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('db') }] },
  } } }));
  const nodes = ['a', 'b', 'c'].map((n) => c.node(n)!);
  const s = score.preScore!(p, nodes, c);
  assert.notEqual(s, SKIP);
  const scores = new Float64Array(nodes.map((n) => score.score(s as never, p, n)));
  score.normalize!(s as never, scores, 3);
  assert.deepEqual([...scores], [100, 100, 0]);
  assert.equal(score.preScore!(info(pod('plain')), nodes, c), SKIP);
});
