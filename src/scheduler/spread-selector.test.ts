/**
 * The default spread selector follows the ReplicaSets of the pod's namespace as they come and
 * go, although its answers are kept per label set (a real informer over the in-process API
 * server, memory store).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { startAPIServer } from '../apiserver/server.ts';
import { createClient } from '../client/client.ts';
import { realClock } from '../client/clock.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { NAMESPACES, REPLICASETS } from '../client/resources.ts';
import { newPodInfo } from './pod-info.ts';
import { replicaSetSpreadSelector } from './spread-selector.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-spread-sel-'));
const abort = new AbortController();
after(() => { abort.abort(); rmSync(dir, { recursive: true, force: true }); });

const rs = (name: string, namespace: string, matchLabels: Record<string, string>): ReplicaSet => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace },
  spec: {
    replicas: 0, selector: { matchLabels },
    template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});
const pod = (namespace: string, labels: Record<string, string>): Pod => ({ metadata: { name: 'p', namespace, labels }, spec: { containers: [] } });
const keys = (s: { requirements: readonly { key: string }[] } | undefined) => s?.requirements.map((r) => r.key).sort() ?? [];

it('spread selector: ReplicaSets added, deleted and in other namespaces', async (t) => {
  const srv = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  t.after(() => srv.close());
  const client = createClient(inProcessTransport(srv.api));
  for (const ns of ['one', 'two']) await client.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const informers = new InformerFactory(client, { clock: realClock, log: () => {} });
  const inf = informers.informerFor<ReplicaSet>(REPLICASETS);
  const selectorFor = replicaSetSpreadSelector(inf);
  informers.start(abort.signal);
  await informers.waitForSync(abort.signal);
  // The informer hears of a write shortly after it: poll its cache, with a deadline.
  const seen = async (n: number) => {
    for (const deadline = Date.now() + 5000; inf.lister.list().length !== n;) {
      if (Date.now() > deadline) assert.fail(`the informer holds ${inf.lister.list().length} ReplicaSets, not ${n}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const web = newPodInfo(pod('one', { app: 'web', tier: 'front' }));

  const rss = (ns: string) => client.resource<ReplicaSet>(REPLICASETS).namespace(ns);
  await rss('one').create(rs('by-app', 'one', { app: 'web' }));
  await seen(1);
  assert.deepEqual(keys(selectorFor(web)), ['app']);
  assert.deepEqual(keys(selectorFor(web)), ['app'], 'asked again: the same answer');

  await rss('one').create(rs('by-tier', 'one', { tier: 'front' }));
  await rss('two').create(rs('elsewhere', 'two', { app: 'web' }));
  await seen(3);
  assert.deepEqual(keys(selectorFor(web)), ['app', 'tier'], 'a new ReplicaSet selecting the pod is heard of');
  assert.equal(selectorFor(newPodInfo(pod('one', { app: 'db' }))), undefined, 'a label set nobody selects');

  await rss('one').delete('by-app');
  await seen(2);
  assert.deepEqual(keys(selectorFor(web)), ['tier'], 'a deleted ReplicaSet no longer counts');
  assert.deepEqual(keys(selectorFor(newPodInfo(pod('two', { app: 'web', tier: 'front' })))), ['app']);
});
