/**
 * `kubectl delete ns x` end to end against a real in-process API server: the controller
 * empties the namespace, keeps its conditions, and finalizes it. The test plays the node
 * agent for a scheduled pod. Controllers run on a FakeClock so the re-look delays
 * (estimate/2 + 1 s) are stepped, not waited for.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { ConfigMap, Namespace, Pod } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import { FakeClock } from '../../client/clock.ts';
import { CONFIGMAPS, DEPLOYMENTS, NAMESPACES, PODS, SECRETS } from '../../client/resources.ts';
import type { ObjectLike, ResourceRef } from '../../client/types.ts';
import { testEnv, until, type TestEnv } from '../garbagecollector/test-env.ts';
import { NamespaceController } from './controller.ts';
import { finalizeVia } from './finalize.ts';

let env: TestEnv;
let clock: FakeClock;
let ctl: NamespaceController;
before(async () => {
  clock = new FakeClock(Date.now());
  env = await testEnv({ clock });
  ctl = new NamespaceController(env.ctx, finalizeVia(env.transport));
  await env.start(ctl);
});
after(() => env.close());

const rc = <T extends ObjectLike>(ref: ResourceRef, ns: string) => env.client.resource<T>(ref).namespace(ns);
const nsClient = () => env.client.resource<Namespace>(NAMESPACES);
async function getNs(name: string): Promise<Namespace | undefined> {
  try { return await nsClient().get(name); } catch (e) { if (isNotFound(e)) return undefined; throw e; }
}
const condition = (ns: Namespace | undefined, type: string) => ns?.status?.conditions?.find((c) => c.type === type);
const labels = { app: 'web' };
const podSpec = { containers: [{ name: 'c', image: 'nginx' }] };

describe('namespace controller', () => {
  it('deletes every object in the namespace, then the namespace', async () => {
    await nsClient().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
    await rc<ConfigMap>(CONFIGMAPS, 'x').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
    await rc<ConfigMap>(CONFIGMAPS, 'x').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    await rc(SECRETS, 'x').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
    await rc<Deployment>(DEPLOYMENTS, 'x').create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } } });
    await rc<Pod>(PODS, 'x').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unscheduled' }, spec: podSpec });
    await rc<Pod>(PODS, 'x').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-node' }, spec: { ...podSpec, nodeName: 'n1' } });

    await nsClient().delete('x', { propagationPolicy: 'Background' });
    // The scheduled pod waits for its node agent: play it.
    await until('pod on-node terminating', async () => !!(await rc<Pod>(PODS, 'x').get('on-node')).metadata?.deletionTimestamp);
    const mid = await until('conditions written', async () => {
      const ns = await getNs('x');
      return condition(ns, 'NamespaceContentRemaining') ? ns : undefined;
    });
    assert.equal(mid.status?.phase, 'Terminating');
    assert.deepEqual(mid.spec?.finalizers, ['kubernetes']);
    assert.equal((await rc(CONFIGMAPS, 'x').list()).items.length, 0);
    assert.equal((await rc(DEPLOYMENTS, 'x').list()).items.length, 0);
    await rc(PODS, 'x').delete('on-node', { gracePeriodSeconds: 0 });
    await until('namespace x gone', async () => !(await getNs('x')));
  });

  it('waits for finalizers, with the conditions saying so', async () => {
    await nsClient().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'held' } });
    await rc<ConfigMap>(CONFIGMAPS, 'held').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } });
    await nsClient().delete('held');
    const ns = await until('finalizer condition', async () => {
      const n = await getNs('held');
      return condition(n, 'NamespaceFinalizersRemaining')?.status === 'True' ? n : undefined;
    });
    assert.equal(condition(ns, 'NamespaceFinalizersRemaining')?.message, 'Some finalizers are remaining: example.com/hold in 1 resource instances');
    assert.equal(condition(ns, 'NamespaceContentRemaining')?.message, 'Some resources are remaining: configmaps. has 1 resource instances');
    assert.equal(condition(ns, 'NamespaceDeletionContentFailure')?.status, 'False');
    await rc(CONFIGMAPS, 'held').patch('c', 'application/merge-patch+json', { metadata: { finalizers: null } });
    // The controller looks again after 15/2+1 = 8 s.
    await until('requeue armed', () => clock.hasWaiters());
    clock.step(8_000);
    await until('namespace held gone', async () => !(await getNs('held')));
  });

  it('never touches the system namespaces', async () => {
    // The API server refuses to delete default, kube-system and kube-public; kube-node-lease
    // can be marked for deletion, but the controller still leaves it and its content alone.
    await assert.rejects(nsClient().delete('kube-public'), /this namespace may not be deleted/);
    await rc<ConfigMap>(CONFIGMAPS, 'kube-node-lease').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' } });
    await nsClient().delete('kube-node-lease');
    await ctl.reconcile('kube-node-lease');
    assert.ok(await rc(CONFIGMAPS, 'kube-node-lease').get('keep'));
    assert.deepEqual((await getNs('kube-node-lease'))?.spec?.finalizers, ['kubernetes']);
  });
});
