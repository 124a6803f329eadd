import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1.d.ts';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { ERR_REASON_POD, filter, score } from './index.ts';

const req = (...exprs: NodeSelectorRequirement[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } } } });

test('NodeAffinity filter', () => {
  const n = node('n1', { labels: { disk: 'ssd', cores: '8' } });
  const cases = [
    { name: 'nodeSelector match', spec: { nodeSelector: { disk: 'ssd' } }, want: true },
    { name: 'nodeSelector mismatch', spec: { nodeSelector: { disk: 'hdd' } }, want: false },
    { name: 'In', spec: req({ key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }), want: true },
    { name: 'NotIn', spec: req({ key: 'disk', operator: 'NotIn', values: ['ssd'] }), want: false },
    { name: 'NotIn absent label', spec: req({ key: 'gpu', operator: 'NotIn', values: ['x'] }), want: true },
    { name: 'Exists', spec: req({ key: 'disk', operator: 'Exists' }), want: true },
    { name: 'DoesNotExist', spec: req({ key: 'disk', operator: 'DoesNotExist' }), want: false },
    { name: 'Gt', spec: req({ key: 'cores', operator: 'Gt', values: ['4'] }), want: true },
    { name: 'Lt', spec: req({ key: 'cores', operator: 'Lt', values: ['4'] }), want: false },
    { name: 'Gt non-integer label', spec: req({ key: 'disk', operator: 'Gt', values: ['4'] }), want: false },
    {
      name: 'matchFields metadata.name',
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } },
      want: true,
    },
    {
      name: 'terms are ORed',
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] },
        { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } } },
      want: true,
    },
  ];
  for (const tc of cases) {
    const p = info(pod('p', { spec: tc.spec as never }));
    const st = filter.filter(true, p, nodeInfo(n));
    assert.equal(st === undefined, tc.want, tc.name);
    if (st) assert.equal(st.reasons[0], ERR_REASON_POD);
  }
});

test('NodeAffinity preferred score', () => {
  const p = info(pod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 3, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
    { weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } } } }));
  const nodes = [node('a', { labels: { disk: 'ssd', zone: 'a' } }), node('b', { labels: { disk: 'ssd' } }), node('c')].map((n) => nodeInfo(n));
  const scores = new Float64Array(nodes.map((n) => score.score(true, p, n)));
  score.normalize!(true, scores, 3);
  assert.deepEqual([...scores], [100, 75, 0]);
});
