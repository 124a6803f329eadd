import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch } from './merge-patch.ts';

// Cases from RFC 7386 appendix A, plus Kubernetes' own uses.
const cases: { name: string; input: { doc: unknown; patch: unknown }; want: unknown }[] = [
  { name: 'replace a value', input: { doc: { a: 'b' }, patch: { a: 'c' } }, want: { a: 'c' } },
  { name: 'add a value', input: { doc: { a: 'b' }, patch: { b: 'c' } }, want: { a: 'b', b: 'c' } },
  { name: 'null deletes', input: { doc: { a: 'b' }, patch: { a: null } }, want: {} },
  { name: 'null deletes one of two', input: { doc: { a: 'b', b: 'c' }, patch: { a: null } }, want: { b: 'c' } },
  { name: 'list replaces list', input: { doc: { a: ['b'] }, patch: { a: 'c' } }, want: { a: 'c' } },
  { name: 'value replaces list', input: { doc: { a: 'c' }, patch: { a: ['b'] } }, want: { a: ['b'] } },
  { name: 'nested merge with delete', input: { doc: { a: { b: 'c' } }, patch: { a: { b: 'd', c: null } } }, want: { a: { b: 'd' } } },
  { name: 'lists are not merged', input: { doc: { a: [{ b: 'c' }] }, patch: { a: [1] } }, want: { a: [1] } },
  { name: 'non-object patch replaces', input: { doc: { a: 'foo' }, patch: 'bar' }, want: 'bar' },
  { name: 'null inside a new object is dropped', input: { doc: { e: null }, patch: { a: 1 } }, want: { e: null, a: 1 } },
  { name: 'patch into non-object doc', input: { doc: ['a', 'b'], patch: { a: 'b', c: null } }, want: { a: 'b' } },
  { name: 'deep new object keeps no nulls', input: { doc: {}, patch: { a: { bb: { ccc: null } } } }, want: { a: { bb: {} } } },
  { name: 'kubectl scale', input: { doc: { spec: { replicas: 1 }, status: { replicas: 1 } }, patch: { spec: { replicas: 3 } } }, want: { spec: { replicas: 3 }, status: { replicas: 1 } } },
];

for (const c of cases) {
  test(`merge patch: ${c.name}`, () => {
    const before = structuredClone(c.input.doc);
    const got = applyMergePatch(c.input.doc, c.input.patch);
    assert.deepEqual(got, c.want);
    assert.deepEqual(c.input.doc, before, 'input must not be mutated');
  });
}

test('merge patch: result shares no structure with the input', () => {
  const doc = { a: { b: [1] } };
  const got = applyMergePatch(doc, { c: 1 }) as { a: { b: number[] } };
  got.a.b.push(2);
  assert.deepEqual(doc, { a: { b: [1] } });
});
