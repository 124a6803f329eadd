/**
 * A second real client: @kubernetes/client-node lists, watches, creates and patches
 * against a k8ts API server, with its own TLS and JSON handling.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../harness.ts';

let c: TestCluster;
let kc: k8s.KubeConfig;
before(async () => {
  c = await startTestCluster();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(c.kubeconfig);
});
after(async () => { await c?.stop(); });

it('creates, lists and patches', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const cm = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'one', labels: { app: 'a' } }, data: { k: 'v' } } });
  assert.equal(cm.metadata?.name, 'one');
  assert.match(cm.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
  const list = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'app=a' });
  assert.deepEqual(list.items.map((i) => i.metadata?.name), ['one']);
  const patched = await core.patchNamespacedConfigMap({ namespace: 'default', name: 'one', body: { data: { k: 'w', extra: 'x' } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  assert.deepEqual(patched.data, { k: 'w', extra: 'x' });
  const d = await apps.createNamespacedDeployment({ namespace: 'default', body: {
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  } });
  assert.equal(d.spec?.replicas, 1);
  const smp = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch));
  assert.equal(smp.spec?.template.spec?.containers[0].image, 'nginx:1.28');
  assert.equal(smp.metadata?.generation, 2);
  await assert.rejects(core.readNamespacedConfigMap({ namespace: 'default', name: 'missing' }), (e: { code?: number }) => e.code === 404);
});

it('watches', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const list = await core.listNamespacedConfigMap({ namespace: 'default' });
  const seen: string[] = [];
  const watch = new k8s.Watch(kc);
  let req: { abort(): void } | undefined;
  const got = new Promise<void>((resolve, reject) => {
    watch.watch('/api/v1/namespaces/default/configmaps', { resourceVersion: list.metadata?.resourceVersion }, (type, obj) => {
      seen.push(`${type} ${obj.metadata?.name}`);
      if (type === 'DELETED') resolve();
    }, (err) => { if (err && err.name !== 'AbortError') reject(err); }).then((r) => { req = r; }, reject);
  });
  // Wait until the watch is established: the server sends headers at once.
  for (let i = 0; !req && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'watched' } } });
  await core.patchNamespacedConfigMap({ namespace: 'default', name: 'watched', body: { data: { a: 'b' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'watched' });
  await got;
  req?.abort();
  assert.deepEqual(seen, ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
});
