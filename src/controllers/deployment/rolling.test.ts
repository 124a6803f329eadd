import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { deployment, Harness } from './harness.test-helpers.ts';
import { REVISION_ANNOTATION } from './util/constants.ts';

let h: Harness;
before(async () => { h = await new Harness().start(); });
after(async () => { await h.stop(); });

const condition = (d: Deployment, type: string) => d.status?.conditions?.find((c) => c.type === type);
const byRevision = async (rev: string): Promise<ReplicaSet> => (await h.replicaSets.list()).items.find((rs) => rs.metadata?.annotations?.[REVISION_ANNOTATION] === rev)!;

describe('rolling update', () => {
  it('creates the first ReplicaSet at full size and reports success', async () => {
    await h.deployments.create(deployment('web', 10, 'nginx:1'));
    await h.sync('web');
    const rs = await byRevision('1');
    assert.match(rs.metadata!.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const hash = rs.metadata!.name!.slice(4);
    assert.equal(rs.spec?.replicas, 10);
    assert.deepEqual(rs.metadata?.labels, { app: 'web', 'pod-template-hash': hash });
    assert.deepEqual(rs.spec?.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
    assert.equal(rs.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
    const d0 = await h.deployments.get('web');
    assert.deepEqual(rs.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d0.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '10');
    assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '13');
    assert.equal(d0.metadata?.annotations?.[REVISION_ANNOTATION], '1');
    assert.equal(condition(d0, 'Progressing')?.reason, 'NewReplicaSetCreated');
    assert.equal(condition(d0, 'Progressing')?.message, `Created new replica set "${rs.metadata!.name}"`);
    assert.deepEqual(h.events.events.at(-1), { object: 'Deployment/default/web', type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs.metadata!.name} from 0 to 10` });

    await h.markRS();
    await h.sync('web');
    const d = await h.deployments.get('web');
    assert.deepEqual([d.status?.observedGeneration, d.status?.replicas, d.status?.updatedReplicas, d.status?.readyReplicas, d.status?.availableReplicas, d.status?.unavailableReplicas],
      [d.metadata?.generation, 10, 10, 10, 10, 0]);
    assert.deepEqual([condition(d, 'Available')?.reason, condition(d, 'Progressing')?.reason, condition(d, 'Progressing')?.message],
      ['MinimumReplicasAvailable', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata!.name}" has successfully progressed.`]);
  });

  it('rolls a new template out one step per sync within maxSurge and maxUnavailable', async () => {
    const d = await h.deployments.get('web');
    d.spec!.template.spec!.containers[0].image = 'nginx:2';
    await h.deployments.update(d);
    const seen: Record<string, number>[] = [];
    for (let step = 0; step < 20; step++) {
      await h.sync('web');
      const sizes = await h.sizes();
      seen.push(sizes);
      const rss = (await h.replicaSets.list()).items;
      const total = rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      assert.ok(total <= 13, `step ${step}: ${total} replicas exceed 10 + maxSurge 3 (${JSON.stringify(sizes)})`);
      // Pods of a scaled-down RS vanish at once; new ones become available only at markRS.
      const available = rss.reduce((n, rs) => n + Math.min(rs.spec?.replicas ?? 0, rs.status?.availableReplicas ?? 0), 0);
      assert.ok(available >= 8, `step ${step}: only ${available} available, below 10 - maxUnavailable 2`);
      await h.markRS();
      if (sizes['1'] === 0 && sizes['2'] === 10) break;
    }
    assert.deepEqual(seen.slice(0, 3), [{ '1': 8, '2': 3 }, { '1': 8, '2': 5 }, { '1': 3, '2': 5 }]);
    assert.deepEqual(seen.at(-1), { '1': 0, '2': 10 });
    await h.sync('web');
    const done = await h.deployments.get('web');
    assert.equal(done.metadata?.annotations?.[REVISION_ANNOTATION], '2');
    assert.equal(condition(done, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    assert.deepEqual([done.status?.replicas, done.status?.updatedReplicas, done.status?.availableReplicas], [10, 10, 10]);
    assert.ok(h.events.events.some((e) => /^Scaled down replica set web-\w+ from 10 to 8$/.test(e.message)));
  });

  it('scales proportionally when spec.replicas changes mid-rollout', async () => {
    await h.deployments.create(deployment('prop', 10, 'nginx:1'));
    await h.sync('prop');
    await h.markRS();
    await h.sync('prop');
    const d = await h.deployments.get('prop');
    d.spec!.template.spec!.containers[0].image = 'nginx:2';
    await h.deployments.update(d);
    await h.sync('prop'); // as in Kubernetes, one sync makes the new RS (3) and scales the old one down (8)
    const rss = (await h.replicaSets.list({ labelSelector: 'app=prop' })).items;
    assert.deepEqual(rss.map((rs) => rs.spec?.replicas).sort((a, b) => a! - b!), [3, 8]);
    // Scaled to 20 (max 20 + 5 = 25): +14 by shares of the old max 13 (8→15, 3→6), the leftover 4 to the largest.
    await h.deployments.patch('prop', 'application/merge-patch+json', { spec: { replicas: 20 } });
    await h.sync('prop');
    const sizes = (await h.replicaSets.list({ labelSelector: 'app=prop' })).items.map((rs) => [rs.metadata?.annotations?.[REVISION_ANNOTATION], rs.spec?.replicas, rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas']]);
    assert.deepEqual(Object.fromEntries(sizes.map(([r, n, want]) => [r, [n, want]])), { '1': [19, '20'], '2': [6, '20'] });
  });

  it('reports ProgressDeadlineExceeded when the new pods never become available', async () => {
    const dep = deployment('stuck', 4, 'nginx:1');
    dep.spec!.progressDeadlineSeconds = 60;
    await h.deployments.create(dep);
    await h.sync('stuck');
    await h.markRS(() => 0);
    const r = await h.sync('stuck');
    const d = await h.deployments.get('stuck');
    assert.equal(condition(d, 'Available')?.reason, 'MinimumReplicasUnavailable');
    // Nothing moved: look again just after the deadline.
    const again = await h.sync('stuck');
    assert.ok(again && again.requeueAfter! > 60_000 - 1 && again.requeueAfter! <= 61_000, JSON.stringify([r, again]));
    h.clock.step(61_000);
    await h.sync('stuck');
    const late = await h.deployments.get('stuck');
    const rs = (await h.replicaSets.list({ labelSelector: 'app=stuck' })).items[0];
    assert.deepEqual([condition(late, 'Progressing')?.status, condition(late, 'Progressing')?.reason, condition(late, 'Progressing')?.message],
      ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs.metadata!.name}" has timed out progressing.`]);
  });
});
