import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTable, type TableOptions } from './index.ts';

const now = new Date('2024-05-01T12:00:00Z');
const pod = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'done', namespace: 'default', uid: 'u1', labels: { app: 'x' } }, status: { phase: 'Succeeded' } };

test('toTable envelope and row objects', () => {
  const cases: { name: string; opts: Partial<TableOptions>; want: object }[] = [
    {
      name: 'default: metadata rows, headers, resourceVersion', opts: { resourceVersion: '42' },
      want: { metadata: { resourceVersion: '42' }, columns: 9, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata } },
    },
    { name: 'None leaves object out', opts: { includeObject: 'None' }, want: { metadata: {}, columns: 9, object: undefined } },
    { name: 'Object embeds the object', opts: { includeObject: 'Object' }, want: { metadata: {}, columns: 9, object: pod } },
    {
      name: 'paging and omitted headers', opts: { omitHeaders: true, resourceVersion: '7', continue: 'tok', remainingItemCount: 3 },
      want: { metadata: { resourceVersion: '7', continue: 'tok', remainingItemCount: 3 }, columns: undefined, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata } },
    },
  ];
  for (const c of cases) {
    const t = toTable('pods', '', [pod], { now, ...c.opts });
    assert.equal(t.kind, 'Table', c.name);
    assert.equal(t.apiVersion, 'meta.k8s.io/v1', c.name);
    assert.deepEqual({ metadata: t.metadata, columns: t.columnDefinitions?.length, object: t.rows[0].object }, c.want, c.name);
    assert.equal(t.rows[0].conditions?.[0]?.reason, 'Succeeded', c.name);
    assert.equal('columnDefinitions' in t, !c.opts.omitHeaders, `${c.name}: columnDefinitions key presence`);
  }
});

test('toTable: one row per object, serialisable', () => {
  const t = toTable('namespaces', '', [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }], { now });
  assert.deepEqual(t.rows.map((r) => r.cells[0]), ['a', 'b']);
  assert.deepEqual(JSON.parse(JSON.stringify(t)).rows[1].cells, ['b', '', '<unknown>']);
  assert.deepEqual(toTable('pods', '', [], { now }).rows, []);
});
