/**
 * The collector against a real in-process API server: a Deployment → ReplicaSet → Pod
 * chain made by hand (no other controllers run), deleted with each propagation policy.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { ConfigMap, Pod, Secret } from 'kubernetes-types/core/v1.d.ts';
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import { CONFIGMAPS, DEPLOYMENTS, PODS, REPLICASETS, SECRETS } from '../../client/resources.ts';
import type { ObjectLike, ResourceRef } from '../../client/types.ts';
import { GarbageCollector } from './controller.ts';
import { testEnv, until, type TestEnv } from './test-env.ts';

const NS = 'default';
const labels = { app: 'web' };
const template = { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
const ownerRef = (o: ObjectLike, block = true): OwnerReference => ({
  apiVersion: o.apiVersion!, kind: o.kind!, name: o.metadata!.name!, uid: o.metadata!.uid!, controller: true, blockOwnerDeletion: block,
});

let env: TestEnv;
before(async () => {
  env = await testEnv();
  await env.start(new GarbageCollector(env.ctx));
});
after(() => env.close());

const r = <T extends ObjectLike>(ref: ResourceRef) => env.client.resource<T>(ref).namespace(NS);
async function exists(ref: ResourceRef, name: string): Promise<ObjectLike | undefined> {
  try { return await r(ref).get(name); } catch (e) { if (isNotFound(e)) return undefined; throw e; }
}
const gone = (ref: ResourceRef, name: string) => until(`${ref.plural}/${name} gone`, async () => !(await exists(ref, name)));

/** deploy → rs → pods (2), all linked by controller refs with blockOwnerDeletion. */
async function chain(name: string, podExtra: Partial<Pod['metadata']> = {}) {
  const d = await r<Deployment>(DEPLOYMENTS).create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { selector: { matchLabels: labels }, template } });
  const rs = await r<ReplicaSet>(REPLICASETS).create({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${name}-rs`, ownerReferences: [ownerRef(d)] }, spec: { selector: { matchLabels: labels }, template },
  });
  const pods: Pod[] = [];
  for (const i of [1, 2]) {
    pods.push(await r<Pod>(PODS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-rs-${i}`, labels, ownerReferences: [ownerRef(rs)], ...podExtra }, spec: template.spec }));
  }
  return { d, rs, pods };
}

describe('garbage collector', () => {
  it('Background: deleting the deployment removes its ReplicaSet, then its pods', async () => {
    const { d, rs, pods } = await chain('bg');
    await r(DEPLOYMENTS).delete(d.metadata!.name!, { propagationPolicy: 'Background' });
    await gone(REPLICASETS, rs.metadata!.name!);
    for (const p of pods) await gone(PODS, p.metadata!.name!);
  });

  it('Foreground: the owner stays until its blocking dependents are gone', async () => {
    // A finalizer of our own holds the pods, so the wait is observable.
    const { d, rs, pods } = await chain('fg', { finalizers: ['example.com/hold'] });
    await r(DEPLOYMENTS).delete(d.metadata!.name!, { propagationPolicy: 'Foreground' });
    // The cascade reaches the pods (they get a deletionTimestamp) …
    for (const p of pods) await until('pod terminating', async () => !!(await exists(PODS, p.metadata!.name!))?.metadata?.deletionTimestamp);
    // … while the ReplicaSet and the deployment wait with foregroundDeletion.
    const rsNow = await exists(REPLICASETS, rs.metadata!.name!);
    const dNow = await exists(DEPLOYMENTS, d.metadata!.name!);
    assert.deepEqual(rsNow?.metadata?.finalizers, ['foregroundDeletion']);
    assert.ok(dNow?.metadata?.deletionTimestamp);
    assert.deepEqual(dNow?.metadata?.finalizers, ['foregroundDeletion']);
    for (const p of pods) await r(PODS).patch(p.metadata!.name!, 'application/merge-patch+json', { metadata: { finalizers: null } });
    for (const p of pods) await gone(PODS, p.metadata!.name!);
    await gone(REPLICASETS, rs.metadata!.name!);
    await gone(DEPLOYMENTS, d.metadata!.name!);
  });

  it('Orphan: dependents lose the reference and stay', async () => {
    const { d, rs, pods } = await chain('orph');
    await r(DEPLOYMENTS).delete(d.metadata!.name!, { propagationPolicy: 'Orphan' });
    await gone(DEPLOYMENTS, d.metadata!.name!);
    const left = await exists(REPLICASETS, rs.metadata!.name!);
    assert.equal(left?.metadata?.ownerReferences, undefined);
    assert.equal(left?.metadata?.deletionTimestamp, undefined);
    for (const p of pods) assert.equal((await exists(PODS, p.metadata!.name!))?.metadata?.ownerReferences?.[0]?.uid, rs.metadata!.uid);
  });

  it('an object with another live owner only loses the dead reference', async () => {
    const a = await r<Secret>(SECRETS).create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'owner-a' } });
    const b = await r<Secret>(SECRETS).create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'owner-b' } });
    await r<ConfigMap>(CONFIGMAPS).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', ownerReferences: [ownerRef(a, false), { ...ownerRef(b, false), controller: false }] } });
    await r(SECRETS).delete('owner-a');
    const cm = await until('ref to owner-a dropped', async () => {
      const o = await exists(CONFIGMAPS, 'shared');
      return o?.metadata?.ownerReferences?.length === 1 ? o : undefined;
    });
    assert.equal(cm.metadata?.ownerReferences?.[0]?.uid, b.metadata!.uid);
    await r(SECRETS).delete('owner-b');
    await gone(CONFIGMAPS, 'shared');
  });

  it('an object whose owner never existed is deleted (after a live check)', async () => {
    await r<ConfigMap>(CONFIGMAPS).create({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'orphaned', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope', uid: '00000000-0000-0000-0000-000000000000' }] },
    });
    await gone(CONFIGMAPS, 'orphaned');
  });

  it('an owner of a kind k8ts does not serve is never taken as gone', async () => {
    // Beside it, a dead owner of a known kind: the collector drops that ref and, since
    // the unknown owner counts as alive, keeps the object.
    await r<ConfigMap>(CONFIGMAPS).create({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'crd-owned', ownerReferences: [
        { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: '11111111-0000-0000-0000-000000000000' },
        { apiVersion: 'v1', kind: 'Secret', name: 'x', uid: '22222222-0000-0000-0000-000000000000' },
      ] },
    });
    const cm = await until('dead ref dropped', async () => {
      const o = await exists(CONFIGMAPS, 'crd-owned');
      return o?.metadata?.ownerReferences?.length === 1 ? o : undefined;
    });
    assert.equal(cm.metadata?.ownerReferences?.[0]?.kind, 'Widget');
    assert.equal(cm.metadata?.deletionTimestamp, undefined);
  });
});
