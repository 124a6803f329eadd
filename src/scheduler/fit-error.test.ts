import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitErrorMessage } from './fit-error.ts';
import { status, type Status } from './types.ts';

test('fitErrorMessage words it as kube-scheduler does', () => {
  const cpu = status('NodeResourcesFit', 'Unschedulable', 'Insufficient cpu');
  const both = status('NodeResourcesFit', 'Unschedulable', 'Insufficient cpu', 'Insufficient memory');
  const cordon = status('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
  const cases: { name: string; all: number; st: Status[]; want: string }[] = [
    { name: 'all short of cpu', all: 3, st: [cpu, cpu, cpu],
      want: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' },
    { name: 'mixed, sorted', all: 3, st: [cordon, both, cpu],
      want: '0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.' },
  ];
  for (const tc of cases) assert.equal(fitErrorMessage(tc.all, tc.st), tc.want, tc.name);
});
