import assert from 'node:assert/strict';
import { test } from 'node:test';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { SKIP } from '../../types.ts';
import { balancedScore, score } from './index.ts';

test('BalancedAllocation', () => {
  const cases = [
    { name: 'equal shares', pod: pod('p', { cpu: '1', memory: '2Gi' }), node: node('n'), want: 100 },
    { name: 'cpu half, memory none', pod: pod('p', { cpu: '2' }), node: node('n'), want: 75 },
    { name: 'capped at 1', pod: pod('p', { cpu: '8' }), node: node('n'), want: 50 },
  ];
  for (const tc of cases) assert.equal(score.score(undefined, info(tc.pod), nodeInfo(tc.node)), tc.want, tc.name);
  assert.equal(score.preScore!(info(pod('p')), [], undefined as never), SKIP, 'best-effort pods are skipped');
  assert.equal(balancedScore([0.2, 0.4, 0.6]), 83);
});
