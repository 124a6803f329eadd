import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { planClaims, selectorOf } from './claim.ts';
import { controllerUidIndex, orphanIndexKey } from '../../client/cache.ts';

const rs = (deleting = false): ReplicaSet => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid', ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
  spec: { selector: { matchLabels: { app: 'web' } }, template: {} },
});
const ref = (uid: string, controller = true) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid, controller });
function pod(name: string, app: string, o: { owner?: string; nonController?: string; ns?: string; terminating?: boolean } = {}): Pod {
  const refs = [...(o.owner ? [ref(o.owner)] : []), ...(o.nonController ? [ref(o.nonController, false)] : [])];
  return { metadata: { name, namespace: o.ns ?? 'ns', labels: { app }, ...(refs.length ? { ownerReferences: refs } : {}), ...(o.terminating ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) } };
}

const cases: { name: string; deleting?: boolean; pods: Pod[]; want: { claimed: string[]; adopt: string[]; release: string[] } }[] = [
  { name: 'ours and matching: claimed', pods: [pod('a', 'web', { owner: 'rs-uid' })], want: { claimed: ['a'], adopt: [], release: [] } },
  { name: 'ours, not matching: released', pods: [pod('a', 'db', { owner: 'rs-uid' })], want: { claimed: [], adopt: [], release: ['a'] } },
  { name: 'another controller\'s: untouched even if matching', pods: [pod('a', 'web', { owner: 'other' })], want: { claimed: [], adopt: [], release: [] } },
  { name: 'orphan matching: adopted', pods: [pod('a', 'web'), pod('b', 'db')], want: { claimed: [], adopt: ['a'], release: [] } },
  { name: 'a non-controller reference does not make it owned', pods: [pod('a', 'web', { nonController: 'rs-uid' })], want: { claimed: [], adopt: ['a'], release: [] } },
  { name: 'terminating or other-namespace orphans are not adopted', pods: [pod('a', 'web', { terminating: true }), pod('b', 'web', { ns: 'x' })], want: { claimed: [], adopt: [], release: [] } },
  {
    name: 'being deleted: keeps claiming, neither adopts nor releases', deleting: true,
    pods: [pod('a', 'web', { owner: 'rs-uid' }), pod('b', 'db', { owner: 'rs-uid' }), pod('c', 'web')],
    want: { claimed: ['a'], adopt: [], release: [] },
  },
];

describe('planClaims', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = rs(c.deleting);
      const plan = planClaims(r, selectorOf(r), c.pods);
      const n = (ps: readonly { metadata?: { name?: string } }[]) => ps.map((p) => p.metadata!.name!);
      assert.deepEqual({ claimed: n(plan.claimed), adopt: n(plan.adopt), release: n(plan.release) }, c.want);
    });
  }
});

it('controllerUidIndex: controller uid, else the namespace orphan key', () => {
  const cases = [
    { name: 'controlled', input: { metadata: { namespace: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'u0' }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'u1', controller: true }] } }, want: ['u1'] },
    { name: 'owned but not controlled is an orphan', input: { metadata: { namespace: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'u0' }] } }, want: ['_ORPHAN_POD/a'] },
    { name: 'no owners', input: { metadata: { namespace: 'b' } }, want: [orphanIndexKey('b')] },
  ];
  for (const c of cases) assert.deepEqual(controllerUidIndex(c.input), c.want, c.name);
});
