import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serverSideApply } from './apply.ts';
import type { ApplyInput } from './apply.ts';
import { conflictError } from './conflict.ts';
import { LAST_APPLIED } from './last-applied.ts';
import { entriesOf, entry, frozen, owners, pod, POD_FIELDS, T0, T1, withEntries } from './testdata.ts';
import type { Obj } from './walk.ts';

const kubectlApply = (fields: unknown, time?: string) => ({ ...entry('kubectl', 'Apply', fields, time) });
const csa = (fields: unknown) => entry('kubectl-client-side-apply', 'Update', fields);
const imageOnly = { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {}, '.': {} } } } };

interface Want {
  /** Expected `managedFields` as `manager/operation: fieldsV1`. */
  owners?: string[];
  /** Expected parts of the result object. */
  spec?: unknown;
  labels?: unknown;
  /** Expected conflict message (then no object). */
  conflict?: string;
  /** The result must be the live object, untouched (a no-op apply). */
  unchanged?: boolean;
}

const cases: { name: string; input: Partial<ApplyInput> & Pick<ApplyInput, 'applied'>; want: Want }[] = [
  {
    name: 'create via apply: the applier owns every applied field',
    input: { live: undefined, applied: pod('nginx:1') },
    want: {
      owners: [`kubectl/Apply: ${JSON.stringify(POD_FIELDS)}`],
      spec: { containers: [{ name: 'web', image: 'nginx:1' }] },
    },
  },
  {
    name: 're-apply unchanged: nothing changes, not even the time',
    input: { live: withEntries(pod('nginx:1'), [kubectlApply(POD_FIELDS, '2024-04-01T00:00:00Z')]), applied: pod('nginx:1') },
    want: { unchanged: true },
  },
  {
    name: 'a field the applier stops applying is removed',
    input: {
      live: withEntries(pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web', tier: 'fe' } } }),
        [kubectlApply({ ...POD_FIELDS, 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } })]),
      applied: pod('nginx:1'),
    },
    want: { labels: { app: 'web' }, owners: [`kubectl/Apply: ${JSON.stringify(POD_FIELDS)}`] },
  },
  {
    name: 'a field the applier stops applying stays when another manager owns it too',
    input: {
      live: withEntries(pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web', tier: 'fe' } } }), [
        kubectlApply({ ...POD_FIELDS, 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } }),
        entry('labeler', 'Update', { 'f:metadata': { 'f:labels': { 'f:tier': {} } } }),
      ]),
      applied: pod('nginx:1'),
    },
    want: { labels: { app: 'web', tier: 'fe' } },
  },
  {
    name: 'a container the applier stops applying goes, one owned by someone else stays',
    input: {
      live: withEntries(pod('x', { spec: { containers: [{ name: 'web', image: 'x' }, { name: 'old', image: 'o' }, { name: 'side', image: 's' }] } }), [
        kubectlApply({ 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:name': {}, 'f:image': {} }, 'k:{"name":"old"}': { '.': {}, 'f:name': {}, 'f:image': {} } } } }),
        entry('injector', 'Update', { 'f:spec': { 'f:containers': { 'k:{"name":"side"}': { '.': {}, 'f:name': {}, 'f:image': {} } } } }),
      ]),
      applied: pod('x'),
    },
    want: { spec: { containers: [{ name: 'web', image: 'x' }, { name: 'side', image: 's' }] } },
  },
  {
    name: 'conflict: another manager owns a field the apply changes',
    input: { live: withEntries(pod('nginx:1'), [csa(POD_FIELDS)]), applied: pod('nginx:2') },
    want: { conflict: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.containers[name="web"].image' },
  },
  {
    name: 'force: the conflicting field moves to the applier',
    input: { live: withEntries(pod('nginx:1'), [csa(POD_FIELDS)]), applied: pod('nginx:2'), force: true },
    want: {
      spec: { containers: [{ name: 'web', image: 'nginx:2' }] },
      owners: [
        `kubectl/Apply: ${JSON.stringify(POD_FIELDS)}`,
        `kubectl-client-side-apply/Update: ${JSON.stringify({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:name': {}, '.': {} } } } })}`,
      ],
    },
  },
  {
    name: 'two managers setting the same value share the field: no conflict',
    input: { live: withEntries(pod('nginx:1'), [entry('other', 'Apply', imageOnly)]), applied: pod('nginx:1') },
    // Entries sort by operation, then time: "other" applied earlier.
    want: { owners: [`other/Apply: ${JSON.stringify(imageOnly)}`, `kubectl/Apply: ${JSON.stringify(POD_FIELDS)}`] },
  },
  {
    name: 'two Apply managers: the second changing a shared value conflicts without "using"',
    input: { live: withEntries(pod('nginx:1'), [entry('other', 'Apply', imageOnly)]), applied: pod('nginx:2'), manager: 'ci' },
    want: { conflict: 'Apply failed with 1 conflict: conflict with "other": .spec.containers[name="web"].image' },
  },
  {
    name: 'kubectl may take over fields whose live value matches the last-applied annotation',
    input: {
      live: withEntries(pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web' }, annotations: { [LAST_APPLIED]: JSON.stringify(pod('nginx:1')) } } }), [
        csa({ ...POD_FIELDS, 'f:metadata': { 'f:annotations': { 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { 'f:app': {} } } }),
      ]),
      applied: pod('nginx:2'),
    },
    want: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } },
  },
  {
    name: 'an untracked object: its fields go to before-first-apply, then the apply takes what it changes',
    input: { live: pod('nginx:1', { spec: { containers: [{ name: 'web', image: 'nginx:1' }], restartPolicy: 'Always' } }), applied: pod('nginx:2'), force: false },
    want: { conflict: 'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .spec.containers[name="web"].image' },
  },
  {
    name: 'status is not applied through the main resource',
    input: { live: undefined, applied: pod('nginx:1', { status: { phase: 'Running' } }) },
    want: { owners: [`kubectl/Apply: ${JSON.stringify(POD_FIELDS)}`] },
  },
];

