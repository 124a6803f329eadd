import assert from 'node:assert/strict';
import { test } from 'node:test';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { filter, leastRequested, score } from './index.ts';

test('NodeResourcesFit filter', () => {
  const cases = [
    { name: 'fits', pod: pod('p', { cpu: '1', memory: '1Gi' }), node: nodeInfo(node('n')), want: undefined },
    { name: 'cpu short', pod: pod('p', { cpu: '5' }), node: nodeInfo(node('n')), want: ['Insufficient cpu'] },
    { name: 'used counts', pod: pod('p', { cpu: '2' }), node: nodeInfo(node('n'), pod('a', { cpu: '3' })), want: ['Insufficient cpu'] },
    { name: 'cpu and memory', pod: pod('p', { cpu: '5', memory: '9Gi' }), node: nodeInfo(node('n')), want: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'pods count', pod: pod('p'), node: nodeInfo(node('n', { pods: '1' }), pod('a')), want: ['Too many pods'] },
    { name: 'no allocatable pods', pod: pod('p'), node: nodeInfo(node('n', { pods: '0' })), want: ['Too many pods'] },
  ];
  for (const tc of cases) {
    const st = filter.filter(undefined, info(tc.pod), tc.node);
    assert.deepEqual(st?.reasons, tc.want, tc.name);
    if (st) assert.equal(st.code, 'Unschedulable', tc.name);
  }
});

test('NodeResourcesFit LeastAllocated score', () => {
  assert.equal(leastRequested(0, 0), 0);
  assert.equal(leastRequested(5, 4), 0);
  assert.equal(leastRequested(1000, 4000), 75);
  // cpu: (4000-1000)/4000 → 75; memory: 8Gi-2Gi → 75
  const s = score.score(undefined, info(pod('p', { cpu: '1', memory: '2Gi' })), nodeInfo(node('n')));
  assert.equal(s, 75);
  // missing requests count as 100m / 200Mi
  const z = score.score(undefined, info(pod('p')), nodeInfo(node('n', { cpu: '1', memory: '400Mi' })));
  assert.equal(z, Math.trunc((90 + 50) / 2));
});
