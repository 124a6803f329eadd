import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recordUpdate } from './update.ts';
import type { UpdateInput } from './update.ts';
import { entriesOf, entry, frozen, owners, pod, POD_FIELDS, T1, withEntries } from './testdata.ts';
import type { Obj } from './walk.ts';

const created = entry('kubectl-create', 'Update', POD_FIELDS);
const image = { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } };
const createdMinusImage = { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:name': {}, '.': {} } } } };

const cases: { name: string; input: Partial<UpdateInput> & Pick<UpdateInput, 'updated'>; want: string[] }[] = [
  {
    name: 'create: the creator owns every field it set, containers it added included',
    input: { live: undefined, updated: pod('nginx:1'), manager: 'kubectl-create' },
    want: [`kubectl-create/Update: ${JSON.stringify({
      'f:metadata': { 'f:labels': { 'f:app': {}, '.': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {}, 'f:name': {}, '.': {} } } },
    })}`],
  },
  {
    name: 'an edit takes the changed field from its owner',
    input: { live: withEntries(pod('nginx:1'), [created]), updated: pod('nginx:2'), manager: 'kubectl-edit' },
    want: [`kubectl-create/Update: ${JSON.stringify(createdMinusImage)}`, `kubectl-edit/Update: ${JSON.stringify(image)}`],
  },
  {
    name: 'a write that changes nothing tracked leaves the entries alone',
    input: {
      live: withEntries(pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web' }, resourceVersion: '1' } }), [created]),
      updated: pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web' }, resourceVersion: '2' } }),
    },
    want: [`kubectl-create/Update: ${JSON.stringify(POD_FIELDS)}`],
  },
  {
    name: 'a removed field leaves every set',
    input: { live: withEntries(pod('nginx:1'), [created]), updated: pod('nginx:1', { metadata: { name: 'p' } }), manager: 'kubectl-edit' },
    want: [`kubectl-create/Update: ${JSON.stringify({ 'f:spec': POD_FIELDS['f:spec'] })}`],
  },
  {
    name: 'the main resource does not record status changes',
    input: { live: withEntries(pod('nginx:1'), [created]), updated: pod('nginx:1', { status: { phase: 'Running' } }) },
    want: [`kubectl-create/Update: ${JSON.stringify(POD_FIELDS)}`],
  },
  {
    name: 'the status subresource records only status, as its own entry',
    input: {
      live: withEntries(pod('nginx:1'), [created]), manager: 'kubelet', subresource: 'status',
      updated: pod('nginx:1', { metadata: { name: 'p' }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }),
    },
    want: [
      `kubectl-create/Update: ${JSON.stringify(POD_FIELDS)}`,
      `kubelet[status]/Update: ${JSON.stringify({ 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {}, 'f:type': {}, '.': {} }, '.': {} }, 'f:phase': {} } })}`,
    ],
  },
  {
    name: '`managedFields: [{}]` in the request clears them, and the object stays untracked',
    input: { live: withEntries(pod('nginx:1'), [created]), updated: withEntries(pod('nginx:2'), [{} as never]) },
    want: [],
  },
  {
    name: 'entries the request carries replace the live ones',
    input: { live: withEntries(pod('nginx:1'), [created]), updated: withEntries(pod('nginx:1'), [entry('someone', 'Update', image)]) },
    want: [`someone/Update: ${JSON.stringify(image)}`],
  },
  {
    name: 'entries the request omits are kept from the live object',
    input: { live: withEntries(pod('nginx:1'), [created]), updated: pod('nginx:1') },
    want: [`kubectl-create/Update: ${JSON.stringify(POD_FIELDS)}`],
  },
];

describe('recordUpdate', () => {
  for (const c of cases) {
    it(c.name, () => {
      const input = frozen({ live: undefined, manager: 'controller', apiVersion: 'v1', now: T1, ...c.input });
      const got = recordUpdate(input);
      assert.deepEqual(owners(got), c.want);
      assert.equal(JSON.stringify(got.spec), JSON.stringify((c.input.updated as Obj).spec), 'the object itself is the updated one');
    });
  }

  it('stamps the writer entry with the time and apiVersion; others keep theirs', () => {
    const got = recordUpdate({ live: withEntries(pod('nginx:1'), [created]), updated: pod('nginx:2'), manager: 'kubectl-edit', apiVersion: 'v1', now: T1 });
    assert.deepEqual(entriesOf(got).map((e) => [e.manager, e.time, e.apiVersion]),
      [['kubectl-create', '2024-05-01T09:00:00Z', 'v1'], ['kubectl-edit', '2024-05-01T11:00:00Z', 'v1']]);
  });

  it('keeps an untouched entry as stored (the same object) and re-encodes only what changed', () => {
    const status = { ...entry('kubelet', 'Update', { 'f:status': { 'f:phase': {} } }), subresource: 'status' };
    const live = withEntries(pod('nginx:1'), [created, status]);
    const got = recordUpdate({ live, updated: pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web', tier: 'a' } } }), manager: 'kubectl-label', apiVersion: 'v1', now: T1 });
    const [liveCreated, liveStatus] = entriesOf(live);
    const out = entriesOf(got);
    assert.equal(out.find((e) => e.manager === 'kubelet'), liveStatus, 'untouched: reused');
    assert.equal(out.find((e) => e.manager === 'kubectl-create'), liveCreated, 'lost nothing: reused');
    const edited = recordUpdate({ live, updated: pod('nginx:2'), manager: 'kubectl-edit', apiVersion: 'v1', now: T1 });
    const createdAfter = entriesOf(edited).find((e) => e.manager === 'kubectl-create')!;
    assert.notEqual(createdAfter, liveCreated, 'lost the image: encoded again');
    assert.equal(JSON.stringify(createdAfter.fieldsV1), JSON.stringify(createdMinusImage));
  });

  it('folds the oldest of more than ten updaters into ancient-changes', () => {
    let obj: Obj = pod('nginx:1');
    for (let i = 0; i < 12; i++) {
      const next = structuredClone(obj);
      ((next.metadata as Obj).labels as Obj)[`k${i}`] = 'v';
      obj = recordUpdate({ live: i === 0 ? undefined : obj, updated: next, manager: `m${i}`, apiVersion: 'v1', now: new Date(T1.getTime() + i * 1000) });
    }
    const names = entriesOf(obj).map((e) => e.manager);
    assert.equal(names.length, 10);
    assert.ok(names.includes('ancient-changes'));
    assert.ok(names.includes('m11'));
    assert.ok(!names.includes('m0'));
  });
});
