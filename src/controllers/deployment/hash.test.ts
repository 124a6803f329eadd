import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJSON } from '../../api/apply/path.ts';
import { computeHash, fnv32a, safeEncodeString } from './hash.ts';

const tpl = () => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } });

test('fnv32a and safeEncodeString match the Go functions', () => {
  const cases = [
    { name: 'fnv32a("")', got: fnv32a(new Uint8Array()), want: 0x811c9dc5 },
    { name: 'fnv32a("a")', got: fnv32a(new TextEncoder().encode('a')), want: 0xe40c292c },
    { name: 'fnv32a("foobar")', got: fnv32a(new TextEncoder().encode('foobar')), want: 0xbf9cf968 },
  ];
  for (const c of cases) assert.equal(c.got, c.want, c.name);
  // '0' is 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
  assert.equal(safeEncodeString('09'), '4f');
});

test('computeHash depends only on the template (key order ignored) and the collision count', () => {
  const a = computeHash(tpl());
  assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(computeHash(JSON.parse(canonicalJSON(tpl()))), a);
  assert.equal(computeHash({ spec: tpl().spec, metadata: tpl().metadata }), a, 'key order');
  const empties = tpl() as ReturnType<typeof tpl> & { spec: { volumes?: [] } };
  Object.assign(empties.spec.containers[0], { resources: {} });
  empties.spec.volumes = [];
  assert.equal(computeHash(empties), a, 'empty objects and arrays are zero values, as in Go');
  const other = tpl();
  other.spec.containers[0].image = 'nginx:2';
  assert.notEqual(computeHash(other), a);
  assert.notEqual(computeHash(tpl(), 0), a, 'a collision count of 0 still changes the hash');
  assert.notEqual(computeHash(tpl(), 1), computeHash(tpl(), 0));
  assert.equal(computeHash(tpl(), 1), computeHash(tpl(), 1));
});
