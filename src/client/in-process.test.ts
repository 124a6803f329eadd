import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { isInvalid, isNotFound, isStatusError } from '../api/errors.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { createClient } from './client.ts';
import { FakeClock } from './clock.ts';
import { CONFIGMAPS, DEPLOYMENTS, PODS } from './resources.ts';
import type { Client } from './types.ts';

let server: RunningAPIServer;
let dir: string;
let client: Client;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-inproc-'));
  server = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  client = createClient(inProcessTransport(server.api));
});
after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });

describe('in-process transport', () => {
  it('shares no objects with the server in either direction', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS).namespace('default');
    const input: ConfigMap = { metadata: { name: 'iso' }, data: { a: '1' } };
    const made = await cms.create(input);
    input.data!.a = 'changed after create';
    made.data!.a = 'changed the result';
    assert.equal((await cms.get('iso')).data?.a, '1');
  });

  it('still validates, defaults and answers StatusErrors', async () => {
    const pods = client.resource<Pod>(PODS).namespace('default');
    await assert.rejects(pods.create({ metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'c', image: 'x' }] } }), (e) => isInvalid(e));
    await assert.rejects(pods.get('missing'), (e) => isNotFound(e));
    await assert.rejects(client.resource({ group: 'nope', version: 'v1', plural: 'things' }).get('x'), (e) => isNotFound(e));
    const p = await pods.create({ metadata: { generateName: 'gen-' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    assert.match(p.metadata!.name!, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.spec?.restartPolicy, 'Always', 'defaulted');
    assert.equal(p.spec?.containers[0].imagePullPolicy, 'Always');
  });

  it('serves subresources: binding, status, scale, and dry-run', async () => {
    const pods = client.resource<Pod>(PODS).namespace('default');
    await pods.create({ metadata: { name: 'b1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await pods.bind('b1', { target: { name: 'n1' } });
    assert.equal((await pods.get('b1')).spec?.nodeName, 'n1');
    await assert.rejects(pods.bind('b1', { target: { name: 'n2' } }), (e) => isStatusError(e) && e.code === 409);
    const st = await pods.patchStatus('b1', 'application/merge-patch+json', { status: { phase: 'Running' } });
    assert.equal(st.status?.phase, 'Running');
    const dry = await pods.create({ metadata: { name: 'dry' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }, { dryRun: true });
    assert.equal(dry.metadata?.name, 'dry');
    await assert.rejects(pods.get('dry'), (e) => isNotFound(e));

    const deps = client.resource<Deployment>(DEPLOYMENTS).namespace('default');
    await deps.create({ metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    const scale = await deps.getScale('web');
    assert.equal(scale.spec?.replicas, 1);
    await deps.updateScale('web', { ...scale, spec: { replicas: 3 } });
    assert.equal((await deps.get('web')).spec?.replicas, 3);
  });

  it('watches: a compacted start is an ERROR 410 event, and timeoutSeconds ends the stream on the clock', async () => {
    const clock = new FakeClock();
    const c = createClient(inProcessTransport(server.api, undefined, { clock })).resource<ConfigMap>(CONFIGMAPS).namespace('kube-system');
    await c.create({ metadata: { name: 'w1' } });
    const old = (await c.list()).metadata.resourceVersion!;
    await c.create({ metadata: { name: 'w2' } });
    await server.store.compact(await server.store.currentRevision());
    const gone = await c.watch({ resourceVersion: String(Number(old) - 1) });
    const events = [];
    for await (const ev of gone) events.push(ev);
    assert.equal(events.length, 1);
    assert.equal(events[0].type, 'ERROR');
    assert.equal((events[0].object as { code?: number }).code, 410);

    const w = await c.watch({ timeoutSeconds: 5, resourceVersion: '0' });
    const it = w[Symbol.asyncIterator]();
    const got = [await it.next(), await it.next()].map((r) => `${r.value.type} ${r.value.object.metadata?.name}`);
    assert.deepEqual(got.sort(), ['ADDED w1', 'ADDED w2']);
    const end = it.next();
    clock.step(4999);
    assert.equal(clock.hasWaiters(), true);
    clock.step(1);
    assert.equal((await end).done, true);
  });
});
