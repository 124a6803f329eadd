import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.d.ts';
import { info, node, nodeInfo, pod } from '../../testing.ts';
import { filter, score } from './index.ts';

const tainted = (...taints: Taint[]) => nodeInfo(node('n', { spec: { taints } }));
const tol = (...tolerations: Toleration[]) => info(pod('p', { spec: { tolerations } }));

test('TaintToleration filter', () => {
  const cases = [
    { name: 'no taints', node: tainted(), pod: tol(), want: undefined },
    { name: 'untolerated NoSchedule', node: tainted({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }), pod: tol(), want: 'node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'NoExecute', node: tainted({ key: 'k', effect: 'NoExecute' }), pod: tol(), want: 'node(s) had untolerated taint {k: }' },
    { name: 'PreferNoSchedule ignored', node: tainted({ key: 'k', effect: 'PreferNoSchedule' }), pod: tol(), want: undefined },
    { name: 'Equal toleration', node: tainted({ key: 'k', value: 'v', effect: 'NoSchedule' }), pod: tol({ key: 'k', value: 'v', effect: 'NoSchedule' }), want: undefined },
    { name: 'wrong value', node: tainted({ key: 'k', value: 'v', effect: 'NoSchedule' }), pod: tol({ key: 'k', value: 'w' }), want: 'node(s) had untolerated taint {k: v}' },
    { name: 'Exists, any effect', node: tainted({ key: 'k', value: 'v', effect: 'NoExecute' }), pod: tol({ key: 'k', operator: 'Exists' }), want: undefined },
    { name: 'empty key Exists tolerates all', node: tainted({ key: 'k', effect: 'NoSchedule' }), pod: tol({ operator: 'Exists' }), want: undefined },
    { name: 'effect mismatch', node: tainted({ key: 'k', effect: 'NoExecute' }), pod: tol({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }), want: 'node(s) had untolerated taint {k: }' },
  ];
  for (const tc of cases) {
    const st = filter.filter(undefined, tc.pod, tc.node);
    assert.equal(st?.reasons[0], tc.want, tc.name);
    if (st) assert.equal(st.code, 'UnschedulableAndUnresolvable');
  }
});

test('TaintToleration score: fewer untolerated PreferNoSchedule taints is better', () => {
  const p = tol({ key: 'ok', operator: 'Exists', effect: 'PreferNoSchedule' });
  const nodes = [
    tainted(),
    tainted({ key: 'a', effect: 'PreferNoSchedule' }),
    tainted({ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }),
    tainted({ key: 'ok', effect: 'PreferNoSchedule' }),
  ];
  const s = score.preScore!(p, nodes, undefined as never) as never;
  const scores = new Float64Array(nodes.map((n) => score.score(s, p, n)));
  score.normalize!(s, scores, nodes.length);
  assert.deepEqual([...scores], [100, 50, 0, 100]);
});
