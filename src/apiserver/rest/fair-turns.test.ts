import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FairTurns } from './fair-turns.ts';

test('turns go round robin among flows, a few per flow each loop turn, in each flow\'s order', async () => {
  const cases = [
    { name: 'one busy flow, one light', perTurn: 2, waiting: { a: 6, b: 2 }, want: ['a0', 'a1', 'b0', 'b1', 'a2', 'a3', 'a4', 'a5'] },
    { name: 'three flows, one each', perTurn: 1, waiting: { a: 3, b: 1, c: 2 }, want: ['a0', 'b0', 'c0', 'a1', 'c1', 'a2'] },
  ];
  for (const c of cases) {
    const turns = new FairTurns(c.perTurn);
    const got: string[] = [];
    const all: Promise<void>[] = [];
    for (const [name, n] of Object.entries(c.waiting)) {
      const flow = {};
      for (let i = 0; i < n; i++) all.push(turns.turn(flow).then(() => { got.push(`${name}${i}`); }));
    }
    await Promise.all(all);
    assert.deepEqual(got, c.want, c.name);
  }
});