describe('serverSideApply', () => {
  for (const c of cases) {
    it(c.name, () => {
      const input = frozen({ manager: 'kubectl', force: false, apiVersion: 'v1', now: T1, live: undefined, ...c.input });
      const got = serverSideApply(input);
      if (c.want.conflict !== undefined) {
        assert.ok('conflicts' in got, 'expected conflicts');
        assert.equal(conflictError(got.conflicts).message, c.want.conflict);
        return;
      }
      assert.ok('object' in got, `unexpected conflicts: ${JSON.stringify(got)}`);
      const obj = got.object;
      if (c.want.unchanged) assert.deepEqual(obj, c.input.live);
      if (c.want.owners) assert.deepEqual(owners(obj), c.want.owners);
      if (c.want.spec) assert.deepEqual(obj.spec, c.want.spec);
      if (c.want.labels) assert.deepEqual((obj.metadata as Obj).labels, c.want.labels);
      assert.equal(obj.status, undefined);
      if (!c.want.unchanged) {
        const mine = entriesOf(obj).find((e) => e.manager === input.manager);
        assert.equal(mine?.time, '2024-05-01T11:00:00Z');
        assert.equal(mine?.apiVersion, 'v1');
      }
    });
  }

  it('keeps the last-applied annotation in sync for kubectl', () => {
    const live = withEntries(pod('nginx:1', { metadata: { name: 'p', labels: { app: 'web' }, annotations: { [LAST_APPLIED]: '{}' } } }), [kubectlApply(POD_FIELDS)]);
    const got = serverSideApply({ live, applied: pod('nginx:1'), manager: 'kubectl', force: false, apiVersion: 'v1', now: T0 });
    assert.ok('object' in got);
    assert.equal(((got.object.metadata as Obj).annotations as Obj)[LAST_APPLIED],
      '{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"app":"web"},"name":"p","namespace":"default"},"spec":{"containers":[{"image":"nginx:1","name":"web"}]}}\n');
  });

  it('merges keyed lists by key and keeps live-only items in place', () => {
    const live = withEntries(pod('x', { spec: { containers: [{ name: 'a', image: '1' }, { name: 'web', image: 'x', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } }),
      [entry('other', 'Update', { 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:image': {} } } } })]);
    const applied = pod('x', { spec: { containers: [{ name: 'web', image: 'y', ports: [{ containerPort: 80 }] }] } });
    const got = serverSideApply({ live, applied, manager: 'kubectl', force: false, apiVersion: 'v1', now: T0 });
    assert.ok('object' in got);
    assert.deepEqual(got.object.spec, { containers: [{ name: 'a', image: '1' }, { name: 'web', image: 'y', ports: [{ containerPort: 80, protocol: 'TCP' }] }] });
  });
});

describe('conflictError', () => {
  const c = (manager: string, operation: 'Apply' | 'Update', field: string) => ({ manager, operation, apiVersion: 'apps/v1', path: [], field });
  it('builds the 409 Status kubectl expects', () => {
    const err = conflictError([{ ...c('kubectl-client-side-apply', 'Update', '.spec.containers[name="web"].image'), apiVersion: 'v1' }], 'Pod', '', 'p');
    assert.equal(err.code, 409);
    assert.equal(err.reason, 'Conflict');
    assert.deepEqual(err.status.details?.causes, [{
      reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using v1', field: '.spec.containers[name="web"].image',
    }]);
  });
  it('groups several conflicts per manager', () => {
    const err = conflictError([c('b', 'Update', '.spec.replicas'), c('a', 'Apply', '.spec.x'), c('b', 'Update', '.spec.y')]);
    assert.equal(err.message, 'Apply failed with 3 conflicts: conflicts with "a":\n- .spec.x\nconflicts with "b" using apps/v1:\n- .spec.replicas\n- .spec.y');
  });
});
