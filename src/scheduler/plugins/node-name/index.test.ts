import assert from 'node:assert/strict';
import { test } from 'node:test';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { SKIP } from '../../types.ts';
import { ERR_REASON, filter } from './index.ts';

test('NodeName', () => {
  const cases = [
    { name: 'no nodeName: skipped', pod: pod('p'), node: 'a', want: 'skip' },
    { name: 'match', pod: pod('p', { spec: { nodeName: 'a' } }), node: 'a', want: undefined },
    { name: 'mismatch', pod: pod('p', { spec: { nodeName: 'b' } }), node: 'a', want: ERR_REASON },
  ];
  for (const tc of cases) {
    const s = filter.preFilter!(info(tc.pod), undefined as never);
    if (s === SKIP) { assert.equal(tc.want, 'skip', tc.name); continue; }
    assert.equal(filter.filter(s, info(tc.pod), nodeInfo(node(tc.node)))?.reasons[0], tc.want, tc.name);
  }
});
