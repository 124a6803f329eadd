import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.ts';
import { applyJsonPatch } from './json-patch.ts';

const doc = () => ({ a: 1, list: ['x', 'y'], m: { 'b/c': 2, 'd~e': 3, n: { k: 'v' } } });

const ok: { name: string; input: { doc: unknown; ops: unknown }; want: unknown }[] = [
  { name: 'add a key', input: { doc: { a: 1 }, ops: [{ op: 'add', path: '/b', value: 2 }] }, want: { a: 1, b: 2 } },
  { name: 'add replaces an existing key', input: { doc: { a: 1 }, ops: [{ op: 'add', path: '/a', value: 5 }] }, want: { a: 5 } },
  { name: 'add inserts into an array', input: { doc: { l: [1, 3] }, ops: [{ op: 'add', path: '/l/1', value: 2 }] }, want: { l: [1, 2, 3] } },
  { name: 'add at array end index', input: { doc: { l: [1] }, ops: [{ op: 'add', path: '/l/1', value: 2 }] }, want: { l: [1, 2] } },
  { name: 'add with - appends', input: { doc: { l: [1] }, ops: [{ op: 'add', path: '/l/-', value: 2 }] }, want: { l: [1, 2] } },
  { name: 'add the whole document', input: { doc: { a: 1 }, ops: [{ op: 'add', path: '', value: { z: 1 } }] }, want: { z: 1 } },
  { name: 'add null value', input: { doc: {}, ops: [{ op: 'add', path: '/a', value: null }] }, want: { a: null } },
  { name: 'remove a key', input: { doc: doc(), ops: [{ op: 'remove', path: '/a' }] }, want: { list: ['x', 'y'], m: { 'b/c': 2, 'd~e': 3, n: { k: 'v' } } } },
  { name: 'remove an array element', input: { doc: { l: [1, 2, 3] }, ops: [{ op: 'remove', path: '/l/0' }] }, want: { l: [2, 3] } },
  { name: '~1 escapes a slash', input: { doc: doc(), ops: [{ op: 'replace', path: '/m/b~1c', value: 9 }] }, want: { ...doc(), m: { 'b/c': 9, 'd~e': 3, n: { k: 'v' } } } },
  { name: '~0 escapes a tilde', input: { doc: doc(), ops: [{ op: 'remove', path: '/m/d~0e' }] }, want: { ...doc(), m: { 'b/c': 2, n: { k: 'v' } } } },
  { name: 'replace keeps key order', input: { doc: { a: 1, b: 2 }, ops: [{ op: 'replace', path: '/a', value: 3 }] }, want: { a: 3, b: 2 } },
  { name: 'replace an array element', input: { doc: { l: [1, 2] }, ops: [{ op: 'replace', path: '/l/1', value: 7 }] }, want: { l: [1, 7] } },
  { name: 'move a key', input: { doc: { a: { x: 1 }, b: {} }, ops: [{ op: 'move', from: '/a/x', path: '/b/y' }] }, want: { a: {}, b: { y: 1 } } },
  { name: 'move within an array', input: { doc: { l: [1, 2, 3] }, ops: [{ op: 'move', from: '/l/0', path: '/l/-' }] }, want: { l: [2, 3, 1] } },
  { name: 'copy deep-copies', input: { doc: { a: { x: [1] } }, ops: [{ op: 'copy', from: '/a', path: '/b' }, { op: 'add', path: '/b/x/-', value: 2 }] }, want: { a: { x: [1] }, b: { x: [1, 2] } } },
  { name: 'test passes with objects in any key order', input: { doc: { a: { x: 1, y: 2 } }, ops: [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }, { op: 'add', path: '/ok', value: true }] }, want: { a: { x: 1, y: 2 }, ok: true } },
  { name: 'test null value', input: { doc: { a: null }, ops: [{ op: 'test', path: '/a', value: null }] }, want: { a: null } },
  {
    name: 'kubectl rollout undo', input: {
      doc: { metadata: { annotations: { a: '1' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'v2' }] } } } },
      ops: [
        { op: 'replace', path: '/spec/template', value: { spec: { containers: [{ name: 'c', image: 'v1' }] } } },
        { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '3' } },
      ],
    },
    want: { metadata: { annotations: { 'deployment.kubernetes.io/revision': '3' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'v1' }] } } } },
  },
];

