import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fifo } from './fifo.ts';

test('Fifo keeps order through compaction and interleaved push/shift', () => {
  const cases = [
    { name: 'empty', pushes: 0, takesBetween: 0, want: [] as number[] },
    { name: 'a few', pushes: 3, takesBetween: 0, want: [0, 1, 2] },
    { name: 'past the compaction point', pushes: 5000, takesBetween: 2, want: Array.from({ length: 5000 }, (_, i) => i) },
  ];
  for (const c of cases) {
    const q = new Fifo<number>();
    const got: number[] = [];
    for (let i = 0; i < c.pushes; i++) {
      q.push(i);
      // Take some while pushing, so the head moves and the array is compacted under load.
      if (c.takesBetween && i % 3 === 0) for (let k = 0; k < c.takesBetween && q.size; k++) got.push(q.shift()!);
    }
    while (q.size) got.push(q.shift()!);
    assert.deepEqual(got, c.want, c.name);
    assert.equal(q.shift(), undefined, c.name);
  }
});
