import assert from 'node:assert/strict';
import { test } from 'node:test';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { ERR_REASON_UNSCHEDULABLE, filter } from './index.ts';

test('NodeUnschedulable', () => {
  const cordoned = node('n', { spec: { unschedulable: true } });
  const cases = [
    { name: 'schedulable node', pod: pod('p'), node: node('n'), want: undefined },
    { name: 'cordoned', pod: pod('p'), node: cordoned, want: ERR_REASON_UNSCHEDULABLE },
    { name: 'tolerated', pod: pod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } }), node: cordoned, want: undefined },
  ];
  for (const tc of cases) {
    const p = info(tc.pod);
    const st = filter.filter(filter.preFilter!(p, undefined as never) as boolean, p, nodeInfo(tc.node));
    assert.equal(st?.reasons[0], tc.want, tc.name);
    if (st) assert.equal(st.code, 'UnschedulableAndUnresolvable');
  }
});
