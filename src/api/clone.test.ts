import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepFreeze } from '../client/freeze.ts';
import { clone } from './meta.ts';

test('clone copies JSON-shaped data deeply and shares nothing', () => {
  const date = new Date('2026-11-21T00:00:00Z');
  const cases: { name: string; input: unknown }[] = [
    { name: 'scalars', input: [1, 'a', true, null] },
    { name: 'nested objects and arrays', input: { a: { b: [1, { c: 'd' }] }, e: [] } },
    { name: 'undefined members stay', input: { a: undefined, b: [undefined] } },
    { name: 'an object without a prototype', input: Object.assign(Object.create(null), { x: 1 }) },
    { name: 'a Date inside', input: { at: date } },
  ];
  for (const c of cases) {
    const out = clone(c.input);
    assert.deepEqual(out, c.input, c.name);
    if (typeof c.input === 'object' && c.input !== null) assert.notEqual(out, c.input, c.name);
  }
  const withDate = clone({ at: date });
  assert.ok(withDate.at instanceof Date && withDate.at !== date && withDate.at.getTime() === date.getTime(), 'a Date is copied, not flattened');
  const frozen = deepFreeze({ spec: { containers: [{ name: 'c' }] } });
  const thawed = clone(frozen) as { spec: { containers: { name: string }[] } };
  thawed.spec.containers[0].name = 'changed';
  assert.equal(frozen.spec.containers[0].name, 'c', 'the copy of a frozen object is writable and separate');
});

test('clone keeps a "__proto__" key from JSON as data, not as the prototype', () => {
  const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
  const out = clone(parsed);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal((out as { polluted?: boolean }).polluted, undefined);
  assert.deepEqual(Object.keys(out), ['__proto__', 'a']);
  assert.equal(JSON.stringify(out), JSON.stringify(parsed));
});
