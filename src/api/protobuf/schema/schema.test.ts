import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMA } from './index.ts';

const SCALARS = new Set(['string', 'bytes', 'bool', 'int32', 'int64']);
const SPECIAL = new Set(['Time', 'MicroTime', 'Quantity', 'IntOrString', 'Duration', 'FieldsV1', 'RawExtension']);

test('every field type names a scalar, a special type or a message in the table', () => {
  const missing: string[] = [];
  for (const [msg, spec] of Object.entries(SCHEMA)) {
    for (const [num, [name, type, ...flags]] of Object.entries(spec)) {
      const base = /^map<string,(\w+)>$/.exec(type)?.[1] ?? type;
      if (!SCALARS.has(base) && !SPECIAL.has(base) && !SCHEMA[base]) missing.push(`${msg}.${name} (${num}): ${type}`);
      if (flags.includes('inline') && !SCHEMA[type]) missing.push(`${msg}.${name}: inline needs a message`);
    }
  }
  assert.deepEqual(missing, []);
});

test('json names are unique within a message', () => {
  for (const [msg, spec] of Object.entries(SCHEMA)) {
    const names = Object.values(spec).map(([name]) => name);
    assert.equal(new Set(names).size, names.length, msg);
  }
});

test('the kinds we serve and the subresource bodies all have a message', () => {
  for (const kind of ['Namespace', 'Pod', 'Node', 'Event', 'ConfigMap', 'Secret', 'Deployment', 'ReplicaSet', 'Lease',
    'Binding', 'Eviction', 'Scale', 'DeleteOptions']) {
    assert.ok(SCHEMA[kind], kind);
  }
});
