import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { deployment, Harness, rollOut, setImage } from './harness.test-helpers.ts';
import { computeHash } from './hash.ts';
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './util/constants.ts';

let h: Harness;
before(async () => { h = await new Harness().start(); });
after(async () => { await h.stop(); });

const progressing = (d: Deployment) => d.status?.conditions?.find((c) => c.type === 'Progressing');
const rssOf = async (app: string): Promise<ReplicaSet[]> => (await h.replicaSets.list({ labelSelector: `app=${app}` })).items;
const sizesOf = async (app: string) => Object.fromEntries((await rssOf(app)).map((rs) => [rs.metadata?.annotations?.[REVISION_ANNOTATION], rs.spec?.replicas]));

describe('Recreate', () => {
  it('scales the old RS to 0 and waits for its pods before creating the new one', async () => {
    await h.deployments.create(deployment('rec', 3, 'nginx:1', { type: 'Recreate' }));
    await rollOut(h, 'rec');
    const [old] = await rssOf('rec');
    await h.pods.create({ metadata: { name: 'rec-old-pod', labels: { ...old.spec!.template!.metadata!.labels }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: old.metadata!.name!, uid: old.metadata!.uid!, controller: true }] }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } });
    await setImage(h, 'rec', 'nginx:2');
    await h.sync('rec');
    assert.deepEqual(await sizesOf('rec'), { '1': 0 }, 'old scaled to 0, no new RS yet');
    await h.sync('rec');
    assert.deepEqual(await sizesOf('rec'), { '1': 0 }, 'old RS still reports replicas');
    await h.markRS();
    await h.sync('rec');
    assert.deepEqual(await sizesOf('rec'), { '1': 0 }, 'an old pod is still there');
    await h.pods.delete('rec-old-pod');
    await h.sync('rec');
    assert.deepEqual(await sizesOf('rec'), { '1': 0, '2': 3 });
    const d = await rollOut(h, 'rec');
    assert.equal(d.metadata?.annotations?.[REVISION_ANNOTATION], '2');
  });
});

describe('pause and resume', () => {
  it('scales but does not roll out while paused', async () => {
    await h.deployments.create(deployment('pz', 2, 'nginx:1'));
    await rollOut(h, 'pz');
    await h.deployments.patch('pz', 'application/merge-patch+json', { spec: { paused: true } });
    await h.sync('pz');
    let d = await h.deployments.get('pz');
    assert.deepEqual([progressing(d)?.status, progressing(d)?.reason, progressing(d)?.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    await setImage(h, 'pz', 'nginx:2');
    await h.deployments.patch('pz', 'application/merge-patch+json', { spec: { replicas: 4 } });
    await h.sync('pz');
    assert.deepEqual(await sizesOf('pz'), { '1': 4 }, 'scaled, no new RS');
    d = await h.deployments.get('pz');
    assert.equal(d.status?.observedGeneration, d.metadata?.generation);
    await h.deployments.patch('pz', 'application/merge-patch+json', { spec: { paused: false } });
    await h.sync('pz');
    assert.equal(Object.keys(await sizesOf('pz')).length, 2, 'resumed: the new RS appears');
    d = await rollOut(h, 'pz');
    assert.deepEqual(await sizesOf('pz'), { '1': 0, '2': 4 });
  });
});

describe('history', () => {
  it('undo brings an old RS back as max revision + 1, keeping its old number in revision-history', async () => {
    await h.deployments.create(deployment('undo', 2, 'nginx:1'));
    await rollOut(h, 'undo');
    const first = (await rssOf('undo'))[0].metadata!.name!;
    await setImage(h, 'undo', 'nginx:2', { 'kubernetes.io/change-cause': 'to v2' });
    await rollOut(h, 'undo');
    const v2 = (await rssOf('undo')).find((rs) => rs.metadata!.name !== first)!;
    assert.equal(v2.metadata?.annotations?.['kubernetes.io/change-cause'], 'to v2');
    await setImage(h, 'undo', 'nginx:1'); // what `kubectl rollout undo` sends: the old template
    const d = await rollOut(h, 'undo');
    const rss = await rssOf('undo');
    assert.equal(rss.length, 2, 'no third RS: the old one is reused');
    const back = rss.find((rs) => rs.metadata!.name === first)!;
    assert.deepEqual([back.metadata?.annotations?.[REVISION_ANNOTATION], back.metadata?.annotations?.[REVISION_HISTORY_ANNOTATION], back.spec?.replicas], ['3', '1', 2]);
    assert.equal(d.metadata?.annotations?.[REVISION_ANNOTATION], '3');
    assert.equal(progressing(d)?.message, `ReplicaSet "${first}" has successfully progressed.`);
  });

  it('revisionHistoryLimit deletes the oldest empty ReplicaSets', async () => {
    const dep = deployment('hist', 1, 'nginx:1');
    dep.spec!.revisionHistoryLimit = 1;
    await h.deployments.create(dep);
    await rollOut(h, 'hist');
    for (const v of ['nginx:2', 'nginx:3']) { await setImage(h, 'hist', v); await rollOut(h, 'hist'); }
    await h.sync('hist');
    assert.deepEqual(await sizesOf('hist'), { '2': 0, '3': 1 });
  });
});

describe('ownership', () => {
  it('adopts a matching orphan with our template instead of creating another, and releases one that stops matching', async () => {
    const dep = deployment('own', 1, 'nginx:1');
    await h.deployments.create(dep);
    const tpl = { ...dep.spec!.template, metadata: { labels: { app: 'own', 'pod-template-hash': 'orphan' } } };
    await h.replicaSets.create({ metadata: { name: 'own-orphan', labels: { app: 'own', 'pod-template-hash': 'orphan' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'own', 'pod-template-hash': 'orphan' } }, template: tpl } });
    await h.sync('own');
    let rss = await rssOf('own');
    assert.equal(rss.length, 1);
    const d = await h.deployments.get('own');
    assert.equal(rss[0].metadata?.ownerReferences?.[0]?.uid, d.metadata?.uid);
    assert.equal(rss[0].metadata?.annotations?.[REVISION_ANNOTATION], '1');
    await h.replicaSets.patch('own-orphan', 'application/merge-patch+json', { metadata: { labels: { app: 'other' } } });
    await h.sync('own');
    rss = (await h.replicaSets.list()).items.filter((rs) => rs.metadata?.name === 'own-orphan');
    assert.deepEqual(rss[0].metadata?.ownerReferences ?? [], []);
  });
});

describe('hash collisions', () => {
  it('raises status.collisionCount and names the RS with the new hash', async () => {
    await h.deployments.create(deployment('col', 1, 'nginx:1'));
    const stored = await h.deployments.get('col');
    const taken = `col-${computeHash(stored.spec!.template)}`;
    const other = { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    await h.replicaSets.create({ metadata: { name: taken, labels: { app: 'other' } }, spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: other } });
    await assert.rejects(h.sync('col'), /hash collision/);
    assert.equal((await h.deployments.get('col')).status?.collisionCount, 1);
    await h.sync('col');
    const [rs] = await rssOf('col');
    assert.equal(rs.metadata?.name, `col-${computeHash(stored.spec!.template, 1)}`);
  });
});
