import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prune } from './prune.ts';
import { ensureBuilt } from './build-fixture.ts';

await ensureBuilt();

test('prune does what decoding into Go types does to nulls and unknown fields', () => {
  const cases: { name: string; input: [string, string, Record<string, unknown>]; want: unknown }[] = [
    { name: 'struct field: gone', input: ['v1', 'Pod', { metadata: { name: 'p', creationTimestamp: null } }], want: { metadata: { name: 'p' } } },
    { name: 'top-level field: gone', input: ['v1', 'Pod', { kind: 'Pod', status: null, spec: { nodeName: 'n' } }], want: { kind: 'Pod', spec: { nodeName: 'n' } } },
    {
      name: 'deep in a list of structs, order kept',
      input: ['v1', 'Pod', { status: { conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: 't' }, { type: 'Ready', status: 'True' }] } }],
      want: { status: { conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 't' }, { type: 'Ready', status: 'True' }] } },
    },
    { name: 'list element: the zero of its type', input: ['v1', 'Pod', { spec: { containers: [null, { name: 'a', args: ['x', null] }] } }], want: { spec: { containers: [{}, { name: 'a', args: ['x', ''] }] } } },
    { name: 'map value: the zero of its type', input: ['v1', 'ConfigMap', { data: { a: null, b: 'x' } }], want: { data: { a: '', b: 'x' } } },
    { name: 'nothing null: unchanged', input: ['v1', 'Pod', { metadata: { name: 'p', labels: { a: 'b' } } }], want: { metadata: { name: 'p', labels: { a: 'b' } } } },
    { name: 'unknown fields: gone, at the top and deep, beside nulls', input: ['v1', 'Pod', { bogus: 1, spec: { containers: [{ name: 'a', extra: { x: 1 }, image: 'i' }], nodeName: null } }], want: { spec: { containers: [{ name: 'a', image: 'i' }] } } },
    { name: 'map keys are not fields: kept', input: ['v1', 'ConfigMap', { metadata: { labels: { anything: 'x' } }, data: { 'any-key': 'y' } }], want: { metadata: { labels: { anything: 'x' } }, data: { 'any-key': 'y' } } },
    { name: 'unknown kind: untouched', input: ['example.com/v1', 'Widget', { spec: { a: null } }], want: { spec: { a: null } } },
  ];
  for (const c of cases) {
    const [gv, kind, input] = c.input;
    const obj = prune(gv, kind, input);
    assert.deepEqual(obj, c.want, c.name);
    // Later steps rely on the text too: JSON.stringify sees the same.
    assert.equal(JSON.stringify(obj), JSON.stringify(c.want), c.name);
  }
});

test('prune answers the object it was given when that has no null or unknown fields of its own', () => {
  const pod: Record<string, unknown> = { metadata: { name: 'p', deletionTimestamp: null } };
  assert.equal(prune('v1', 'Pod', pod), pod);
  assert.deepEqual(pod, { metadata: { name: 'p' } });
});
