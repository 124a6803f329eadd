/**
 * The pods a sync reads (podsToClaim over the informer's controller-uid index) and what
 * planClaims then makes of them: the lookup must hand over our pods and our namespace's
 * orphans, and nothing another controller owns or another namespace holds.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { Cache, CONTROLLER_UID_INDEX, controllerUidIndex, type IndexFunc } from '../../client/cache.ts';
import { deepFreeze } from '../../client/freeze.ts';
import { newLister } from '../../client/lister.ts';
import { planClaims, podsToClaim, selectorOf } from './claim.ts';

const rs = deepFreeze<ReplicaSet>({
  metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: {} },
});
const ref = (uid: string, controller: boolean) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid, controller });
function pod(name: string, app: string, o: { owner?: string; nonController?: string; ns?: string } = {}): Pod {
  const refs = [...(o.owner ? [ref(o.owner, true)] : []), ...(o.nonController ? [ref(o.nonController, false)] : [])];
  return { metadata: { name, namespace: o.ns ?? 'ns', uid: `${o.ns ?? 'ns'}-${name}`, labels: { app }, ...(refs.length ? { ownerReferences: refs } : {}) } };
}

const cases: { name: string; pods: Pod[]; want: { read: string[]; claimed: string[]; adopt: string[]; release: string[] } }[] = [
  { name: 'owned and matching: read and claimed', pods: [pod('a', 'web', { owner: 'rs-uid' })], want: { read: ['a'], claimed: ['a'], adopt: [], release: [] } },
  { name: 'owned, no longer matching: read and released', pods: [pod('a', 'db', { owner: 'rs-uid' })], want: { read: ['a'], claimed: [], adopt: [], release: ['a'] } },
  { name: 'orphan matching: read and adopted', pods: [pod('a', 'web')], want: { read: ['a'], claimed: [], adopt: ['a'], release: [] } },
  { name: 'orphan not matching: read, left alone', pods: [pod('a', 'db')], want: { read: ['a'], claimed: [], adopt: [], release: [] } },
  { name: 'only a non-controller reference: an orphan', pods: [pod('a', 'web', { nonController: 'other' })], want: { read: ['a'], claimed: [], adopt: ['a'], release: [] } },
  { name: 'owned by another controller, even matching: never read', pods: [pod('a', 'web', { owner: 'other' }), pod('b', 'db', { owner: 'other' })], want: { read: [], claimed: [], adopt: [], release: [] } },
  { name: 'orphan in another namespace: never read', pods: [pod('a', 'web', { ns: 'elsewhere' })], want: { read: [], claimed: [], adopt: [], release: [] } },
  { name: 'naming our uid from another namespace: never read', pods: [pod('a', 'web', { ns: 'elsewhere', owner: 'rs-uid' })], want: { read: [], claimed: [], adopt: [], release: [] } },
  {
    name: 'a mixed namespace: ours and our orphans only',
    pods: [pod('a', 'web', { owner: 'rs-uid' }), pod('b', 'web', { owner: 'other' }), pod('c', 'web'), pod('d', 'db'), pod('e', 'web', { ns: 'x' }), pod('f', 'db', { owner: 'rs-uid' })],
    want: { read: ['a', 'c', 'd', 'f'], claimed: ['a'], adopt: ['c'], release: ['f'] },
  },
];

it('podsToClaim: own pods and the namespace\'s orphans, by index', () => {
  for (const c of cases) {
    const cache = new Cache<Pod>({ [CONTROLLER_UID_INDEX]: controllerUidIndex as IndexFunc<Pod> });
    for (const p of c.pods) cache.put(deepFreeze(p));
    const read = podsToClaim(newLister(cache), rs);
    const plan = planClaims(rs, selectorOf(rs), read);
    const n = (ps: readonly { metadata?: { name?: string } }[]) => ps.map((p) => p.metadata!.name!).sort();
    assert.deepEqual({ read: n(read), claimed: n(plan.claimed), adopt: n(plan.adopt), release: n(plan.release) }, c.want, c.name);
  }
});

it('the index follows a pod as it is adopted and released', () => {
  const cache = new Cache<Pod>({ [CONTROLLER_UID_INDEX]: controllerUidIndex as IndexFunc<Pod> });
  const lister = newLister(cache);
  const names = () => podsToClaim(lister, rs).map((p) => p.metadata!.name!);
  cache.put(deepFreeze(pod('a', 'web', { owner: 'other' })));
  assert.deepEqual(names(), []);
  cache.put(deepFreeze(pod('a', 'web')));
  assert.deepEqual(names(), ['a']);
  cache.put(deepFreeze(pod('a', 'web', { owner: 'rs-uid' })));
  assert.deepEqual(names(), ['a']);
  assert.deepEqual(cache.indexKeys(CONTROLLER_UID_INDEX, '_ORPHAN_POD/ns'), [], 'no longer under the orphan key');
  cache.delete('ns/a');
  assert.deepEqual(names(), []);
});