for (const c of ok) {
  test(`json patch: ${c.name}`, () => {
    const before = structuredClone(c.input.doc);
    assert.deepEqual(applyJsonPatch(c.input.doc, c.input.ops), c.want);
    assert.deepEqual(c.input.doc, before, 'input must not be mutated');
  });
}

const bad: { name: string; input: { doc: unknown; ops: unknown }; want: { code: number; message: RegExp } }[] = [
  { name: 'not an array', input: { doc: {}, ops: { op: 'add' } }, want: { code: 400, message: /array of operations/ } },
  { name: 'unknown op', input: { doc: {}, ops: [{ op: 'frob', path: '/a' }] }, want: { code: 400, message: /unsupported op "frob"/ } },
  { name: 'missing path', input: { doc: {}, ops: [{ op: 'remove' }] }, want: { code: 400, message: /"path" must be a string/ } },
  { name: 'missing value', input: { doc: {}, ops: [{ op: 'add', path: '/a' }] }, want: { code: 400, message: /0 \(add \/a\): missing "value"/ } },
  { name: 'pointer without slash', input: { doc: {}, ops: [{ op: 'add', path: 'a', value: 1 }] }, want: { code: 400, message: /invalid JSON pointer/ } },
  { name: 'bad escape', input: { doc: {}, ops: [{ op: 'add', path: '/a~2', value: 1 }] }, want: { code: 400, message: /invalid JSON pointer/ } },
  { name: 'move without from', input: { doc: {}, ops: [{ op: 'move', path: '/a' }] }, want: { code: 400, message: /"from"/ } },
  { name: 'remove a missing key', input: { doc: { a: 1 }, ops: [{ op: 'remove', path: '/b' }] }, want: { code: 422, message: /0 \(remove \/b\): path does not exist/ } },
  { name: 'replace a missing key', input: { doc: { a: 1 }, ops: [{ op: 'replace', path: '/b', value: 1 }] }, want: { code: 422, message: /replace \/b\): path does not exist/ } },
  { name: 'add under a missing parent', input: { doc: {}, ops: [{ op: 'add', path: '/x/y', value: 1 }] }, want: { code: 422, message: /parent of path does not exist/ } },
  { name: 'add past array end', input: { doc: { l: [1] }, ops: [{ op: 'add', path: '/l/3', value: 1 }] }, want: { code: 422, message: /index 3 out of range/ } },
  { name: 'leading zero index', input: { doc: { l: [1, 2] }, ops: [{ op: 'remove', path: '/l/01' }] }, want: { code: 422, message: /index 01/ } },
  { name: 'remove with -', input: { doc: { l: [1] }, ops: [{ op: 'remove', path: '/l/-' }] }, want: { code: 422, message: /index -/ } },
  { name: 'test fails', input: { doc: { a: 1 }, ops: [{ op: 'add', path: '/b', value: 1 }, { op: 'test', path: '/a', value: 2 }] }, want: { code: 422, message: /1 \(test \/a\): test failed/ } },
  { name: 'test a missing path', input: { doc: {}, ops: [{ op: 'test', path: '/a', value: 1 }] }, want: { code: 422, message: /path does not exist/ } },
  { name: 'move into own child', input: { doc: { a: { b: {} } }, ops: [{ op: 'move', from: '/a', path: '/a/b/c' }] }, want: { code: 422, message: /own children/ } },
  { name: 'copy from missing', input: { doc: {}, ops: [{ op: 'copy', from: '/x', path: '/y' }] }, want: { code: 422, message: /from does not exist/ } },
];

for (const c of bad) {
  test(`json patch error: ${c.name}`, () => {
    assert.throws(() => applyJsonPatch(c.input.doc, c.input.ops), (e: unknown) => {
      assert.ok(isStatusError(e));
      assert.equal(e.code, c.want.code);
      assert.match(e.message, c.want.message);
      return true;
    });
  });
}

test('json patch: failed patch leaves the input untouched', () => {
  const d = { a: 1 };
  assert.throws(() => applyJsonPatch(d, [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/zz' }]));
  assert.deepEqual(d, { a: 1 });
});
