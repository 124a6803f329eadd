/**
 * Strategic merge patch rules on a small schema. Expected orders follow apimachinery's
 * strategicpatch (patch.go: mergeSlice + normalizeElementOrder), worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../../errors.ts';
import type { FieldSchema } from '../schema.ts';
import { applyStrategicMergePatch } from './index.ts';

const schema: FieldSchema = {
  fields: {
    keyed: { list: 'map', mergeKey: 'name', elem: { fields: { sub: { list: 'map', mergeKey: 'k' } } } },
    ports: { list: 'map', mergeKey: 'port' },
    set: { list: 'set' },
    atomic: { list: 'atomic' },
    rk: { retainKeys: true, fields: {} },
    map: { elem: {} },
  },
};

const n = (name: string, extra: Record<string, unknown> = {}) => ({ name, ...extra });

const cases: { name: string; input: { live: unknown; patch: unknown }; want: unknown }[] = [
  { name: 'maps merge recursively', input: { live: { a: { b: 1, c: 2 } }, patch: { a: { b: 3 } } }, want: { a: { b: 3, c: 2 } } },
  { name: 'null deletes a key', input: { live: { a: 1, b: 2 }, patch: { a: null } }, want: { b: 2 } },
  { name: 'null for an absent key is ignored', input: { live: { a: 1 }, patch: { z: null } }, want: { a: 1 } },
  { name: 'nulls inside a new map are dropped', input: { live: {}, patch: { map: { x: null, y: '1' } } }, want: { map: { y: '1' } } },
  { name: 'a scalar replaces a map', input: { live: { a: { b: 1 } }, patch: { a: 'x' } }, want: { a: 'x' } },
  { name: 'a map replaces a scalar', input: { live: { a: 'x' }, patch: { a: { b: 1 } } }, want: { a: { b: 1 } } },
  { name: 'keyed: matching element merges', input: { live: { keyed: [n('a', { v: 1 }), n('b', { v: 1, w: 1 })] }, patch: { keyed: [n('b', { v: 2 })] } }, want: { keyed: [n('a', { v: 1 }), n('b', { v: 2, w: 1 })] } },
  { name: 'keyed: null deletes a field of an element', input: { live: { keyed: [n('a', { v: 1 })] }, patch: { keyed: [n('a', { v: null })] } }, want: { keyed: [n('a')] } },
  // apimachinery puts an element new to the list ahead of live-only elements.
  { name: 'keyed: new element goes before live-only ones', input: { live: { keyed: [n('a'), n('b')] }, patch: { keyed: [n('c')] } }, want: { keyed: [n('c'), n('a'), n('b')] } },
  { name: 'keyed: live element before a patched one stays first', input: { live: { keyed: [n('a'), n('b')] }, patch: { keyed: [n('b', { v: 1 }), n('c')] } }, want: { keyed: [n('a'), n('b', { v: 1 }), n('c')] } },
  { name: 'keyed: patch order wins among patched elements', input: { live: { keyed: [n('a'), n('b')] }, patch: { keyed: [n('c'), n('a', { v: 1 })] } }, want: { keyed: [n('c'), n('a', { v: 1 }), n('b')] } },
  { name: 'keyed: nested keyed list merges', input: { live: { keyed: [n('a', { sub: [{ k: 1, v: 1 }] })] }, patch: { keyed: [n('a', { sub: [{ k: 1, v: 2 }, { k: 2 }] })] } }, want: { keyed: [n('a', { sub: [{ k: 1, v: 2 }, { k: 2 }] })] } },
  { name: 'keyed: numeric merge key', input: { live: { ports: [{ port: 80, p: 'TCP' }, { port: 53 }] }, patch: { ports: [{ port: 80, n: 'http' }] } }, want: { ports: [{ port: 80, p: 'TCP', n: 'http' }, { port: 53 }] } },
  { name: 'keyed: $patch delete removes every match', input: { live: { keyed: [n('a', { i: 1 }), n('b'), n('a', { i: 2 })] }, patch: { keyed: [{ $patch: 'delete', name: 'a' }] } }, want: { keyed: [n('b')] } },
  { name: 'keyed: $patch delete of an absent key is a no-op', input: { live: { keyed: [n('b')] }, patch: { keyed: [{ $patch: 'delete', name: 'zz' }] } }, want: { keyed: [n('b')] } },
  { name: 'keyed: $patch replace keeps only the patch elements', input: { live: { keyed: [n('a'), n('b')] }, patch: { keyed: [n('c', { v: null, w: 1 }), { $patch: 'replace' }] } }, want: { keyed: [n('c', { w: 1 })] } },
  { name: 'keyed: list absent from live, directives resolved', input: { live: {}, patch: { keyed: [n('a'), { $patch: 'delete', name: 'b' }] } }, want: { keyed: [n('a')] } },
  { name: 'set: union keeps live order', input: { live: { set: ['x', 'y'] }, patch: { set: ['y', 'z'] } }, want: { set: ['x', 'y', 'z'] } },
  { name: 'set: new value goes first', input: { live: { set: ['x', 'y'] }, patch: { set: ['z'] } }, want: { set: ['z', 'x', 'y'] } },
  { name: 'set: duplicates removed', input: { live: { set: ['x', 'x', 'y'] }, patch: { set: ['x'] } }, want: { set: ['x', 'y'] } },
  { name: 'set: $deleteFromPrimitiveList', input: { live: { set: ['x', 'y', 'z'] }, patch: { '$deleteFromPrimitiveList/set': ['y', 'q'] } }, want: { set: ['x', 'z'] } },
  { name: 'set: $deleteFromPrimitiveList on an absent list', input: { live: {}, patch: { '$deleteFromPrimitiveList/set': ['y'] } }, want: {} },
  { name: 'set: add and delete together', input: { live: { set: ['x', 'y'] }, patch: { set: ['z'], '$deleteFromPrimitiveList/set': ['x'] } }, want: { set: ['z', 'y'] } },
  { name: 'atomic list is replaced', input: { live: { atomic: [1, 2] }, patch: { atomic: [3] } }, want: { atomic: [3] } },
  { name: 'unknown list is replaced', input: { live: { other: [n('a')] }, patch: { other: [n('b')] } }, want: { other: [n('b')] } },
  { name: 'keyed: an empty patch list changes nothing', input: { live: { keyed: [n('a')] }, patch: { keyed: [] } }, want: { keyed: [n('a')] } },
  { name: 'map $patch replace', input: { live: { map: { a: '1', b: '2' } }, patch: { map: { $patch: 'replace', c: '3' } } }, want: { map: { c: '3' } } },
  { name: 'map $patch delete', input: { live: { map: { a: '1' }, k: 1 }, patch: { map: { $patch: 'delete' } } }, want: { map: {}, k: 1 } },
  { name: 'top-level $patch replace', input: { live: { a: 1, b: 2 }, patch: { $patch: 'replace', c: 3 } }, want: { c: 3 } },
  { name: '$retainKeys drops unlisted live keys', input: { live: { rk: { type: 'A', a: { x: 1 } } }, patch: { rk: { $retainKeys: ['type'], type: 'B' } } }, want: { rk: { type: 'B' } } },
  { name: '$retainKeys allows null for unlisted keys', input: { live: { rk: { type: 'A', a: { x: 1 } } }, patch: { rk: { $retainKeys: ['type'], a: null, type: 'B' } } }, want: { rk: { type: 'B' } } },
  { name: '$retainKeys keeps listed live keys', input: { live: { rk: { type: 'A', b: 1, c: 1 } }, patch: { rk: { $retainKeys: ['type', 'b'], type: 'B' } } }, want: { rk: { type: 'B', b: 1 } } },
  { name: '$retainKeys into an absent map', input: { live: {}, patch: { rk: { $retainKeys: ['type'], type: 'B' } } }, want: { rk: { type: 'B' } } },
  { name: '$setElementOrder reorders without content', input: { live: { keyed: [n('a'), n('b'), n('c')] }, patch: { '$setElementOrder/keyed': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] } }, want: { keyed: [n('c'), n('a'), n('b')] } },
  { name: '$setElementOrder with content', input: { live: { keyed: [n('a'), n('b')] }, patch: { '$setElementOrder/keyed': [{ name: 'b' }, { name: 'c' }, { name: 'a' }], keyed: [n('c')] } }, want: { keyed: [n('b'), n('c'), n('a')] } },
  { name: '$setElementOrder slots live-only elements by live position', input: { live: { keyed: [n('a'), n('x'), n('b')] }, patch: { '$setElementOrder/keyed': [{ name: 'b' }, { name: 'a' }], keyed: [n('b', { v: 2 })] } }, want: { keyed: [n('x'), n('b', { v: 2 }), n('a')] } },
  { name: '$setElementOrder ignores $patch delete elements', input: { live: { keyed: [n('a'), n('b'), n('c')] }, patch: { '$setElementOrder/keyed': [{ name: 'a' }, { name: 'c' }], keyed: [{ $patch: 'delete', name: 'b' }] } }, want: { keyed: [n('a'), n('c')] } },
  { name: '$setElementOrder on a set', input: { live: { set: ['x', 'y'] }, patch: { '$setElementOrder/set': ['y', 'z', 'x'], set: ['z'] } }, want: { set: ['y', 'z', 'x'] } },
  { name: '$setElementOrder for a list absent everywhere', input: { live: {}, patch: { '$setElementOrder/keyed': [{ name: 'a' }] } }, want: {} },
  { name: '$setElementOrder on an atomic list is ignored', input: { live: { atomic: [1, 2] }, patch: { '$setElementOrder/atomic': [2, 1], atomic: [2, 1] } }, want: { atomic: [2, 1] } },
];

for (const c of cases) {
  test(`strategic: ${c.name}`, () => {
    const before = structuredClone(c.input);
    assert.deepEqual(applyStrategicMergePatch(c.input.live, c.input.patch, schema), c.want);
    assert.deepEqual(c.input, before, 'inputs must not be mutated');
  });
}

const bad: { name: string; input: { live: unknown; patch: unknown }; want: RegExp }[] = [
  { name: 'patch is not an object', input: { live: {}, patch: [1] }, want: /must be a JSON object/ },
  { name: '$patch merge in a list', input: { live: { keyed: [] }, patch: { keyed: [{ $patch: 'merge' }] } }, want: /at \.keyed: \$patch: merge is not supported in a list/ },
  { name: 'unknown $patch in a list', input: { live: {}, patch: { keyed: [{ $patch: 'zap', name: 'a' }] } }, want: /unknown \$patch directive "zap" in a list/ },
  { name: 'unknown $patch in a map', input: { live: {}, patch: { map: { $patch: 'merge' } } }, want: /at \.map: unknown \$patch directive "merge" in a map/ },
  { name: 'element without merge key', input: { live: { keyed: [n('a')] }, patch: { keyed: [{ v: 1 }] } }, want: /element \{"v":1\} has no merge key "name"/ },
  { name: '$patch delete without merge key', input: { live: {}, patch: { keyed: [{ $patch: 'delete' }] } }, want: /has no merge key "name"/ },
  { name: 'keyed list element not an object', input: { live: {}, patch: { keyed: ['a'] } }, want: /must be an object with merge key/ },
  { name: 'set holding objects', input: { live: {}, patch: { set: [{ a: 1 }] } }, want: /list of primitives/ },
  { name: '$retainKeys: patch sets an unlisted key', input: { live: {}, patch: { rk: { $retainKeys: ['type'], type: 'B', other: 1 } } }, want: /at \.rk: field "other" is set but not listed in \$retainKeys/ },
  { name: '$retainKeys not a list', input: { live: {}, patch: { rk: { $retainKeys: 'type' } } }, want: /\$retainKeys must be a list/ },
  { name: '$setElementOrder misses a patch element', input: { live: {}, patch: { '$setElementOrder/keyed': [{ name: 'a' }], keyed: [n('a'), n('b')] } }, want: /at \.keyed: element \{"name":"b"\} is missing from \$setElementOrder/ },
  { name: '$setElementOrder out of order', input: { live: {}, patch: { '$setElementOrder/keyed': [{ name: 'a' }, { name: 'b' }], keyed: [n('b'), n('a')] } }, want: /missing from \$setElementOrder or out of its order/ },
  { name: '$setElementOrder entry without key', input: { live: {}, patch: { '$setElementOrder/keyed': [{ x: 1 }], keyed: [n('a')] } }, want: /entry \{"x":1\} has no merge key/ },
  { name: '$setElementOrder with an element lacking the merge key', input: { live: {}, patch: { '$setElementOrder/keyed': [{ name: 'a' }], keyed: [{ v: 1 }] } }, want: /at \.keyed: list element \{"v":1\} has no merge key "name"/ },
  { name: '$setElementOrder not a list', input: { live: {}, patch: { '$setElementOrder/keyed': 'a' } }, want: /\$setElementOrder must be a list/ },
  { name: '$setElementOrder naming no field', input: { live: {}, patch: { '$setElementOrder/': [] } }, want: /names no field/ },
  { name: '$deleteFromPrimitiveList not a list', input: { live: {}, patch: { '$deleteFromPrimitiveList/set': 'x' } }, want: /\$deleteFromPrimitiveList must be a list/ },
  { name: 'unknown directive key', input: { live: {}, patch: { spec: { $foo: 1 } } }, want: /at \.spec: unknown directive "\$foo"/ },
  { name: 'error path names the element', input: { live: { keyed: [n('a')] }, patch: { keyed: [n('a', { sub: [{ v: 1 }] })] } }, want: /at \.keyed\[name="a"\]\.sub: .*no merge key "k"/ },
];

for (const c of bad) {
  test(`strategic error: ${c.name}`, () => {
    assert.throws(() => applyStrategicMergePatch(c.input.live, c.input.patch, schema), (e: unknown) => {
      assert.ok(isStatusError(e), String(e));
      assert.equal(e.code, 400);
      assert.equal(e.reason, 'BadRequest');
      assert.match(e.message, c.want);
      return true;
    });
  });
}

test('strategic: with no schema the patch is a JSON merge patch', () => {
  const got = applyStrategicMergePatch({ l: [1, 2], m: { a: 1, b: 2 } }, { l: [3], m: { a: null } }, undefined);
  assert.deepEqual(got, { l: [3], m: { b: 2 } });
});

test('strategic: no $ key survives anywhere in the output', () => {
  const patch = {
    '$setElementOrder/keyed': [{ name: 'a' }, { name: 'c' }],
    keyed: [n('a', { sub: [{ k: 1, $patch: 'replace' }] }), n('c', { rk: { $retainKeys: ['x'], x: 1 } }), { $patch: 'delete', name: 'b' }],
    map: { $patch: 'replace', v: '1' },
    atomic: [{ $patch: 'delete' }],
    rk: { $retainKeys: ['t'], t: 1 },
  };
  const got = applyStrategicMergePatch({ keyed: [n('b')] }, patch, schema);
  assert.doesNotMatch(JSON.stringify(got), /"\$/);
});
