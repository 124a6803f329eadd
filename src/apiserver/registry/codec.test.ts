import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/meta.ts';
import { decode, encode, encodedWithVersion, withoutManagedFields } from './codec.ts';

const mf = [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1',
  fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:status': {} } } } }, subresource: 'status' }];

test('encode writes metadata first, without resourceVersion, and managedFields last in it', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { managedFields: mf, name: 'p', resourceVersion: '7', labels: { a: 'b' } }, spec: {} } as KObject;
  const text = encode(pod);
  assert.deepEqual(Object.keys(JSON.parse(text)), ['metadata', 'apiVersion', 'kind', 'spec']);
  assert.deepEqual(Object.keys(JSON.parse(text).metadata), ['name', 'labels', 'managedFields']);
  const back = decode({ key: 'k', value: text, modRevision: 9, createRevision: 9, version: 1 } as never);
  assert.equal(back.metadata?.resourceVersion, '9');
  assert.deepEqual(back.metadata?.managedFields, mf);
});

test('withoutManagedFields cuts them when they close metadata, and leaves any other text alone', () => {
  const tricky = { name: 'p', annotations: { note: ',"managedFields":[ ] } { [ "', 'a]}': '\\"' } };
  const cases: { name: string; obj: object; encoded?: boolean; want: object }[] = [
    { name: 'cut', obj: { metadata: { name: 'p', managedFields: mf }, spec: { x: [1] } }, want: { metadata: { name: 'p' }, spec: { x: [1] } } },
    { name: 'brackets and quotes in strings before and inside', obj: { metadata: { ...tricky, managedFields: mf }, status: {} }, want: { metadata: tricky, status: {} } },
    { name: 'a backslash ending a string inside them, brackets in their keys', obj: { metadata: { name: 'p', managedFields: [{ ...mf[0], manager: 'x\\', fieldsV1: { 'v:["]"]': {} } }] }, spec: {} }, want: { metadata: { name: 'p' }, spec: {} } },
    { name: 'none in metadata, such a key deeper in the spec: unchanged', obj: { metadata: { name: 'p' }, spec: { audit: { note: 'n', managedFields: [1] } } }, want: { metadata: { name: 'p' }, spec: { audit: { note: 'n', managedFields: [1] } } } },
    { name: 'none', obj: { metadata: { name: 'p' }, spec: {} }, want: { metadata: { name: 'p' }, spec: {} } },
    { name: 'not last in metadata (an older encoding): unchanged', obj: { metadata: { name: 'p', managedFields: mf, uid: 'u' } }, encoded: false, want: { metadata: { name: 'p', managedFields: mf, uid: 'u' } } },
    { name: 'first in metadata: unchanged', obj: { metadata: { managedFields: mf } }, encoded: false, want: { metadata: { managedFields: mf } } },
  ];
  for (const c of cases) {
    const text = c.encoded === false ? JSON.stringify(c.obj) : encode(c.obj as KObject);
    assert.deepEqual(JSON.parse(withoutManagedFields(text)), c.want, c.name);
  }
});

test('encodedWithVersion splices the resourceVersion in, with or without managedFields', () => {
  const kv = { key: 'k', value: encode({ metadata: { name: 'p', managedFields: mf }, spec: {} } as KObject), modRevision: 12, createRevision: 3, version: 2 } as never;
  assert.deepEqual(JSON.parse(encodedWithVersion(kv)), { metadata: { resourceVersion: '12', name: 'p', managedFields: mf }, spec: {} });
  assert.deepEqual(JSON.parse(encodedWithVersion(kv, true)), { metadata: { resourceVersion: '12', name: 'p' }, spec: {} });
});
