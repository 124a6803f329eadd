import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goValue } from './util.ts';

test('goValue prints decoded JSON as Go\'s %v does', () => {
  const cases: [unknown, string][] = [
    [{ b: [1, 'x y'], a: null, c: {} }, 'map[a:<nil> b:[1 x y] c:map[]]'],
    [{ spec: { template: { spec: {} }, volumes: [{ name: 'v', hostPath: { path: '/p' } }] } }, 'map[spec:map[template:map[spec:map[]] volumes:[map[hostPath:map[path:/p] name:v]]]]'],
    [[], '[]'],
    [true, 'true'],
    [15000000, '15000000'],
    [-3, '-3'],
    [0.5, '0.5'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-300, '1.5e-300'],
  ];
  for (const [v, want] of cases) assert.equal(goValue(v), want, JSON.stringify(v));
});
