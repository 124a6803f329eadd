import { it } from 'node:test';
import assert from 'node:assert/strict';
import { sameLabels } from './pod-util.ts';

it('sameLabels: equal as maps, key order ignored, none and empty alike', () => {
  const cases: { name: string; a?: Record<string, string>; b?: Record<string, string>; want: boolean }[] = [
    { name: 'both missing', want: true },
    { name: 'missing and empty', a: {}, want: true },
    { name: 'same pairs, other order', a: { x: '1', y: '2' }, b: { y: '2', x: '1' }, want: true },
    { name: 'a value differs', a: { x: '1' }, b: { x: '2' }, want: false },
    { name: 'one more key', a: { x: '1' }, b: { x: '1', y: '2' }, want: false },
    { name: 'one key fewer', a: { x: '1', y: '2' }, b: { x: '1' }, want: false },
    { name: 'added to none', b: { x: '1' }, want: false },
    { name: 'an inherited name is not a label', a: { constructor: 'c' }, b: {}, want: false },
  ];
  for (const c of cases) assert.equal(sameLabels(c.a, c.b), c.want, c.name);
});
